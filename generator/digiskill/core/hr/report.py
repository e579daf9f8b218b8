"""The tables HR downloads for one view of the aggregation, as CSV, so the page (through the worker) and `digiskill
aggregate` produce the same bytes from the same functions; the page shows the same tables with Thai headers
(`tables`), read from these by column name.
"""
from __future__ import annotations

from .aggregate import CSV_COLUMNS, Aggregation, csv_bytes, table_rows
from .coverage import COVERAGE_COLUMNS, NO_DIVISION_TH, coverage_table
from .enrolment import enrolment_header, enrolment_table
from .progress import PROGRESS_COLUMNS, progress_table
from .trend import TREND_COLUMNS, trend_table

TABLES = ("gaps", "coverage", "progress", "trend", "enrolment")


def table(agg: Aggregation, kind: str, unit: str | None = None) -> tuple[list, list]:
    """(header, rows) of one table of this view."""
    if kind == "gaps":
        return CSV_COLUMNS, table_rows(agg)
    if kind == "coverage":
        return COVERAGE_COLUMNS, coverage_table(agg)
    if kind == "progress":
        return PROGRESS_COLUMNS, progress_table(agg)
    if kind == "trend":
        return TREND_COLUMNS, trend_table(agg)
    if kind == "enrolment":
        return enrolment_header(agg), enrolment_table(agg, unit)
    raise ValueError(f"unknown table {kind!r}; expected one of {', '.join(TABLES)}")


def table_csv(agg: Aggregation, kind: str, unit: str | None = None) -> bytes:
    return csv_bytes(*table(agg, kind, unit))


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
