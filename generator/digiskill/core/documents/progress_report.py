"""The progress report (Ind 4–5): per agreed plan line, whether it went to plan (with the reason), the outcome against
the goal, the evidence and what changed at work or in service; the re-answered items; the supervisor's feedback; the
sign-off. The fields and words follow the progress-report form agencies use (../shared/reference/idp-forms.md §2).

The report is for one dated progress review (the latest unless `review_index` says otherwise); a line the review did
not mention shows what the last earlier review said about it.
"""
from __future__ import annotations

from ..answers.record import ANSWER_TH, Signer
from .docx_writer import render_docx
from .form_blocks import head_blocks, signoff
from ..cycle.idp import Idp
from .idp_document import document_properties, method_names
from ..display.thaidate import thai_date
from .xlsx_writer import render_xlsx

TITLE = "รายงานผลการพัฒนาตามแผนพัฒนาทักษะด้านดิจิทัลรายบุคคล"
STATUS_TH = {"on_plan": "เป็นไปตามแผน", "off_plan": "ไม่เป็นไปตามแผน", "changed": "ปรับแผน", "": "ยังไม่ได้รายงาน"}
OUTCOME_TH = {"exceeded": "บรรลุเกินเป้าหมาย", "met": "บรรลุตามเป้าหมาย", "not_met": "ไม่บรรลุผล",
              "not_yet": "ยังไม่ถึงกำหนด", "": "ยังไม่ได้รายงาน"}
HAS_TH = ANSWER_TH
HEADERS = ["ลำดับ", "ทักษะ", "เป้าหมาย", "วิธีการพัฒนา", "ผลการดำเนินการตามแผน", "ผลการพัฒนา",
           "หลักฐาน (เอกสารประกอบ)", "การเปลี่ยนแปลงในงานหรือบริการ"]
WIDTHS = [8, 15, 14, 15, 15, 11, 12, 14]
KINDS = ["number", "text", "text", "text", "text", "text", "text", "text"]


def reviews_in_order(idp: Idp) -> list:
    return sorted(idp.assessment.progress, key=lambda r: r.date)


def progress_state(idp: Idp, review_index: int = -1) -> tuple:
    """(the chosen review, {code: ProgressLine} as known at that review), or (None, {}) before any review."""
    reviews = reviews_in_order(idp)
    if not reviews:
        return None, {}
    chosen = reviews[review_index]
    known = {}
    for review in reviews[:reviews.index(chosen) + 1]:
        known.update(review.lines)
    return chosen, known


def status_text(line) -> str:
    if line is None:
        return STATUS_TH[""]
    text = STATUS_TH[line.status]
    return f"{text}\nเหตุผล: {line.reason}" if line.reason else text


def summary_text(lines: list, known: dict) -> str:
    got = [known.get(line.entry.code) for line in lines]
    statuses = [g.status if g else "" for g in got]
    outcomes = [g.outcome if g else "" for g in got]
    parts = " · ".join(f"{STATUS_TH[k]} {statuses.count(k)}" for k in STATUS_TH if statuses.count(k))
    results = " · ".join(f"{OUTCOME_TH[k]} {outcomes.count(k)}" for k in OUTCOME_TH if outcomes.count(k))
    return f"แผนที่ตกลงไว้ {len(lines)} รายการ — ผลการดำเนินการ: {parts or '-'} — ผลการพัฒนา: {results or '-'}"


def progress_blocks(idp: Idp, review_index: int = -1) -> list[dict]:
    a = idp.assessment
    review, known = progress_state(idp, review_index)
    blocks = head_blocks(TITLE, a)
    if review is None:
        return blocks + [{"type": "paragraph", "text": "ยังไม่มีการทบทวนความก้าวหน้าในไฟล์นี้"}]
    reviews = reviews_in_order(idp)
    number = reviews.index(review) + 1
    blocks += [
        {"type": "meta", "text": f"การทบทวนครั้งที่ {number} จาก {len(reviews)} · "
                                 f"วันที่ทบทวน {thai_date(review.date) if review.date else '-'}"},
        {"type": "heading", "text": "1. ข้อมูลผู้จัดทำแผน"},
        {"type": "fields", "rows": [["ชื่อ–นามสกุล", a.person.get("name", "")],
                                    ["ตำแหน่ง", a.person.get("position", "")],
                                    ["สำนัก/กอง", a.person.get("division", "")],
                                    ["หน่วยงาน", a.person.get("agency", "")],
                                    ["บทบาท", f"{idp.role.code} {idp.role.title_th}"]]},
        {"type": "heading", "text": "2. สรุปผล"},
        {"type": "paragraph", "text": summary_text(idp.lines, known)},
        {"type": "heading", "text": "3. ผลการพัฒนาตามแผนรายทักษะ"},
    ]
    rows = []
    for line in idp.lines:
        got = known.get(line.entry.code)
        methods = method_names(idp, line.methods) or "-"
        rows.append([line.priority, f"{line.entry.code} {line.entry.title_th}", line.goal, methods, status_text(got),
                     OUTCOME_TH[got.outcome] if got else OUTCOME_TH[""], got.evidence if got else "",
                     got.applied if got else ""])
    blocks.append({"type": "table", "name": "progress", "headers": HEADERS, "widths": WIDTHS, "kinds": KINDS,
                   "rows": rows, "repeat_header": True})
    heading = 4
    if review.reanswers:
        before = {code: answer.has for code, answer in a.answers.items()}
        titles = {e.code: e.title_th for e in idp.entries}
        blocks += [{"type": "heading", "text": f"{heading}. ผลการประเมินตนเองซ้ำ"},
                   {"type": "table", "name": "reanswers", "widths": [50, 25, 25],
                    "headers": ["ทักษะ", "เมื่อจัดทำแผน", "ณ วันที่ทบทวน"],
                    "rows": [[f"{code} {titles.get(code, '')}".strip(), HAS_TH[before.get(code)], HAS_TH[has]]
                             for code, has in review.reanswers.items()]}]
        heading += 1
    person = Signer(a.person.get("name", ""), a.person.get("position", ""), review.date)
    supervisor = review.supervisor if review.supervisor.name else Signer(a.person.get("supervisor", ""),
                                                                         review.supervisor.position,
                                                                         review.supervisor.date)
    blocks += [{"type": "heading", "text": f"{heading}. การรับรองผล"},
               signoff("ผู้รายงานผลการพัฒนา", person, "ข้าพเจ้าขอรายงานผลการพัฒนาตามแผนข้างต้น"),
               signoff("ความเห็นของผู้บังคับบัญชาชั้นต้น", supervisor, review.feedback)]
    return blocks


def progress_docx(idp: Idp, review_index: int = -1) -> bytes:
    return render_docx(progress_blocks(idp, review_index), title=f"รายงานผลการพัฒนา {idp.role.code}", landscape=True,
                       properties=document_properties(idp, "IDP progress"))


def progress_xlsx(idp: Idp, review_index: int = -1) -> bytes:
    return render_xlsx(progress_blocks(idp, review_index), first_sheet="รายงานผลการพัฒนา",
                       properties=document_properties(idp, "IDP progress"))
