"""The session of the supervisor's review page (/supervisor/): its calls (`page_state.PageSession`: start, event,
refresh, file, each guarded so that no traceback ever reaches the page). The state and every rule are
`review_page.ReviewPage`'s. Kept in a module of its own so that the page imports only its own Python.

    session = ReviewSession(catalog_json)   # the catalog export the site ships (data/catalog.json)
    session.start(stored, pending_json) / .event(event_json)  -> reply JSON (page_reply)
    session.file(kind)                      -> the file's bytes, or a reply JSON saying why it could not be made
"""
from __future__ import annotations

from .page_state import PageSession
from .review_page import ReviewPage


class ReviewSession(PageSession):
    page_class = ReviewPage
