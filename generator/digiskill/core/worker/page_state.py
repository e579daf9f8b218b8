"""What the two form pages share (`staff_page.StaffPage`, `review_page.ReviewPage`): starting from the autosaved file
and the actions taken before Python was ready, answering one event, the stored text and its time, and the files a
person downloads. Each page supplies its own file (`record`), what an event does (`_apply`) and what to draw
(`_draw`). `PageSession` is what the worker starts for such a page: the same four calls, each guarded.

An event's handler returns a list of problems (the state may have changed) or, for an action that answers by itself
(a confirmation to ask, a file to fetch), a whole reply's text.
"""
from __future__ import annotations

import datetime
import json

from ..answers.checker import check_answers
from ..answers.record import PRIORITY_RANGE, agency_stamp
from ..display.thaidate import DATE_PARTS, read_date_parts
from .page_reply import checked_problems, guarded, problem, read_catalog, reply

# plan-docx, plan-xlsx: the IDP without its annex (the self-assessment answers), which the person may leave out
FILE_KINDS = ("json", "docx", "xlsx", "plan-docx", "plan-xlsx", "progress-docx", "progress-xlsx")
FILE_TYPES = {"json": "application/json",
              "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
              "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}
REPLAY_FAILED_TH = "ทำรายการที่ทำไว้ก่อนระบบพร้อมไม่ได้หนึ่งรายการ รายการอื่นทำครบแล้ว ตรวจดูแล้วทำรายการนั้นอีกครั้ง"
CHECK_FIRST_TH = "ยังสร้างไฟล์ไม่ได้ แก้ข้อมูลต่อไปนี้ก่อน"


def today() -> datetime.date:
    return datetime.date.today()


class PageState:
    backup_name = "digiskill-backup.json"
    drawn_later = False  # whether the page has slower parts to ask for with `refresh` after a quiet moment

    def __init__(self, catalog):
        self.catalog = catalog
        self._kept = None  # the file as last handed to the page, without its saved_at

    # ---- what each page supplies ----
    def record(self):
        """The answers file this page holds (an `Assessment`), or None."""
        raise NotImplementedError

    def _load(self, stored: str) -> list:
        """Take up the autosaved text; problems if it could not be used whole."""
        raise NotImplementedError

    def _apply(self, event: dict):
        raise NotImplementedError

    def _draw(self, full: bool, echo: str | None) -> dict:
        raise NotImplementedError

    # ---- the calls the page makes ----
    def start(self, stored: str | None, pending_json: str = "[]") -> str:
        """The autosaved file, then every event the page kept while Python was starting, in order. One event that
        fails is reported and the others still count."""
        problems = self._load(stored) if stored else []
        if stored and self.record() is not None:  # taken up as it was: opening the page moves no time on
            self.record().agency = agency_stamp(self.catalog)
            self._kept = {**self.record().to_dict(), "saved_at": ""}
        backup = stored if any(p["code"] == "damaged_draft" for p in problems) else None
        extra = {}
        for event in json.loads(pending_json or "[]"):
            try:
                result = self._handle(event)
            except Exception:  # one bad event must not lose the ones after it
                result = [problem(REPLAY_FAILED_TH, code="replay_failed")]
            if isinstance(result, str):  # a confirmation to ask or a file to fetch: asked for before Python was ready
                answered = json.loads(result)
                problems += answered["problems"]
                extra.update({k: answered[k] for k in ("confirm", "download") if k in answered})
            else:
                problems += result
        return self._reply(problems, full=True, backup=backup, **extra)

    def event(self, event_json: str) -> str:
        event = json.loads(event_json)
        result = self._handle(event)
        if isinstance(result, str):
            return result
        return self._reply(result, full=bool(event.get("action")), echo=event.get("path"))

    def _handle(self, event):
        """One event: a date's part is first read with its siblings as the date itself (`_dated`)."""
        if not isinstance(event, dict):
            return _not_an_event(event)
        event, said = _dated(event)
        if event is None:
            return said
        result = self._apply(event)
        return result if isinstance(result, str) else said + result

    def refresh(self) -> str:
        """The slower parts, drawn after a quiet moment; none unless the page has some."""
        return reply(True, [], draw={})

    def file(self, kind: str) -> bytes:
        a = self.record()
        if a is None or kind not in FILE_KINDS:
            raise ValueError(f"no file {kind!r} to make")
        if kind == "json":
            return json.dumps(self._stamped(), ensure_ascii=False, indent=1).encode("utf-8")
        # Only the writer asked for is imported, on first use: every module is start-up time in the browser.
        from ..cycle.idp import build_idp
        idp = build_idp(self.catalog, a)
        if kind.startswith("progress-"):
            from ..documents.progress_report import progress_docx, progress_xlsx
            return (progress_docx if kind == "progress-docx" else progress_xlsx)(idp)
        from ..documents.idp_document import idp_docx, idp_xlsx
        return (idp_docx if kind.endswith("docx") else idp_xlsx)(idp, annex=not kind.startswith("plan-"))

    # ---- shared steps ----
    def checked_for_files(self) -> list:
        """The file as the documents will read it: problems, if any, before a file is offered."""
        checked = check_answers(json.dumps(self.record().to_dict(), ensure_ascii=False), self.catalog, "answers")
        return [] if checked.ok else [problem(CHECK_FIRST_TH)] + checked_problems(checked.as_json())

    def offer(self, kind: str, name: str) -> str:
        return reply(True, [], download={"kind": kind, "name": name, "type": FILE_TYPES[kind.split("-")[-1]]})

    def _stamped(self) -> dict:
        """The file, its saved_at moved on only when something in it changed (a refused import or a download
        changes nothing, not even the time). A file saved on an agency's site says so (`AgencyStamp`: the agency's
        id and settings version), so HR's tools know which agency settings read it; the kit's own site removes it."""
        a = self.record()
        a.agency = agency_stamp(self.catalog)
        data = a.to_dict()
        unstamped = {**data, "saved_at": ""}
        if unstamped != self._kept or not a.saved_at:
            a.saved_at = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
            self._kept = unstamped
        return {**data, "saved_at": a.saved_at}

    def _reply(self, problems: list, full: bool, backup: str | None = None, echo: str | None = None,
               **extra) -> str:
        """`echo`: the field just changed; its value as kept is drawn back (a converted year, a refused change)."""
        store = json.dumps(self._stamped(), ensure_ascii=False) if self.record() is not None else ""
        parts = {"store": store, "draw": self._draw(full, echo), "later": self.drawn_later, **extra}
        if backup is not None:
            parts["backup"] = {"text": backup, "name": self.backup_name, "type": FILE_TYPES["json"]}
        return reply(not any(p["kind"] == "error" for p in problems), problems, **parts)


class PageSession:
    """The worker's calls of a form page (`CALLS`; the worker reaches nothing else), each guarded so that no traceback
    ever reaches the page. `file` returns the file's bytes, or a reply's text saying why it could not be made."""
    CALLS = ("start", "event", "refresh", "file")
    page_class = PageState

    def __init__(self, catalog_json: str):
        self.page = self.page_class(read_catalog(catalog_json))

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


def read_priority(value, field: str) -> tuple[int | None, list]:
    """A priority as typed in either page's number field: (the number or None when empty, problems)."""
    text = str(value).strip()
    if text == "":
        return None, []
    low, high = PRIORITY_RANGE
    if not text.isdigit() or not low <= int(text) <= high:
        return None, [problem(f"ลำดับความสำคัญต้องเป็นเลข {low} ถึง {high}", field=field, label_th="ลำดับความสำคัญ")]
    return int(text), []


def _dated(event: dict) -> tuple[dict | None, list]:
    """A date control's event ({"path": ".../target_date/year", "together": {"day", "month", "year"}}) as the event
    of the date itself ({"path": ".../target_date", "value": ISO}) and what to say next to it; None while the date is
    incomplete or wrong (the file keeps the date it had)."""
    path = str(event.get("path", "")).split("/")
    together = event.get("together")
    if path[-1] not in DATE_PARTS or not isinstance(together, dict):
        return event, []
    base = "/".join(path[:-1])
    value, kind, message = read_date_parts(together)
    said = [problem(message, field=base, kind=kind, label_th="วันที่")] if message else []
    return (None if value is None else {"path": base, "value": value}), said


def _not_an_event(event) -> list:
    return [problem("ไม่รู้จักคำสั่งนี้", code="unknown_action", message=f"not an event: {event!r:.40}")]
