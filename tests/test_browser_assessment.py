"""The self-assessment in real headless Chromium on the built site: the full flow for roles of different groups and
stages, with every download opened by a real reader; reload, import and failure handling; requests stay on origin."""
from __future__ import annotations

import io
import json

import docx
import openpyxl
import pytest

from browser import axe_violations, fill_date, open_page, reach, settled, step

pytestmark = pytest.mark.browser
READY = "#ds-assessment[data-python-ready=true]"


def start(browser, site_url, query="", **options):
    recorded = open_page(browser, site_url + "assessment/" + query, accept_downloads=True, **options)
    recorded.page.on("dialog", lambda dialog: dialog.accept())
    return recorded


def answer(page, code, has, note=""):
    reach(page, f"#q-{code.lower()}")
    page.check(f'input[name="has-{code}"][value="{"yes" if has else "no"}"]')
    if note:
        page.fill(f'input[name="note-{code}"]', note)


def plan(page, code, priority, methods, date, goal):
    reach(page, "#step-plan")
    line = page.locator(f'#plan-lines .ds-plan[data-key="{code}"]')
    line.locator('[data-field="priority"]').fill(str(priority))
    for method in methods:
        line.locator(f'input[data-field="methods"][value="{method}"]').check()
    fill_date(page, f"plan/{code}/target_date", date)
    line.locator('[data-field="goal"]').fill(goal)


def download(page, kind):
    reach(page, f'button[data-kind="{kind}"]')
    with page.expect_download() as info:
        page.click(f'button[data-kind="{kind}"]')
    return info.value


FLOWS = [
    # role, how the role is chosen, answers {code: has}, plan {code: (priority, methods, date, goal)}
    ("A1", "link", {"DLit100": True, "DLit200": False, "DS300": False, "K01": True, "X01": False, "AT01": True},
     {"DS300": (1, ["stretch-project", "coaching"], "2027-03-31", "ออกแบบบริการรับเรื่องออนไลน์"),
      "DLit200": (2, ["self-study"], "2027-01-15", "ใช้ตารางคำนวณวิเคราะห์ข้อมูล")}),
    ("S2", "form", {"DLit100": True, "CEC-AMHU-031": False, "CEC-HNPQ-032": False, "K06": False},
     {"CEC-HNPQ-032": (1, ["job-shadowing"], "2027-09-30", "ใช้ข้อมูลจากกรมอื่นแทนสำเนาเอกสาร")}),
    ("T3", "finder", {"DT200": True, "DT500": False, "SPM500": False, "DS700": False, "AT05": True},
     {"DT500": (1, ["classroom", "on-the-job"], "2028-03-31", "แผนความต่อเนื่องของบริการ")}),
]


@pytest.mark.parametrize("role,how,answers,plans", FLOWS, ids=[f[0] for f in FLOWS])
def test_full_flow_produces_the_plan(browser, site_url, role, how, answers, plans):
    recorded = start(browser, site_url, f"?role={role.lower()}" if how == "link" else "")
    page = recorded.page
    if how == "form":
        page.check(f'input[name="group"][value="{role[0]}"]')
        page.check('input[name="stage"][data-number="%s"]' % role[1])
    page.wait_for_selector(READY, timeout=60_000)
    if how == "finder":
        page.click("#group-finder summary")
        page.fill('input[data-field="finder/shares/T"]', "60")
        page.fill('input[data-field="finder/shares/O"]', "40")
        page.click('button[data-action="classify"]')
        page.wait_for_function("() => document.querySelector('input[name=group][value=T]').checked")
        assert "ผู้ปฏิบัติงานเฉพาะด้านเทคโนโลยีดิจิทัล" in page.inner_text("#group-finder .ds-field-message")
        page.check('input[name="stage"][data-number="3"]')
    assert page.is_visible(f'.ds-role-summary[data-role="{role}"]')
    for code, has in answers.items():
        answer(page, code, has, note="หลักฐาน " + code if has else "")
    for code, (priority, methods, date, goal) in plans.items():
        plan(page, code, priority, methods, date, goal)
    step(page, "details")
    page.fill('input[name="person-name"]', "นางสาวทดสอบ ระบบดี")

    saved = json.loads(download(page, "json").path().read_text(encoding="utf-8"))
    assert saved["role"] == role and saved["format"] == "digiskill-assessment" and saved["schema_version"] == 2
    assert {c: a["has"] for c, a in saved["answers"].items()} == answers

    gaps = [c for c, has in answers.items() if not has]
    present = [c for c, has in answers.items() if has]
    document = docx.Document(io.BytesIO(download(page, "docx").path().read_bytes()))
    plan_rows = [[cell.text for cell in row.cells] for row in document.tables[3].rows][1:]
    planned = [row[1].split()[0] for row in plan_rows]
    assert sorted(planned) == sorted(gaps)
    assert not set(present) & set(planned)
    for code, (priority, methods, date, goal) in plans.items():
        row = next(r for r in plan_rows if r[1].startswith(code))
        assert row[0] == str(priority) and row[2] == goal
        assert str(int(date[:4]) + 543) in row[5]  # Buddhist-era year (column 4 is the success indicator)
    assert planned[0] == min(plans, key=lambda c: plans[c][0])  # first priority first
    assert "นางสาวทดสอบ ระบบดี" in [c.text for r in document.tables[0].rows for c in r.cells]

    book = openpyxl.load_workbook(io.BytesIO(download(page, "xlsx").path().read_bytes()))
    values = [str(v) for row in book.worksheets[0].iter_rows(values_only=True) for v in row if v]
    for code in gaps:
        assert any(v.startswith(code + " ") for v in values), code
    for code, (_p, methods, _d, _g) in plans.items():
        assert any(v.startswith(code + " ") for v in values)
    assessed = {row[1]: row[3] for row in book.worksheets[1].iter_rows(values_only=True, min_row=2)}
    for code, has in answers.items():
        assert assessed[code] == ("มี" if has else "ไม่มี (ต้องพัฒนา)")

    assert recorded.foreign(site_url) == []
    page.context.close()


def test_reload_keeps_progress_and_a_broken_import_changes_nothing(browser, site_url, tmp_path):
    recorded = start(browser, site_url, "?role=o1")
    page = recorded.page
    page.wait_for_selector(READY, timeout=60_000)
    answer(page, "DLit100", False)
    answer(page, "DLit200", True, note="ใช้ทุกวัน")
    plan(page, "DLit100", 1, ["on-the-job"], "2027-05-01", "เข้าถึงบริการดิจิทัลของกรม")
    page.reload()
    page.wait_for_selector(READY, timeout=60_000)
    assert page.is_checked('input[name="has-DLit100"][value="no"]')
    assert page.input_value('input[name="note-DLit200"]') == "ใช้ทุกวัน"
    assert page.input_value('#plan-lines [data-key="DLit100"] [data-field="goal"]') == "เข้าถึงบริการดิจิทัลของกรม"
    settled(page)
    before = page.evaluate("() => localStorage.getItem(document.getElementById('ds-assessment').dataset.storageKey)")
    step(page, "download")

    broken = {"foreign.json": (json.dumps({"name": "a spreadsheet export"}), "ไม่ใช่ไฟล์ผลการประเมิน"),
              "newer.json": (json.dumps({"format": "digiskill-assessment", "schema_version": 7}), "รุ่นใหม่กว่า"),
              "garbage.json": ("{{{ not json", "ไม่ใช่ไฟล์ JSON")}
    for name, (content, says) in broken.items():
        path = tmp_path / name
        path.write_text(content, encoding="utf-8")
        page.evaluate("() => { document.getElementById('ds-message').hidden = true; }")  # the last file's message
        page.set_input_files('input[data-action="import"]', str(path))
        page.wait_for_selector("#ds-message:not([hidden])")
        settled(page)
        message = page.inner_text("#ds-message")
        assert "นำเข้าไม่ได้" in message and "ไม่เปลี่ยนแปลง" in message and says in message, message
        after = page.evaluate("() => localStorage.getItem(document.getElementById('ds-assessment').dataset.storageKey)")
        assert after == before
        assert page.is_checked('input[name="has-DLit100"][value="no"]')
    page.context.close()


def test_import_restores_a_saved_assessment(browser, site_url, tmp_path):
    recorded = start(browser, site_url, "?role=m2")
    page = recorded.page
    page.wait_for_selector(READY, timeout=60_000)
    answer(page, "DG500", False)
    plan(page, "DG500", 1, ["mentoring"], "2027-08-31", "ทะเบียนความเสี่ยงของกอง")
    saved = download(page, "json").path().read_text(encoding="utf-8")
    page.click('button[data-action="reset"]')  # on the download step, where the json button is
    page.wait_for_function("() => !document.querySelector('input[name=group][value=M]').checked")
    path = tmp_path / "last-year.json"
    path.write_text(saved, encoding="utf-8")
    page.set_input_files('input[data-action="import"]', str(path))
    page.wait_for_selector("#ds-message:not([hidden])")
    assert "นำเข้าคำตอบของบทบาท M2" in page.inner_text("#ds-message")
    assert page.is_checked('input[name="has-DG500"][value="no"]')
    assert page.input_value('#plan-lines [data-key="DG500"] [data-field="goal"]') == "ทะเบียนความเสี่ยงของกอง"
    page.context.close()


def test_unit_deep_link_opens_at_the_unit(browser, site_url):
    recorded = start(browser, site_url, "?role=a1&unit=dlit300")
    page = recorded.page
    assert page.evaluate("() => document.activeElement.name") == "has-DLit300"
    page.context.close()


def test_questions_are_answerable_before_python_is_ready(browser, site_url):
    """The questionnaire is in the page: answers given while Python cannot start are kept in this browser, in order,
    and handed to Python when it starts on the next visit; nothing is lost."""
    recorded = start(browser, site_url, "?role=e1")
    page = recorded.page
    page.route("**/*.wasm", lambda route: route.abort())  # Python cannot start
    page.reload()
    answer(page, "DL100", False)
    answer(page, "DLit100", True, note="ใช้ระบบสารบรรณทุกวัน")
    page.wait_for_function("() => document.getElementById('ds-status').dataset.kind === 'error'", timeout=60_000)
    assert "ยังบันทึกอยู่" in page.inner_text("#ds-status")
    page.unroute_all(behavior="ignoreErrors")
    page.goto(site_url + "assessment/")  # the next visit: Python starts
    page.wait_for_selector(READY, timeout=60_000)
    assert page.is_checked('input[name="has-DL100"][value="no"]')
    saved = json.loads(download(page, "json").path().read_text(encoding="utf-8"))
    assert saved["role"] == "E1" and saved["answers"]["DL100"]["has"] is False
    assert saved["answers"]["DLit100"] == {"has": True, "note": "ใช้ระบบสารบรรณทุกวัน"}
    page.context.close()


def test_wrong_wasm_mime_type_is_detected_with_a_thai_message(browser, site_url):
    """A server sending .wasm with the wrong type makes loadPyodide hang; the page's timeout says what to do."""
    recorded = start(browser, site_url, "?role=a1")
    page = recorded.page
    page.add_init_script("window.DIGISKILL_PYTHON_TIMEOUT_MS = 4000")

    def wrong_type(route):
        response = route.fetch()
        route.fulfill(response=response, headers={**response.headers, "content-type": "application/octet-stream"})

    page.route("**/*.wasm", wrong_type)
    page.reload()
    page.wait_for_function("() => document.getElementById('ds-status').dataset.kind === 'error'", timeout=30_000)
    status = page.inner_text("#ds-status")
    assert "application/wasm" in status or "ไม่สำเร็จ" in status
    assert page.is_disabled('button[data-kind="docx"]')
    page.unroute_all(behavior="ignoreErrors")  # the .wasm fetch may still be in flight: it must not fail a later test
    page.context.close()


def test_assessment_page_accessibility_and_keyboard(browser, site_url):
    recorded = start(browser, site_url, "?role=a1")
    page = recorded.page
    page.wait_for_selector(READY, timeout=60_000)
    answer(page, "DLit200", False)
    step(page, "preview")
    page.wait_for_selector("#ds-preview table")  # check the page with the plan preview shown too
    assert axe_violations(page) == []
    step(page, "ability")
    assert axe_violations(page) == []
    page.focus('input[name="has-DLit100"][value="yes"]')
    page.keyboard.press("Space")
    assert page.is_checked('input[name="has-DLit100"][value="yes"]')
    page.keyboard.press("ArrowRight")  # radio groups move with the arrow keys
    assert page.is_checked('input[name="has-DLit100"][value="no"]')
    for _ in range(600):  # Tab forward from the questions, step by step ("ถัดไป" with Enter), to the Word button
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.dataset.kind") == "docx":
            break
        if page.evaluate("() => document.activeElement.matches('.ds-step-next .md-button--primary')"):
            page.keyboard.press("Enter")
    else:
        pytest.fail("the download button is not reachable with Tab")
    with page.expect_download() as info:
        page.keyboard.press("Enter")
    assert info.value.suggested_filename.endswith(".docx")
    page.context.close()


def test_phone_width(browser, site_url):
    recorded = start(browser, site_url, "?role=s1", viewport={"width": 390, "height": 800})
    page = recorded.page
    page.wait_for_selector(READY, timeout=60_000)
    answer(page, "DLit200", False)
    overflow = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 1
    page.context.close()


def test_print_view_shows_only_the_plan_on_a4(browser, site_url):
    recorded = start(browser, site_url, "?role=a1")
    page = recorded.page
    page.wait_for_selector(READY, timeout=60_000)
    answer(page, "DLit200", False)
    plan(page, "DLit200", 1, ["on-the-job"], "2027-03-31", "ใช้ตารางคำนวณ")
    step(page, "preview")
    # The preview is the plan without the DOCX's annex: wait for the plan line itself.
    page.wait_for_function("() => document.querySelector('#ds-preview').innerText.includes('ใช้ตารางคำนวณ')")
    page.emulate_media(media="print")
    assert page.is_visible("#ds-preview") and "DLit200" in page.inner_text("#ds-preview")
    for hidden in ("#step-group", "#step-skills", "#step-plan", ".md-header", ".md-sidebar--primary",
                   'button[data-kind="docx"]'):
        assert not page.is_visible(hidden), hidden
    pdf = page.pdf(format="A4")
    pages = pdf.count(b"/Type /Page") - pdf.count(b"/Type /Pages")
    assert 1 <= pages <= 3, pages
    page.context.close()


def test_storage_full_is_explained_and_json_still_saves(browser, site_url):
    recorded = open_page(browser, "about:blank", accept_downloads=True)
    page = recorded.page
    page.add_init_script("""Storage.prototype.setItem = function () {
        throw new DOMException('quota exceeded', 'QuotaExceededError'); };""")
    page.goto(site_url + "assessment/?role=o2")
    answer(page, "DLit100", False)
    page.wait_for_selector(READY, timeout=60_000)  # the warning must outlive the "ready" status message
    assert page.get_attribute("#ds-message", "data-kind") == "error"
    assert "บันทึกในเบราว์เซอร์ไม่ได้" in page.inner_text("#ds-message")
    saved = json.loads(download(page, "json").path().read_text(encoding="utf-8"))
    assert saved["answers"]["DLit100"]["has"] is False
    page.context.close()
