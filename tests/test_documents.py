"""The IDP and the progress report in the shape agencies' forms use, opened the way people open them: python-docx,
openpyxl, LibreOffice; and the same files from the CLI and the worker's page sessions."""
from __future__ import annotations

import datetime
import io
import json
import shutil
import subprocess
import zipfile
from xml.etree import ElementTree

import docx
import openpyxl
import pytest
from docx.enum.section import WD_ORIENT

from cycle_files import reviewed_year
from digiskill.cli import main
from digiskill.core.answers.checker import parse_assessment
from digiskill.core.worker.assessment_session import AssessmentSession
from digiskill.core.cycle.idp import build_idp
from digiskill.core.documents.idp_document import idp_blocks, idp_docx, idp_xlsx
from digiskill.core.documents.preview_html import blocks_html
from digiskill.core.documents.progress_report import progress_docx, progress_xlsx
from digiskill.core.documents.shape_chart import skill_shape_json
from digiskill.core.documents.xlsx_writer import THAI_DATE_FORMAT

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
ZWSP = "\u200b"  # the DOCX has one after an opening bracket before Thai (docx_writer.OPENING_BEFORE_THAI)


def idp_of(catalog, data=None):
    return build_idp(catalog, parse_assessment(json.dumps(data or reviewed_year(), ensure_ascii=False), catalog))


def well_formed(data: bytes) -> zipfile.ZipFile:
    archive = zipfile.ZipFile(io.BytesIO(data))
    for name in archive.namelist():
        if name.endswith((".xml", ".rels")):
            ElementTree.fromstring(archive.read(name))  # raises on a broken part
    return archive


def paragraphs(document) -> list[str]:
    """The body's paragraphs in order, with those of the sign-off row (a table without the plan-table style, its
    blocks side by side) where it stands."""
    out = []
    for element in document.element.body:
        if element.tag == f"{W}p":
            out.append("".join(t.text or "" for t in element.iter(f"{W}t")))
        elif element.tag == f"{W}tbl" and element.find(f"{W}tblPr/{W}tblStyle") is None:
            for cell in element.iter(f"{W}tc"):
                out += ["".join(t.text or "" for t in p.iter(f"{W}t")) for p in cell.iter(f"{W}p")]
    return [text.replace(ZWSP, "") for text in out if text.strip()]


def after(texts: list[str], first: str, count: int) -> list[str]:
    start = texts.index(first)
    return texts[start:start + count]


def test_idp_docx_has_the_forms_head_plan_and_sign_off(catalog):
    data = idp_docx(idp_of(catalog))
    well_formed(data)
    document = docx.Document(io.BytesIO(data))
    texts = paragraphs(document)
    assert texts[1] == "ประจำปีงบประมาณ พ.ศ. 2570 · ระยะเวลา 1 ตุลาคม 2569 – 30 กันยายน 2570"
    person = {r.cells[i].text: r.cells[i + 1].text for r in document.tables[0].rows for i in (0, 2)}
    assert person["สำนัก/กอง"] == "กองยุทธศาสตร์และแผนงาน"
    plan = [[c.text.replace(ZWSP, "") for c in r.cells] for r in document.tables[3].rows]
    assert plan[0][:4] == ["ลำดับ", "ทักษะที่ต้องพัฒนา", "เป้าหมายการพัฒนา", "ตัวชี้วัดความสำเร็จ"]
    # The agreed plan: the supervisor moved DLit200 first with another method and date; K01 is for next year.
    assert [row[1].split()[0] for row in plan[1:]] == ["DLit200", "DS300"]
    assert plan[1][0] == "1" and plan[1][3] == "จัดประชุมออนไลน์ของกองได้เอง 3 ครั้ง"
    assert plan[1][4] == "เรียนรู้จากการปฏิบัติงานจริง (70)" and plan[1][5] == "28 กุมภาพันธ์ 2570"
    assert plan[1][8].startswith("ปรับแผน (ลำดับเดิม 2; วิธีการเดิม การฝึกอบรมในห้องเรียน")
    assert "ช่วงเวลาเดิม 30 มิ.ย. 2570" in plan[1][8] and plan[1][8].endswith("\nเริ่มจากงานจริงก่อน")
    assert plan[2][8] == "เห็นชอบ"
    later = [[c.text.replace(ZWSP, "") for c in r.cells] for r in document.tables[4].rows]
    assert later[1] == ["K01 " + catalog.item("K01").title_th, "ปีหน้าเมื่อมีหลักสูตร"]
    assert "การสนับสนุนที่ผู้บังคับบัญชาจะให้: มอบหมายงานท้าทายและให้คำปรึกษาทุกเดือน" in texts
    # Sign-off in the forms' order, each with (name), position and a Buddhist-era date.
    assert after(texts, "ความเห็นของผู้บังคับบัญชาชั้นต้น", 6) == [
        "ความเห็นของผู้บังคับบัญชาชั้นต้น", "เห็นชอบแผนโดยปรับลำดับการพัฒนา", "ลงชื่อ " + "." * 40,
        "(นายหัวหน้า ตั้งใจ)", "ตำแหน่ง ผู้อำนวยการกองยุทธศาสตร์และแผนงาน", "วันที่ 1 เดือน ธันวาคม พ.ศ. 2569"]
    assert after(texts, "การรับทราบของผู้จัดทำแผน", 6)[3:] == [
        "(นางสาวทดสอบ ใจดี)", "ตำแหน่ง นักวิเคราะห์นโยบายและแผนชำนาญการ", "วันที่ 2 เดือน ธันวาคม พ.ศ. 2569"]
    assert after(texts, "ความเห็นของผู้บังคับบัญชาเหนือขึ้นไป", 7) == [
        "ความเห็นของผู้บังคับบัญชาเหนือขึ้นไป", "☐ เห็นด้วย   ☑ มีความเห็นแตกต่าง ดังนี้",
        "ควรเพิ่มการฝึกอบรมด้านความปลอดภัย", "ลงชื่อ " + "." * 40, "(นางผู้บริหาร สูงสุด)", "ตำแหน่ง รองอธิบดี",
        "วันที่ 5 เดือน ธันวาคม พ.ศ. 2569"]
    assert texts.index("ความเห็นของผู้บังคับบัญชาชั้นต้น") < texts.index("การรับทราบของผู้จัดทำแผน") < \
        texts.index("ความเห็นของผู้บังคับบัญชาเหนือขึ้นไป")


def test_idp_docx_is_landscape_with_the_technical_line_in_its_properties_and_one_footnote(catalog):
    data = idp_docx(idp_of(catalog))
    document = docx.Document(io.BytesIO(data))
    section = document.sections[0]
    assert section.orientation == WD_ORIENT.LANDSCAPE and section.page_width > section.page_height
    assert document.core_properties.keywords == "ocsc-2561 2561.1"
    assert "กรอบ ocsc-2561 ข้อมูลฉบับ 2561.1" in document.core_properties.comments
    body = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode()
    assert "ocsc-2561" not in body and "2561.1" not in body
    assert body.count("<w:footnoteReference ") == 1 and " *<" not in body and "*</w:t>" not in body
    notes = ElementTree.fromstring(zipfile.ZipFile(io.BytesIO(data)).read("word/footnotes.xml"))
    real = [n for n in notes if n.get(f"{W}type") is None]
    assert len(real) == 1
    note = "".join(t.text for t in real[0].iter(f"{W}t"))
    assert "(provisional)" in note and "K01" in note and "DLit100" not in note  # DLit100 is official
    # Only the draft items this plan prints: K01 (moved to next year) and the future role's, not AT01, a draft item
    # of the role the person already has.
    assert "AT01" not in note and catalog.item("AT01").status == "provisional"


def test_idp_without_a_review_has_blank_sign_lines_and_no_next_level_block(catalog):
    data = reviewed_year(review=None, future={"role": None, "plan": {}}, period={"fiscal_year": None, "start": "",
                                                                                  "end": ""})
    idp = idp_of(catalog, data)
    document = docx.Document(io.BytesIO(idp_docx(idp)))
    texts = paragraphs(document)
    assert texts[1] == "ประจำปีงบประมาณ พ.ศ. ........"
    plan = [[c.text.replace(ZWSP, "") for c in r.cells] for r in document.tables[3].rows]
    assert [row[1].split()[0] for row in plan[1:]] == ["DS300", "DLit200", "K01"] and len(plan[0]) == 8
    assert after(texts, "ความเห็นของผู้บังคับบัญชาชั้นต้น", 6)[3:] == [
        "(นายหัวหน้า ตั้งใจ)", "ตำแหน่ง " + "." * 40, "วันที่ ........ เดือน .................... พ.ศ. ........"]
    assert "ความเห็นของผู้บังคับบัญชาเหนือขึ้นไป" not in texts
    assert "แผนพัฒนาสำหรับงานในอนาคต" not in " ".join(texts)


def test_the_future_role_is_its_own_section(catalog):
    document = docx.Document(io.BytesIO(idp_docx(idp_of(catalog))))
    texts = paragraphs(document)
    assert "5. แผนพัฒนาสำหรับงานในอนาคต" in texts and "6. การรับรองแผน" in texts
    future = next(t for t in document.tables if t.rows[0].cells[0].text == "ทักษะ")
    listed = [r.cells[0].text.split()[0] for r in future.rows[1:]]
    assert listed and not set(listed) & catalog.required_codes("A1") and set(listed) <= catalog.required_codes("A2")


def test_the_skill_shape_is_in_the_docx_and_on_the_page(catalog):
    idp = idp_of(catalog)
    shape = skill_shape_json(catalog, idp.assessment)
    components = {r["title_th"]: r for r in shape["charts"][1]["rows"]}
    assert components["ความสามารถ"] == {"title_th": "ความสามารถ", "required": 5, "had_before": 1, "has_now": 2}
    for chart in shape["charts"]:
        svg = ElementTree.fromstring(chart["svg"])
        assert svg.find("{http://www.w3.org/2000/svg}title").text == chart["title_th"]
    assert "2/5 (40%)" in shape["charts"][1]["svg"] and "ปีที่แล้ว" in shape["charts"][1]["svg"]
    document = docx.Document(io.BytesIO(idp_docx(idp)))
    bars = next(t for t in document.tables if t.rows[0].cells[-1].text == "ปีนี้" and
                t.rows[1].cells[0].text == "ความสามารถ")
    bar_texts = ["".join(t.text for t in c._tc.iter(f"{W}t")).strip() for c in bars.rows[1].cells]  # nested tables
    assert bar_texts == ["ความสามารถ", "1/5 (20%)", "2/5 (40%)"]
    html = blocks_html(idp_blocks(idp))
    assert html.count("<svg ") == 2 and "ds-signoff" in html and 'id="ds-note-1"' in html


def test_idp_xlsx_has_real_dates_in_the_buddhist_era_numbers_and_print_setup(catalog):
    data = idp_xlsx(idp_of(catalog))
    well_formed(data)
    book = openpyxl.load_workbook(io.BytesIO(data))
    sheet = book.worksheets[0]
    head = next(r for r in sheet.iter_rows() if r[0].value == "ลำดับ")
    first = sheet[head[0].row + 1]
    assert first[0].value == 1 and first[0].data_type == "n"
    assert first[5].value == datetime.datetime(2027, 2, 28) and first[5].is_date
    assert first[5].number_format == THAI_DATE_FORMAT == "[$-107041E]d mmmm yyyy"
    assert sheet.print_title_rows == f"${head[0].row}:${head[0].row}"
    for ws in book.worksheets:
        assert ws.page_setup.paperSize == 9 and ws.page_setup.orientation == "landscape"
    assert book["ผลการประเมิน"].print_title_rows == "$1:$1"
    # TH Sarabun New throughout (Calibri has no Thai letters); ลำดับ narrow, the text columns wide and wrapped; A4
    # landscape fitted to one page wide.
    assert {c.font.name for ws in book.worksheets for row in ws.iter_rows() for c in row if c.value} == \
        {"TH Sarabun New"}
    widths = [sheet.column_dimensions[letter].width for letter in "ABCDEFGH"]
    assert widths[0] <= 8 and min(widths[1:]) >= 11 and max(widths) >= 18
    assert all(c.alignment.wrap_text for c in sheet[head[0].row + 1][1:])
    assert sheet.page_setup.fitToWidth == 1 and sheet.page_setup.fitToHeight == 0 and \
        sheet.sheet_properties.pageSetUpPr.fitToPage
    assert book.properties.keywords == "ocsc-2561 2561.1"
    # Long text lines wrap across the plan table's width instead of widening the printed page; rows are as tall as
    # their wrapped text (LibreOffice does not grow them by itself).
    note = next(c for row in sheet.iter_rows() for c in row if str(c.value or "").startswith("(1) ทักษะรหัส"))
    assert f"A{note.row}:I{note.row}" in {str(r) for r in sheet.merged_cells.ranges}
    assert sheet.row_dimensions[note.row].height >= 30 and sheet.row_dimensions[head[0].row + 1].height >= 60
    values = [c.value for row in sheet.iter_rows() for c in row if c.value]
    assert "(นางผู้บริหาร สูงสุด)" in values and "วันที่ 5 เดือน ธันวาคม พ.ศ. 2569" in values


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
def test_libreoffice_shows_the_xlsx_dates_in_the_buddhist_era(catalog, tmp_path):
    (tmp_path / "plan.xlsx").write_bytes(idp_xlsx(idp_of(catalog)))
    subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/profile", "--convert-to",
                    "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true", "--outdir", str(tmp_path),
                    str(tmp_path / "plan.xlsx")], check=True, capture_output=True, timeout=180)
    text = (tmp_path / "plan.csv").read_text(encoding="utf-8")
    assert ",28 กุมภาพันธ์ 2570," in text and ",31 มีนาคม 2570," in text


def test_progress_report_docx_records_each_line(catalog):
    data = progress_docx(idp_of(catalog))
    well_formed(data)
    document = docx.Document(io.BytesIO(data))
    texts = paragraphs(document)
    assert texts[0] == "รายงานผลการพัฒนาตามแผนพัฒนาทักษะด้านดิจิทัลรายบุคคล"
    assert "การทบทวนครั้งที่ 1 จาก 1 · วันที่ทบทวน 1 เมษายน 2570" in texts
    rows = {r.cells[1].text.split()[0]: [c.text.replace(ZWSP, "") for c in r.cells] for r in document.tables[1].rows[1:]}
    assert rows["DLit200"][4:] == ["ไม่เป็นไปตามแผน\nเหตุผล: งานเร่งด่วนช่วงงบประมาณ", "ยังไม่ถึงกำหนด", "", ""]
    assert rows["DS300"][4:] == ["เป็นไปตามแผน", "บรรลุเกินเป้าหมาย", "รายงานโครงการ", "ลดเวลารอเรื่องลงครึ่งหนึ่ง"]
    assert rows["DS300"][2] == "ออกแบบบริการรับเรื่องออนไลน์"
    assert "K01" not in rows  # not this year
    reanswers = [[c.text.replace(ZWSP, "") for c in r.cells] for r in document.tables[2].rows]
    assert reanswers[1] == ["DS300 " + catalog.unit("DS300").title_th, "ไม่มี", "มี"] or \
        reanswers[1] == ["DS300 " + catalog.unit("DS300").title_th, "ยังไม่มี", "มี"]
    assert after(texts, "ความเห็นของผู้บังคับบัญชาชั้นต้น", 6) == [
        "ความเห็นของผู้บังคับบัญชาชั้นต้น", "พัฒนาได้ดีเกินเป้าหมาย ควรถ่ายทอดให้ทีม", "ลงชื่อ " + "." * 40,
        "(นายหัวหน้า ตั้งใจ)", "ตำแหน่ง ผู้อำนวยการกองยุทธศาสตร์และแผนงาน", "วันที่ 5 เดือน เมษายน พ.ศ. 2570"]
    assert after(texts, "ผู้รายงานผลการพัฒนา", 6)[-1] == "วันที่ 1 เดือน เมษายน พ.ศ. 2570"


def test_progress_report_xlsx(catalog):
    book = openpyxl.load_workbook(io.BytesIO(progress_xlsx(idp_of(catalog))))
    sheet = book["รายงานผลการพัฒนา"]
    head = next(r for r in sheet.iter_rows() if r[0].value == "ลำดับ")
    assert sheet.print_title_rows == f"${head[0].row}:${head[0].row}"
    line = [c.value for c in sheet[head[0].row + 2]]
    assert line[0] == 1 and line[1].startswith("DS300") and line[5] == "บรรลุเกินเป้าหมาย"  # the priority as agreed


def test_session_gives_the_worker_the_progress_report_and_skill_shape(catalog):
    session = AssessmentSession(json.dumps({"schema_version": 1, **catalog.to_dict()}, ensure_ascii=False))
    session.start(json.dumps(reviewed_year(), ensure_ascii=False), "[]")
    assert session.file("progress-docx") == progress_docx(idp_of(catalog))  # the browser's file is the CLI's file
    assert session.file("progress-xlsx")[:2] == b"PK"
    asked = json.loads(session.event(json.dumps({"action": "download", "kind": "progress-docx"})))
    assert asked["download"]["name"].endswith("-ทบทวน1.docx")
    shape = json.loads(session.refresh())["draw"]["html"]["skill-shape"]
    assert shape.count("<figure") == 2
    damaged = json.loads(AssessmentSession(json.dumps({"schema_version": 1, **catalog.to_dict()})).start("nope", "[]"))
    assert damaged["backup"]["text"] == "nope" and damaged["problems"][0]["code"] == "damaged_draft"


def test_the_self_assessment_is_an_annex_after_the_sign_off_that_may_be_left_out(catalog, tmp_path, monkeypatch):
    idp = idp_of(catalog)
    full = docx.Document(io.BytesIO(idp_docx(idp)))
    texts = paragraphs(full)
    annex = texts.index("ภาคผนวก ผลการประเมินตนเองรายทักษะ")
    assert texts.index("การรับทราบของผู้จัดทำแผน") < annex < texts.index("รูปทักษะรายองค์ประกอบ")
    heading = next(p for p in full.paragraphs if p.text == "ภาคผนวก ผลการประเมินตนเองรายทักษะ")
    assert heading._p.find(f"{W}pPr/{W}pageBreakBefore") is not None  # the annex starts on a page of its own
    assert any(t.rows[0].cells[1].text == "รหัส" and len(t.rows) == len(idp.entries) + 1 for t in full.tables)
    assert "รายละเอียดรายทักษะอยู่ในภาคผนวก" in " ".join(texts)
    short = docx.Document(io.BytesIO(idp_docx(idp, annex=False)))
    left = paragraphs(short)
    assert "ภาคผนวก ผลการประเมินตนเองรายทักษะ" not in left and "รูปทักษะรายองค์ประกอบ" not in left
    assert left[-1] == "วันที่ 5 เดือน ธันวาคม พ.ศ. 2569" and "ภาคผนวก" not in " ".join(left)
    # The brief summary per component stays (the plan stays the fourth table).
    summary = [[c.text.replace(ZWSP, "") for c in r.cells] for r in short.tables[2].rows]
    assert summary[0] == ["ผลการประเมินตนเอง", "ความสามารถ", "ความรู้", "ประสบการณ์", "คุณลักษณะ", "รวม"]
    counts = idp.counts
    assert [row[0] for row in summary[1:]] == ["บทบาทต้องมี", "มีแล้ว", "ต้องพัฒนา", "ยังไม่ได้ตอบ"][:len(summary) - 1]
    assert summary[1][-1] == str(counts["required"]) and summary[3][-1] == str(counts["gaps"])
    assert short.tables[3].rows[0].cells[0].text == "ลำดับ"
    assert "ผลการประเมิน" not in openpyxl.load_workbook(io.BytesIO(idp_xlsx(idp, annex=False))).sheetnames
    # The CLI chooses the same way; the default keeps the annex.
    from conftest import ROOT
    monkeypatch.chdir(ROOT)
    answers = tmp_path / "year.json"
    answers.write_text(json.dumps(reviewed_year(), ensure_ascii=False), encoding="utf-8")
    assert main(["idp", str(answers), "--no-annex", "--out", str(tmp_path / "short.docx")]) == 0
    assert main(["idp", str(answers), "--out", str(tmp_path / "full.docx")]) == 0
    assert paragraphs(docx.Document(tmp_path / "short.docx")) == paragraphs(short)
    assert "ภาคผนวก ผลการประเมินตนเองรายทักษะ" in paragraphs(docx.Document(tmp_path / "full.docx"))


def test_cli_renders_the_plan_and_the_progress_report(tmp_path, monkeypatch, capsys):
    from conftest import ROOT
    monkeypatch.chdir(ROOT)
    answers = tmp_path / "year.json"
    answers.write_text(json.dumps(reviewed_year(), ensure_ascii=False), encoding="utf-8")
    assert main(["idp", str(answers), "--out", str(tmp_path / "plan.docx")]) == 0
    assert "2 plan lines (the agreed plan)" in capsys.readouterr().err
    assert main(["idp", str(answers), "--report", "progress", "--out", str(tmp_path / "progress.xlsx")]) == 0
    book = openpyxl.load_workbook(tmp_path / "progress.xlsx")
    assert book.sheetnames[0] == "รายงานผลการพัฒนา"
    document = docx.Document(str(tmp_path / "plan.docx"))
    assert "(นางผู้บริหาร สูงสุด)" in paragraphs(document)


def test_cli_refuses_a_progress_report_without_progress(tmp_path, monkeypatch, capsys):
    from conftest import ROOT
    monkeypatch.chdir(ROOT)
    answers = tmp_path / "year.json"
    answers.write_text(json.dumps(reviewed_year(progress=[]), ensure_ascii=False), encoding="utf-8")
    out = tmp_path / "progress.docx"
    assert main(["idp", str(answers), "--report", "progress", "--out", str(out)]) == 2
    assert "has no progress review yet" in capsys.readouterr().err and not out.exists()


def test_cli_renders_a_version_1_file_with_the_same_plan_lines(tmp_path, monkeypatch):
    from conftest import ROOT
    from test_cycle import V1
    monkeypatch.chdir(ROOT)
    answers = tmp_path / "v1.json"
    answers.write_text(json.dumps(V1, ensure_ascii=False), encoding="utf-8")
    for suffix in ("docx", "xlsx"):
        assert main(["idp", str(answers), "--out", str(tmp_path / f"plan.{suffix}")]) == 0
    plan = [[c.text.replace(ZWSP, "") for c in r.cells] for r in docx.Document(str(tmp_path / "plan.docx")).tables[3].rows]
    assert [(row[1].split()[0], row[4]) for row in plan[1:]] == [
        ("DS300", "การสอนงาน (Coaching) (20)"), ("DLit200", "การฝึกอบรมในห้องเรียน (Classroom Training) (10)")]
    assert "ประจำปีงบประมาณ พ.ศ. ........" in paragraphs(docx.Document(str(tmp_path / "plan.docx")))
    sheet = openpyxl.load_workbook(tmp_path / "plan.xlsx").worksheets[0]
    head = next(r for r in sheet.iter_rows() if r[0].value == "ลำดับ")
    assert [sheet.cell(row=head[0].row + i, column=6).value for i in (1, 2)] == [
        datetime.datetime(2027, 3, 31), datetime.datetime(2027, 6, 30)]


def test_the_cycle_part_of_the_page_gets_the_skill_shape_once_there_is_a_baseline(catalog):
    def drawn(data):
        session = AssessmentSession(json.dumps({"schema_version": 1, **catalog.to_dict()}, ensure_ascii=False))
        session.start(json.dumps(data, ensure_ascii=False), "[]")
        return json.loads(session.refresh())["draw"]

    draw = drawn(reviewed_year())
    figures = ElementTree.fromstring(f"<div>{draw['html']['skill-shape']}</div>")
    assert [f.find("figcaption").text for f in figures] == ["รูปทักษะรายด้าน (หน่วยความสามารถ)", "รูปทักษะรายองค์ประกอบ"]
    preview = draw["html"]["ds-preview"]
    ids = [e.get("id") for e in figures.iter() if e.get("id")]
    assert ids and not [i for i in ids if f'id="{i}"' in preview]  # both on one page: no id twice
    assert drawn(reviewed_year(history=[]))["html"]["skill-shape"] == ""




def test_chart_labels_wrap_whole_instead_of_being_cut(catalog):
    """Long Thai labels go into a box the browser wraps at word boundaries (its own dictionary), never cut with "…"."""
    from digiskill.core.hr.aggregate import aggregate
    from digiskill.core.hr.charts import top_gaps_svg
    from staff_files import staff_files

    agg = aggregate(catalog, staff_files(catalog, 40))
    groups = {g.code: g.title_th for g in catalog.groups}
    svg = top_gaps_svg(agg)
    ElementTree.fromstring(svg)  # still well-formed SVG, the label's div in the XHTML namespace
    for row in agg.urgent():
        assert f">{groups[row.group]} · {row.code} {row.title_th}</div></foreignObject>" in svg
    assert "…" not in svg and 'width="372" height="32"' in svg  # the label's box: up to the bars, two lines
    shape = skill_shape_json(catalog, idp_of(catalog).assessment)["charts"][0]
    for row in shape["rows"]:
        assert f">{row['title_th']}</div></foreignObject>" in shape["svg"]


def test_the_future_role_statement_says_what_the_role_adds_and_how_much_is_planned(catalog):
    """A3 adds several skills to A2; with one of them planned the IDP says both numbers, not "1 รายการ"."""
    from digiskill.core.cycle.year import future_codes

    added = future_codes(catalog, "A2", "A3")
    assert len(added) > 1
    data = reviewed_year(role="A2", review=None, progress=[], future={"role": "A3", "plan": {
        added[0]: {"priority": 1, "methods": ["coaching"], "target_date": "", "goal": "เตรียมงานระยะถัดไป",
                   "indicator": "", "application": "", "support": ""}}})
    texts = paragraphs(docx.Document(io.BytesIO(idp_docx(idp_of(catalog, data)))))
    line = next(t for t in texts if t.startswith("บทบาทในระยะถัดไป"))
    assert line.endswith(f"ต้องการเพิ่มจากบทบาทปัจจุบัน {len(added)} รายการ วางแผนพัฒนาไว้ 1 รายการ"), line
