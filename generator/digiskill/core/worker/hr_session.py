"""The session of the gap-analysis page (Org 3–5): the HR calls and the organisation plan. It reads the catalog as the
other sessions do (`page_reply.read_catalog`); the page may call only its own `CALLS`.

    session = HrSession(catalog_json)
    session.hr_start(anonymise), .hr_add(run, names, sizes, data)…, .hr_done(run) -> the gap analysis of many staff
                                             files, given in batches (JSON, SVG charts); .aggregate(…) in one call
    session.org_plan_docx() / .org_plan_xlsx() / .gaps_csv()  -> files from the last aggregation (or a reply's text)
    HR follow-up (`HrCalls`): .hr_headcount(csv_text), .hr_last_year(names, sizes, data), .hr_view(filter_json),
    .hr_table(kind, unit), .hr_download(call, kind) and .hr_csv(kind, unit); replies in the `page_reply` shape

Kept apart from the staff and supervisor pages' sessions so that they do not import the HR modules at start-up; the organisation plan's DOCX/XLSX writers load on first use here too.
"""
from __future__ import annotations

from ..hr.aggregate import aggregate_csv
from .hr_calls import NO_FILES_TH, HrCalls, hr_guarded
from .page_reply import problem, read_catalog, reply


class HrSession(HrCalls):
    """The file calls return the file's bytes, or (no files read yet, or an unexpected error) the reply's text."""
    CALLS = HrCalls.HR_CALLS + ("org_plan_docx", "org_plan_xlsx", "gaps_csv")

    def __init__(self, catalog_json: str):
        self.catalog = read_catalog(catalog_json)

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
