"""Everything HR sees and downloads for one view of the aggregation, as one JSON for the page and as CSV tables, so the
page (through the worker) and `digiskill aggregate` produce the same bytes from the same functions.
"""
from __future__ import annotations

from .aggregate import CSV_COLUMNS, Aggregation, csv_bytes, table_rows
from .charts import COMPONENT_TITLES, heatmap_svg, top_gaps_svg, trend_svg
from .coverage import COVERAGE_COLUMNS, NO_DIVISION_TH, coverage_table
from .enrolment import enrolment_header, enrolment_table, enrolment_units
from ..display.percent import percent
from .progress import PROGRESS_COLUMNS, progress_table, progress_totals
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


def view_json(agg: Aggregation) -> dict:
    groups = {g.code: g.title_th for g in agg.catalog.groups}
    masked = agg.privacy.masked
    by_group = agg.staff_by_group
    by_role = agg.staff_by_role
    tables = {kind: table(agg, kind) for kind in TABLES}
    return {
        "ok": True, "used": agg.used, "in_view": masked(len(agg.staff), len(agg.staff)), "anonymised": agg.anonymised,
        "threshold": agg.privacy.threshold,
        "rejected": [{"file": r.file, "reason_th": r.reason_th} for r in agg.rejected],
        "filters": filter_choices(agg),
        "staff_by_group": [{"group": g, "title_th": groups[g], "count": masked(by_group[g], by_group[g])}
                           for g in groups if g in by_group],
        "staff_by_role": {r: masked(n, n) for r, n in sorted(by_role.items())},
        "urgent": [{"group": r.group, "group_title_th": groups[r.group], "code": r.code, "title_th": r.title_th,
                    "lacking": r.lacking, "required": r.required, "share": round(r.share, 4),
                    "percent": percent(r.share), "urgency": round(r.urgency, 2)} for r in agg.urgent()],
        "table": tables["gaps"][1],
        "table_percent": [masked(percent(r.share), r.required) for r in agg.gap_rows()],
        "methods": [{"code": code, "title_th": agg.catalog.tool(code).title_th, "part": agg.catalog.tool(code).part,
                     "count": masked(count, count)} for code, count in sorted(agg.methods.items(),
                                                                   key=lambda kv: (-kv[1], kv[0]))],
        "coverage": tables["coverage"][1], "has_headcount": agg.headcount is not None,
        "progress": tables["progress"][1], "progress_totals": progress_totals(agg),
        "trend": tables["trend"][1], "has_last_year": agg.last_year is not None,
        "enrolment_units": enrolment_units(agg),
        "heatmaps": [{"component": c, "title_th": t, "svg": heatmap_svg(agg, c)} for c, t in COMPONENT_TITLES.items()],
        "top_gaps_svg": top_gaps_svg(agg),
        "trend_svg": trend_svg(agg) if tables["trend"][1] else "",
    }
