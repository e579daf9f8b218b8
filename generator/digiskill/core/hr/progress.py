"""Progress (Org 4, Org 5, Ind 4–5): from the staff's progress reviews, per unit and group, how many agreed plan lines
are done, in progress or not started, what share of the planned gaps is closed, and how many people report using the
skill at work.

The rules (README "How progress is counted"): a plan line is *done* when its latest progress review says the outcome
was met or exceeded, *in progress* when a review mentions it otherwise, *not started* when no review mentions it. A
planned gap (a line for a skill the person answered "not yet") is *closed* when the line is done or a later review
re-answers the skill as "have it". *Applied* counts lines whose latest review says how it is used at work.
"""
from __future__ import annotations

from dataclasses import dataclass

from ...model import COMPONENTS
from ..display.percent import percent


@dataclass
class ProgressRow:
    group: str
    code: str
    component: str
    title_th: str
    staff: int = 0  # staff with the line in their agreed plan
    done: int = 0
    in_progress: int = 0
    not_started: int = 0
    planned_gaps: int = 0
    closed: int = 0
    applied: int = 0

    @property
    def closed_share(self) -> float:
        return self.closed / self.planned_gaps if self.planned_gaps else 0.0


def progress_rows(agg) -> list[ProgressRow]:
    catalog = agg.catalog
    titles = {u.code: u.title_th for u in catalog.units} | {i.code: i.title_th for i in catalog.items}
    component = {u.code: "ability" for u in catalog.units} | {i.code: i.component for i in catalog.items}
    rows: dict = {}
    for fact in agg.staff:
        for line in fact.plan:
            row = rows.get((fact.group, line.code))
            if row is None:
                row = rows[(fact.group, line.code)] = ProgressRow(fact.group, line.code, component[line.code],
                                                                  titles[line.code])
            row.staff += 1
            setattr(row, line.state, getattr(row, line.state) + 1)
            if line.lacking:
                row.planned_gaps += 1
                row.closed += line.closed
            row.applied += line.applied
    group_order = {g.code: i for i, g in enumerate(catalog.groups)}
    position = {u.code: i for i, u in enumerate(catalog.units)}
    position.update({it.code: len(position) + i for i, it in enumerate(catalog.items)})
    return sorted(rows.values(), key=lambda r: (group_order[r.group], COMPONENTS.index(r.component),
                                                position.get(r.code, 0)))


PROGRESS_COLUMNS = ["group", "group_title_th", "component", "code", "title_th", "staff_planned", "lines_done",
                    "lines_in_progress", "lines_not_started", "planned_gaps", "gaps_closed", "closed_percent",
                    "applied_at_work"]


def progress_table(agg) -> list[list]:
    groups = {g.code: g.title_th for g in agg.catalog.groups}
    masked = agg.privacy.masked
    return [[r.group, groups[r.group], r.component, r.code, r.title_th, masked(r.staff, r.staff),
             masked(r.done, r.staff), masked(r.in_progress, r.staff), masked(r.not_started, r.staff),
             masked(r.planned_gaps, r.staff), masked(r.closed, r.staff),
             masked(percent(r.closed_share), r.staff) if r.planned_gaps else "", masked(r.applied, r.staff)]
            for r in progress_rows(agg)]


def progress_totals(agg) -> dict:
    """The whole view in one line (the page's summary and the plan draft)."""
    lines = [line for fact in agg.staff for line in fact.plan]
    gaps = [line for line in lines if line.lacking]
    staff = sum(1 for fact in agg.staff if fact.plan)
    masked = agg.privacy.masked
    closed = sum(line.closed for line in gaps)
    return {"staff": masked(staff, staff), "lines": masked(len(lines), staff),
            "done": masked(sum(line.state == "done" for line in lines), staff),
            "in_progress": masked(sum(line.state == "in_progress" for line in lines), staff),
            "not_started": masked(sum(line.state == "not_started" for line in lines), staff),
            "closed_percent": masked(percent(closed / len(gaps)), staff) if gaps else "",
            "applied": masked(sum(line.applied for line in lines), staff)}
