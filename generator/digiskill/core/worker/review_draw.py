"""What the supervisor's review page draws, from the state `review_page.ReviewPage` holds, in the shape
`staff_draw` describes (fields, lists, text, html, hidden). Every word and value comes from here.

Each plan line shows everything the staff member proposed (priority, methods, target date in the Buddhist era, goal,
success indicator, use at work, support asked for) and the supervisor's controls: the decision, and, only when the
line is changed, the priority, date and methods, which start from the staff member's own until the supervisor sets
them. The latest progress review shows each line's status, reason, outcome, evidence and change at work, and the
items answered again.
"""
from __future__ import annotations

import datetime

from ..answers.record import ANSWER_TH, Assessment, PlanEntry
from ..cycle.views import code_title, progress_view, role_title, role_view
from ..cycle.year import carried_note, gap_codes, line_order
from ..display.markup import escape
from ..display.thaidate import is_iso_date, thai_date
from .staff_draw import date_fields, file_name as staff_file_name

TOP_FIELDS = ("role_decision", "proposed_role", "reason", "multi_group", "support", "opinion", "feedback",
              "next_level/name", "next_level/position", "supervisor/name", "supervisor/position",
              "supervisor/date/day", "supervisor/date/month", "supervisor/date/year")
STAFF_PARTS = {"goal": "เป้าหมาย", "indicator": "ตัวชี้วัดความสำเร็จ", "application": "การนำไปใช้ในงาน",
               "support": "การสนับสนุนที่ขอ"}


def draw(catalog, a: Assessment | None, full: bool, echo: str | None = None) -> dict:
    if a is None:
        out = {"lists": {"lines": [], "future-lines": []}, "text": {"who": "", "draft-who": "", "draft-file": ""},
               "html": {"answered": "", "progress-latest": ""},
               "hidden": {"review-form": True, "proposal": True, "next-level": True, "progress-part": True,
                          "progress-files": True, "lines-empty": True, "future-part": True}}
        if full:
            out["fields"] = {path: False if path == "multi_group" else "" for path in TOP_FIELDS}
        return out
    r = a.review
    codes = gap_codes(catalog, a)
    progress = a.progress[-1] if a.progress else None
    future = line_order(catalog, a, list(a.future_plan)) if a.future_role else []
    out = {"lists": {"lines": [_line_item(catalog, a, code) for code in codes],
                     "future-lines": [_line_item(catalog, a, code) for code in future]},
           "text": {"who": _who(catalog, a), "draft-who": _draft_who(a),
                    "draft-file": file_name(a, "json", datetime.date.today())},
           "html": {"answered": _answered(catalog, a), "progress-latest": _progress(catalog, a)},
           "hidden": {"review-form": False, "proposal": r.role_decision != "proposed", "next-level": not r.multi_group,
                      "progress-part": progress is None, "progress-files": progress is None,
                      "lines-empty": bool(codes), "future-part": not future}}
    if future:
        out["text"]["future-role"] = role_title(catalog, a.future_role)
    if full:
        out["fields"] = _fields(a)
    elif echo:
        kept = _fields(a)
        out["fields"] = {echo: kept[echo]} if echo in kept else {}
    return out


def staff_line(a: Assessment, code: str) -> PlanEntry:
    """The staff member's own line: of the plan, or of the work-in-future part."""
    return a.plan.get(code) or a.future_plan.get(code) or PlanEntry()



def file_name(a: Assessment, kind: str, today: datetime.date) -> str:
    """Whose file and which step, as on the staff page (…-ตกลงแล้ว.json, …-ทบทวน1.json); once the supervisor has
    given feedback on a progress review, …-ทบทวน1-ข้อเสนอแนะ.json, so that it differs from the staff member's file."""
    name = staff_file_name(None, a, kind, today)
    if a.progress and a.progress[-1].feedback:
        stem, ext = name.rsplit(".", 1)
        name = f"{stem}-ข้อเสนอแนะ.{ext}"
    return name


def _fields(a: Assessment) -> dict:
    r = a.review
    progress = a.progress[-1] if a.progress else None
    return {"role_decision": r.role_decision, "proposed_role": r.proposed_role or "", "reason": r.reason,
            "multi_group": r.multi_group, "support": r.support, "opinion": r.opinion,
            "feedback": progress.feedback if progress else "",
            "next_level/name": r.next_level.name, "next_level/position": r.next_level.position,
            "supervisor/name": r.supervisor.name, "supervisor/position": r.supervisor.position,
            **date_fields("supervisor/date", r.supervisor.date)}



def _date_th(text: str) -> str:
    return thai_date(text) if is_iso_date(text) else text


def _line_item(catalog, a: Assessment, code: str) -> dict:
    own = staff_line(a, code)
    line = a.review.lines.get(code)
    methods = ", ".join(catalog.tool(m).title_th for m in own.methods) or "ยังไม่เลือกวิธี"
    proposed = (f"บุคลากรเสนอ: ลำดับ {own.priority or '-'} · {methods}"
                + (f" · ภายใน {_date_th(own.target_date)}" if own.target_date else ""))
    carried = carried_note(a, code)
    slots = {"title": code_title(catalog, code), "proposed": proposed, "carried": carried}
    slots.update({k: f"{label}: {getattr(own, k)}" for k, label in STAFF_PARTS.items()})
    changed = line is not None and line.decision == "changed"
    hidden = {k: not getattr(own, k) for k in STAFF_PARTS}
    hidden.update(changes=not changed, methods=not changed, carried=not carried)
    fields = {"decision": line.decision if line else "", "comment": line.comment if line else "",
              "priority": line.priority if line and line.priority is not None else (own.priority or ""),
              **date_fields("target_date", (line.target_date if line else "") or own.target_date),
              "methods": list(line.methods) if line and line.methods is not None else list(own.methods)}
    return {"key": code, "slots": slots, "hidden": hidden, "fields": fields}


def _who(catalog, a: Assessment) -> str:
    person, role = a.person, role_view(catalog, a.role)
    who = (person.get("name") or "(ไม่ระบุชื่อ)") + (f" · {person['position']}" if person.get("position") else "")
    if role is None:
        return who
    return (f"{who} — กลุ่ม{role['group_title_th']} · {role['stage_title_th']} · บทบาท {role['code']} "
            f"{role['title_th']}")


def _draft_who(a: Assessment) -> str:
    return (a.person.get("name") or "ไม่ระบุชื่อ") + (f" · บทบาท {a.role}" if a.role else "")


def _answered(catalog, a: Assessment) -> str:
    if not a.role:
        return ""
    required = catalog.required_codes(a.role)
    items = [f"<li>{escape(code_title(catalog, c))}: {ANSWER_TH.get(x.has, ANSWER_TH[None])}</li>"
             for c, x in a.answers.items() if c in required]
    return "<ul>" + "".join(items) + "</ul>" if items else ""


def _progress(catalog, a: Assessment) -> str:
    if not a.progress:
        return ""
    index = len(a.progress) - 1
    view, current = progress_view(catalog, a, index), a.progress[-1]
    rows = []
    for x in view["lines"]:
        parts = [x["status_th"], f"เหตุผล: {x['reason']}" if x["reason"] else "", x["outcome_th"],
                 f"หลักฐาน: {x['evidence']}" if x["evidence"] else "",
                 f"นำไปใช้ในงาน: {x['applied']}" if x["applied"] else ""]
        rows.append(f"<li>{escape(x['code'] + ' ' + x['title_th'])}: {escape(' · '.join(p for p in parts if p))}</li>")
    again = [f"{code_title(catalog, c)}: {'มีแล้ว' if has else 'ยังไม่มี'}" for c, has in current.reanswers.items()]
    when = view["date_th"] or "-"
    html = f"<p>การทบทวนครั้งที่ {index + 1} เมื่อ {escape(when)}</p>"
    html += "<ul>" + "".join(rows) + "</ul>" if rows else '<p class="ds-note">ยังไม่ได้บันทึกรายการ</p>'
    if again:
        html += "<p>ตอบใหม่ว่ามีทักษะแล้วหรือยัง: " + escape(" · ".join(again)) + "</p>"
    return html

