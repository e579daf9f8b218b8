"""One whole year in real headless Chromium (Ind 1–5), as the people live it (#23): an A2 staff member (future role
A3) assesses and plans step by step on one browser context; their supervisor, on another context and a phone-sized
screen, opens that file, sees everything proposed (indicator, support asked for, the future part), changes one line,
defers one and agrees the rest; the staff member takes the agreed file, records a progress review with its own date
and an off-plan reason; the supervisor sees that review and gives feedback; next year starts from that file and
carries the open and the deferred lines. Every download is opened (json, python-docx, openpyxl) and checked against
what was typed; the progress report from the page is the CLI's; axe runs on every step."""
from __future__ import annotations

import io
import json
import subprocess
import sys

import docx
import openpyxl
import pytest

from browser import axe_violations, date_shown, fill_date, open_page, step

pytestmark = pytest.mark.browser
STAFF_READY = "#ds-assessment[data-python-ready=true]"
SUPERVISOR_READY = "#ds-supervisor[data-python-ready=true]"
SUPPORT = "ขอพี่เลี้ยงจากศูนย์เทคโนโลยีสารสนเทศ"
DEFER_REASON = "ปีหน้าเมื่อมีหลักสูตร"
OFF_PLAN = "งานเร่งด่วนช่วงปลายปีงบประมาณ"
FUTURE = "DS700"  # what A3 adds to A2 (ability)


def page_at(browser, url, **options):
    recorded = open_page(browser, url, accept_downloads=True, **options)
    recorded.page.on("dialog", lambda dialog: dialog.accept())
    return recorded.page


def download(page, selector) -> tuple[str, bytes]:
    with page.expect_download() as info:
        page.click(selector)
    return info.value.suggested_filename, info.value.path().read_bytes()


def no_axe_violations(page, where: str) -> None:
    assert axe_violations(page, within="article") == [], where


def test_one_year_with_the_supervisor_and_the_next(browser, site_url, tmp_path):
    # 1. The staff member assesses and plans, one step at a time (1366 px).
    staff = page_at(browser, site_url + "assessment/?role=a2")
    staff.wait_for_selector(STAFF_READY, timeout=60_000)
    no_axe_violations(staff, "role")
    step(staff, "ability")
    for code, has in (("DLit100", "yes"), ("DLit200", "no"), ("DS300", "no")):
        staff.check(f'input[name="has-{code}"][value="{has}"]')
    no_axe_violations(staff, "ability")
    step(staff, "knowledge")
    staff.check('input[name="has-K01"][value="no"]')
    step(staff, "plan")
    line = staff.locator('#plan-lines .ds-plan[data-key="DLit200"]')
    line.locator('[data-field="priority"]').fill("2")
    line.locator('input[data-field="methods"][value="classroom"]').check()
    fill_date(staff, "plan/DLit200/target_date", "2027-06-30", year="2027")  # a ค.ศ. year, converted and said
    staff.wait_for_selector('.ds-field-message:has-text("ปี 2027 เป็นปี ค.ศ.")')
    line.locator('[data-field="goal"]').fill("ใช้ตารางคำนวณวิเคราะห์ข้อมูลงาน")
    line.locator('[data-field="indicator"]').fill("รายงานประจำเดือนทำเสร็จในครึ่งวัน")
    line.locator('[data-field="support"]').fill(SUPPORT)
    staff.locator('#plan-lines .ds-plan[data-key="DS300"] [data-field="priority"]').fill("1")
    staff.locator('#plan-lines .ds-plan[data-key="DS300"] input[data-field="methods"][value="coaching"]').check()
    staff.locator('#plan-lines .ds-plan[data-key="K01"] [data-field="priority"]').fill("3")
    staff.locator('#plan-lines .ds-plan[data-key="K01"] [data-field="goal"]').fill("เข้าใจกฎหมายดิจิทัล")
    staff.wait_for_selector("#step-future:not([hidden])", timeout=30_000)
    staff.check(f"#f-future-choose-{FUTURE}-chosen")
    future = staff.locator(f'#future-lines .ds-plan[data-key="{FUTURE}"]')
    future.locator('[data-field="goal"]').fill("เตรียมเป็นผู้นำโครงการข้อมูล")
    future.locator('[data-field="support"]').fill("มอบหมายงานโครงการข้อมูลเปิด")
    no_axe_violations(staff, "plan")
    step(staff, "details")
    staff.fill('input[name="person-name"]', "นางสาวใจดี มีสุข")
    staff.fill('input[name="period-fiscal_year"]', "2570")
    no_axe_violations(staff, "details")
    step(staff, "preview")
    staff.wait_for_selector("#ds-preview table")
    no_axe_violations(staff, "preview")
    step(staff, "download")
    no_axe_violations(staff, "download")
    name, data = download(staff, '#step-download button[data-kind="json"]')
    assert name == "idp-นางสาวใจดี-มีสุข-a2-2570-ร่าง.json"
    staff_file = json.loads(data)
    assert staff_file["plan"]["DLit200"]["target_date"] == "2027-06-30"
    assert staff_file["plan"]["DLit200"]["support"] == SUPPORT
    assert staff_file["future"]["role"] == "A3" and FUTURE in staff_file["future"]["plan"]
    (tmp_path / name).write_bytes(data)
    staff_files = tmp_path / name

    # 2. The supervisor, on their own computer (another context), on a phone-sized screen.
    sup = page_at(browser, site_url + "supervisor/", viewport={"width": 390, "height": 844})
    sup.wait_for_selector(SUPERVISOR_READY, timeout=60_000)
    sup.set_input_files('input[data-action="open"]', str(staff_files))
    sup.wait_for_selector("#review-form:not([hidden])")
    seen = sup.inner_text('#lines [data-key="DLit200"]')
    assert "ตัวชี้วัดความสำเร็จ: รายงานประจำเดือนทำเสร็จในครึ่งวัน" in seen and f"การสนับสนุนที่ขอ: {SUPPORT}" in seen
    assert "ภายใน 30 มิถุนายน 2570" in seen
    assert [k for k in sup.eval_on_selector_all("#lines > [data-key]", "els => els.map(e => e.dataset.key)")] == \
        ["DS300", "DLit200", "K01"]  # the staff member's priorities, as on their page and in the documents
    assert "การสนับสนุนที่ขอ: มอบหมายงานโครงการข้อมูลเปิด" in sup.inner_text(f'#future-lines [data-key="{FUTURE}"]')
    sup.check("#f-role_decision-agreed")
    sup.check("#f-lines-DLit200-decision-changed")
    assert date_shown(sup, "lines/DLit200/target_date") == ("30", "6", "2570")  # starts from the staff member's
    sup.fill("#f-lines-DLit200-priority", "4")
    sup.uncheck("#f-lines-DLit200-methods-classroom")
    sup.check("#f-lines-DLit200-methods-on-the-job")
    fill_date(sup, "lines/DLit200/target_date", "2027-08-31")
    sup.fill("#f-lines-DLit200-comment", "เริ่มจากงานจริงก่อน")
    sup.check("#f-lines-DS300-decision-agreed")
    sup.check("#f-lines-K01-decision-not_this_year")
    sup.fill("#f-lines-K01-comment", DEFER_REASON)
    sup.check(f"#f-lines-{FUTURE}-decision-agreed")
    sup.fill("#f-support", "มอบหมายงานท้าทายในโครงการบริการออนไลน์")
    sup.fill("#f-supervisor-name", "นายหัวหน้า ดีเยี่ยม")
    sup.fill("#f-supervisor-position", "ผู้อำนวยการกอง")
    fill_date(sup, "supervisor/date", "2026-12-01", year="2026")
    no_axe_violations(sup, "review at 390")
    sup.reload()
    sup.wait_for_selector("#review-form:not([hidden])", timeout=60_000)
    sup.wait_for_selector(SUPERVISOR_READY, timeout=60_000)
    assert date_shown(sup, "supervisor/date") == ("1", "12", "2569")  # kept, in พ.ศ.
    name, data = download(sup, 'button[data-kind="json"]')
    assert name == "idp-นางสาวใจดี-มีสุข-a2-2570-ตกลงแล้ว.json"
    agreed_file = tmp_path / name
    agreed_file.write_bytes(data)
    agreed = json.loads(data)
    assert agreed["review"]["lines"]["DLit200"] == {"decision": "changed", "priority": 4, "methods": ["on-the-job"],
                                                    "target_date": "2027-08-31", "comment": "เริ่มจากงานจริงก่อน"}
    assert agreed["review"]["lines"]["K01"]["comment"] == DEFER_REASON
    assert agreed["plan"]["DLit200"]["target_date"] == "2027-06-30"  # the staff member's own line is kept
    assert agreed["review"]["supervisor"]["date"] == "2026-12-01"
    _name, data = download(sup, 'button[data-kind="docx"]')
    plan_table = next(t for t in docx.Document(io.BytesIO(data)).tables if t.rows[0].cells[0].text == "ลำดับ")
    printed = {r.cells[1].text.split()[0]: r.cells[0].text for r in plan_table.rows[1:]}
    assert printed == {"DS300": "1", "DLit200": "4"}  # the priority the supervisor set; K01 deferred

    # 3. The staff member takes the agreed file and records a progress review with its own date.
    step(staff, "download")
    staff.set_input_files('input[data-action="import"]', str(agreed_file))
    staff.wait_for_selector("#stepper-progress:not([hidden])", timeout=30_000)
    step(staff, "progress")
    staff.click('button[data-action="progress-new"]')
    staff.wait_for_selector("#f-progress-DLit200-status")
    fill_date(staff, "progress-date", "2027-04-02")
    staff.wait_for_selector('#progress-heading:has-text("2 เมษายน 2570")')
    staff.select_option("#f-progress-DLit200-status", "off_plan")
    staff.fill("#f-progress-DLit200-reason", OFF_PLAN)
    staff.select_option("#f-progress-DLit200-outcome", "not_yet")
    staff.select_option("#f-progress-DS300-status", "on_plan")
    staff.select_option("#f-progress-DS300-outcome", "met")
    staff.fill("#f-progress-DS300-evidence", "รายงานโครงการ")
    staff.check("#f-progress-DS300-reanswer-yes")
    no_axe_violations(staff, "progress")
    name, data = download(staff, '#step-progress button[data-kind="json"]')
    assert name == "idp-นางสาวใจดี-มีสุข-a2-2570-ทบทวน1.json"
    progressed = json.loads(data)
    assert progressed["review"] == agreed["review"] and progressed["progress"][0]["date"] == "2027-04-02"
    assert progressed["progress"][0]["lines"]["DLit200"]["reason"] == OFF_PLAN
    (tmp_path / name).write_bytes(data)
    progress_file = tmp_path / name
    report_name, report = download(staff, 'button[data-kind="progress-docx"]')
    assert report_name == "idp-ความก้าวหน้า-นางสาวใจดี-มีสุข-a2-2570-ทบทวน1.docx"
    cli = tmp_path / "cli-progress.docx"
    subprocess.run([sys.executable, "-m", "digiskill", "idp", str(progress_file), "--report", "progress",
                    "--out", str(cli)], check=True, capture_output=True)
    assert report == cli.read_bytes()  # the page's progress report is the CLI's, byte for byte

    # 4. The supervisor sees the review (the off-plan reason, the item answered again) and gives feedback.
    sup.set_input_files('input[data-action="open"]', str(progress_file))
    sup.wait_for_selector("#progress-part:not([hidden])", timeout=30_000)
    latest = sup.inner_text("#progress-latest")
    assert OFF_PLAN in latest and "DS300" in latest and "มี" in latest
    sup.fill("#f-feedback", "ดีมาก ขยายผลให้ทีม")
    name, data = download(sup, 'button[data-kind="json"]')
    assert name == "idp-นางสาวใจดี-มีสุข-a2-2570-ทบทวน1-ข้อเสนอแนะ.json"
    assert json.loads(data)["progress"][0]["feedback"] == "ดีมาก ขยายผลให้ทีม"
    (tmp_path / name).write_bytes(data)
    sup.context.close()

    # 5. Next year from that file: the open line and the deferred one (with the supervisor's reason) come along.
    step(staff, "download")
    staff.set_input_files('input[data-action="next-year"]', str(tmp_path / name))
    staff.wait_for_selector('#ds-message:has-text("เริ่มปีใหม่แล้ว")', timeout=30_000)
    step(staff, "preview")
    staff.wait_for_selector("#skill-shape svg", timeout=30_000)
    assert "ยังไม่ได้ตอบ" in staff.inner_text("#skill-shape") and "ปีนี้: 0/" not in staff.inner_html("#skill-shape")
    step(staff, "ability")
    assert staff.inner_text("#q-ds300 .ds-baseline") == "ปีที่แล้ว (2570): มี"  # re-answered during the year
    staff.check('input[name="has-DLit200"][value="no"]')
    step(staff, "knowledge")
    staff.check('input[name="has-K01"][value="no"]')
    step(staff, "plan")
    carried = staff.inner_text('#plan-lines [data-key="K01"]')
    assert f"เหตุผล: {DEFER_REASON}" in carried
    assert staff.input_value('#plan-lines [data-key="K01"] [data-field="goal"]') == "เข้าใจกฎหมายดิจิทัล"
    assert "ยังไม่บรรลุ" in staff.inner_text('#plan-lines [data-key="DLit200"]')
    step(staff, "download")
    _name, data = download(staff, '#step-download button[data-kind="json"]')
    nxt = json.loads(data)
    assert nxt["period"]["fiscal_year"] == 2571 and sorted(nxt["plan"]) == ["DLit200", "K01"]
    assert nxt["history"][-1]["deferred"] == {"K01": DEFER_REASON} and nxt["history"][-1]["open_lines"] == ["DLit200"]
    book = openpyxl.load_workbook(io.BytesIO(download(staff, 'button[data-kind="xlsx"]')[1]))
    values = [str(v) for row in book.worksheets[0].iter_rows(values_only=True) for v in row if v]
    assert any(v.startswith("K01 ") for v in values) and any(v.startswith("DLit200 ") for v in values)
    staff.context.close()
