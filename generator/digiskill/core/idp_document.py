"""The IDP draft as a list of plain blocks, the one content model behind the DOCX, the XLSX and the on-page preview.

Block shapes (JSON-ready, so the browser receives them as they are):
    {"type": "title" | "meta" | "heading" | "paragraph", "text": str}
    {"type": "fields", "rows": [[label, value], ...]}
    {"type": "table", "name": "assessment" | "plan", "headers": [...], "rows": [[...], ...], "widths": [...]}
    {"type": "signatures", "rows": [label, ...]}
"""
from __future__ import annotations

import datetime

from .docx_writer import render_docx
from .idp import Idp
from .thaidate import thai_date
from .xlsx_writer import render_xlsx
from .percent import percent

HAS_TH = {True: "มี", False: "ไม่มี (ต้องพัฒนา)", None: "ยังไม่ได้ตอบ"}
PROVISIONAL_NOTE = ("รายการทักษะที่มีเครื่องหมาย * เป็นร่างของโครงการ digiskill (provisional) "
                    "ยังไม่ใช่ข้อความทางการของสำนักงาน ก.พ.")


def _label(idp: Idp, section: str, field: str) -> str:
    form = idp.catalog.form("idp")
    sec = next(s for s in form.sections if s.code == section)
    return next(f.title_th for f in sec.fields if f.code == field)


def _section_title(idp: Idp, section: str, number: int) -> str:
    sec = next(s for s in idp.catalog.form("idp").sections if s.code == section)
    return f"{number}. {sec.title_th}"


def idp_blocks(idp: Idp, today: datetime.date | None = None) -> list[dict]:
    catalog, a = idp.catalog, idp.assessment
    role = idp.role
    group, stage = catalog.group(role.group), catalog.stage(role.stage)
    components = {c.code: c.title_th for c in catalog.components}
    parts = {p.code: p.share for p in catalog.learning_model.parts}
    today = today or datetime.date.today()
    blocks: list[dict] = [
        {"type": "title", "text": catalog.form("idp").title_th},
        {"type": "meta", "text": f"จัดทำเมื่อ {thai_date(today)} · กรอบ {catalog.framework.id} ข้อมูลฉบับ "
                                 f"{catalog.framework.data_version} · ร่างจากแบบประเมินตนเอง digiskill"},
        {"type": "heading", "text": _section_title(idp, "person", 1)},
        {"type": "fields", "rows": [[_label(idp, "person", k), a.person.get(k, "")]
                                    for k in ("name", "position", "agency", "supervisor")]},
        {"type": "heading", "text": _section_title(idp, "role", 2)},
        {"type": "fields", "rows": [
            [_label(idp, "role", "group"), f"{group.title_th} ({group.title_en})"],
            [_label(idp, "role", "stage"), f"{stage.title_th} ({stage.title_en})"],
            [_label(idp, "role", "role"), f"{role.code} {role.title_th}"],
            ["พฤติกรรมที่คาดหวัง", role.behaviour.text_th + (" *" if role.behaviour.status == "provisional" else "")],
            [_label(idp, "role", "mission"), a.mission],
        ]},
        {"type": "heading", "text": _section_title(idp, "skills", 3)},
        {"type": "paragraph", "text": f"ทักษะที่บทบาทนี้ต้องมี {idp.counts['required']} รายการ มีแล้ว "
                                      f"{idp.counts['have']} ต้องพัฒนา {idp.counts['gaps']} ยังไม่ได้ตอบ "
                                      f"{idp.counts['unanswered']}"},
        {"type": "table", "name": "assessment", "sheet": "ผลการประเมิน", "widths": [16, 14, 40, 14, 16],
         "headers": ["องค์ประกอบ", "รหัส", "ทักษะ", "มี / ไม่มี", "หลักฐานหรือหมายเหตุ"],
         "rows": [[components[e.component], e.code, e.title_th + (" *" if e.status == "provisional" else ""),
                   HAS_TH[e.has], e.note] for e in idp.entries]},
        {"type": "heading", "text": _section_title(idp, "plan", 4)},
    ]
    if idp.lines:
        blocks.append({"type": "table", "name": "plan", "widths": [6, 20, 18, 18, 12, 14, 12],
                       "headers": ["ลำดับ", "ทักษะที่ต้องพัฒนา", "เป้าหมายการพัฒนา", "วิธีการพัฒนา (70:20:10)",
                                   "ช่วงเวลา (ภายใน)", "การประยุกต์ใช้ในงาน", "การสนับสนุนจากผู้บังคับบัญชา"],
                       "rows": [[str(line.order), f"{line.entry.code} {line.entry.title_th}", line.goal,
                                 "\n".join(f"{t.title_th} ({parts[t.part]})" for t in line.methods) or
                                 "แนะนำ: " + ", ".join(f"{t.title_th} ({parts[t.part]})" for t in line.suggested),
                                 line.target_date_th, line.application, line.support] for line in idp.lines]})
        share_text = " · ".join(f"{code}: {percent(share)}%" for code, share in idp.balance.items())
        blocks.append({"type": "paragraph", "text": f"สัดส่วนวิธีการที่เลือก {share_text} — {idp.balance_note_th}"})
    else:
        blocks.append({"type": "paragraph", "text": "ยังไม่มีทักษะที่ระบุว่าต้องพัฒนา"})
    if any(e.status == "provisional" for e in idp.entries) or role.behaviour.status == "provisional":
        blocks.append({"type": "meta", "text": PROVISIONAL_NOTE})
    blocks += [{"type": "heading", "text": _section_title(idp, "sign", 5)},
               {"type": "signatures", "rows": [_label(idp, "sign", "signed_person"),
                                               _label(idp, "sign", "signed_supervisor")]}]
    return blocks


def idp_docx(idp: Idp) -> bytes:
    """The IDP draft as Word; the CLI and the browser both call this, so their files are the same."""
    return render_docx(idp_blocks(idp), title=f"IDP {idp.role.code}")


def idp_xlsx(idp: Idp) -> bytes:
    return render_xlsx(idp_blocks(idp))
