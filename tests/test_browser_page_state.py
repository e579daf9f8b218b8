"""The self-assessment page as a thin shell over Python (#22), in real headless Chromium: text typed with pauses past
the autosave is never dropped and the caret stays where it was; the plan agreed with the supervisor cannot be edited
in place and a later change shows as one, with its date; a Common-Era fiscal year is converted and the person is told
at the field; an exception inside the worker shows a Thai message and never a traceback."""
from __future__ import annotations

import json

import pytest

from browser import open_page, reach, settled, step, type_with_a_pause
from cycle_files import reviewed_year

pytestmark = pytest.mark.browser
READY = "#ds-assessment[data-python-ready=true]"


def start(browser, site_url, query="?role=a1"):
    recorded = open_page(browser, site_url + "assessment/" + query, accept_downloads=True)
    recorded.page.on("dialog", lambda dialog: dialog.accept())
    recorded.page.wait_for_selector(READY, timeout=60_000)
    return recorded.page


def import_file(page, tmp_path, data, name="file.json"):
    path = tmp_path / name
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    page.set_input_files('input[data-action="import"]', str(path))


def test_text_typed_with_pauses_is_kept_in_each_kind_of_text_field(browser, site_url, tmp_path):
    page = start(browser, site_url)
    reach(page, 'input[name="has-DLit200"]')
    page.check('input[name="has-DLit200"][value="no"]')
    page.wait_for_selector('#plan-lines [data-key="DLit200"]', state="attached")
    # One field of each kind and place (a question's note, the person's fields, the mission, a plan line's texts):
    # the page kit treats every text field alike, so each kind stands for its siblings.
    fields = ['input[name="note-DLit100"]', 'input[name="person-supervisor"]', 'textarea[name="mission"]'] + [
        f'#plan-lines [data-key="DLit200"] [data-field="{f}"]' for f in ("support",)]
    for selector in fields:
        kept = type_with_a_pause(page, selector, "รายงานประจำเดือนมกราคม", "ถึงมีนาคมส่งทันเวลา")
    future = page.get_attribute("#future-choices [data-key]", "data-key")
    step(page, "plan")
    page.check(f"#f-future-choose-{future}-chosen")
    goal = type_with_a_pause(page, f'#future-lines [data-key="{future}"] [data-field="goal"]', "เตรียมงาน", "ของปีหน้า")
    stored = json.loads(page.evaluate("() => localStorage.getItem(document.getElementById('ds-assessment')"
                                      ".dataset.storageKey)"))
    assert stored["plan"]["DLit200"]["support"] == kept and stored["person"]["supervisor"] == kept
    assert stored["future"]["plan"][future]["goal"] == goal

    # the progress view's fields, on a plan the supervisor has agreed
    import_file(page, tmp_path, reviewed_year(progress=[]))
    page.wait_for_selector("#stepper-progress:not([hidden])")
    step(page, "progress")
    page.click('button[data-action="progress-new"]')
    page.wait_for_selector("#f-progress-DS300-reason")
    for field in ("reason",):
        type_with_a_pause(page, f"#f-progress-DS300-{field}", "งานเร่งด่วน", "ช่วงปลายปีงบประมาณ")
    page.context.close()


def test_the_agreed_plan_is_read_only_and_a_later_change_shows_as_one(browser, site_url, tmp_path):
    page = start(browser, site_url, "")
    data = reviewed_year()
    data["progress"][0]["lines"]["DS300"] = {"status": "changed", "reason": "เลื่อนไปไตรมาสสาม", "outcome": "not_yet",
                                             "evidence": "", "applied": ""}
    import_file(page, tmp_path, data)
    step(page, "plan")
    page.wait_for_selector("#agreed-note:not([hidden])")
    line = page.locator('#plan-lines [data-key="DLit200"]')
    assert line.locator('[data-field="goal"]').is_disabled() and line.locator('[data-field="priority"]').is_disabled()
    assert line.locator('[data-field="priority"]').input_value() == "1"  # as agreed (the person proposed 2)
    assert "ข้อเสนอเดิมของท่าน: ลำดับ 2" in line.inner_text()
    assert "ที่ตกลงกับผู้บังคับบัญชาแล้ว: ลำดับ 1" in line.inner_text()
    changed = page.locator('#plan-lines [data-key="DS300"]').inner_text()
    assert "ปรับแผนเมื่อ 1 เมษายน 2570: เลื่อนไปไตรมาสสาม" in changed
    assert "ยังไม่ทำในปีนี้ — ปีหน้าเมื่อมีหลักสูตร" in page.locator('#plan-lines [data-key="K01"]').inner_text()
    # an answer behind an agreed line cannot be changed in place either: it is refused and said at the question
    assert page.is_disabled('input[name="has-DS300"][value="yes"]')
    step(page, "ability")
    settled(page)
    before = page.evaluate("() => localStorage.getItem(document.getElementById('ds-assessment').dataset.storageKey)")
    page.evaluate("""() => { const el = document.querySelector('input[name="has-DS300"][value="yes"]');
        el.disabled = false; el.click(); }""")  # as if the lock were bypassed
    page.wait_for_selector("#q-ds300 + .ds-field-message, #q-ds300 .ds-field-message")
    assert page.is_checked('input[name="has-DS300"][value="no"]')
    after = json.loads(page.evaluate("() => localStorage.getItem(document.getElementById('ds-assessment')"
                                     ".dataset.storageKey)"))
    assert after["answers"] == json.loads(before)["answers"] and after["review"] == data["review"]
    page.context.close()


def test_a_common_era_fiscal_year_is_converted_and_said_at_the_field(browser, site_url):
    page = start(browser, site_url)
    step(page, "details")
    field = page.locator('[data-field="period/fiscal_year"]')
    field.fill("2026")
    field.press("Tab")
    page.wait_for_function("() => document.querySelector('[data-field=\"period/fiscal_year\"]').value === '2569'")
    note = page.locator('label:has([data-field="period/fiscal_year"]) + .ds-field-message')
    assert "ค.ศ." in note.inner_text() and "2569" in note.inner_text()
    field.fill("99999")
    field.press("Tab")
    page.wait_for_function("() => [...document.querySelectorAll('.ds-field-message')]"
                           ".some(n => n.textContent.includes('ไม่ถูกต้อง'))")
    step(page, "download")
    with page.expect_download() as info:
        page.click('button[data-kind="docx"]')
    assert info.value.suggested_filename.endswith("-2569-ร่าง.docx")  # the last good year was kept
    assert "Traceback" not in page.inner_text("body")
    page.context.close()


def test_an_exception_inside_the_worker_shows_thai_and_no_traceback(browser, site_url):
    """A catalog without role A2 makes drawing A1's future role raise inside Python (StopIteration)."""
    recorded = open_page(browser, "about:blank")
    page, console = recorded.page, []
    page.on("console", lambda message: console.append(message.text))

    def without_a2(route):
        data = json.loads(route.fetch().text())
        data["roles"] = [r for r in data["roles"] if r["code"] != "A2"]
        route.fulfill(json=data)

    page.route("**/data/catalog.json", without_a2)
    page.goto(site_url + "assessment/")
    page.wait_for_selector(READY, timeout=60_000)
    page.check('input[name="group"][value="A"]')
    page.check('input[name="stage"][data-number="1"]')
    page.wait_for_selector("#ds-message:not([hidden])")
    message = page.inner_text("#ds-message")
    assert "ระบบประมวลผลขัดข้อง" in message and "ข้อมูลที่กรอกไว้ยังอยู่ครบ" in message
    assert "Traceback" not in page.inner_text("body") and "StopIteration" not in page.inner_text("body")
    assert any("Traceback" in line for line in console)  # the details went to the console
    page.context.close()


def test_actions_taken_before_python_is_ready_say_so_and_happen_when_it_is(browser, site_url, tmp_path):
    """On a slow old PC Python may take half a minute: "แนะนำกลุ่ม" and a download pressed meanwhile say
    "กำลังเตรียมระบบ…" next to the control and are done once Python is ready; a file chosen early on the
    supervisor's page is opened then (#23)."""
    hold = """window.Worker = class extends window.Worker {  // Python's start held back, as on a slow PC
        postMessage(message, transfer) {
            if (message && message.type === "init") setTimeout(() => super.postMessage(message, transfer), 1500);
            else super.postMessage(message, transfer);
        } };"""
    recorded = open_page(browser, "about:blank", accept_downloads=True)
    page = recorded.page
    page.add_init_script(hold)
    page.goto(site_url + "assessment/")
    page.click("#group-finder summary")
    page.fill('input[data-field="finder/shares/T"]', "60")
    page.fill('input[data-field="finder/shares/O"]', "40")
    page.click('button[data-action="classify"]')
    assert "กำลังเตรียมระบบ" in page.inner_text("#group-finder .ds-field-message")
    assert page.get_attribute("#ds-assessment", "data-python-ready") is None  # it really was early
    page.wait_for_function("() => document.querySelector('input[name=group][value=T]').checked", timeout=60_000)
    assert "ผู้ปฏิบัติงานเฉพาะด้านเทคโนโลยีดิจิทัล" in page.inner_text("#group-finder .ds-field-message")
    page.check('input[name="stage"][data-number="1"]')
    page.context.close()

    (tmp_path / "year.json").write_text(json.dumps(reviewed_year(), ensure_ascii=False), encoding="utf-8")
    recorded = open_page(browser, "about:blank", accept_downloads=True)
    page = recorded.page
    page.add_init_script(hold)
    page.goto(site_url + "supervisor/")
    page.set_input_files('input[data-action="open"]', str(tmp_path / "year.json"))
    assert page.get_attribute("#ds-supervisor", "data-python-ready") is None
    page.wait_for_selector("#review-form:not([hidden])", timeout=60_000)
    assert "นางสาวทดสอบ ใจดี" in page.inner_text("#who")
    page.context.close()
