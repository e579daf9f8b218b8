"""How the pages name what they show of the yearly cycle: a unit's or item's title, a role, a progress review as a
plain JSON-ready dict. The form pages' draw modules (core/worker/*_draw.py) build on these."""
from __future__ import annotations

from ...model import Catalog
from ..answers.record import CHOICES_TH, Assessment
from ..display.thaidate import thai_date


def title_of(catalog: Catalog, code: str) -> str:
    """The Thai title of a unit or of a knowledge, experience or attribute item."""
    record = next((u for u in catalog.units if u.code == code), None) or catalog.item(code)
    return record.title_th


def code_title(catalog: Catalog, code: str) -> str:
    """"DLit200 ใช้งานเครื่องมือ…": how a plan line or a question is named on the pages."""
    return f"{code} {title_of(catalog, code)}"


def role_title(catalog: Catalog, code: str) -> str:
    """"A3 ผู้…": how a role is named beside its code on the form pages."""
    role = catalog.role(code)
    return f"{role.code} {role.title_th}"


def component_of(catalog: Catalog, code: str) -> str:
    return "ability" if any(u.code == code for u in catalog.units) else catalog.item(code).component


def role_view(catalog: Catalog, code: str | None) -> dict | None:
    if not code:
        return None
    role = catalog.role(code)
    group, stage = catalog.group(role.group), catalog.stage(role.stage)
    return {"code": role.code, "title_th": role.title_th, "group": group.code, "group_title_th": group.title_th,
            "stage": stage.code, "stage_title_th": stage.title_th}


def progress_view(catalog: Catalog, a: Assessment, index: int) -> dict:
    review = a.progress[index]
    return {"date": review.date, "date_th": thai_date(review.date) if review.date else "",
            "feedback": review.feedback, "lines": [
                {"code": c, "title_th": title_of(catalog, c), "status": x.status, "reason": x.reason,
                 "status_th": CHOICES_TH.get(x.status, ""), "outcome_th": CHOICES_TH.get(x.outcome, ""),
                 "outcome": x.outcome, "evidence": x.evidence, "applied": x.applied} for c, x in review.lines.items()]}
