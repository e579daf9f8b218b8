"""What the browser's Web Worker calls (and the CLI uses the same functions): JSON text in, JSON text or bytes out.

    session = Session(catalog_json)          # the catalog export the site ships (data/catalog.json)
    session.check_import(text)               -> '{"ok": true, "assessment": {...}, "warnings": [...]}' or
                                                '{"ok": false, "errors": [...], ...}'
    session.check_draft(text)                -> the same for the browser's autosave (no role yet is fine; a damaged
                                                draft comes back with what could be kept and the problems)
    session.preview(state_json)              -> '{"ok": true, "html": "...", "progress_th": "...", "balance_note_th": ...}'
    session.docx(state_json) / .xlsx(...)    -> bytes of the IDP (the agreed plan once the file has a review)
    session.progress_docx(state_json) / .progress_xlsx(...)  -> bytes of the progress report (latest progress review)
    session.skill_shape(state_json)          -> '{"ok": true, "charts": [{"title_th", "svg", "has_before", "rows"}]}'
    session.classify(shares_json, career)    -> '{"group": "S", "reason_th": "...", "tied": [...]}'
    session.hr_start(anonymise), .hr_add(run, names, sizes, data)…, .hr_done(run) -> the gap analysis of many staff
                                             files, given in batches (JSON, SVG charts); .aggregate(…) in one call
    session.org_plan_docx() / .org_plan_xlsx() / .gaps_csv()  -> files from the last aggregation
    HR follow-up (Org 3–5; `HrCalls`): .hr_headcount(csv_text), .hr_last_year(names, sizes, data),
    .hr_view(filter_json) and .hr_csv(kind, unit) for the coverage, progress, trend and enrolment tables

The worker calls only the names in `Session.CALLS` (it reads the list from here at start-up).
"""
from __future__ import annotations

import json

from ..model import Catalog
from .aggregate import aggregate_csv
from .hr_calls import HrCalls, aggregation_json  # noqa: F401 (aggregation_json: kept for callers)
from .answers_check import ImportFileError, check_answers, parse_assessment
from .cycle import start_next_year
from .cycle_views import cycle_view, review_view
from .idp import build_idp, classify_group
from .idp_document import idp_blocks, idp_docx, idp_xlsx
from .org_plan import org_plan_docx, org_plan_xlsx
from .preview_html import blocks_html
from .progress_report import progress_docx, progress_xlsx
from .shape_chart import shape_html, skill_shape_json


class Session(HrCalls):
    CALLS = ("check_import", "check_draft", "preview", "docx", "xlsx", "progress_docx", "progress_xlsx", "skill_shape",
             "classify", "org_plan_docx", "org_plan_xlsx", "gaps_csv", "cycle_view", "review_view",
             "next_year") + HrCalls.HR_CALLS

    def __init__(self, catalog_json: str):
        data = json.loads(catalog_json)
        data.pop("schema_version", None)
        self.catalog = Catalog.from_dict(data)
        self._last = None  # the last aggregation, for the downloads that follow it

    def _idp(self, state_json: str):
        return build_idp(self.catalog, parse_assessment(state_json, self.catalog))

    def check_import(self, text: str) -> str:
        return json.dumps(check_answers(text, self.catalog, "import").as_json(), ensure_ascii=False)

    def check_draft(self, text: str) -> str:
        return json.dumps(check_answers(text, self.catalog, "draft", draft=True).as_json(), ensure_ascii=False)

    def _checked(self, text: str, draft: bool = True):
        return check_answers(text, self.catalog, "draft", draft=draft)

    def cycle_view(self, state_json: str) -> str:
        """The staff page's yearly-cycle parts (agreed lines, future role, last year's answers)."""
        checked = self._checked(state_json)
        if checked.assessment is None:
            return json.dumps(checked.as_json(), ensure_ascii=False)
        return json.dumps({"ok": True, **cycle_view(self.catalog, checked.assessment),
                           "shape_svg": shape_html(self.catalog, checked.assessment)}, ensure_ascii=False)

    def review_view(self, text: str) -> str:
        """A staff file opened on the supervisor's page: checked strictly, then what the page shows."""
        checked = check_answers(text, self.catalog, "staff file")
        reply = checked.as_json()
        if checked.ok:
            reply["view"] = review_view(self.catalog, checked.assessment)
        return json.dumps(reply, ensure_ascii=False)

    def next_year(self, text: str, fiscal_year: int | None = None) -> str:
        """Last year's file in, this year's new file out (baseline kept, open lines carried over)."""
        checked = check_answers(text, self.catalog, "last year")
        reply = checked.as_json()
        if checked.ok:
            reply["assessment"] = start_next_year(checked.assessment, fiscal_year).to_dict()
        return json.dumps(reply, ensure_ascii=False)

    def preview(self, state_json: str) -> str:
        try:
            idp = self._idp(state_json)
        except ImportFileError as err:
            return json.dumps(err.as_json(), ensure_ascii=False)
        c = idp.counts
        progress = (f"ตอบแล้ว {c['required'] - c['unanswered']} จาก {c['required']} รายการ · มี {c['have']} · "
                    f"ต้องพัฒนา {c['gaps']}")
        return json.dumps({"ok": True, "html": blocks_html(idp_blocks(idp)), "counts": c, "progress_th": progress,
                           "balance": idp.balance, "balance_note_th": idp.balance_note_th}, ensure_ascii=False)

    def docx(self, state_json: str) -> bytes:
        return idp_docx(self._idp(state_json))

    def xlsx(self, state_json: str) -> bytes:
        return idp_xlsx(self._idp(state_json))

    def progress_docx(self, state_json: str) -> bytes:
        return progress_docx(self._idp(state_json))

    def progress_xlsx(self, state_json: str) -> bytes:
        return progress_xlsx(self._idp(state_json))

    def skill_shape(self, state_json: str) -> str:
        try:
            assessment = parse_assessment(state_json, self.catalog)
        except ImportFileError as err:
            return json.dumps(err.as_json(), ensure_ascii=False)
        return json.dumps(skill_shape_json(self.catalog, assessment), ensure_ascii=False)

    def classify(self, shares_json: str, career_path: str | None = None) -> str:
        return json.dumps(classify_group(self.catalog, json.loads(shares_json), career_path or None),
                          ensure_ascii=False)

    def org_plan_docx(self) -> bytes:
        return org_plan_docx(self._last)

    def org_plan_xlsx(self) -> bytes:
        return org_plan_xlsx(self._last)

    def gaps_csv(self) -> bytes:
        return aggregate_csv(self._last)
