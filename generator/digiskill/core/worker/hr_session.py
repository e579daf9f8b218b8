"""The session of the gap-analysis page (Org 3–5): the HR calls and the organisation plan. It reads the catalog as
`staff_session.StaffSession` does, but the page may call only its own `CALLS` (no staff calls such as `preview`).

    session = HrSession(catalog_json)
    session.hr_start(anonymise), .hr_add(run, names, sizes, data)…, .hr_done(run) -> the gap analysis of many staff
                                             files, given in batches (JSON, SVG charts); .aggregate(…) in one call
    session.org_plan_docx() / .org_plan_xlsx() / .gaps_csv()  -> files from the last aggregation (or a reply's text)
    HR follow-up (`HrCalls`): .hr_headcount(csv_text), .hr_last_year(names, sizes, data), .hr_view(filter_json),
    .hr_table(kind, unit), .hr_download(call, kind) and .hr_csv(kind, unit); replies in the `page_reply` shape

Kept apart from `staff_session.StaffSession` so that the staff and supervisor pages do not import the HR modules at
start-up; the organisation plan's DOCX/XLSX writers load on first use here too.
"""
from __future__ import annotations

from ..hr.aggregate import aggregate_csv
from .staff_session import StaffSession
from .hr_calls import NO_FILES_TH, HrCalls, hr_guarded
from .page_reply import problem, reply


class HrSession(HrCalls, StaffSession):
    """The file calls return the file's bytes, or (no files read yet, or an unexpected error) the reply's text."""
    CALLS = HrCalls.HR_CALLS + ("org_plan_docx", "org_plan_xlsx", "gaps_csv")

    @hr_guarded
    def org_plan_docx(self) -> bytes | str:
        from ..hr.org_plan import org_plan_docx  # on first use: see the module's docstring
        return org_plan_docx(self._last) if self._last is not None else _no_files()

    @hr_guarded
    def org_plan_xlsx(self) -> bytes | str:
        from ..hr.org_plan import org_plan_xlsx
        return org_plan_xlsx(self._last) if self._last is not None else _no_files()

    @hr_guarded
    def gaps_csv(self) -> bytes | str:
        return aggregate_csv(self._last) if self._last is not None else _no_files()


def _no_files() -> str:
    return reply(False, [problem(NO_FILES_TH, code="no_files")])
