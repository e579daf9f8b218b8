"""Trend (Org 5): compare this year's gap analysis with last year's run, per unit and group: the share lacking then
and now, and the change in percentage points (negative = fewer lack it: better).

Last year comes either as last year's staff files (read exactly like this year's, so every view and filter works) or
as the gap CSV exported last year (`digiskill aggregate --table gaps`; it has groups but no divisions, stages or
roles, so with such a filter the trend is not available, and rows hidden as "< 5" last year stay unknown).
"""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from ...errors import InputError, Problem
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
    csv_rows: dict | None = None  # (group, code) -> (required, lacking), or None where last year showed "< 5"
    label: str = ""

    def rows_for(self, filter, privacy) -> dict | None:
        """(group, code) -> (required, lacking) or None (hidden by this year's `privacy`, so both years follow the
        same choice of names); None as a whole when this view cannot be compared."""
        if self.agg is not None:
            view = self.agg.view(filter)
            hidden = privacy.hidden
            return {key: (None if hidden(r.required) else (r.required, r.lacking)) for key, r in view.rows.items()}
        if filter.division is not None or filter.stage is not None or filter.role is not None:
            return None
        return {key: value for key, value in self.csv_rows.items() if filter.group in (None, key[0])}


def read_gap_csv(data: bytes | str, file: str = "last-year.csv") -> Baseline:
    text = data.decode("utf-8-sig", errors="replace") if isinstance(data, (bytes, bytearray)) else data.lstrip("\ufeff")
    problems = []

    def problem(line, path, en, th):
        problems.append(Problem(file, line, path, "bad_last_year", en, {"th": th}))

    rows = list(csv.reader(io.StringIO(text)))
    header = [h.strip() for h in rows[0]] if rows else []
    need = ["group", "code", "staff_required", "staff_lacking"]
    if [c for c in need if c not in header]:
        problem(1, "", f"not a gap CSV exported by digiskill: the header needs {', '.join(need)}",
                f"ไม่ใช่ตารางช่องว่างที่ส่งออกจาก digiskill: หัวตารางต้องมี {', '.join(need)}")
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
        if cell["staff_required"].startswith("<") or cell["staff_lacking"].startswith("<"):
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
    before: tuple | None  # (required, lacking) last year; None if hidden ("< 5"); () if last year had no such row
    now: tuple | None  # (required, lacking) this year, None if hidden

    @property
    def change(self) -> int | None:
        """Percentage points, whole percents as shown (so the columns add up on screen)."""
        if not self.before or not self.now or not self.before[0] or not self.now[0]:
            return None
        return percent(self.now[1] / self.now[0]) - percent(self.before[1] / self.before[0])


def trend_rows(agg) -> list[TrendRow]:
    if agg.last_year is None:
        return []
    before = agg.last_year.rows_for(agg.filter, agg.privacy)
    if before is None:
        return []
    hidden = agg.privacy.hidden
    return [TrendRow(r.group, r.code, r.component, r.title_th, before.get((r.group, r.code), ()),
                     None if hidden(r.required) else (r.required, r.lacking)) for r in agg.gap_rows()]


TREND_COLUMNS = ["group", "group_title_th", "component", "code", "title_th", "required_last_year",
                 "lacking_last_year", "percent_last_year", "required_now", "lacking_now", "percent_now",
                 "change_points"]


def trend_table(agg) -> list[list]:
    groups = {g.code: g.title_th for g in agg.catalog.groups}
    mark = agg.privacy.mark

    def side(pair):
        if pair is None:
            return [mark, mark, mark]
        if pair == ():
            return ["", "", ""]
        return [pair[0], pair[1], percent(pair[1] / pair[0]) if pair[0] else ""]

    return [[r.group, groups[r.group], r.component, r.code, r.title_th, *side(r.before), *side(r.now),
             "" if r.change is None else r.change] for r in trend_rows(agg)]


def biggest_changes(agg, count: int = 12) -> list[TrendRow]:
    """The rows that changed most (either way), for the chart and the plan draft."""
    rows = [r for r in trend_rows(agg) if r.change]
    return sorted(rows, key=lambda r: (-abs(r.change), r.group, r.code))[:count]
