"""Blocks shared by the IDP and the progress report, in the shape agencies' forms use (README "The IDP document"):
the head (fiscal year or round, period), the sign-off blocks with signature line, (name), position and Buddhist-era
date, and the one footnote that explains provisional items.

Extra block shapes (beside those listed in `idp_document`):
    {"type": "subtitle", "text": str}                                    centred under the title
    {"type": "paragraph", "text": str, "footnote": str}                  the footnote is printed once, at the foot
    {"type": "signoff", "title": str, "text": str, "choices": [[label, chosen], ...],
     "name": str, "position": str, "date": ISO or ""}                    one signature block
Tables may carry "kinds": one of "text" | "number" | "date" per column; number and date cells hold the raw value
(an int, an ISO date or "") so that the XLSX gets real number and date cells and the DOCX and HTML show Thai dates.
"""
from __future__ import annotations

from ..answers.record import Assessment, Signer
from ..display.thaidate import MONTHS_TH, parse_iso, thai_date

DOTS = "." * 40
NEXT_LEVEL_CHOICES = (("agree", "เห็นด้วย"), ("differ", "มีความเห็นแตกต่าง ดังนี้"))


def head_blocks(title: str, a: Assessment) -> list[dict]:
    """Title, then ประจำปีงบประมาณ พ.ศ. … and the period (start–end); blanks to fill by hand when not yet given."""
    period = a.period
    year = f"ประจำปีงบประมาณ พ.ศ. {period.fiscal_year}" if period.fiscal_year else "ประจำปีงบประมาณ พ.ศ. ........"
    if period.start or period.end:
        span = (f"{thai_date(period.start) if period.start else '........'} – "
                f"{thai_date(period.end) if period.end else '........'}")
        year += f" · ระยะเวลา {span}"
    return [{"type": "title", "text": title}, {"type": "subtitle", "text": year}]


def signed_date_th(value: str) -> str:
    """'2026-12-01' -> 'วันที่ 1 เดือน ธันวาคม พ.ศ. 2569', the way the forms print it; blanks when no date."""
    if not value:
        return "วันที่ ........ เดือน .................... พ.ศ. ........"
    day = parse_iso(value)
    return f"วันที่ {day.day} เดือน {MONTHS_TH[day.month - 1]} พ.ศ. {day.year + 543}"


def signoff(title: str, signer: Signer, text: str = "", choices=None, chosen: str = "") -> dict:
    return {"type": "signoff", "title": title, "text": text,
            "choices": [[label, code == chosen] for code, label in choices or ()],
            "name": signer.name, "position": signer.position, "date": signer.date}


def signoff_lines(block: dict) -> list[str]:
    """The signature part of a sign-off block, line by line (each renderer lays these out its own way)."""
    return [f"ลงชื่อ {DOTS}", f"({block['name']})" if block["name"] else f"({DOTS})",
            f"ตำแหน่ง {block['position'] or DOTS}", signed_date_th(block["date"])]


def choice_line(block: dict) -> str:
    return "   ".join(("☑ " if chosen else "☐ ") + label for label, chosen in block["choices"])


def needs_next_level(a: Assessment) -> bool:
    review = a.review
    return bool(review and (review.multi_group or review.next_level.name))


def sign_blocks(a: Assessment, supervisor_text: str) -> list[dict]:
    """The forms' order: the immediate supervisor's opinion, the person's acknowledgement, and the next-level
    supervisor's agree / differ block when the work spans several groups or a next-level supervisor is named."""
    review = a.review
    supervisor = review.supervisor if review else Signer()
    if not supervisor.name:
        supervisor = Signer(a.person.get("supervisor", ""), supervisor.position, supervisor.date)
    ack = review.acknowledged if review else Signer()
    ack = Signer(ack.name or a.person.get("name", ""), ack.position or a.person.get("position", ""), ack.date)
    blocks = [signoff("ความเห็นของผู้บังคับบัญชาชั้นต้น", supervisor, supervisor_text),
              signoff("การรับทราบของผู้จัดทำแผน", ack, "ข้าพเจ้าได้รับทราบแผนนี้แล้ว")]
    if needs_next_level(a):
        blocks.append(signoff("ความเห็นของผู้บังคับบัญชาเหนือขึ้นไป", review.next_level, review.next_level_comment,
                              NEXT_LEVEL_CHOICES, review.next_level_opinion))
    return blocks


def _listed(codes: list[str], behaviour: bool) -> str:
    what = []
    if codes:
        what.append("ทักษะรหัส " + ", ".join(codes))
    if behaviour:
        what.append("พฤติกรรมที่คาดหวังของบทบาท")
    return " และ".join(what)


def provisional_footnote(codes: list[str], behaviour: bool) -> str:
    """One note for every draft item in the document, instead of a mark on each line."""
    return (f"{_listed(codes, behaviour)} ในเอกสารนี้เป็นร่างของโครงการ digiskill (provisional) ที่ยังไม่พบข้อความทางการ "
            "จึงยังไม่ใช่ข้อความทางการของสำนักงาน ก.พ. ดูที่มาของแต่ละรายการได้ในเว็บไซต์แนวทาง")


def announced_footnote(codes: list[str], behaviour: bool, announced_by: str, source: str) -> str:
    """What the agency adopted or replaced by its own announcement (agency.yaml `announcement`): its words, not
    OCSC's, and not draft any more."""
    return f"{_listed(codes, behaviour)} {announced_by} ตาม{source} (ไม่ใช่ข้อความของสำนักงาน ก.พ.)"


def cell_text(value, kind: str = "text") -> str:
    """How a table cell reads in the DOCX and on the page."""
    if value is None or value == "":
        return ""
    if kind == "date":
        return thai_date(value)
    return str(value)
