"""The supervisor's review page (/supervisor/), its state held here in Python: the staff member's file that is open
(an `Assessment`), its `review` and the feedback on its latest progress review. The page forwards what the
supervisor does as events and draws what comes back (`review_draw`); its script knows no field, rule or word.

    page = ReviewPage(catalog)
    page.start(stored_text, pending_json) -> reply   # the autosaved review (the staff file with the review in it)
                                                     # and the actions taken before Python was ready, in order
    page.event(event_json) -> reply                  # one action: a field changed, a button pressed
    page.file(kind) -> bytes                         # the download the last reply announced

Events: {"path": "lines/DLit200/priority", "value": "1", "checked": bool} for a field (paths as the template names
its controls: role_decision, proposed_role, reason, multi_group, next_level/name, support, opinion, supervisor/date,
lines/<code>/decision|priority|methods|target_date|comment, feedback) or {"action": "open", "text": "...",
"confirmed": bool}, {"action": "reset"}, {"action": "download", "kind": "json" | "docx" | "xlsx" | "progress-docx" |
"progress-xlsx"}. Every reply has the shape of `page_reply` plus "store" (the staff file with the review, as text,
which the page keeps as it is; "" when no file is open) and "draw".
"""
from __future__ import annotations

from ..answers.checker import check_answers
from ..answers.record import LINE_DECISIONS, ROLE_DECISIONS, Review, ReviewLine, Signer
from .page_reply import checked_problems, problem, reply
from ..display.thaidate import is_iso_date
from .page_state import FILE_KINDS, PageState, read_priority, today
from ..cycle.year import gap_codes
from .review_draw import draw, file_name, staff_line

CONFIRM_TH = {
    "open": "แทนที่แผนที่กำลังพิจารณาด้วยไฟล์นี้? (ถ้ายังไม่ได้ดาวน์โหลด .json สิ่งที่พิจารณาไว้จะหายไป)",
    "reset": "ล้างแผนที่กำลังพิจารณาในเครื่องนี้? (ถ้ายังไม่ได้ดาวน์โหลด .json จะหายไป)",
}
DAMAGED_TH = ("สิ่งที่พิจารณาไว้ในเบราว์เซอร์นี้ใช้ต่อไม่ได้ เก็บสำเนาเดิมไว้แล้ว (ดาวน์โหลดได้จากปุ่มในข้อความนี้) "
              "เปิดไฟล์ของบุคลากรอีกครั้งเพื่อพิจารณาต่อ")
NO_FILE_TH = "เปิดไฟล์ของบุคลากรก่อน"
TEXT_FIELDS = ("reason", "support", "opinion")
SIGNERS = ("supervisor", "next_level")
DATE_TH = "วันที่ไม่ถูกต้อง เลือกวันและเดือน แล้วใส่ปี พ.ศ. 4 หลัก"


class ReviewPage(PageState):
    backup_name = "digiskill-review-backup.json"

    def __init__(self, catalog):
        super().__init__(catalog)
        self.a = None  # the open staff file (Assessment), its review in self.a.review

    # ---- what PageState asks of the page ----
    def record(self):
        return self.a

    def _load(self, stored: str) -> list:
        """The review autosaved here: read as a draft (a field the supervisor was still filling in is not a reason to
        set the whole review aside); kept as a backup if it cannot be used."""
        checked = check_answers(stored, self.catalog, "staff file", draft=True)
        if checked.assessment is not None and checked.assessment.role:
            self.a = checked.assessment
            self._ensure_review()
        if checked.problems or self.a is None:
            return [problem(DAMAGED_TH, code="damaged_draft")] + checked_problems(checked.as_json())
        return []

    def _draw(self, full: bool, echo: str | None) -> dict:
        return draw(self.catalog, self.a, full, echo)

    # ---- events ----
    def _apply(self, event: dict):
        action = event.get("action")
        if action == "open":
            return self._open(event)
        if action == "reset":
            if self.a is not None and not event.get("confirmed"):
                return reply(True, [], confirm={"text_th": CONFIRM_TH["reset"], "event": {**event, "confirmed": True}})
            self.a = None
            return []
        if action == "download":
            return self._download(event.get("kind", ""))
        if action:
            return [problem("ไม่รู้จักคำสั่งนี้", code="unknown_action", message=f"unknown action {action!r}")]
        if self.a is None:
            return [problem(NO_FILE_TH, code="no_file")]
        path = str(event.get("path", "")).split("/")
        return self._set(path, event.get("value", ""), bool(event.get("checked")))

    def _open(self, event: dict):
        checked = check_answers(event.get("text", ""), self.catalog, "staff file")
        found = checked_problems(checked.as_json())
        if not checked.ok:
            return [problem("เปิดไฟล์ไม่ได้ ข้อมูลที่พิจารณาอยู่ไม่เปลี่ยนแปลง")] + found
        if self.a is not None and not event.get("confirmed"):
            return reply(True, [], confirm={"text_th": CONFIRM_TH["open"], "event": {**event, "confirmed": True}})
        self.a = checked.assessment
        self._ensure_review()
        who = self.a.person.get("name") or "บุคลากร"
        return [problem(f"เปิดแผนของ {who} แล้ว", kind="info")] + found

    def _download(self, kind: str):
        if kind not in FILE_KINDS:
            return [problem("ไม่รู้จักชนิดไฟล์นี้", code="unknown_file")]
        if self.a is None:
            return [problem(NO_FILE_TH, code="no_file")]
        if kind.startswith("progress") and not self.a.progress:
            return [problem("บุคลากรยังไม่ได้บันทึกการทบทวนความก้าวหน้า จึงยังไม่มีรายงานความก้าวหน้า")]
        return self.checked_for_files() or self.offer(kind, file_name(self.a, kind, today()))

    # ---- fields ----
    def _set(self, path: list, value, checked: bool) -> list:
        r, head = self.a.review, path[0]
        if head == "role_decision" and len(path) == 1 and value in ROLE_DECISIONS + ("",):
            r.role_decision = value
        elif head == "proposed_role" and len(path) == 1:
            if value and not any(role.code == value for role in self.catalog.roles):
                return [problem("ไม่รู้จักบทบาทนี้", field="proposed_role", code="unknown_role")]
            r.proposed_role = value or None
        elif head in TEXT_FIELDS and len(path) == 1:
            setattr(r, head, str(value))
        elif head == "multi_group" and len(path) == 1:
            r.multi_group = checked
        elif head in SIGNERS and len(path) == 2 and path[1] in ("name", "position", "date"):
            if path[1] == "date" and not _date_or_empty(value):
                return [problem(DATE_TH, field="/".join(path), label_th="วันที่")]
            setattr(getattr(r, head), path[1], str(value))
            if head == "supervisor":
                self._sign_progress()
        elif head == "lines" and len(path) == 3 and path[1] in self._line_codes():
            return self._line(path[1], path[2], value, checked)
        elif head == "feedback" and len(path) == 1 and self.a.progress:
            self.a.progress[-1].feedback = str(value)
            self._sign_progress()
        else:
            return [problem("ไม่รู้จักช่องนี้", code="unknown_field", message=f"unknown field {'/'.join(path)}")]
        return []

    def _line(self, code: str, field: str, value, checked: bool) -> list:
        """One plan line: the default word is "agreed"; the supervisor's methods start from the staff member's own."""
        line = self.a.review.lines.setdefault(code, ReviewLine())
        where = f"lines/{code}/{field}"
        if field == "decision":
            if value not in LINE_DECISIONS:
                return [problem("ไม่รู้จักคำตอบนี้", field=where, code="unknown_choice")]
            line.decision = value
        elif field == "priority":
            priority, problems = read_priority(value, where)
            if problems:
                return problems
            line.priority = priority
        elif field == "methods":
            if value not in {t.code for t in self.catalog.tools}:
                return [problem("ไม่รู้จักวิธีการพัฒนานี้", field=where, code="unknown_method")]
            own = staff_line(self.a, code).methods
            methods = [m for m in (line.methods if line.methods is not None else own) if m != value]
            line.methods = methods + [value] if checked else methods
        elif field == "target_date" and not _date_or_empty(value):
            return [problem(DATE_TH, field=where, label_th="วันที่ทำให้สำเร็จ")]
        elif field in ("target_date", "comment"):
            setattr(line, field, str(value))
        else:
            return [problem("ไม่รู้จักช่องนี้", code="unknown_field", message=f"unknown field {where}")]
        return []

    # ---- helpers ----
    def _ensure_review(self):
        if self.a.review is None:
            self.a.review = Review()

    def _line_codes(self) -> set:
        """The lines the supervisor reviews: the plan's and the work-in-future part's."""
        return set(gap_codes(self.catalog, self.a)) | (set(self.a.future_plan) if self.a.future_role else set())

    def _sign_progress(self):
        """The supervisor who gives feedback on the latest progress review signs it: the review's supervisor."""
        current = self.a.progress[-1] if self.a.progress else None
        if current is not None and current.feedback:
            signer = self.a.review.supervisor
            current.supervisor = Signer(signer.name, signer.position, signer.date)



def _date_or_empty(value) -> bool:
    """A date as the page's date fields give it (YYYY-MM-DD), or nothing yet."""
    return str(value).strip() == "" or is_iso_date(str(value))
