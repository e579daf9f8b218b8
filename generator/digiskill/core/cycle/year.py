"""The yearly cycle's rules (Ind 1–5): the plan as the supervisor agreed it, what the next stage's role adds, which
plan lines are still open, and starting next year's assessment from this year's file.

Standard library only; the browser's worker and the CLI call the same functions.
"""
from __future__ import annotations

import copy
from dataclasses import dataclass

from ...model import COMPONENTS, Catalog
from ..answers.record import Assessment, PastYear, PlanEntry

DONE_OUTCOMES = ("exceeded", "met")  # a plan line whose latest outcome is one of these is closed


def agreed_plan(assessment: Assessment) -> dict:
    """{code: PlanEntry}: the person's plan with the supervisor's changes applied; lines marked "not this year" are
    left out. Without a review, the person's own plan."""
    return _as_agreed(assessment.plan, assessment.review)


def agreed_future_plan(assessment: Assessment) -> dict:
    """The work-in-future part (cabinet clause 4.6.2) as the supervisor agreed it, reviewed like the plan."""
    return _as_agreed(assessment.future_plan, assessment.review)


def _as_agreed(own: dict, review) -> dict:
    plan = {}
    for code, entry in own.items():
        line = review.lines.get(code) if review else None
        if line is None:
            plan[code] = entry
            continue
        if line.decision == "not_this_year":
            continue
        plan[code] = PlanEntry(
            priority=line.priority if line.priority is not None else entry.priority,
            methods=list(line.methods) if line.methods is not None else list(entry.methods),
            target_date=line.target_date or entry.target_date,
            goal=entry.goal, indicator=entry.indicator, application=entry.application, support=entry.support)
    return plan


def line_order(catalog: Catalog, assessment: Assessment, codes) -> list[str]:
    """The one order of plan lines on every page and in every document: by priority (as agreed once the supervisor
    has reviewed, else as proposed), lines without a priority last, then the role's order (component, then catalog)."""
    reviewed = assessment.review is not None
    plan = {**(agreed_future_plan(assessment) if reviewed else assessment.future_plan),
            **(agreed_plan(assessment) if reviewed else assessment.plan)}  # the future part's codes are its own
    listed = []
    for role in (assessment.role, assessment.future_role):
        if role:
            listed += [c for component in COMPONENTS for c in catalog.requirement(role).codes(component)]
    return sorted(codes, key=by_priority(plan, listed))


def gap_codes(catalog: Catalog, assessment: Assessment) -> list[str]:
    """The plan's lines: the role's needs answered "not yet", in the one line order (both form pages)."""
    if not assessment.role:
        return []
    required = catalog.required_codes(assessment.role)
    gaps = [c for c, x in assessment.answers.items() if x.has is False and c in required]
    return line_order(catalog, assessment, gaps)


def by_priority(plan: dict, listed: list):
    """The sort key of `line_order`, for a plan {code: PlanEntry} and the codes in the role's order."""
    position = {code: index for index, code in enumerate(listed)}

    def rank(code):
        priority = plan[code].priority if code in plan else None
        return (priority is None, priority or 0, position.get(code, len(position)), code)
    return rank


def agreed(assessment: Assessment) -> Assessment:
    """A copy whose plan is the agreed plan (what the IDP document prints once the supervisor has reviewed it)."""
    result = copy.copy(assessment)
    result.plan = agreed_plan(assessment)
    return result


def next_role(catalog: Catalog, role_code: str):
    """The same group's role at the next stage, or None at the last stage."""
    role = catalog.role(role_code)
    later = sorted((s for s in catalog.stages if s.number > catalog.stage(role.stage).number), key=lambda s: s.number)
    return catalog.role_for(role.group, later[0].code) if later else None


def future_codes(catalog: Catalog, role_code: str, future_role: str) -> list[str]:
    """What the future role needs beyond the current one, in component then catalog order (cabinet clause 4.6.2)."""
    now = catalog.required_codes(role_code)
    requirement = catalog.requirement(future_role)
    return [code for component in COMPONENTS for code in requirement.codes(component) if code not in now]


def latest_progress(assessment: Assessment) -> dict:
    """{code: ProgressLine} from the most recent progress review that mentions each line."""
    latest = {}
    for review in sorted(assessment.progress, key=lambda r: r.date):
        latest.update(review.lines)
    return latest


def open_lines(assessment: Assessment) -> list[str]:
    """Agreed plan lines not yet reported as met or exceeded."""
    progress = latest_progress(assessment)
    return [code for code in agreed_plan(assessment)
            if code not in progress or progress[code].outcome not in DONE_OUTCOMES]


def current_answers(assessment: Assessment) -> dict:
    """{code: has} after the progress reviews' re-answers (oldest first, so the latest wins)."""
    answers = {code: a.has for code, a in assessment.answers.items()}
    for review in sorted(assessment.progress, key=lambda r: r.date):
        answers.update(review.reanswers)
    return answers


def deferred_lines(assessment: Assessment) -> dict:
    """{code: reason}: plan lines the supervisor moved to a later year ("ยังไม่ทำในปีนี้")."""
    review = assessment.review
    return {code: line.comment for code, line in review.lines.items()
            if line.decision == "not_this_year" and code in assessment.plan} if review else {}


def start_next_year(last: Assessment, fiscal_year: int | None) -> Assessment:
    """Next year's file: the same person and role, no answers yet, last year's answers kept as the baseline (history),
    and every plan line carried over that is still open (as agreed) or that the supervisor moved to a later year (as
    proposed, with the supervisor's methods if they gave any; the reason is kept in the baseline)."""
    if fiscal_year is None and last.period.fiscal_year:
        fiscal_year = last.period.fiscal_year + 1
    deferred = deferred_lines(last)
    baseline = PastYear(fiscal_year=last.period.fiscal_year, role=last.role, data_version=last.data_version,
                        answers=current_answers(last), open_lines=open_lines(last), deferred=deferred)
    plan = agreed_plan(last)
    for code in deferred:
        said = last.review.lines[code]
        plan[code] = copy.deepcopy(last.plan[code])
        if said.methods:
            plan[code].methods = list(said.methods)
    return Assessment(role=last.role, group=last.group, stage=last.stage, framework_id=last.framework_id,
                      data_version=last.data_version, person=dict(last.person), mission=last.mission,
                      plan={code: plan[code] for code in [*baseline.open_lines, *deferred]},
                      history=[*last.history, baseline],
                      period=type(last.period)(fiscal_year=fiscal_year))


def carried_note(assessment: Assessment, code: str) -> str:
    """What a plan line carried over from last year says of where it came from ("" for a new line)."""
    past = assessment.history[-1] if assessment.history else None
    if past is None:
        return ""
    year = f"ปี {past.fiscal_year}" if past.fiscal_year else "ปีที่แล้ว"
    if code in past.deferred:
        reason = past.deferred[code]
        return f"ยกมาจาก{year}: ผู้บังคับบัญชาให้เลื่อนไปพัฒนาในปีถัดไป" + (f" — เหตุผล: {reason}" if reason else "")
    if code in past.open_lines:
        return f"ยกมาจาก{year}: ยังไม่บรรลุตามแผนที่ตกลงไว้"
    return ""


@dataclass
class ShapeRow:
    key: str  # a domain or component code
    title_th: str
    required: int
    has_now: int | None  # None while none of the row's needs is answered this year (not "0 %")
    had_before: int | None  # None without a baseline


def skill_shape(catalog: Catalog, assessment: Assessment) -> dict:
    """The personal skill shape: per ability domain and per component, how many of the role's needs the person has
    now and had a year ago (the last history entry)."""
    required = catalog.required_codes(assessment.role)
    now = current_answers(assessment)
    before = assessment.history[-1].answers if assessment.history else None
    unit_domain = {u.code: u.domain for u in catalog.units}
    item_component = {i.code: i.component for i in catalog.items}

    def rows(keys_titles, key_of) -> list[ShapeRow]:
        out = []
        for key, title in keys_titles:
            codes = [c for c in required if key_of(c) == key]
            if codes:
                answered = any(now.get(c) is not None for c in codes)
                has_now = sum(now.get(c) is True for c in codes) if answered else None
                out.append(ShapeRow(key, title, len(codes), has_now,
                                    None if before is None else sum(before.get(c) is True for c in codes)))
        return out

    return {"domains": rows([(d.code, d.title_th) for d in catalog.domains], unit_domain.get),
            "components": rows([(c.code, c.title_th) for c in catalog.components],
                               lambda c: "ability" if c in unit_domain else item_component.get(c))}
