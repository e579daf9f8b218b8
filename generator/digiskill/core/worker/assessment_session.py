"""The session of the self-assessment page (/assessment/): the calls its script may make, each guarded so that no
traceback ever reaches the page (`page_reply.guarded`). The state and every rule are `staff_page.StaffPage`'s.

    session = AssessmentSession(catalog_json)   # the catalog export the site ships (data/catalog.json)
    session.start(stored, pending_json) / .event(event_json) / .refresh()  -> reply JSON (page_reply)
    session.file(kind)                          -> the file's bytes, or a reply JSON saying why it could not be made
"""
from __future__ import annotations

from .page_reply import guarded, read_catalog
from .staff_page import StaffPage



class AssessmentSession:
    CALLS = ("start", "event", "refresh", "file")

    def __init__(self, catalog_json: str):
        self.page = StaffPage(read_catalog(catalog_json))

    @guarded
    def start(self, stored: str | None, pending_json: str = "[]") -> str:
        return self.page.start(stored, pending_json)

    @guarded
    def event(self, event_json: str) -> str:
        return self.page.event(event_json)

    @guarded
    def refresh(self) -> str:
        return self.page.refresh()

    @guarded
    def file(self, kind: str):
        return self.page.file(kind)
