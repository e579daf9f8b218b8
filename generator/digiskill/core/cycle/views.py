"""What the pages show of the yearly cycle, as plain JSON-ready dicts: the supervisor's view of a staff file, the
agreed plan lines a progress review walks through, the future role's extra needs and last year's baseline.

The pages build their form controls from these lists; every rule (which lines are agreed, what the future role adds,
what last year's answer was) is applied here, in Python.
"""
from __future__ import annotations

from ...model import Catalog
from ..answers.record import CHOICES_TH, Assessment, PlanEntry
from .year import agreed_plan, future_codes, latest_progress, next_role
from ..display.thaidate import thai_date


def title_of(catalog: Catalog, code: str) -> str:
    """The Thai title of a unit or of a knowledge, experience or attribute item."""
    record = next((u for u in catalog.units if u.code == code), None) or catalog.item(code)
    return record.title_th


def code_title(catalog: Catalog, code: str) -> str:
    """"DLit200 ใช้งานเครื่องมือ…": how a plan line or a question is named on the pages."""
    return f"{code} {title_of(catalog, code)}"


def component_of(catalog: Catalog, code: str) -> str:
    return "ability" if any(u.code == code for u in catalog.units) else catalog.item(code).component


def plan_line_view(catalog: Catalog, code: str, entry) -> dict:
    return {"code": code, "title_th": title_of(catalog, code), "component": component_of(catalog, code),
            "priority": entry.priority, "methods": list(entry.methods),
            "methods_th": [catalog.tool(m).title_th for m in entry.methods],
            "target_date": entry.target_date, "target_date_th": thai_date(entry.target_date) if entry.target_date else "",
            "goal": entry.goal, "application": entry.application, "support": entry.support}


def role_view(catalog: Catalog, code: str | None) -> dict | None:
    if not code:
        return None
    role = catalog.role(code)
    group, stage = catalog.group(role.group), catalog.stage(role.stage)
    return {"code": role.code, "title_th": role.title_th, "group": group.code, "group_title_th": group.title_th,
            "stage": stage.code, "stage_title_th": stage.title_th}


def review_view(catalog: Catalog, a: Assessment) -> dict:
    """The supervisor's page: who, which role, what they answered, their plan lines (gaps only, in plan order)."""
    gaps = [c for c, x in a.answers.items() if x.has is False and c in catalog.required_codes(a.role)]
    order = sorted(gaps, key=lambda c: (a.plan[c].priority if c in a.plan and a.plan[c].priority else 99, c))
    answered = [{"code": c, "title_th": title_of(catalog, c), "has": x.has}
                for c, x in a.answers.items() if c in catalog.required_codes(a.role)]
    return {"role": role_view(catalog, a.role), "person": a.person,
            "lines": [plan_line_view(catalog, c, a.plan.get(c, PlanEntry())) for c in order],
            "answered": answered, "multi_role_options": [role_view(catalog, r.code) for r in catalog.roles],
            "progress": [progress_view(catalog, a, i) for i in range(len(a.progress))]}


def progress_view(catalog: Catalog, a: Assessment, index: int) -> dict:
    review = a.progress[index]
    return {"date": review.date, "date_th": thai_date(review.date) if review.date else "",
            "feedback": review.feedback, "lines": [
                {"code": c, "title_th": title_of(catalog, c), "status": x.status, "reason": x.reason,
                 "status_th": CHOICES_TH.get(x.status, ""), "outcome_th": CHOICES_TH.get(x.outcome, ""),
                 "outcome": x.outcome, "evidence": x.evidence, "applied": x.applied} for c, x in review.lines.items()]}


def cycle_view(catalog: Catalog, a: Assessment) -> dict:
    """The staff page's cycle parts: agreed lines for a progress review, the future role, last year's baseline."""
    future = next_role(catalog, a.role) if a.role else None
    latest = latest_progress(a)
    lines = [plan_line_view(catalog, c, e) | {"last_outcome": latest[c].outcome if c in latest else ""}
             for c, e in sorted(agreed_plan(a).items(), key=lambda kv: (kv[1].priority or 99, kv[0]))] \
        if a.role else []
    baseline = a.history[-1] if a.history else None
    return {"agreed_lines": lines, "reviewed": a.review is not None,
            "future": {"role": role_view(catalog, future.code),
                       "codes": [{"code": c, "title_th": title_of(catalog, c), "component": component_of(catalog, c)}
                                 for c in future_codes(catalog, a.role, future.code)]} if future else None,
            "baseline": {"fiscal_year": baseline.fiscal_year, "role": baseline.role,
                         "answers": baseline.answers} if baseline else None,
            "progress": [progress_view(catalog, a, i) for i in range(len(a.progress))]}
