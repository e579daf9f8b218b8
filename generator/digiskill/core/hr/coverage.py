"""Coverage (Org 3.1, Org 4): how many staff responded against headcount, how many plans the supervisors agreed,
how many progress reviews were done, per group and per division.

HR gives the headcount as a small CSV (typed on the page or saved from a spreadsheet):

    group,division,headcount
    A,กองกลาง,12
    S,,40

`group` is a group code, `division` is optional (empty: the whole agency), `headcount` a whole number. A group's
headcount for the whole agency is its row without a division, or else the sum of its division rows.
"""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from ...errors import InputError, Problem
from ..display.columns import Column
from ..display.percent import percent

MAX_HEADCOUNT_ROWS = 5_000


class HeadcountError(InputError):
    what = "headcount file"

    def as_json(self) -> dict:
        return {"ok": False, "errors": [{"line": p.line, "path": p.path, "message": p.message,
                                         "message_th": p.ctx["th"]} for p in self.problems]}


@dataclass
class Headcount:
    counts: dict  # (division or "", group) -> staff

    def of(self, group: str, division: str | None) -> int | None:
        """Staff of `group` in `division`; None (every division) is the agency-wide row, or the sum of the division
        rows. "" (the staff whose files name no division) has no headcount: a row without a division is the
        agency's own figure, never that of "ไม่ระบุส่วนราชการ" (#24)."""
        if division == "":
            return None
        if division is not None:
            return self.counts.get((division, group))
        if ("", group) in self.counts:
            return self.counts[("", group)]
        values = [n for (_d, g), n in self.counts.items() if g == group]
        return sum(values) if values else None


def read_headcount(text: str, catalog, file: str = "headcount.csv") -> Headcount:
    """Raises HeadcountError naming the line and column of every problem (Thai and English)."""
    problems = []

    def problem(line, path, en, th):
        problems.append(Problem(file, line, path, "bad_headcount", en, {"th": th}))

    text = text.lstrip("\ufeff")
    rows = list(csv.reader(io.StringIO(text)))
    if not rows or not any(cell.strip() for cell in rows[0]):
        problem(1, "", "empty: expected a header line 'group,division,headcount'",
                "ไฟล์ว่าง ต้องมีบรรทัดหัวตาราง group,division,headcount")
        raise HeadcountError(problems)
    header = [h.strip().lower() for h in rows[0]]
    missing = [c for c in ("group", "headcount") if c not in header]
    if missing:
        problem(1, "", f"the header has no column {', '.join(missing)} (found: {', '.join(header)}); expected "
                       "'group,division,headcount'", f"หัวตารางไม่มีคอลัมน์ {', '.join(missing)} ต้องเป็น "
                                                     "group,division,headcount")
        raise HeadcountError(problems)
    if len(rows) > MAX_HEADCOUNT_ROWS:
        problem(None, "", f"{len(rows)} lines; at most {MAX_HEADCOUNT_ROWS}",
                f"มี {len(rows)} บรรทัด รับได้ไม่เกิน {MAX_HEADCOUNT_ROWS}")
        raise HeadcountError(problems)
    groups = {g.code for g in catalog.groups}
    at = {name: header.index(name) for name in ("group", "division", "headcount") if name in header}
    counts: dict = {}
    for number, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        cell = {name: (row[i].strip() if i < len(row) else "") for name, i in at.items()}
        division = " ".join(cell.get("division", "").split())
        group, value = cell["group"], cell["headcount"]
        if group not in groups:
            problem(number, "group", f"'{group}' is not a group code (expected one of {', '.join(sorted(groups))})",
                    f"'{group}' ไม่ใช่รหัสกลุ่ม (ต้องเป็น {', '.join(sorted(groups))})")
            continue
        if not (value.isascii() and value.isdigit()) or len(value) > 7:  # "²".isdigit() too
            problem(number, "headcount", f"'{value}' is not a whole number of staff (e.g. 12)",
                    f"'{value}' ไม่ใช่จำนวนคนเป็นจำนวนเต็ม (เช่น 12)")
            continue
        if (division, group) in counts:
            problem(number, "group", f"group {group}{' in ' + division if division else ''} is listed twice",
                    f"กลุ่ม {group}{' ของ ' + division if division else ''} ซ้ำกัน")
            continue
        counts[(division, group)] = int(value)
    if problems:
        raise HeadcountError(problems)
    return Headcount(counts)


@dataclass
class CoverageRow:
    division: str | None  # None: every division together
    group: str | None  # None: every group together (the total row)
    headcount: int | None
    responded: int = 0
    agreed: int = 0  # plans agreed by the supervisor
    reviewed: int = 0  # with a progress review


def coverage_rows(agg) -> list[CoverageRow]:
    """Per group for this view, then the total; per division × group too when the view is not one division and the
    staff or the headcount name divisions."""
    rows = []
    division = agg.filter.division
    groups = [g.code for g in agg.catalog.groups if agg.filter.group in (None, g.code)]
    headcount = agg.headcount

    def row(div, group, facts):
        count = headcount.of(group, div) if headcount is not None and group else None
        return CoverageRow(div, group, count, len(facts), sum(f.agreed for f in facts),
                           sum(f.reviewed for f in facts))

    by_key: dict = {}
    for fact in agg.staff:
        by_key.setdefault((fact.division, fact.group), []).append(fact)
    scopes = [division] if division is not None else [None]
    if division is None and (len(agg.divisions) > 1 or agg.divisions and agg.divisions[0] != ""):
        scopes += agg.divisions
    for div in scopes:
        part = []
        for group in groups:
            facts = [f for (d, g), fs in by_key.items() if g == group and div in (None, d) for f in fs]
            head = headcount.of(group, div) if headcount is not None else None
            if facts or head:
                part.append(row(div, group, facts))
        if part:
            total = CoverageRow(div, None, None if any(r.headcount is None for r in part) else
                                sum(r.headcount for r in part), sum(r.responded for r in part),
                                sum(r.agreed for r in part), sum(r.reviewed for r in part))
            rows += part + [total]
    return rows


COVERAGE_COLUMNS = [
    Column("division", "ส่วนราชการ"), Column("group", "รหัสกลุ่ม", page=False), Column("group_title_th", "กลุ่มบุคลากร"),
    Column("headcount", "อัตรากำลัง (คน)", "number"), Column("responded", "ตอบแล้ว (คน)", "number"),
    Column("response_percent", "ตอบแล้ว (% ของอัตรากำลัง)", "percent"),
    Column("plans_agreed", "แผนที่ผู้บังคับบัญชาเห็นชอบ (คน)", "number"),
    Column("agreed_percent", "เห็นชอบแล้ว (% ของผู้ที่ตอบ)", "percent"),
    Column("progress_reviewed", "ติดตามความก้าวหน้าแล้ว (คน)", "number"),
    Column("reviewed_percent", "ติดตามแล้ว (% ของผู้ที่ตอบ)", "percent"), Column("suppressed", "ซ่อนตัวเลข", "marker")]
COVERAGE_HOWTO_TH = [
    "หนึ่งแถวคือกลุ่มบุคลากรหนึ่งกลุ่มของส่วนราชการหนึ่ง แถว \"ทั้งหมด\" คือผลรวมของแถวเหนือขึ้นไป",
    "อัตรากำลัง (คน): จากไฟล์อัตรากำลังที่ฝ่ายบุคคลใส่ (ว่างเมื่อไม่มี) ไม่ได้มาจากไฟล์ของบุคลากร",
    "ตอบแล้ว (คน): ไฟล์ผลประเมินที่ใช้ได้ หนึ่งคนหนึ่งไฟล์ · ตอบแล้ว (%): เป็นร้อยละของอัตรากำลัง",
    "แผนที่ผู้บังคับบัญชาเห็นชอบ (คน): ไฟล์ที่ผู้บังคับบัญชาลงวันที่เห็นชอบแล้ว (ผลการพิจารณาที่ยังไม่ลงวันที่ไม่นับ) "
    "· เห็นชอบแล้ว (%): เป็นร้อยละของผู้ที่ตอบ ไม่ใช่ของอัตรากำลัง",
    "ติดตามความก้าวหน้าแล้ว (คน): ไฟล์ที่มีการทบทวนความก้าวหน้าอย่างน้อยหนึ่งครั้งที่มีรายการ "
    "· ติดตามแล้ว (%): เป็นร้อยละของผู้ที่ตอบ",
    "ร้อยละปัดเป็นจำนวนเต็ม (ครึ่งปัดขึ้น) · ซ่อนตัวเลข: ตัวเลขจากไฟล์ของแถวนี้ว่างไว้ เพราะมาจากบุคลากรน้อยกว่าเกณฑ์ (ตั้งต้น 5 คน) "
    "หรือถูกซ่อนประกอบเพื่อไม่ให้คำนวณย้อนจากผลรวมได้",
]
ALL_TH = "ทั้งหมด"
NO_DIVISION_TH = "ไม่ระบุส่วนราชการ"


def division_label(division: str | None) -> str:
    return ALL_TH if division is None else (division or NO_DIVISION_TH)


def coverage_table(agg) -> list[list]:
    groups = {g.code: g.title_th for g in agg.catalog.groups}
    out = []
    for r in coverage_rows(agg):
        base = r.responded
        hidden = ("c", r.division, r.group) in agg.hidden
        if hidden:
            figures = [None] * 6
        else:
            figures = [r.responded, percent(r.responded / r.headcount) if r.headcount else None,
                       r.agreed, percent(r.agreed / base) if base else None,
                       r.reviewed, percent(r.reviewed / base) if base else None]
        out.append([division_label(r.division), r.group or ALL_TH, groups.get(r.group, ALL_TH), r.headcount,
                    *figures, hidden])
    return out
