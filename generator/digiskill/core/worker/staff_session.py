"""What the browser's Web Worker calls (and the CLI uses the same functions): JSON text in, JSON text or bytes out.

    session = StaffSession(catalog_json)          # the catalog export the site ships (data/catalog.json)
    session.check_import(text)               -> '{"ok": true, "assessment": {...}, "warnings": [...]}' or
                                                '{"ok": false, "errors": [...], ...}'
    session.check_draft(text)                -> the same for the browser's autosave (no role yet is fine; a damaged
                                                draft comes back with what could be kept and the problems)
    session.preview(state_json)              -> '{"ok": true, "html": "...", "progress_th": "...", "balance_note_th": ...}'
    session.docx(state_json) / .xlsx(...)    -> bytes of the IDP (the agreed plan once the file has a review)
    session.progress_docx(state_json) / .progress_xlsx(...)  -> bytes of the progress report (latest progress review)
    session.skill_shape(state_json)          -> '{"ok": true, "charts": [{"title_th", "svg", "has_before", "rows"}]}'
    session.classify(shares_json, career)    -> '{"group": "S", "reason_th": "...", "tied": [...]}'
    session.cycle_view(state_json) / .review_view(text) / .next_year(text, fiscal_year)  -> the yearly cycle

No page starts this session any more: the self-assessment page has `assessment_session.AssessmentSession`, the
supervisor page `review_session.ReviewSession` (#22). It remains the base `hr_session.HrSession` reads the catalog
with, and the calls the tests, bench/bench_assessment.py and tests/pyodide/run_core.mjs exercise; no page imports
what only another needs, because every module imported is start-up time in the
browser (bench/bench_assessment.py). For the same reason the DOCX and XLSX writers are imported on first use.
The worker calls only the names in the `CALLS` of the session the page names (it reads the list at start-up).
"""
from __future__ import annotations

import json

from ...model import Catalog
from ..answers.checker import ImportFileError, check_answers, parse_assessment
from ..cycle.year import start_next_year
from ..cycle.views import cycle_view, review_view
from ..cycle.idp import build_idp, classify_group
from ..documents.idp_document import idp_blocks, idp_docx, idp_xlsx
from ..documents.preview_html import blocks_html
from ..documents.shape_chart import shape_html, skill_shape_json


class StaffSession:
    CALLS = ("check_import", "check_draft", "preview", "docx", "xlsx", "progress_docx", "progress_xlsx", "skill_shape",
             "classify", "cycle_view", "review_view", "next_year")

    def __init__(self, catalog_json: str):
        data = json.loads(catalog_json)
        data.pop("schema_version", None)
        self.catalog = Catalog.from_dict(data)

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
        from ..documents.progress_report import progress_docx  # on first use: see the module's docstring
        return progress_docx(self._idp(state_json))

    def progress_xlsx(self, state_json: str) -> bytes:
        from ..documents.progress_report import progress_xlsx
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
