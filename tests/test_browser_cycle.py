"""The yearly cycle in real headless Chromium (Ind 1–5): the staff member assesses and downloads; the supervisor opens
that file, changes one line, agrees the rest and downloads; the staff member imports the agreed file and records
progress; next year they start from that file. Every download is read back; a reload at each step keeps the work."""
from __future__ import annotations

import io
import json

import docx
import openpyxl
import pytest

from browser import axe_violations, date_shown, fill_date, open_page

pytestmark = pytest.mark.browser
STAFF_READY = "#ds-assessment[data-python-ready=true]"
SUPERVISOR_READY = "#ds-supervisor[data-python-ready=true]"


def page_at(browser, url, **options):
    recorded = open_page(browser, url, accept_downloads=True, **options)
    recorded.page.on("dialog", lambda dialog: dialog.accept())
    return recorded.page


def download(page, selector):
    with page.expect_download() as info:
        page.click(selector)
    return info.value.path().read_bytes()


def test_one_year_with_the_supervisor_and_the_next(browser, site_url, tmp_path):
    # 1. the staff member assesses and plans
    staff = page_at(browser, site_url + "assessment/?role=a1")
    staff.wait_for_selector(STAFF_READY, timeout=60_000)
    staff.check('input[name="has-DLit100"][value="yes"]')
    staff.check('input[name="has-DLit200"][value="no"]')
    staff.check('input[name="has-DS300"][value="no"]')
    line = staff.locator('#plan-lines .ds-plan[data-key="DLit200"]')
    line.locator('[data-field="priority"]').fill("2")
    line.locator('input[data-field="methods"][value="classroom"]').check()
    line.locator('[data-field="goal"]').fill("ใช้ตารางคำนวณวิเคราะห์ข้อมูลงาน")
    line.locator('[data-field="indicator"]').fill("รายงานประจำเดือนทำเสร็จในครึ่งวัน")
    staff.locator('#plan-lines .ds-plan[data-key="DS300"] [data-field="priority"]').fill("1")
    staff.locator('#plan-lines .ds-plan[data-key="DS300"] input[data-field="methods"][value="coaching"]').check()
    staff.fill('input[name="person-name"]', "นางสาวใจดี มีสุข")
    staff.fill('input[name="period-fiscal_year"]', "2570")
    staff.wait_for_selector("#step-future:not([hidden])", timeout=30_000)
    future_code = staff.get_attribute("#future-choices [data-key]", "data-key")
    staff.check(f"#f-future-choose-{future_code}-chosen")
    staff.locator(f'#future-lines .ds-plan[data-key="{future_code}"] [data-field="goal"]').fill("เตรียมงานปีหน้า")
    staff.reload()
    staff.wait_for_selector(STAFF_READY, timeout=60_000)
    assert staff.input_value('input[name="period-fiscal_year"]') == "2570"
    staff.wait_for_selector(f'#future-lines .ds-plan[data-key="{future_code}"]', timeout=30_000)
    staff_file = json.loads(download(staff, 'button[data-kind="json"]'))
    assert staff_file["schema_version"] == 2 and staff_file["period"]["fiscal_year"] == 2570
    assert staff_file["plan"]["DLit200"]["indicator"] == "รายงานประจำเดือนทำเสร็จในครึ่งวัน"
    assert staff_file["future"]["role"] == "A2" and staff_file["future"]["plan"][future_code]["goal"] == "เตรียมงานปีหน้า"
    (tmp_path / "staff.json").write_text(json.dumps(staff_file, ensure_ascii=False), encoding="utf-8")
    staff.context.close()

    # 2. the supervisor agrees the plan, changing one line
    sup = page_at(browser, site_url + "supervisor/")
    sup.wait_for_selector(SUPERVISOR_READY, timeout=60_000)
    sup.set_input_files('input[data-action="open"]', str(tmp_path / "staff.json"))
    sup.wait_for_selector("#review-form:not([hidden])")
    assert "นางสาวใจดี มีสุข" in sup.inner_text("#who") and "A1" in sup.inner_text("#who")
    assert "เป้าหมาย: ใช้ตารางคำนวณวิเคราะห์ข้อมูลงาน" in sup.inner_text('#lines [data-key="DLit200"]')
    assert "ตัวชี้วัดความสำเร็จ: รายงานประจำเดือนทำเสร็จในครึ่งวัน" in sup.inner_text('#lines [data-key="DLit200"]')
    sup.check("#f-role_decision-agreed")
    sup.check("#f-lines-DLit200-decision-changed")
    assert sup.input_value("#f-lines-DLit200-priority") == "2"  # the changed line starts from the staff member's
    assert sup.is_checked("#f-lines-DLit200-methods-classroom")
    sup.fill("#f-lines-DLit200-priority", "1")
    sup.uncheck("#f-lines-DLit200-methods-classroom")
    sup.check("#f-lines-DLit200-methods-on-the-job")
    fill_date(sup, "lines/DLit200/target_date", "2027-02-28")
    sup.fill("#f-lines-DLit200-comment", "เริ่มจากงานจริงก่อน")
    sup.check("#f-lines-DS300-decision-agreed")
    sup.fill("#f-support", "มอบหมายงานท้าทายในโครงการบริการออนไลน์")
    sup.fill("#f-opinion", "เห็นชอบแผนตามที่ปรับ")
    sup.fill("#f-supervisor-name", "นายหัวหน้า ดีเยี่ยม")
    sup.fill("#f-supervisor-position", "ผู้อำนวยการกอง")
    fill_date(sup, "supervisor/date", "2026-12-01", year="2026")  # a ค.ศ. year, as people often type
    sup.reload()
    sup.wait_for_selector(SUPERVISOR_READY, timeout=60_000)
    sup.wait_for_selector("#review-form:not([hidden])", timeout=60_000)
    assert date_shown(sup, "lines/DLit200/target_date") == ("28", "2", "2570")
    assert date_shown(sup, "supervisor/date") == ("1", "12", "2569")  # converted to พ.ศ.
    with sup.expect_download() as info:
        sup.click('button[data-kind="json"]')
    assert info.value.suggested_filename == "idp-นางสาวใจดี-มีสุข-a1-2570-ตกลงแล้ว.json"
    agreed = json.loads(info.value.path().read_bytes())
    review = agreed["review"]
    assert review["role_decision"] == "agreed" and review["supervisor"] == {
        "name": "นายหัวหน้า ดีเยี่ยม", "position": "ผู้อำนวยการกอง", "date": "2026-12-01"}
    assert review["lines"]["DLit200"] == {"decision": "changed", "priority": 1, "methods": ["on-the-job"],
                                          "target_date": "2027-02-28", "comment": "เริ่มจากงานจริงก่อน"}
    assert review["lines"]["DS300"]["decision"] == "agreed"
    assert agreed["plan"]["DLit200"]["methods"] == ["classroom"]  # the staff member's own line is kept
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(download(sup, 'button[data-kind="docx"]'))).paragraphs)
    assert text
    book = openpyxl.load_workbook(io.BytesIO(download(sup, 'button[data-kind="xlsx"]')))
    assert book.worksheets
    for width in (1366, 390):
        sup.set_viewport_size({"width": width, "height": 900})
        assert axe_violations(sup, within="article") == [], width
    (tmp_path / "agreed.json").write_text(json.dumps(agreed, ensure_ascii=False), encoding="utf-8")
    sup.context.close()

    # 3. the staff member imports the agreed plan and records progress on two lines, re-answering one item
    staff = page_at(browser, site_url + "assessment/")
    staff.wait_for_selector(STAFF_READY, timeout=60_000)
    staff.set_input_files('input[data-action="import"]', str(tmp_path / "agreed.json"))
    staff.wait_for_selector("#step-progress:not([hidden])", timeout=30_000)
    staff.click('button[data-action="progress-new"]')
    staff.wait_for_selector("#f-progress-DLit200-status")
    staff.select_option("#f-progress-DLit200-status", "on_plan")
    staff.select_option("#f-progress-DLit200-outcome", "met")
    staff.fill("#f-progress-DLit200-evidence", "รายงานวิเคราะห์ข้อมูลประจำเดือน")
    staff.fill("#f-progress-DLit200-applied", "ลดเวลาทำรายงานจากสองวันเหลือครึ่งวัน")
    staff.check("#f-progress-DLit200-reanswer-yes")
    staff.select_option("#f-progress-DS300-status", "off_plan")
    staff.fill("#f-progress-DS300-reason", "งานเร่งด่วนช่วงปลายปี")
    staff.select_option("#f-progress-DS300-outcome", "not_yet")
    for width in (1366, 390):
        staff.set_viewport_size({"width": width, "height": 900})
        assert axe_violations(staff, within="#step-progress") == [], width  # the new view; #14 covers the page
    staff.reload()
    staff.wait_for_selector("#f-progress-DS300-reason", timeout=60_000)
    assert staff.input_value("#f-progress-DS300-reason") == "งานเร่งด่วนช่วงปลายปี"
    progressed = json.loads(download(staff, 'button[data-kind="json"]'))
    assert progressed["review"] == agreed["review"]
    [entry] = progressed["progress"]
    assert entry["lines"]["DLit200"] == {"status": "on_plan", "reason": "", "outcome": "met",
                                         "evidence": "รายงานวิเคราะห์ข้อมูลประจำเดือน",
                                         "applied": "ลดเวลาทำรายงานจากสองวันเหลือครึ่งวัน"}
    assert entry["lines"]["DS300"]["status"] == "off_plan" and entry["reanswers"] == {"DLit200": True}
    (tmp_path / "progress.json").write_text(json.dumps(progressed, ensure_ascii=False), encoding="utf-8")
    staff.context.close()

    # 4. next year: last year's file as the baseline
    staff = page_at(browser, site_url + "assessment/")
    staff.wait_for_selector(STAFF_READY, timeout=60_000)
    staff.set_input_files('input[data-action="next-year"]', str(tmp_path / "progress.json"))
    staff.wait_for_selector("#q-dlit200 .ds-baseline", timeout=30_000)
    assert staff.inner_text("#q-dlit200 .ds-baseline") == "ปีที่แล้ว (2570): มี"  # re-answered during the year
    assert staff.inner_text("#q-ds300 .ds-baseline") == "ปีที่แล้ว (2570): ยังไม่มี"
    assert staff.is_visible('#q-dlit200 input[value="yes"]') and not staff.is_checked('#q-dlit200 input[value="yes"]')
    staff.check('input[name="has-DS300"][value="no"]')
    staff.wait_for_selector('#plan-lines .ds-plan[data-key="DS300"]')
    nxt = json.loads(download(staff, 'button[data-kind="json"]'))
    assert nxt["period"]["fiscal_year"] == 2571 and list(nxt["plan"]) == ["DS300"]  # the open line carried over
    assert nxt["history"][-1]["answers"]["DLit200"] is True and nxt["history"][-1]["open_lines"] == ["DS300"]
    staff.context.close()
