"""Trend (Org 5): compare this year's gap analysis with last year's run, per unit and group: the share lacking then
and now, and the change in percentage points (negative = fewer lack it: better).

Last year comes either as last year's staff files (read exactly like this year's, so every view and filter works) or
as the gap CSV exported last year (`digiskill aggregate --table gaps`; it has groups but no divisions, stages or
roles, so with such a filter the trend is not available, and rows hidden last year (empty, or "< 5" in older files)
stay unknown).
"""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from ...errors import InputError, Problem
from ..display.columns import Column
from ..display.percent import percent

MAX_CSV_ROWS = 20_000


class LastYearError(InputError):
    what = "last year's gap CSV"

    def as_json(self) -> dict:
        return {"ok": False, "errors": [{"line": p.line, "path": p.path, "message": p.message,
                                         "message_th": p.ctx["th"]} for p in self.problems]}


@dataclass
class Baseline:
    agg: object = None  # last year's Aggregation (from staff files)
    csv_rows: dict | None = None  # (group, code) -> (required, lacking), or None where last year's was hidden
    label: str = ""

    def rows_for(self, filter, privacy) -> dict | None:
        """(group, code) -> (required, lacking) or None (hidden by this year's `privacy`, so both years follow the
        same choice of names); None as a whole when this view cannot be compared."""
        if self.agg is not None:
            view = self.agg.view(filter)
            return {key: (None if ("g", *key) in view.hidden else (r.required, r.lacking))
                    for key, r in view.rows.items()}
        if filter.division is not None or filter.stage is not None or filter.role is not None:
            return None
        return {key: value for key, value in self.csv_rows.items() if filter.group in (None, key[0])}


def read_gap_csv(data: bytes | str, file: str = "last-year.csv") -> Baseline:
    text = data.decode("utf-8-sig", errors="replace") if isinstance(data, (bytes, bytearray)) else data.lstrip("\ufeff")
    problems = []

    def problem(line, path, en, th):
        problems.append(Problem(file, line, path, "bad_last_year", en, {"th": th}))

    rows = list(csv.reader(io.StringIO(text)))
    from .aggregate import GAP_COLUMNS

    keys = {c.th: c.key for c in GAP_COLUMNS}  # the Thai headers (the default) or the machine keys (--keys)
    header = [keys.get(h.strip(), h.strip()) for h in rows[0]] if rows else []
    need = ["group", "code", "staff_required", "staff_lacking"]
    if [c for c in need if c not in header]:
        thai = ", ".join(c.th for c in GAP_COLUMNS if c.key in need)
        problem(1, "", f"not a gap CSV exported by digiskill: the header needs {', '.join(need)} (or {thai})",
                f"ไม่ใช่ตารางช่องว่างที่ส่งออกจาก digiskill: หัวตารางต้องมี {thai}")
        raise LastYearError(problems)
    if len(rows) > MAX_CSV_ROWS:
        problem(None, "", f"{len(rows)} lines; at most {MAX_CSV_ROWS}", f"มี {len(rows)} บรรทัด รับได้ไม่เกิน {MAX_CSV_ROWS}")
        raise LastYearError(problems)
    at = {name: header.index(name) for name in need}
    found: dict = {}
    for number, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        cell = {name: (row[i].strip() if i < len(row) else "") for name, i in at.items()}
        if any(cell[k] == "" or cell[k].startswith("<") for k in ("staff_required", "staff_lacking")):
            found[(cell["group"], cell["code"])] = None
            continue
        if not all(cell[k].isascii() and cell[k].isdigit() for k in ("staff_required", "staff_lacking")):
            problem(number, "staff_required", f"expected whole numbers of staff, found '{cell['staff_required']}' "
                                              f"and '{cell['staff_lacking']}'",
                    f"ต้องเป็นจำนวนคน พบ '{cell['staff_required']}' และ '{cell['staff_lacking']}'")
            continue
        found[(cell["group"], cell["code"])] = (int(cell["staff_required"]), int(cell["staff_lacking"]))
    if problems:
        raise LastYearError(problems[:50])
    return Baseline(csv_rows=found, label=file)


@dataclass
class TrendRow:
    group: str
    code: str
    component: str
    title_th: str
    before: tuple | None  # (required, lacking) last year; None if hidden; () if last year had no such row
    now: tuple | None  # (required, lacking) this year, None if hidden

    @property
    def change(self) -> int | None:
        """Percentage points: this year's whole percent minus last year's, each rounded as shown first (so the
        columns agree on screen: 13 % then 13 % is 0, though 12.5 % → 13.4 % is 0.9 points)."""
        if not self.before or not self.now or not self.before[0] or not self.now[0]:
            return None
        return percent(self.now[1] / self.now[0]) - percent(self.before[1] / self.before[0])


def trend_rows(agg) -> list[TrendRow]:
    if agg.last_year is None:
        return []
    before = agg.last_year.rows_for(agg.filter, agg.privacy)
    if before is None:
        return []
    return [TrendRow(r.group, r.code, r.component, r.title_th, before.get((r.group, r.code), ()),
                     None if ("g", r.group, r.code) in agg.hidden else (r.required, r.lacking))
            for r in agg.gap_rows()]


TREND_COLUMNS = [
    Column("group", "รหัสกลุ่ม", page=False), Column("group_title_th", "กลุ่มบุคลากร"), Column("component", "องค์ประกอบ"),
    Column("code", "รหัส"), Column("title_th", "ทักษะ"),
    Column("required_last_year", "ปีที่แล้ว: ต้องมี (คน)", "number"),
    Column("lacking_last_year", "ปีที่แล้ว: ยังไม่มี (คน)", "number"),
    Column("percent_last_year", "ปีที่แล้ว: ยังไม่มี (%)", "percent"),
    Column("required_now", "ปีนี้: ต้องมี (คน)", "number"), Column("lacking_now", "ปีนี้: ยังไม่มี (คน)", "number"),
    Column("percent_now", "ปีนี้: ยังไม่มี (%)", "percent"), Column("change_points", "เปลี่ยน (จุดร้อยละ)", "number"),
    Column("suppressed_last_year", "ซ่อนตัวเลขปีที่แล้ว", "marker"), Column("suppressed_now", "ซ่อนตัวเลขปีนี้", "marker")]
TREND_HOWTO_TH = [
    "หนึ่งแถวคือกลุ่มบุคลากรหนึ่งกลุ่มกับทักษะหนึ่งรายการ ตัวเลขแต่ละปีนับแบบเดียวกับตารางช่องว่างของปีนั้น",
    "ยังไม่มี (%): ยังไม่มี (คน) เป็นร้อยละของต้องมี (คน) ของปีนั้น ปัดเป็นจำนวนเต็ม (ครึ่งปัดขึ้น)",
    "เปลี่ยน (จุดร้อยละ): ร้อยละของปีนี้ลบร้อยละของปีที่แล้ว หลังปัดแต่ละปีแล้ว (จึงตรงกับสองช่องที่เห็น) "
    "ติดลบคือคนที่ยังไม่มีลดลง (ดีขึ้น) · ว่างเมื่อปีใดปีหนึ่งไม่มีหรือถูกซ่อน",
    "ช่องของปีที่แล้วว่างโดยไม่มีคำว่าซ่อน: ปีที่แล้วไม่มีแถวนี้ (เช่น ยังไม่มีบุคลากรในกลุ่มนั้น)",
    "ซ่อนตัวเลข: ตัวเลขของปีนั้นว่างไว้ เพราะมาจากบุคลากรน้อยกว่าเกณฑ์ (ตั้งต้น 5 คน) หรือถูกซ่อนประกอบ",
]


def trend_table(agg) -> list[list]:
    from .aggregate import component_cell

    groups = {g.code: g.title_th for g in agg.catalog.groups}

    def side(pair):
        if not pair:
            return [None, None, None]
        return [pair[0], pair[1], percent(pair[1] / pair[0]) if pair[0] else None]

    return [[r.group, groups[r.group], component_cell(r.component), r.code, r.title_th, *side(r.before),
             *side(r.now), r.change, r.before is None, r.now is None] for r in trend_rows(agg)]


def biggest_changes(agg, count: int = 12) -> list[TrendRow]:
    """The rows that changed most (either way), for the chart and the plan draft."""
    rows = [r for r in trend_rows(agg) if r.change]
    return sorted(rows, key=lambda r: (-abs(r.change), r.group, r.code))[:count]
