"""The IDP as a list of plain blocks, the one content model behind the DOCX, the XLSX and the on-page preview.

Block shapes (JSON-ready, so the browser receives them as they are; more in `form_blocks` and `shape_chart`):
    {"type": "title" | "meta" | "heading" | "paragraph", "text": str}
    {"type": "fields", "rows": [[label, value], ...], "pairs": bool (DOCX: two fields a row)}
    {"type": "table", "name": str, "headers": [...], "rows": [[...], ...], "widths": [...], "kinds": [...],
     "sheet": str (XLSX: a sheet of its own), "repeat_header": bool (XLSX: printed on every page)}

The order follows the forms agencies use (../shared/reference/idp-forms.md): fiscal year and period, the person and
division, the role, the self-assessment in brief (per component), the plan (goal, success indicator, methods, period
per line; the agreed plan once the supervisor has reviewed it), the future-role part, then the sign-off blocks. The
plan and the sign-off fit on three A4 pages for a plan of up to six lines (tests/test_document_layout.py), as agencies'
IDP forms do; the self-assessment answer by answer and the skill shape follow as an annex the person may leave out.
The plan stays the fourth table of the DOCX, where people's scripts look for it.
"""
from __future__ import annotations

import datetime

from .form_blocks import announced_footnote, head_blocks, provisional_footnote, sign_blocks
from ..cycle.idp import Idp
from ..cycle.year import future_codes
from ..display.percent import percent
from .shape_chart import shape_blocks
from ..display.thaidate import thai_date

HAS_TH = {True: "มี", False: "ไม่มี (ต้องพัฒนา)", None: "ยังไม่ได้ตอบ"}
PLAN_HEADERS = ["ลำดับ", "ทักษะที่ต้องพัฒนา", "เป้าหมายการพัฒนา", "ตัวชี้วัดความสำเร็จ",
                "วิธีการพัฒนา (70:20:10)", "ช่วงเวลา (ภายใน)", "การประยุกต์ใช้ในงาน", "การสนับสนุนที่ต้องการ"]
# Widths in proportion to what people write in each column, so that no column makes its row tall alone.
PLAN_WIDTHS = [6, 14, 15, 15, 19, 10, 13, 14]
PLAN_KINDS = ["number", "text", "text", "text", "text", "date", "text", "text"]
REVIEW_HEADER, REVIEW_WIDTH = "ผลการพิจารณาของผู้บังคับบัญชา", 11
ANNEX_TITLE = "ภาคผนวก ผลการประเมินตนเองรายทักษะ"


def _label(idp: Idp, section: str, field: str) -> str:
    form = idp.catalog.form("idp")
    sec = next(s for s in form.sections if s.code == section)
    return next(f.title_th for f in sec.fields if f.code == field)


def _section_title(idp: Idp, section: str) -> str:
    return next(s for s in idp.catalog.form("idp").sections if s.code == section).title_th


def method_names(idp: Idp, tools) -> str:
    parts = {p.code: p.share for p in idp.catalog.learning_model.parts}
    return "\n".join(f"{t.title_th} ({parts[t.part]})" for t in tools)


def review_note(idp: Idp, line) -> str:
    """What the supervisor decided about a line: agreed, or changed (with what the person had proposed)."""
    word = line.review
    if word is None or word.decision == "agreed":
        text = "เห็นชอบ"
    else:
        own, was = line.own, []
        if own is not None:
            if word.priority is not None and word.priority != own.priority:
                was.append(f"ลำดับเดิม {own.priority if own.priority is not None else '-'}")
            if word.methods is not None and list(word.methods) != list(own.methods):
                tools = [idp.catalog.tool(m) for m in own.methods if idp.catalog.has_tool(m)]
                was.append("วิธีการเดิม " + (method_names(idp, tools).replace("\n", ", ") or "-"))
            if word.target_date and word.target_date != own.target_date:
                was.append("ช่วงเวลาเดิม " + (thai_date(own.target_date, short=True) if own.target_date else "-"))
        text = "ปรับแผน" + (f" ({'; '.join(was)})" if was else "")
    return text + (f"\n{word.comment}" if word is not None and word.comment else "")


def plan_table(idp: Idp, lines: list, name: str, with_review: bool) -> dict:
    rows = []
    for line in lines:
        methods = method_names(idp, line.methods) or "แนะนำ: " + method_names(idp, line.suggested).replace("\n", ", ")
        row = [line.priority, f"{line.entry.code} {line.entry.title_th}", line.goal, line.indicator, methods,
               line.target_date, line.application, line.support]
        rows.append(row + [review_note(idp, line)] if with_review else row)
    extra = ([REVIEW_HEADER], [REVIEW_WIDTH], ["text"]) if with_review else ([], [], [])
    return {"type": "table", "name": name, "headers": PLAN_HEADERS + extra[0], "widths": PLAN_WIDTHS + extra[1],
            "kinds": PLAN_KINDS + extra[2], "rows": rows, "repeat_header": name == "plan"}


def role_rows(idp: Idp) -> list:
    catalog, a, role = idp.catalog, idp.assessment, idp.role
    group, stage = catalog.group(role.group), catalog.stage(role.stage)
    rows = [[_label(idp, "role", "group"), f"{group.title_th} ({group.title_en})"],
            [_label(idp, "role", "stage"), f"{stage.title_th} ({stage.title_en})"],
            [_label(idp, "role", "role"), f"{role.code} {role.title_th}"],
            ["พฤติกรรมที่คาดหวัง", role.behaviour.text_th],
            [_label(idp, "role", "mission"), a.mission]]
    review = a.review
    if review and review.role_decision == "agreed":
        rows.append(["ความเห็นของผู้บังคับบัญชาต่อกลุ่มและบทบาท", "เห็นชอบ"])
    elif review and review.role_decision == "proposed":
        proposed = catalog.role(review.proposed_role) if review.proposed_role else None
        name = f"{proposed.code} {proposed.title_th}" if proposed else "-"
        rows.append(["ความเห็นของผู้บังคับบัญชาต่อกลุ่มและบทบาท", f"เสนอบทบาท {name}: {review.reason}"])
    if review and review.multi_group:
        rows.append(["งานหลายกลุ่ม", "งานครอบคลุมหลายกลุ่ม ผู้บังคับบัญชาเหนือขึ้นไปเป็นผู้อนุมัติ"])
    return rows


def provisional_note(idp: Idp) -> str:
    """The footnote names the draft items this plan prints (its lines, the deferred ones, the future-role part), not
    every draft item the role requires, and which of them the agency announced as its own."""
    listed = [*(line.entry for line in idp.lines), *(d.entry for d in idp.deferred),
              *(line.entry for line in idp.future_lines)]
    notes = []
    codes = list(dict.fromkeys(e.code for e in listed if e.status == "provisional"))
    behaviour = idp.role.behaviour.status == "provisional"
    if codes or behaviour:
        notes.append(provisional_footnote(codes, behaviour))
    agency = idp.catalog.agency
    if agency and agency.announcement:
        codes = list(dict.fromkeys(e.code for e in listed if e.status == "agency"))
        behaviour = idp.role.behaviour.status == "agency"
        if codes or behaviour:
            notes.append(announced_footnote(codes, behaviour, agency.announced_by, agency.announcement.source))
    return " ".join(notes)


def plan_blocks(idp: Idp) -> list[dict]:
    a, review = idp.assessment, idp.assessment.review
    blocks: list[dict] = []
    # The supervisor's column only when they changed a line or wrote on one; "agreed to every line" is said once.
    noted = bool(review) and any(line.review is not None and (line.review.decision != "agreed" or line.review.comment)
                                 for line in idp.lines)
    if review:
        when = f" เมื่อ {thai_date(review.supervisor.date)}" if review.supervisor.date else ""
        every = "" if noted or not idp.lines else " ผู้บังคับบัญชาเห็นชอบทุกรายการ"
        blocks.append({"type": "paragraph", "text": f"แผนที่ตกลงร่วมกับผู้บังคับบัญชา{when} "
                                                    f"(ฉบับที่ผู้บังคับบัญชาพิจารณาแล้ว){every}"})
    if idp.lines:
        blocks.append(plan_table(idp, idp.lines, "plan", with_review=noted))
        share_text = " · ".join(f"{code}: {percent(share)}%" for code, share in idp.balance.items())
        blocks.append({"type": "paragraph", "text": f"วิธีการที่เลือก {share_text} — {idp.balance_note_th}"})
    else:
        blocks.append({"type": "paragraph", "text": "ยังไม่มีทักษะที่ระบุว่าต้องพัฒนา"})
    if idp.deferred:
        blocks.append({"type": "table", "name": "deferred", "widths": [30, 70],
                       "headers": ["ทักษะที่ตกลงเลื่อนไปพัฒนาในปีถัดไป", "เหตุผล"],
                       "rows": [[f"{d.entry.code} {d.entry.title_th}", d.comment] for d in idp.deferred]})
    if review and review.support:
        blocks.append({"type": "paragraph", "text": f"การสนับสนุนที่ผู้บังคับบัญชาจะให้: {review.support}"})
    return blocks


def future_blocks(idp: Idp) -> list[dict]:
    """The work-in-future part (cabinet clause 4.6.2): the person's plan for it, or, before they plan it, the list of
    what the next stage's role adds."""
    future = idp.catalog.role(idp.assessment.future_role)
    components = {c.code: c.title_th for c in idp.catalog.components}
    added = future_codes(idp.catalog, idp.assessment.role, future.code)
    planned = sum(code in idp.assessment.future_plan for code in added)
    intro = {"type": "paragraph", "text": f"บทบาทในระยะถัดไป: {future.code} {future.title_th} — ทักษะที่บทบาทนี้ต้องการ"
                                          f"เพิ่มจากบทบาทปัจจุบัน {len(added)} รายการ"
                                          + (f" วางแผนพัฒนาไว้ {planned} รายการ" if planned else "")}
    if idp.assessment.future_plan:
        return [intro, plan_table(idp, idp.future_lines, "future", with_review=idp.reviewed)]
    # Two skills a row: the list takes half the height.
    cells = [[f"{line.entry.code} {line.entry.title_th}", components[line.entry.component]]
             for line in idp.future_lines]
    rows = [cells[i] + (cells[i + 1] if i + 1 < len(cells) else ["", ""]) for i in range(0, len(cells), 2)]
    return [intro, {"type": "table", "name": "future", "widths": [36, 14, 36, 14],
                    "headers": ["ทักษะ", "องค์ประกอบ"] * 2, "rows": rows}]


def summary_table(idp: Idp) -> dict:
    """The self-assessment in brief, a column per component: what the role requires, what the person has, what they
    will develop (and what is not answered, when something is not)."""
    present = [c for c in idp.catalog.components if any(e.component == c.code for e in idp.entries)]
    counts = {c.code: [e for e in idp.entries if e.component == c.code] for c in present}
    rows = [[label, *(sum(test(e) for e in counts[c.code]) for c in present), sum(test(e) for e in idp.entries)]
            for label, test in (("บทบาทต้องมี", lambda e: True), ("มีแล้ว", lambda e: e.has is True),
                                ("ต้องพัฒนา", lambda e: e.has is False), ("ยังไม่ได้ตอบ", lambda e: e.has is None))]
    rows = [r for r in rows if r[0] != "ยังไม่ได้ตอบ" or r[-1]]
    return {"type": "table", "name": "summary", "widths": [20] + [14] * (len(present) + 1),
            "kinds": ["text"] + ["number"] * (len(present) + 1),
            "headers": ["ผลการประเมินตนเอง", *(c.title_th for c in present), "รวม"], "rows": rows}


def annex_blocks(idp: Idp) -> list[dict]:
    """The answers one by one and the skill shape: after the sign-off, on a page of their own."""
    catalog, a = idp.catalog, idp.assessment
    components = {c.code: c.title_th for c in catalog.components}
    return [
        {"type": "heading", "text": ANNEX_TITLE, "page_break": True},
        {"type": "table", "name": "assessment", "sheet": "ผลการประเมิน", "widths": [14, 14, 44, 12, 16],
         "headers": ["องค์ประกอบ", "รหัส", "ทักษะ", "มี / ไม่มี", "หลักฐานหรือหมายเหตุ"],
         "rows": [[components[e.component], e.code, e.title_th, HAS_TH[e.has], e.note] for e in idp.entries]},
        {"type": "paragraph", "text": "รูปทักษะส่วนบุคคล: สัดส่วนทักษะที่บทบาทต้องมีและมีแล้ว"
                                      + (" เทียบกับปีที่แล้ว" if a.history else "")},
        *shape_blocks(catalog, a),
    ]


def idp_blocks(idp: Idp, today: datetime.date | None = None, annex: bool = True) -> list[dict]:
    """`annex`: the self-assessment answer by answer and the skill shape after the sign-off (the person may leave
    them out of what they print)."""
    catalog, a = idp.catalog, idp.assessment
    today = today or datetime.date.today()
    number = iter(range(1, 10))
    counts = idp.counts
    where = " รายละเอียดรายทักษะอยู่ในภาคผนวก" if annex else ""
    blocks: list[dict] = [
        *head_blocks(catalog.form("idp").title_th, a),
        {"type": "meta", "text": f"จัดทำเมื่อ {thai_date(today)}"},
        {"type": "heading", "text": f"{next(number)}. {_section_title(idp, 'person')}"},
        # Two fields a row in the DOCX ("pairs"): name and position, agency and division, then the supervisor.
        {"type": "fields", "pairs": True, "rows": [[_label(idp, "person", k), a.person.get(k, "")]
                                                   for k in ("name", "position", "agency", "division", "supervisor")]},
        {"type": "heading", "text": f"{next(number)}. {_section_title(idp, 'role')}"},
        {"type": "fields", "rows": role_rows(idp)},
        {"type": "heading", "text": f"{next(number)}. {_section_title(idp, 'skills')}"},
        {"type": "paragraph", "text": f"ทักษะที่บทบาทนี้ต้องมี {counts['required']} รายการ มีแล้ว {counts['have']} "
                                      f"ต้องพัฒนา {counts['gaps']} ยังไม่ได้ตอบ {counts['unanswered']}{where}",
         "footnote": provisional_note(idp)},
        summary_table(idp),
        {"type": "heading", "text": f"{next(number)}. {_section_title(idp, 'plan')}"},
        *plan_blocks(idp),
    ]
    if a.future_role:
        blocks += [{"type": "heading", "text": f"{next(number)}. แผนพัฒนาสำหรับงานในอนาคต"}, *future_blocks(idp)]
    supervisor_text = a.review.opinion if a.review else ""
    blocks += [{"type": "heading", "text": f"{next(number)}. {_section_title(idp, 'sign')}"},
               *sign_blocks(a, supervisor_text)]
    return blocks + (annex_blocks(idp) if annex else [])


def document_properties(idp: Idp, kind: str) -> dict:
    """The technical line (framework, data version, where the file came from) lives in the file's properties."""
    framework = idp.catalog.framework
    return {"subject": f"{kind} {idp.role.code} {idp.assessment.person.get('name', '')}".strip(),
            "keywords": f"{framework.id} {framework.data_version}",
            "description": f"กรอบ {framework.id} ข้อมูลฉบับ {framework.data_version} · ไฟล์คำตอบฉบับ "
                           f"{idp.assessment.to_dict()['schema_version']} · จัดทำด้วย digiskill"}


def idp_docx(idp: Idp, annex: bool = True) -> bytes:
    """The IDP as Word; the CLI and the browser both call this, so their files are the same. `annex=False` leaves out
    the self-assessment annex (the answers one by one and the skill shape)."""
    from .docx_writer import FORM_SIZE, render_docx  # on first use: the page's preview needs the blocks, not the writers
    return render_docx(idp_blocks(idp, annex=annex), title=f"IDP {idp.role.code}", landscape=True,
                       properties=document_properties(idp, "IDP"), size=FORM_SIZE)


def idp_xlsx(idp: Idp, annex: bool = True) -> bytes:
    """The IDP as Excel; `annex=False` leaves out the sheet of answers and the skill shape."""
    from .xlsx_writer import render_xlsx
    return render_xlsx(idp_blocks(idp, annex=annex), properties=document_properties(idp, "IDP"))
