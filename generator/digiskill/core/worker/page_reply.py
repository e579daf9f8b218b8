"""What every page session shares: the catalog read from the site's JSON, one reply shape from Python to every page,
and one way to turn any failure into it.

    {"ok": true | false,
     "problems": [{"kind": "error" | "warning" | "info", "field": "period/fiscal_year" | null,
                   "label_th": "ปีงบประมาณ (พ.ศ.)" | "", "message_th": "...", "message": "...", "code": "..."}],
     "detail": "..."}          # only for an unexpected error: the traceback, which the page logs to the console

plus whatever the call adds ("store", "draw", "download", "view"…). `field` is the page control the problem concerns
(its data path, as the templates name it), so the page shows the message next to that control; without one, in the
page's message box. A problem found in a file names the file's key path in English (`message`) and the field's Thai
label in Thai (`message_th`), never the internal key.
"""
from __future__ import annotations

import functools
import json
import traceback

from ...model import Catalog

UNEXPECTED_TH = ("ระบบประมวลผลขัดข้องโดยไม่คาดคิด ข้อมูลที่กรอกไว้ยังอยู่ครบ ลองทำอีกครั้ง ถ้ายังไม่ได้ "
                 "ให้บันทึกคำตอบเป็นไฟล์ .json แล้วเปิดหน้านี้ใหม่")

# The answers file's key paths (as the checker names them) -> the page control and its Thai label.
FIELDS = {
    "period.fiscal_year": ("period/fiscal_year", "ปีงบประมาณ (พ.ศ.)"),
    "period.start": ("period/start", "วันเริ่มของแผน"),
    "period.end": ("period/end", "วันสิ้นสุดของแผน"),
    "mission": ("mission", "ภารกิจของหน่วยงาน"),
    "person.name": ("person/name", "ชื่อ-สกุล"),
    "person.position": ("person/position", "ตำแหน่ง"),
    "person.agency": ("person/agency", "หน่วยงาน"),
    "person.division": ("person/division", "ส่วนราชการ"),
    "person.supervisor": ("person/supervisor", "ผู้บังคับบัญชา"),
}
PLAN_LABELS = {"priority": "ลำดับความสำคัญ", "target_date": "วันที่ทำให้สำเร็จ", "goal": "เป้าหมายการพัฒนา",
               "indicator": "ตัวชี้วัดความสำเร็จ", "application": "การนำไปใช้ในงาน",
               "support": "การสนับสนุนที่ต้องการ", "methods": "วิธีการพัฒนา"}


def problem(message_th: str, *, field: str | None = None, kind: str = "error", code: str = "", message: str = "",
            label_th: str = "") -> dict:
    return {"kind": kind, "field": field, "label_th": label_th, "message_th": message_th,
            "message": message or code, "code": code}


REVIEW_LABELS = {"decision": "ความเห็นต่อรายการ", "priority": "ลำดับความสำคัญ", "methods": "วิธีการพัฒนา",
                 "target_date": "วันที่ทำให้สำเร็จ", "comment": "ความเห็นต่อรายการ", "reason": "เหตุผล",
                 "support": "การสนับสนุนที่จะให้", "opinion": "ความเห็นของผู้บังคับบัญชา",
                 "proposed_role": "บทบาทที่เสนอ", "role_decision": "ความเห็นต่อกลุ่มและบทบาท"}
SIGNERS_TH = {"supervisor": "ผู้บังคับบัญชา", "next_level": "ผู้บังคับบัญชาเหนือขึ้นไป"}
SIGNER_FIELDS_TH = {"name": "ชื่อ", "position": "ตำแหน่ง", "date": "วันที่"}


def field_of(path: str) -> tuple[str | None, str]:
    """A file key path ("plan.DLit200.goal", "review.lines.DLit200.target_date") -> (the page control's path
    "plan/DLit200/goal", "lines/DLit200/target_date"; its Thai label)."""
    if path in FIELDS:
        return FIELDS[path]
    parts = path.split(".")
    if len(parts) == 3 and parts[0] in ("plan", "answers") and parts[2] in PLAN_LABELS:
        return "/".join(parts), f"{PLAN_LABELS[parts[2]]} ของ {parts[1]}"
    if parts[0] == "review":  # the supervisor's page names its controls without "review/"
        if len(parts) == 4 and parts[1] == "lines" and parts[3] in REVIEW_LABELS:
            return "/".join(parts[1:]), f"{REVIEW_LABELS[parts[3]]} ของ {parts[2]}"
        if len(parts) == 3 and parts[1] in SIGNERS_TH and parts[2] in SIGNER_FIELDS_TH:
            return "/".join(parts[1:]), f"{SIGNER_FIELDS_TH[parts[2]]}{SIGNERS_TH[parts[1]]}"
        if len(parts) == 2 and parts[1] in REVIEW_LABELS:
            return parts[1], REVIEW_LABELS[parts[1]]
    return None, ""


def from_checker(found: dict, kind: str = "error") -> dict:
    """A checker problem (answers_check.problem_json) in the page's shape, its key path named by its Thai label."""
    field, label = field_of(found.get("path", ""))
    text = found["message_th"]
    if label and found.get("path"):
        text = text.replace(found["path"], label)
    return problem(text, field=field, kind=kind, code=found.get("code", ""), message=found.get("message", ""),
                   label_th=label)


def checked_problems(checked_json: dict) -> list[dict]:
    return [from_checker(p, "error") for p in checked_json.get("errors", [])] + \
        [from_checker(p, "warning") for p in checked_json.get("warnings", [])]


def reply(ok: bool = True, problems: list | tuple = (), **parts) -> str:
    return json.dumps({"ok": ok, "problems": list(problems), **parts}, ensure_ascii=False)


def unexpected(message_th: str = UNEXPECTED_TH) -> str:
    """The reply for an error nobody planned for: a Thai message for the person (what to do; a page may give its
    own), the traceback for the console."""
    return reply(False, [problem(message_th, code="internal_error", message="unexpected error")],
                 detail=traceback.format_exc())


def guarded(method=None, *, message_th: str = UNEXPECTED_TH):
    """A page call that never raises: any exception becomes `unexpected()` (a file call then returns that text in
    place of the file's bytes, which the page recognises). `@guarded`, or `@guarded(message_th=...)` for a page
    whose "what to do" differs."""
    def wrap(method):
        @functools.wraps(method)
        def call(*args, **kwargs):
            try:
                return method(*args, **kwargs)
            except Exception:  # the page must get a reply it can show, whatever went wrong
                return unexpected(message_th)
        return call
    return wrap(method) if method is not None else wrap


def read_catalog(catalog_json: str) -> Catalog:
    """The catalog export the site ships (data/catalog.json) as the `Catalog` every session works on."""
    data = json.loads(catalog_json)
    data.pop("schema_version", None)
    return Catalog.from_dict(data)
