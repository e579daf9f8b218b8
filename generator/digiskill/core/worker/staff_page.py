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

import datetime
import json

from ..answers.record import PLAN_TEXT_FIELDS, PRIORITY_RANGE, ItemAnswer, PlanEntry, ProgressLine, ProgressReview, \
    empty_assessment
from ..answers.checker import check_answers
from ..cycle.year import start_next_year
from ..cycle.idp import build_idp, classify_group
from ..display.thaidate import BE_OFFSET
from .page_reply import checked_problems, problem, reply
from .staff_draw import draw, file_name, heavy_parts

FILE_KINDS = ("json", "docx", "xlsx", "progress-docx", "progress-xlsx")
FILE_TYPES = {"json": "application/json",
              "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
              "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}
CONFIRM_TH = {
    "import": "แทนที่คำตอบปัจจุบันด้วยคำตอบจากไฟล์นี้?",
    "next-year": "เริ่มแบบประเมินปีใหม่แทนคำตอบปัจจุบัน? (บันทึก .json ของคำตอบปัจจุบันไว้ก่อนถ้ายังต้องใช้)",
    "reset": "ลบคำตอบทั้งหมดในเครื่องนี้แล้วเริ่มใหม่? (ถ้ายังไม่ได้บันทึกเป็นไฟล์ .json คำตอบจะหายไป)",
}
LOCKED_TH = ("แผนนี้ตกลงกับผู้บังคับบัญชาแล้ว จึงแก้ในที่นี้ไม่ได้ ถ้าจะเปลี่ยน ให้บันทึกเป็นการปรับแผน"
             "ในการทบทวนความก้าวหน้า (จะบันทึกพร้อมวันที่)")


def today() -> datetime.date:
    return datetime.date.today()


class StaffPage:
    def __init__(self, catalog):
        self.catalog = catalog
        self.a = empty_assessment(catalog)
        self._kept = None  # the answers file as last handed to the page, without its saved_at

    # ---- the calls the page makes ----
    def start(self, stored: str | None, pending_json: str = "[]") -> str:
        problems, backup = [], None
        if stored:
            checked = check_answers(stored, self.catalog, "draft", draft=True)
            if checked.problems or checked.assessment is None:
                backup = stored
                problems.append(problem("คำตอบที่บันทึกไว้ในเบราว์เซอร์นี้เสียหาย เก็บสำเนาเดิมไว้แล้ว "
                                        "(ดาวน์โหลดได้จากปุ่มในข้อความนี้) และใช้ส่วนที่อ่านได้ต่อ", code="damaged_draft"))
                problems += checked_problems(checked.as_json())
            if checked.assessment is not None:
                self.a = checked.assessment
        else:
            self.a = self._fresh()
        extra = {}
        for event in json.loads(pending_json or "[]"):
            result = self._apply(event)
            if isinstance(result, str):  # an action asked for before Python was ready: a confirmation or a file
                answered = json.loads(result)
                problems += answered["problems"]
                extra.update({k: answered[k] for k in ("confirm", "download") if k in answered})
            else:
                problems += result
        return self._reply(problems, full=True, backup=backup, **extra)

    def event(self, event_json: str) -> str:
        event = json.loads(event_json)
        problems = self._apply(event)
        if isinstance(problems, str):  # an action that answers by itself (confirm, download)
            return problems
        return self._reply(problems, full=bool(event.get("action")), echo=event.get("path"))

    def refresh(self) -> str:
        return reply(True, [], draw=heavy_parts(self.catalog, self.a))

    def file(self, kind: str) -> bytes:
        if kind == "json":
            return json.dumps(self._stamped(), ensure_ascii=False, indent=1).encode("utf-8")
        if kind not in FILE_KINDS:
            raise ValueError(f"no such file: {kind!r}")
        # The writers are imported on first use: every module is start-up time in the browser.
        from ..documents.idp_document import idp_docx, idp_xlsx
        from ..documents.progress_report import progress_docx, progress_xlsx
        writer = {"docx": idp_docx, "xlsx": idp_xlsx, "progress-docx": progress_docx,
                  "progress-xlsx": progress_xlsx}[kind]
        return writer(build_idp(self.catalog, self.a))

    # ---- events ----
    def _apply(self, event):
        if not isinstance(event, dict):
            return [problem("ไม่รู้จักคำสั่งนี้", code="unknown_action", message=f"not an event: {event!r:.40}")]
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
            self.a.progress.append(ProgressReview(date=today().isoformat()))
            return []
        if action == "download":
            return self._download(event.get("kind", ""))
        return [problem("ไม่รู้จักคำสั่งนี้", code="unknown_action", message=f"unknown action {action!r}")]

    def _fresh(self):
        """A new file: the agency's stage if it has one, and this fiscal year (October to September) to start with."""
        fresh = empty_assessment(self.catalog)
        fresh.period.fiscal_year = self._fiscal_year_now()
        return fresh

    def _has_answers(self) -> bool:
        return any(x.has is not None or x.note for x in self.a.answers.values()) or bool(self.a.plan)

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
                        f"{len(self.a.plan)} รายการมาให้", kind="info")] + found

    def _fiscal_year_now(self) -> int:
        """The Thai fiscal year of today (October to September), in the Buddhist era."""
        day = today()
        return day.year + BE_OFFSET + (1 if day.month >= 10 else 0)

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
        if kind != "json":
            checked = check_answers(json.dumps(self.a.to_dict(), ensure_ascii=False), self.catalog, "answers")
            if not checked.ok:
                return [problem("ยังสร้างไฟล์ไม่ได้ แก้ข้อมูลต่อไปนี้ก่อน")] + checked_problems(checked.as_json())
        ext = kind.split("-")[-1]
        return reply(True, [], download={"kind": kind, "name": file_name(self.catalog, self.a, kind, today()),
                                         "type": FILE_TYPES[ext]})

    # ---- fields ----
    def _set(self, path: list, value, checked: bool):
        a, head = self.a, path[0]
        if head in ("group", "stage") and len(path) == 1:
            setattr(a, head, value or None)
            self._set_role()
        elif head == "answers" and len(path) == 3:
            return self._answer(path[1], path[2], value)
        elif head == "person" and len(path) == 2:
            a.person[path[1]] = value
        elif head == "mission":
            a.mission = value
        elif head == "finder" and path[1:2] == ["shares"] and len(path) == 3:
            a.finder.setdefault("shares", {})[path[2]] = _number(value)
        elif head == "finder" and path[1:] == ["career"]:
            a.finder["career"] = value
        elif head == "period" and len(path) == 2:
            return self._period(path[1], value)
        elif head == "plan" and len(path) == 3:
            if self._reviewed():
                return [problem(LOCKED_TH, field="/".join(path))]
            return _plan_field(a.plan.setdefault(path[1], PlanEntry()), path, value, checked)
        elif head == "future-choose" and len(path) == 3:
            if checked:
                a.future_role = self._future_role()
                a.future_plan.setdefault(path[1], PlanEntry())
            else:
                a.future_plan.pop(path[1], None)
        elif head == "future" and len(path) == 3:
            a.future_role = self._future_role()
            return _plan_field(a.future_plan.setdefault(path[1], PlanEntry()), path, value, checked)
        elif head == "progress" and len(path) == 3 and a.progress:
            return self._progress(path[1], path[2], value)
        else:
            return [problem("ไม่รู้จักช่องนี้", code="unknown_field", message=f"unknown field {'/'.join(path)}")]
        return []

    def _answer(self, code: str, field: str, value: str):
        answer = self.a.answers.setdefault(code, ItemAnswer())
        if field == "has":
            if self._reviewed() and code in self.a.plan:
                return [problem(LOCKED_TH + " (ตอนนี้มีทักษะนี้แล้วหรือยัง ตอบได้ในการทบทวนความก้าวหน้า)",
                                field=f"answers/{code}/has")]
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
            return [problem("ปีงบประมาณต้องเป็นตัวเลขปี พ.ศ. เช่น 2570", field=where, label_th="ปีงบประมาณ (พ.ศ.)")]
        if 1900 <= year < 2300:  # a Common Era year: converted, and the person is told
            self.a.period.fiscal_year = year + BE_OFFSET
            return [problem(f"ปี {year} เป็นปี ค.ศ. จึงแปลงเป็นปี พ.ศ. {year + BE_OFFSET} ให้แล้ว", kind="info",
                            field=where, label_th="ปีงบประมาณ (พ.ศ.)")]
        if not 2400 <= year <= 2800:
            return [problem(f"ปีงบประมาณ {year} ไม่ถูกต้อง ใส่ปี พ.ศ. เช่น {self._fiscal_year_now()}", field=where,
                            label_th="ปีงบประมาณ (พ.ศ.)")]
        self.a.period.fiscal_year = year
        return []

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

    def _stamped(self) -> dict:
        """The answers file, its saved_at moved on only when something in it changed (a refused import changes
        nothing, not even the time)."""
        data = self.a.to_dict()
        unstamped = {**data, "saved_at": ""}
        if unstamped != self._kept or not self.a.saved_at:
            self.a.saved_at = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
            self._kept = unstamped
        return {**data, "saved_at": self.a.saved_at}

    def _reply(self, problems: list, full: bool, backup: str | None = None, echo: str | None = None,
               **extra) -> str:
        """`echo`: the field just changed; its value as kept is drawn back (a converted year, a refused change)."""
        parts = {"store": json.dumps(self._stamped(), ensure_ascii=False),
                 "draw": draw(self.catalog, self.a, full, echo), "later": True, **extra}
        if backup is not None:
            parts["backup"] = {"text": backup, "name": "digiskill-draft-backup.json", "type": FILE_TYPES["json"]}
        return reply(not any(p["kind"] == "error" for p in problems), problems, **parts)


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
        number = _number(value)
        if number == "":
            entry.priority = None
        elif not isinstance(number, int) or not PRIORITY_RANGE[0] <= number <= PRIORITY_RANGE[1]:
            return [problem(f"ลำดับความสำคัญต้องเป็นเลข {PRIORITY_RANGE[0]} ถึง {PRIORITY_RANGE[1]}",
                            field="/".join(path), label_th="ลำดับความสำคัญ")]
        else:
            entry.priority = number
    elif field == "target_date" or field in PLAN_TEXT_FIELDS:
        setattr(entry, field, value)
    return []
