"""The tables HR downloads for one view of the aggregation, as CSV, so the page (through the worker) and `digiskill
aggregate` produce the same bytes from the same functions: Thai headers by default, machine keys with `keys`
(`digiskill aggregate --keys`). The page (`tables`) and the organisation plan workbook (`org_plan`) show the same
columns (`display.columns`) with the same "อ่านตารางนี้อย่างไร" notes (`HOWTO_TH`).
"""
from __future__ import annotations

from .aggregate import GAP_COLUMNS, GAP_HOWTO_TH, Aggregation, csv_bytes, table_rows
from .coverage import COVERAGE_COLUMNS, COVERAGE_HOWTO_TH, NO_DIVISION_TH, coverage_table
from .enrolment import ENROLMENT_HOWTO_TH, enrolment_header, enrolment_table
from .progress import PROGRESS_COLUMNS, PROGRESS_HOWTO_TH, progress_table
from .trend import TREND_COLUMNS, TREND_HOWTO_TH, trend_table

TABLES = ("gaps", "coverage", "progress", "trend", "enrolment")
HOWTO_TH = {"gaps": GAP_HOWTO_TH, "coverage": COVERAGE_HOWTO_TH, "progress": PROGRESS_HOWTO_TH,
            "trend": TREND_HOWTO_TH, "enrolment": ENROLMENT_HOWTO_TH}


def table(agg: Aggregation, kind: str, unit: str | None = None) -> tuple[list, list]:
    """(columns, rows) of one table of this view (`display.columns`)."""
    if kind == "gaps":
        return GAP_COLUMNS, table_rows(agg)
    if kind == "coverage":
        return COVERAGE_COLUMNS, coverage_table(agg)
    if kind == "progress":
        return PROGRESS_COLUMNS, progress_table(agg)
    if kind == "trend":
        return TREND_COLUMNS, trend_table(agg)
    if kind == "enrolment":
        return enrolment_header(agg), enrolment_table(agg, unit)
    raise ValueError(f"unknown table {kind!r}; expected one of {', '.join(TABLES)}")


def table_csv(agg: Aggregation, kind: str, unit: str | None = None, keys: bool = False) -> bytes:
    return csv_bytes(*table(agg, kind, unit), keys=keys)


def filter_choices(agg: Aggregation) -> dict:
    """What the page's filters offer: divisions found or listed, and the groups, stages and roles with staff."""
    catalog = agg.catalog
    groups = {f.group for f in agg.facts}
    stages = {f.stage for f in agg.facts}
    roles = {f.role for f in agg.facts}
    return {"divisions": [{"value": d, "label": d or NO_DIVISION_TH} for d in agg.divisions],
            "groups": [{"value": g.code, "label": g.title_th} for g in catalog.groups if g.code in groups],
            "stages": [{"value": s.code, "label": s.title_th} for s in catalog.stages if s.code in stages],
            "roles": [{"value": r.code, "label": f"{r.code} {r.title_th}"} for r in catalog.roles if r.code in roles]}
