"""What the self-assessment page draws, from the state `staff_page.StaffPage` holds. Every word and value comes from
here; the page's script only puts them into place (site_templates/assets/page-kit.js reads this shape):

    {"fields": {path: value},            # control values; the page leaves alone a control the person is typing in
     "lists": {container id: [{"key", "slots": {name: text}, "fields": {name: value}, "hidden": {slot: bool},
                               "readonly": bool}]},   # one item per plan line, future choice, progress line
     "text": {element id: text}, "html": {element id: html made and escaped here}, "hidden": {element id: bool},
     "locked": {path: bool}}             # controls shown but not editable (what the supervisor agreed)

`fields` is sent whole only when the state was replaced (start, import, reset, next year, the group finder); after
an ordinary change the page already shows what the person typed.
"""
from __future__ import annotations

import datetime

from ..answers.record import ANSWER_TH, CHOICES_TH, PERSON_FIELDS, PLAN_TEXT_FIELDS, Assessment, PlanEntry
from ..cycle.year import (agreed_future_plan, agreed_plan, carried_note, future_codes, gap_codes, line_order,
                          next_role)
from ..cycle.views import code_title, component_of, progress_view, role_title
from ..display.markup import escape
from ..display.thaidate import BE_OFFSET, date_parts, is_iso_date, thai_date


def draw(catalog, a: Assessment, full: bool, echo: str | None = None) -> dict:
    reviewed = a.review is not None
    gaps = gap_codes(catalog, a)
    out = {"lists": {"plan-lines": [_plan_item(catalog, a, code) for code in gaps]},
           "text": {"agreed-note": _agreed_note(a) if reviewed else ""},
           "hidden": {"plan-empty": bool(gaps), "agreed-note": not reviewed},
           "html": {}, "locked": {}}
    if full:
        out["fields"] = _fields(catalog, a)
    elif echo:
        kept = _fields(catalog, a)
        out["fields"] = {echo: kept[echo]} if echo in kept else {}
    out["locked"] = {f"answers/{code}/has": reviewed and code in a.plan for code in question_codes(catalog)}
    _future(catalog, a, out)
    _progress(catalog, a, out)
    _baseline(catalog, a, out, full)
    return out


def heavy_parts(catalog, a: Assessment) -> dict:
    """The plan preview (the same blocks as the DOCX, without its annex) and the skill shape: asked for after a quiet
    moment."""
    from ..cycle.idp import build_idp
    from ..documents.idp_document import idp_blocks
    from ..documents.preview_html import blocks_html
    from ..documents.shape_chart import shape_html
    if not a.role:
        return {"html": {"ds-preview": "", "skill-shape": ""}, "text": {"balance": "", "progress": ""},
                "hidden": {"skill-shape": True}}
    idp = build_idp(catalog, a)
    c = idp.counts
    shape = shape_html(catalog, a)
    # The preview is the plan as it prints (plan and sign-off): the answers are on the page itself and the skill shape
    # in its own part; the downloads carry them as the annex.
    return {"html": {"ds-preview": blocks_html(idp_blocks(idp, annex=False)), "skill-shape": shape},
            "text": {"balance": idp.balance_note_th,
                     "progress": f"ตอบแล้ว {c['required'] - c['unanswered']} จาก {c['required']} รายการ · "
                                 f"มี {c['have']} · ต้องพัฒนา {c['gaps']}"},
            "hidden": {"skill-shape": not shape}}


def file_name(catalog, a: Assessment, kind: str, today: datetime.date) -> str:
    """Whose file and at which step: idp-สมชาย-ใจดี-a2-2570-ร่าง.json, …-ตกลงแล้ว.docx, …-ทบทวน1.json."""
    name = "-".join((a.person.get("name") or "").split())
    year = a.period.fiscal_year or today.year + BE_OFFSET
    step = f"ทบทวน{len(a.progress)}" if a.progress else ("ตกลงแล้ว" if a.review else "ร่าง")
    what = "idp-ความก้าวหน้า" if kind.startswith("progress") else "idp"
    parts = [what, _safe(name), (a.role or "").lower(), str(year), step]
    return "-".join(p for p in parts if p) + "." + kind.split("-")[-1]


def _safe(text: str) -> str:
    return "".join(ch for ch in text if ch not in '\\/:*?"<>|')[:60]


def question_codes(catalog) -> list[str]:
    return [u.code for u in catalog.units] + [i.code for i in catalog.items]



def _fields(catalog, a: Assessment) -> dict:
    fields = {"group": a.group or "", "stage": a.stage or "", "mission": a.mission,
              "finder/career": a.finder.get("career", ""),
              "period/fiscal_year": a.period.fiscal_year or "",
              **date_fields("period/start", a.period.start), **date_fields("period/end", a.period.end),
              **date_fields("progress-date", a.progress[-1].date if a.progress else "")}
    for group in catalog.groups:
        fields[f"finder/shares/{group.code}"] = a.finder.get("shares", {}).get(group.code, "")
    for key in PERSON_FIELDS:
        fields[f"person/{key}"] = a.person.get(key, "")
    for code in question_codes(catalog):
        answer = a.answers.get(code)
        fields[f"answers/{code}/has"] = {True: "yes", False: "no"}.get(answer.has if answer else None, "")
        fields[f"answers/{code}/note"] = answer.note if answer else ""
    return fields


def date_fields(path: str, value: str) -> dict:
    """A date's three controls (day, month, year in พ.ศ.), as the `thai_date` template macro names them."""
    return {f"{path}/{part}": text for part, text in date_parts(value).items()}


def _line_fields(entry: PlanEntry) -> dict:
    return {"priority": entry.priority if entry.priority is not None else "", "methods": list(entry.methods),
            **date_fields("target_date", entry.target_date), **{k: getattr(entry, k) for k in PLAN_TEXT_FIELDS}}




def _suggest_hidden(catalog, code: str) -> dict:
    from ..cycle.idp import suggest_methods
    suited = {t.code for t in suggest_methods(catalog, component_of(catalog, code))}
    return {f"suggest-{t.code}": t.code not in suited for t in catalog.tools}


def _summary(catalog, entry: PlanEntry) -> str:
    methods = ", ".join(catalog.tool(m).title_th for m in entry.methods if m in {t.code for t in catalog.tools})
    parts = [f"ลำดับ {entry.priority}" if entry.priority else "", methods or "ยังไม่เลือกวิธี",
             f"ภายใน {thai_date(entry.target_date)}" if is_iso_date(entry.target_date) else "",
             f"เป้าหมาย: {entry.goal}" if entry.goal else ""]
    return " · ".join(p for p in parts if p)


def _plan_item(catalog, a: Assessment, code: str, future: bool = False) -> dict:
    """One plan line (`future`: of the work-in-future part): editable until the supervisor's review, then the agreed
    line read-only beside the person's own proposal."""
    own = (a.future_plan if future else a.plan).get(code, PlanEntry())
    carried = carried_note(a, code)
    title = code_title(catalog, code) + (" (สำหรับงานในอนาคต)" if future else "")
    item = {"key": code, "slots": {"title": title, "carried": carried},
            "fields": _line_fields(own), "readonly": False,
            "hidden": {**_suggest_hidden(catalog, code), "own": True, "agreed": True, "carried": not carried}}
    if a.review is None:
        return item
    line = a.review.lines.get(code)
    agreed = (agreed_future_plan if future else agreed_plan)(a).get(code)
    if line is not None and line.decision == "not_this_year":
        said = f"ผู้บังคับบัญชา: {CHOICES_TH['not_this_year']}" + (f" — {line.comment}" if line.comment else "")
    else:
        said = "ที่ตกลงกับผู้บังคับบัญชาแล้ว: " + _summary(catalog, agreed or own) + \
            (f" · ความเห็น: {line.comment}" if line is not None and line.comment else "")
    changes = [f"ปรับแผนเมื่อ {thai_date(review.date)}" + (f": {review.lines[code].reason}" if review.lines[code].reason
                                                          else "")
               for review in a.progress if code in review.lines and review.lines[code].status == "changed"
               and is_iso_date(review.date)]
    if changes:  # a change after the agreement is recorded in a progress review, with its date, and shown as one
        said += " · " + " · ".join(changes)
    item.update(readonly=True, fields=_line_fields(agreed or own))
    item["slots"].update(agreed=said, own="ข้อเสนอเดิมของท่าน: " + _summary(catalog, own))
    item["hidden"].update(agreed=False, own=False)
    return item


def _agreed_note(a: Assessment) -> str:
    signer = a.review.supervisor
    when = f" เมื่อ {thai_date(signer.date)}" if is_iso_date(signer.date) else ""
    return (f"แผนนี้ตกลงกับผู้บังคับบัญชาแล้ว{when} แสดงข้อเสนอเดิมของท่านและที่ตกลงแล้วแยกกัน แก้ในที่นี้ไม่ได้ "
            "ถ้าจะเปลี่ยน ให้บันทึกเป็นการปรับแผนในการทบทวนความก้าวหน้า (จะบันทึกพร้อมวันที่)")


def _future(catalog, a: Assessment, out: dict) -> None:
    role = next_role(catalog, a.role) if a.role else None
    out["hidden"]["step-future"] = role is None
    if role is None:
        out["lists"].update({"future-choices": [], "future-lines": []})
        return
    codes = future_codes(catalog, a.role, role.code)
    out["text"]["future-role"] = role_title(catalog, role.code)
    out["lists"]["future-choices"] = [{"key": c, "slots": {"title": code_title(catalog, c)},
                                       "fields": {"chosen": c in a.future_plan}, "readonly": a.review is not None}
                                      for c in codes]
    out["lists"]["future-lines"] = [_plan_item(catalog, a, c, future=True)
                                    for c in line_order(catalog, a, [c for c in codes if c in a.future_plan])]


def _progress(catalog, a: Assessment, out: dict) -> None:
    agreed = agreed_plan(a) if a.review is not None else {}
    out["hidden"]["step-progress"] = out["hidden"]["stepper-progress"] = not agreed
    history = []
    for index in range(len(a.progress)):
        view = progress_view(catalog, a, index)
        lines = " · ".join(f"{x['code']} " + " / ".join(t for t in (x["status_th"], x["outcome_th"]) if t)
                           for x in view["lines"])
        feedback = f" — ข้อเสนอแนะของผู้บังคับบัญชา: {view['feedback']}" if view["feedback"] else ""
        history.append(f'<p class="ds-note">ครั้งที่ {index + 1} เมื่อ {escape(view["date_th"] or "-")}: '
                       f"{escape(lines)}{escape(feedback)}</p>")
    out["html"]["progress-history"] = "\n".join(history)
    current = a.progress[-1] if a.progress else None
    out["text"]["progress-heading"] = (f"การทบทวนครั้งที่ {len(a.progress)} ({thai_date(current.date)})"
                                       if current and is_iso_date(current.date) else "")
    out["hidden"]["progress-heading"] = out["hidden"]["progress-date-row"] = current is None
    items = []
    for code in line_order(catalog, a, agreed) if current else []:
        entry = agreed[code]
        mine = current.lines.get(code)
        has = current.reanswers.get(code)
        items.append({"key": code, "slots": {"title": code_title(catalog, code),
                                             "plan": "แผนที่ตกลง: " + _summary(catalog, entry)},
                      "fields": {"status": mine.status if mine else "", "outcome": mine.outcome if mine else "",
                                 "reason": mine.reason if mine else "", "evidence": mine.evidence if mine else "",
                                 "applied": mine.applied if mine else "",
                                 "reanswer": {True: "yes", False: "no"}.get(has, "")}})
    out["lists"]["progress-lines"] = items


def _baseline(catalog, a: Assessment, out: dict, full: bool) -> None:
    past = a.history[-1] if a.history else None
    if past is None and not full:
        return
    for code in question_codes(catalog):
        key = f"baseline-{code.lower()}"
        has = past.answers.get(code, "missing") if past else "missing"
        out["hidden"][key] = has == "missing"
        if has != "missing":
            year = f" ({past.fiscal_year})" if past.fiscal_year else ""
            out["text"][key] = f"ปีที่แล้ว{year}: " + ANSWER_TH.get(has, ANSWER_TH[None])
