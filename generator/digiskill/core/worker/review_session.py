"""The session of the supervisor's review page (/supervisor/): the calls its script may make, each guarded so that no
traceback ever reaches the page (`page_reply.guarded`). The state and every rule are `review_page.ReviewPage`'s.

    session = ReviewSession(catalog_json)   # the catalog export the site ships (data/catalog.json)
    session.start(stored, pending_json, link) / .event(event_json)  -> reply JSON (page_reply)
    session.file(kind)                      -> the file's bytes, or a reply JSON saying why it could not be made
"""
from __future__ import annotations

from .page_reply import guarded, read_catalog
from .review_page import ReviewPage


class ReviewSession:
    CALLS = ("start", "event", "file")

    def __init__(self, catalog_json: str):
        self.page = ReviewPage(read_catalog(catalog_json))

    @guarded
    def start(self, stored: str | None, pending_json: str = "[]", link: str = "") -> str:
        return self.page.start(stored, pending_json)

    @guarded
    def event(self, event_json: str) -> str:
        return self.page.event(event_json)

    @guarded
    def file(self, kind: str):
        return self.page.file(kind)
