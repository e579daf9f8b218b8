"""The self-assessment page's state (Ind 1–5), held here in Python: the page forwards what the person does as events
and draws what comes back. The page's script knows no field, rule or word of the answers file.

    page = StaffPage(catalog)
    page.start(stored_text, pending_json) -> reply   # the autosaved draft and the actions taken before Python was
                                                    # ready (replayed in order)
    page.event(event_json) -> reply                            # one action: a field changed, a button pressed
    page.refresh() -> reply                                    # the slower parts (plan preview, skill shape)
    page.file(kind) -> bytes                                   # the download the last reply announced

An event is {"path": "plan/DLit200/goal", "value": "...", "checked": bool} for a field (the path is the one the page's
template gives the control) or {"action": "import", "text": "...", "confirmed": bool} for a button. Every reply has
the shape of `page_reply` plus "store" (the answers file as text, which the page keeps as it is) and "draw"
(`staff_draw.draw`).
"""
from __future__ import annotations

from ..answers.checker import check_answers
from ..answers.record import (PERSON_FIELDS, PLAN_TEXT_FIELDS, ItemAnswer, PlanEntry, ProgressLine,
                              ProgressReview, empty_assessment)
from ..cycle.idp import classify_group
from ..cycle.year import start_next_year
from ..display.thaidate import as_buddhist_era, fiscal_year, fiscal_year_bounds, is_iso_date, thai_date
from .page_reply import FIELDS, checked_problems, problem, reply
from .page_state import FILE_KINDS, PageState, read_priority, today
from .staff_draw import draw, file_name, heavy_parts, question_codes

CONFIRM_TH = {
    "import": "แทนที่คำตอบปัจจุบันด้วยคำตอบจากไฟล์นี้?",
    "next-year": "เริ่มแบบประเมินปีใหม่แทนคำตอบปัจจุบัน? (บันทึก .json ของคำตอบปัจจุบันไว้ก่อนถ้ายังต้องใช้)",
    "reset": "ลบคำตอบทั้งหมดในเครื่องนี้แล้วเริ่มใหม่? (ถ้ายังไม่ได้บันทึกเป็นไฟล์ .json คำตอบจะหายไป)",
    "future-drop": "เอาทักษะนี้ออกจากแผนสำหรับงานในอนาคต? สิ่งที่พิมพ์ไว้ในรายการนี้จะหายไป",
}
LOCKED_TH = ("แผนนี้ตกลงกับผู้บังคับบัญชาแล้ว จึงแก้ในที่นี้ไม่ได้ ถ้าจะเปลี่ยน ให้บันทึกเป็นการปรับแผน"
             "ในการทบทวนความก้าวหน้า (จะบันทึกพร้อมวันที่)")

FISCAL_YEAR_TH = FIELDS["period.fiscal_year"][1]
DAMAGED_TH = ("คำตอบที่บันทึกไว้ในเบราว์เซอร์นี้เสียหาย เก็บสำเนาเดิมไว้แล้ว (ดาวน์โหลดได้จากปุ่มในข้อความนี้) "
              "และใช้ส่วนที่อ่านได้ต่อ")


class StaffPage(PageState):
    backup_name = "digiskill-draft-backup.json"
    drawn_later = True  # the plan preview and the skill shape (`refresh`)

    def __init__(self, catalog):
        super().__init__(catalog)
        self.a = empty_assessment(catalog)
        self._codes = set(question_codes(catalog))

    # ---- what PageState asks of the page ----
    def record(self):
        return self.a

    def _load(self, stored: str) -> list:
        checked = check_answers(stored, self.catalog, "draft", draft=True)
        if checked.assessment is not None:
            self.a = checked.assessment
        if checked.problems or checked.assessment is None:
            return [problem(DAMAGED_TH, code="damaged_draft")] + checked_problems(checked.as_json())
        return []

    def start(self, stored: str | None, pending_json: str = "[]") -> str:
        if not stored:
            self.a = self._fresh()
        return super().start(stored, pending_json)

    def _draw(self, full: bool, echo: str | None) -> dict:
        return draw(self.catalog, self.a, full, echo)

    def refresh(self) -> str:
        return reply(True, [], draw=heavy_parts(self.catalog, self.a))

    # ---- events ----
    def _apply(self, event: dict):
        action = event.get("action")
        if action:
            return self._action(action, event)
        path = str(event.get("path", "")).split("/")
        return self._set(path, event.get("value", ""), bool(event.get("checked"))) or []

    def _action(self, action: str, event: dict):
        if action in CONFIRM_TH and not event.get("confirmed") and (action == "reset" or self._has_answers()):
            return reply(True, [], confirm={"text_th": CONFIRM_TH[action], "event": {**event, "confirmed": True}})
        if action == "reset":
            self.a = self._fresh()
            return []
        if action == "classify":
            return self._classify()
        if action in ("import", "next-year"):
            return self._replace(action, event.get("text", ""))
        if action == "progress-new":
            if not self._reviewed():
                return [problem("เริ่มทบทวนความก้าวหน้าได้เมื่อผู้บังคับบัญชาตกลงแผนแล้ว")]
            if self.a.progress and self.a.progress[-1].date == today().isoformat():  # a double click, or a second go
                return [problem("มีการทบทวนของวันนี้อยู่แล้ว บันทึกต่อในรายการด้านล่างได้เลย", kind="info")]
            self.a.progress.append(ProgressReview(date=today().isoformat()))
            return []
        if action == "download":
            return self._download(event.get("kind", ""))
        if action == "future-drop" and event.get("code") in self._codes:
            return self._choose_future(event["code"], False, confirmed=True)
        return [problem("ไม่รู้จักคำสั่งนี้", code="unknown_action", message=f"unknown action {action!r}")]

    def _fresh(self):
        """A new file: the agency's stage if it has one, and this fiscal year (October to September) to start with."""
        fresh = empty_assessment(self.catalog)
        fresh.period.fiscal_year = self._fiscal_year_now()
        return fresh

    def _has_answers(self) -> bool:
        """Anything typed or chosen beyond what a new file holds (a name, a mission, an answer, a plan line…)."""
        blank = {**self._fresh().to_dict(), "saved_at": "", "period": None, "stage": None}
        return {**self.a.to_dict(), "saved_at": "", "period": None, "stage": None} != blank

    def _replace(self, action: str, text: str):
        checked = check_answers(text, self.catalog, "import" if action == "import" else "last year")
        found = checked_problems(checked.as_json())
        if not checked.ok:
            head = "นำเข้าไม่ได้" if action == "import" else "เริ่มปีใหม่จากไฟล์นี้ไม่ได้"
            return [problem(f"{head} คำตอบปัจจุบันไม่เปลี่ยนแปลง")] + found
        if action == "import":
            finder = self.a.finder
            self.a = checked.assessment
            if not self.a.finder.get("shares"):
                self.a.finder = finder  # the group finder's figures typed here are kept when the file has none
            return [problem(f"นำเข้าคำตอบของบทบาท {self.a.role} แล้ว", kind="info")] + found
        last = checked.assessment  # next year is last year's + 1; today's fiscal year if the file has none
        self.a = start_next_year(last, None if last.period.fiscal_year else self._fiscal_year_now())
        return [problem("เริ่มปีใหม่แล้ว: คำตอบปีที่แล้วแสดงข้างแต่ละข้อ และยกแผนที่ยังไม่สำเร็จ "
                        f"{len(self.a.plan)} รายการมาให้ (ทั้งที่ยังไม่บรรลุและที่ผู้บังคับบัญชาให้เลื่อนมาปีนี้)",
                        kind="info")] + found

    def _fiscal_year_now(self) -> int:
        return fiscal_year(today())

    def _classify(self):
        result = classify_group(self.catalog, self.a.finder.get("shares", {}), self.a.finder.get("career") or None)
        if result["group"]:
            self.a.group = result["group"]
            self._set_role()
        return [problem(result["reason_th"], kind="info" if result["group"] else "warning")]

    def _download(self, kind: str):
        if kind not in FILE_KINDS:
            return [problem("ไม่รู้จักชนิดไฟล์นี้", code="unknown_file")]
        if not self.a.role:
            return [problem("เลือกกลุ่มและระยะก่อน แล้วจึงบันทึกหรือดาวน์โหลด", field="group")]
        if kind.startswith("progress") and not self.a.progress:
            return [problem("ยังไม่มีการทบทวนความก้าวหน้า เริ่มบันทึกการทบทวนก่อน")]
        found = self.checked_for_files() if kind != "json" else []
        return found or self.offer(kind, file_name(self.catalog, self.a, kind, today()))

    # ---- fields ----
    def _set(self, path: list, value, checked: bool):
        a, head = self.a, path[0]
        if head in ("group", "stage") and len(path) == 1:
            setattr(a, head, value or None)
            self._set_role()
        elif head == "answers" and len(path) == 3 and path[1] in self._codes and path[2] in ("has", "note"):
            return self._answer(path[1], path[2], value)
        elif head == "person" and len(path) == 2 and path[1] in PERSON_FIELDS:
            a.person[path[1]] = value
        elif head == "mission":
            a.mission = value
        elif head == "finder" and path[1:2] == ["shares"] and len(path) == 3 and \
                path[2] in {g.code for g in self.catalog.groups}:
            a.finder.setdefault("shares", {})[path[2]] = _number(value)
        elif head == "finder" and path[1:] == ["career"]:
            a.finder["career"] = value
        elif head == "period" and len(path) == 2 and path[1] in ("fiscal_year", "start", "end"):
            return self._period(path[1], value)
        elif head == "plan" and len(path) == 3 and path[1] in self._codes and path[2] in PLAN_FIELDS:
            if self._reviewed():
                return [problem(LOCKED_TH, field="/".join(path))]
            return _plan_field(a.plan.setdefault(path[1], PlanEntry()), path, value, checked)
        elif head in ("future-choose", "future") and len(path) == 3 and self._reviewed():
            return [problem(LOCKED_TH, field="/".join(path))]
        elif head == "future-choose" and len(path) == 3 and path[1] in self._codes:
            return self._choose_future(path[1], checked)
        elif head == "future" and len(path) == 3 and path[1] in self._codes and path[2] in PLAN_FIELDS:
            a.future_role = self._future_role()
            return _plan_field(a.future_plan.setdefault(path[1], PlanEntry()), path, value, checked)
        elif head == "progress-date" and len(path) == 1 and a.progress:
            return self._progress_date(value)
        elif head == "progress" and len(path) == 3 and a.progress and path[2] in PROGRESS_FIELDS:
            return self._progress(path[1], path[2], value)
        else:
            return [problem("ไม่รู้จักช่องนี้", code="unknown_field", message=f"unknown field {'/'.join(path)}")]
        return []

    def _choose_future(self, code: str, chosen: bool, confirmed: bool = False):
        """A skill of the next stage's role chosen for the "future work" part; taking one out that has text asks."""
        a = self.a
        if chosen:
            a.future_role = self._future_role()
            a.future_plan.setdefault(code, PlanEntry())
            return []
        entry = a.future_plan.get(code)
        if entry is not None and entry != PlanEntry() and not confirmed:
            return reply(True, [], confirm={"text_th": CONFIRM_TH["future-drop"], "event": {
                "action": "future-drop", "code": code, "confirmed": True}},
                draw={"fields": {f"future-choose/{code}/chosen": True}})
        a.future_plan.pop(code, None)
        return []

    def _answer(self, code: str, field: str, value: str):
        answer = self.a.answers.setdefault(code, ItemAnswer())
        if field == "has":
            if self._reviewed() and code in self.a.plan:
                return [problem(LOCKED_TH + " (ตอนนี้มีทักษะนี้แล้วหรือยัง ตอบได้ในการทบทวนความก้าวหน้า)",
                                field=f"answers/{code}/has")]
            # A plan line typed for this skill stays in the file if the answer turns to "มี": nothing typed is lost
            # should the person change their mind again, and the plan and documents take the gaps only.
            answer.has = {"yes": True, "no": False}.get(value)
        elif field == "note":
            answer.note = value
        return []

    def _period(self, field: str, value: str):
        where = f"period/{field}"
        if field != "fiscal_year":
            setattr(self.a.period, field, value)
            return []
        if str(value).strip() == "":
            self.a.period.fiscal_year = None
            return []
        year = _number(value)
        if not isinstance(year, int):
            return [problem("ปีงบประมาณต้องเป็นตัวเลขปี พ.ศ. เช่น 2570", field=where, label_th=FISCAL_YEAR_TH)]
        year, converted = as_buddhist_era(year)
        if converted:  # a Common Era year: converted, and the person is told
            self.a.period.fiscal_year = year
            return [problem(converted, kind="info", field=where, label_th=FISCAL_YEAR_TH)]
        if not 2400 <= year <= 2800:
            return [problem(f"ปีงบประมาณ {year} ไม่ถูกต้อง ใส่ปี พ.ศ. เช่น {self._fiscal_year_now()}", field=where,
                            label_th=FISCAL_YEAR_TH)]
        self.a.period.fiscal_year = year
        return []

    def _progress_date(self, value: str):
        """The current progress review's own date (it starts as the day it was begun): within the plan's period."""
        first, last = self._plan_period()
        if not is_iso_date(value) or not first <= value <= last:
            return [problem(f"วันที่ทบทวนต้องอยู่ในช่วงของแผน ({thai_date(first)} ถึง {thai_date(last)})",
                            field="progress-date", label_th="วันที่ทบทวน")]
        self.a.progress[-1].date = value
        return []

    def _plan_period(self) -> tuple[str, str]:
        """The plan's period as ISO dates: the dates typed, else the fiscal year (1 October to 30 September)."""
        period = self.a.period
        first, last = fiscal_year_bounds(period.fiscal_year or self._fiscal_year_now())
        return (period.start if is_iso_date(period.start) else first, period.end if is_iso_date(period.end) else last)

    def _progress(self, code: str, field: str, value: str):
        current = self.a.progress[-1]
        if field == "reanswer":
            current.reanswers[code] = value == "yes"
        else:
            setattr(current.lines.setdefault(code, ProgressLine()), field, value)
        return []

    # ---- helpers ----
    def _reviewed(self) -> bool:
        return self.a.review is not None

    def _set_role(self):
        a = self.a
        role = next((r for r in self.catalog.roles if r.group == a.group and r.stage == a.stage), None)
        a.role = role.code if role else None

    def _future_role(self):
        from ..cycle.year import next_role
        role = next_role(self.catalog, self.a.role) if self.a.role else None
        return role.code if role else None


PLAN_FIELDS = ("priority", "methods", "target_date") + PLAN_TEXT_FIELDS
PROGRESS_FIELDS = ("status", "outcome", "reason", "evidence", "applied", "reanswer")


def _number(value):
    text = str(value).strip()
    if text == "":
        return ""
    try:
        return int(text)
    except ValueError:
        try:
            return float(text)
        except ValueError:
            return text


def _plan_field(entry: PlanEntry, path: list, value, checked: bool):
    field = path[2]
    if field == "methods":
        methods = [m for m in entry.methods if m != value]
        entry.methods = methods + [value] if checked else methods
    elif field == "priority":
        priority, problems = read_priority(value, "/".join(path))
        if problems:
            return problems
        entry.priority = priority
    elif field == "target_date" or field in PLAN_TEXT_FIELDS:
        setattr(entry, field, value)
    return []
