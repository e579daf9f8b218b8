"""Enrolment and training demand (Org 3.3, Org 4): who lacks a unit and planned formal training for it (the "10" of
70:20:10: classroom, e-learning, courses), by fiscal quarter of the plan line's target date.

With names kept, a list HR can register people from; with names dropped, only counts per unit and quarter for the
budget, and counts below the privacy threshold show as "< 5". Thai fiscal years start on 1 October: 2027-03-31 is in
quarter 2 of fiscal year 2570.
"""
from __future__ import annotations

from .staff_facts import FORMAL_PART
from ..display.thaidate import BE_OFFSET

NO_DATE_TH = "ไม่ระบุ"


def fiscal_quarter(iso_date: str) -> tuple:
    """(fiscal year BE, quarter 1–4), or ("", "") without a date."""
    if not iso_date:
        return ("", "")
    year, month = int(iso_date[:4]), int(iso_date[5:7])
    return (year + BE_OFFSET + (month >= 10), (month - 10) // 3 + 1 if month >= 10 else (month + 2) // 3 + 1)


def _formal(catalog) -> set:
    return {t.code for t in catalog.tools if t.part == FORMAL_PART}


def demand(agg, unit: str | None = None) -> list[tuple]:
    """(code, fact, PlanLine) for every planned formal training for a gap, in unit then fiscal-quarter order."""
    formal = _formal(agg.catalog)
    position = {u.code: i for i, u in enumerate(agg.catalog.units)}
    position.update({it.code: len(position) + i for i, it in enumerate(agg.catalog.items)})
    found = [(line.code, fact, line) for fact in agg.staff for line in fact.plan
             if line.lacking and (unit is None or line.code == unit) and formal.intersection(line.methods)]
    return sorted(found, key=lambda t: (position.get(t[0], 0), fiscal_quarter(t[2].target_date) == ("", ""),
                                        fiscal_quarter(t[2].target_date), t[1].division, t[1].name))


ENROLMENT_NAMES_COLUMNS = ["code", "title_th", "fiscal_year", "quarter", "target_date", "name", "position",
                           "division", "group", "role", "formal_methods"]
ENROLMENT_COUNT_COLUMNS = ["code", "title_th", "fiscal_year", "quarter", "staff"]


def enrolment_header(agg) -> list[str]:
    return ENROLMENT_COUNT_COLUMNS if agg.anonymised else ENROLMENT_NAMES_COLUMNS


def enrolment_table(agg, unit: str | None = None) -> list[list]:
    catalog = agg.catalog
    titles = {u.code: u.title_th for u in catalog.units} | {i.code: i.title_th for i in catalog.items}
    formal = _formal(catalog)
    rows = demand(agg, unit)
    if not agg.anonymised:
        return [[code, titles[code], *(q or NO_DATE_TH for q in fiscal_quarter(line.target_date)), line.target_date,
                 fact.name, fact.position, fact.division, fact.group, fact.role,
                 " ".join(m for m in line.methods if m in formal)] for code, fact, line in rows]
    counts: dict = {}
    for code, _fact, line in rows:
        key = (code, fiscal_quarter(line.target_date))
        counts[key] = counts.get(key, 0) + 1
    masked = agg.privacy.masked
    return [[code, titles[code], *(q or NO_DATE_TH for q in quarter), masked(n, n)]
            for (code, quarter), n in counts.items()]


def enrolment_units(agg) -> list[dict]:
    """The units with any demand, for the page's choice of unit."""
    titles = {u.code: u.title_th for u in agg.catalog.units} | {i.code: i.title_th for i in agg.catalog.items}
    counts: dict = {}
    for code, _fact, _line in demand(agg):
        counts[code] = counts.get(code, 0) + 1
    return [{"code": code, "title_th": titles[code], "staff": agg.privacy.masked(n, n)} for code, n in counts.items()]
