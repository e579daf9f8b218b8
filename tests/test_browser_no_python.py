"""When Python cannot start (blocked .wasm, wrong file type, a stall, an old browser) the assessment and the
supervisor's page say why within seconds, the controls that need Python are off and say why, and what needs no Python
still works: saving JSON and printing the plan; the supervisor's autosaved review, the printed plan and the blank form."""
from __future__ import annotations

import io
import json
import re
import time

import pytest
from pypdf import PdfReader

from browser import axe_violations, open_page, step
from cycle_files import reviewed_year

pytestmark = pytest.mark.browser
NEEDS_PYTHON = ['button[data-kind="docx"]', 'button[data-kind="xlsx"]', 'button[data-kind="json"]',
                'button[data-action="classify"]', 'input[data-action="import"]']
SUPERVISOR_NEEDS_PYTHON = ['input[data-action="open"]', 'button[data-kind="json"]', 'button[data-kind="docx"]',
                           'button[data-kind="xlsx"]']
SUPERVISOR_KEY = "digiskill.supervisor.ocsc-2561"


def blocked_page(browser, site_url, handler, query="?role=a1", init_script="", path="assessment/", **context_options):
    recorded = open_page(browser, "about:blank", accept_downloads=True, **context_options)
    return recorded, open_blocked(recorded.page, site_url + path + query, handler, init_script)


def open_blocked(page, url, handler, init_script=""):
    """Open url with every .wasm request answered by handler; the seconds until the page said Python cannot start."""
    page.add_init_script("window.print = () => { window.printedAs = document.getElementById('ds-assessment')"
                         ".dataset.print || 'preview'; };" + init_script)
    page.route("**/*.wasm", handler)
    started = time.monotonic()
    page.goto(url)
    page.wait_for_function("() => document.getElementById('ds-status').dataset.kind === 'error'", timeout=15_000)
    return time.monotonic() - started


def close(page):
    page.unroute_all(behavior="ignoreErrors")  # a route may still be answering when Python was given up
    page.context.close()


def squeeze(text: str) -> str:
    return re.sub("[\\s\u200b\x00\u0e31\u0e34-\u0e3a\u0e47-\u0e4e]+", "", text.replace("\u0e33", "\u0e32"))


def test_blocked_wasm_is_named_at_once_and_answers_are_kept_and_print_still_works(browser, site_url):
    recorded, seconds = blocked_page(browser, site_url, lambda route: route.abort())
    page = recorded.page
    assert seconds < 10, seconds
    status = page.inner_text("#ds-status")
    assert "เครือข่าย" in status and "ถูกปิดกั้น" in status, status
    assert "application/wasm" not in status  # not blamed on the server's file type
    assert page.get_attribute("#ds-assessment", "data-python-failed") == "network"
    for selector in NEEDS_PYTHON:  # off, and pointing to the note that says why
        assert page.is_disabled(selector), selector
        assert page.get_attribute(selector, "aria-describedby") == "python-needed"
    assert page.is_visible('#python-fallback a[href="../forms/idp/"]')  # on every step
    step(page, "download")  # the note next to the buttons it concerns
    assert page.is_visible("#python-needed") and "ต้องใช้ระบบประมวลผล" in page.inner_text("#python-needed")
    step(page, "ability")

    # Without Python the plan line cannot be drawn; what is answered is kept in order for Python's next start.
    page.check('input[name="has-DLit200"][value="no"]')
    page.fill('input[name="note-DLit100"]', "ใช้ตารางคำนวณสรุปข้อมูลประจำเดือน")
    kept = page.evaluate("() => JSON.parse(localStorage.getItem("
                         "document.getElementById('ds-assessment').dataset.storageKey + '.pending'))")
    assert {"path": "answers/DLit200/has", "value": "no"} in [{k: e[k] for k in ("path", "value")} for e in kept]
    assert kept[-1]["value"] == "ใช้ตารางคำนวณสรุปข้อมูลประจำเดือน"

    step(page, "download")
    assert page.is_enabled('button[data-action="print"]')
    page.click('button[data-action="print"]')
    assert page.evaluate("() => window.printedAs") == "form"  # printed from the page's own form
    page.emulate_media(media="print")
    text = squeeze("".join(p.extract_text() for p in PdfReader(io.BytesIO(page.pdf(format="A4"))).pages))
    assert squeeze("ใช้ตารางคำนวณสรุปข้อมูลประจำเดือน") in text
    assert "DLit200" in text and squeeze("ผู้ใช้ข้อมูลดิจิทัลที่ทันสมัย") in text  # the role A1
    assert squeeze("กลุ่มของคุณ") not in text  # the choosing steps are not printed
    assert recorded.foreign(site_url) == []
    close(page)


def test_wrong_wasm_type_is_named_at_once(browser, site_url):
    def wrong_type(route):
        response = route.fetch()
        route.fulfill(response=response, headers={**response.headers, "content-type": "application/octet-stream"})

    recorded, seconds = blocked_page(browser, site_url, wrong_type)
    status = recorded.page.inner_text("#ds-status")
    assert seconds < 10 and "application/octet-stream" in status and "application/wasm" in status, status
    assert "ผู้ดูแลเว็บไซต์" in status
    close(recorded.page)


@pytest.mark.parametrize("missing", ["digiskill-*.whl", "catalog.json", "pyodide-lock.json"])
def test_a_file_missing_from_the_server_is_named(browser, site_url, missing):
    """The lock file, the core wheel and the catalog are fetched while Pyodide starts: a 404 on any of them is reported
    at once as a missing file, with its name, not as a network failure, and without waiting for Pyodide (here its
    WebAssembly never arrives, so only an early report can name the file)."""
    recorded = open_page(browser, "about:blank")
    page = recorded.page
    page.route("**/*.wasm", lambda route: None)  # held: Pyodide's start never ends
    page.route("**/" + missing, lambda route: route.fulfill(status=404, body="not here"))
    page.goto(site_url + "assessment/?role=a1")
    page.wait_for_function("() => document.getElementById('ds-status').dataset.kind === 'error'", timeout=30_000)
    status = page.inner_text("#ds-status")
    assert page.get_attribute("#ds-assessment", "data-python-failed") == "missing", status
    assert "404" in status and missing.split("-")[0] in status, status
    assert "เซิร์ฟเวอร์ไม่มีไฟล์" in status
    close(page)


def test_a_core_wheel_that_differs_from_the_lock_file_is_not_run(browser, site_url):
    """The worker fetches the core wheel itself (beside Pyodide's start) and checks it against the lock file's sha256,
    as Pyodide's loadPackage does: a stale or altered copy is refused, not run."""
    recorded = open_page(browser, "about:blank")
    page = recorded.page

    def altered(route):
        response = route.fetch()
        route.fulfill(response=response, body=response.body() + b"\0")

    page.route("**/digiskill-*.whl", altered)
    page.goto(site_url + "assessment/?role=a1")
    page.wait_for_function("() => document.getElementById('ds-status').dataset.kind === 'error'", timeout=30_000)
    assert page.get_attribute("#ds-assessment", "data-python-ready") is None
    status = page.inner_text("#ds-status")
    assert "digiskill-" in status and "sha256" in status and "ชุดล่าสุด" in status, status
    assert page.get_attribute("#ds-assessment", "data-python-failed") == "mismatch"
    close(page)


def test_a_page_naming_an_unknown_session_is_refused_not_given_another(browser, site_url):
    """The worker starts the Python session the page names (data-session); a name it does not know is an error, not
    the staff session in its place (whose calls the page would then find refused one by one)."""
    recorded = open_page(browser, "about:blank")
    page = recorded.page
    page.add_init_script("new MutationObserver(function () { var root = document.getElementById('ds-gap');"
                         " if (root) root.dataset.session = 'constructor'; })"
                         ".observe(document, { childList: true, subtree: true });")
    page.goto(site_url + "gap-analysis/")
    page.wait_for_function("() => document.getElementById('ds-status').dataset.kind === 'error'", timeout=60_000)
    assert page.get_attribute("#ds-gap", "data-python-failed") == "error"
    assert "unknown session: constructor" in page.inner_text("#ds-status")
    close(page)


def test_a_stall_is_reported_and_ready_still_follows(browser, site_url):
    """A .wasm that arrives only after a long wait: the page says so after the stall time, then recovers."""
    def slow(route):
        if route.request.method == "GET":
            time.sleep(2)
        route.continue_()

    recorded, seconds = blocked_page(browser, site_url, slow, init_script="window.DIGISKILL_PYTHON_TIMEOUT_MS = 1000;")
    page = recorded.page
    assert page.get_attribute("#ds-assessment", "data-python-failed") == "stalled"
    assert "ไม่คืบหน้า" in page.inner_text("#ds-status")
    assert page.is_disabled('button[data-kind="docx"]')
    page.wait_for_selector("#ds-assessment[data-python-ready=true]", timeout=60_000)
    assert page.is_enabled('button[data-kind="docx"]') and page.is_hidden("#python-needed")
    close(page)


def test_an_old_browser_is_told_so(browser, site_url):
    recorded, _seconds = blocked_page(browser, site_url, lambda route: route.continue_(),
                                      init_script="delete WebAssembly.instantiateStreaming;")
    status = recorded.page.inner_text("#ds-status")
    assert "เบราว์เซอร์นี้เก่าเกินไป" in status and "ยังบันทึกอยู่ในเบราว์เซอร์นี้" in status
    assert recorded.page.is_disabled('button[data-action="classify"]')
    close(recorded.page)


def test_supervisor_without_python_keeps_the_review_and_points_to_paper(browser, site_url, tmp_path):
    """The supervisor reviewed a plan yesterday (autosaved); today the .wasm is blocked: the cause is named at once,
    opening a file and Word/Excel are off and say why, the review is kept and downloads as it was, the staff member's
    printed plan and the blank form are pointed to; once Python can start again the review comes back."""
    staff = {"format": "digiskill-assessment", "schema_version": 2,
             "framework": {"id": "ocsc-2561", "data_version": "2561.1"}, "role": "A1",
             "person": {"name": "นายทดสอบ ไม่มีเครือข่าย"}, "answers": {"DLit200": {"has": False}},
             "plan": {"DLit200": {"priority": 1, "methods": ["classroom"]}}}
    (tmp_path / "staff.json").write_text(json.dumps(staff, ensure_ascii=False), encoding="utf-8")
    yesterday = open_page(browser, site_url + "supervisor/", accept_downloads=True).page
    yesterday.wait_for_selector("#ds-supervisor[data-python-ready=true]", timeout=60_000)
    yesterday.set_input_files('input[data-action="open"]', str(tmp_path / "staff.json"))
    yesterday.wait_for_selector("#review-form:not([hidden])")
    yesterday.check("#f-lines-DLit200-decision-not_this_year")
    yesterday.fill("#f-opinion", "ให้เริ่มปีหน้าเมื่อมีหลักสูตร")
    yesterday.wait_for_function("key => (localStorage.getItem(key) || '').includes('ให้เริ่มปีหน้าเมื่อมีหลักสูตร')",
                                arg=SUPERVISOR_KEY)
    yesterday.close()

    page = yesterday.context.new_page()  # the same browser profile: the same localStorage
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    seconds = open_blocked(page, site_url + "supervisor/", lambda route: route.abort())
    assert seconds < 10, seconds
    status = page.inner_text("#ds-status")
    assert "เครือข่าย" in status and "ถูกปิดกั้น" in status and "ข้อ 1" in status, status
    assert page.get_attribute("#ds-supervisor", "data-python-failed") == "network"
    for selector in SUPERVISOR_NEEDS_PYTHON:  # off, and pointing to the note that says why
        assert page.is_disabled(selector), selector
        assert page.get_attribute(selector, "aria-describedby") == "python-needed"
    assert "ds-disabled" in page.get_attribute('label:has(input[data-action="open"])', "class")
    assert page.is_visible("#python-needed") and "ต้องใช้ระบบประมวลผล" in page.inner_text("#python-needed")
    assert page.is_enabled('button[data-action="reset"]')  # needs no Python

    kept = json.loads(page.evaluate("key => localStorage.getItem(key)", SUPERVISOR_KEY))
    assert kept["review"]["opinion"] == "ให้เริ่มปีหน้าเมื่อมีหลักสูตร"
    assert page.is_visible("#draft-kept") and "นายทดสอบ ไม่มีเครือข่าย" in page.inner_text("#draft-kept")
    with page.expect_download() as info:
        page.click("#draft-json")
    saved = json.loads(info.value.path().read_text(encoding="utf-8"))
    assert saved == kept and saved["review"]["lines"]["DLit200"]["decision"] == "not_this_year"

    for href, title in [("../assessment/", "ประเมินตนเอง"), ("../forms/idp/", "แผนพัฒนาทักษะด้านดิจิทัลรายบุคคล")]:
        link = page.locator(f'#python-fallback a[href="{href}"]')
        assert link.is_visible(), href
        response = page.request.get(link.evaluate("a => a.href"))
        assert response.ok and title in response.text(), href
    assert [u for u in requests if not u.startswith((site_url, "data:", "blob:", "about:"))] == []

    page.unroute_all(behavior="ignoreErrors")  # Python can start again: the review is back as it was left
    page.reload()
    page.wait_for_selector("#review-form:not([hidden])", timeout=60_000)
    page.wait_for_selector("#ds-supervisor[data-python-ready=true]", timeout=60_000)
    assert page.input_value("#f-opinion") == "ให้เริ่มปีหน้าเมื่อมีหลักสูตร"
    assert page.is_checked("#f-lines-DLit200-decision-not_this_year")
    assert page.is_enabled('input[data-action="open"]') and page.is_hidden("#python-needed")
    assert page.get_attribute('input[data-action="open"]', "aria-describedby") is None
    page.context.close()


@pytest.mark.parametrize("width", [1366, 390])
def test_supervisor_without_python_passes_axe(browser, site_url, width):
    draft = json.dumps(json.dumps(reviewed_year(), ensure_ascii=False), ensure_ascii=False)
    recorded, _seconds = blocked_page(browser, site_url, lambda route: route.abort(), query="", path="supervisor/",
                                      init_script=f"localStorage.setItem({json.dumps(SUPERVISOR_KEY)}, {draft});",
                                      viewport={"width": width, "height": 900})
    page = recorded.page
    assert page.is_visible("#python-needed") and page.is_visible("#draft-kept")
    assert axe_violations(page) == []
    close(page)


GAP_NEEDS_PYTHON = ['input[data-action="files"]', 'input[data-action="folder"]', 'input[data-action="headcount-file"]',
                    'button[data-action="headcount"]', 'input[data-action="last-year"]']


@pytest.mark.parametrize("width", [1366, 390])
def test_gap_analysis_without_python_says_why_and_takes_no_files(browser, site_url, width):
    """HR on a browser where Python cannot start: the cause at once, the file choosers off and saying why, the CLI
    named as the way that still works, and files dropped anyway are refused with the reason, not left waiting."""
    recorded, seconds = blocked_page(browser, site_url, lambda route: route.abort(), query="", path="gap-analysis/",
                                     viewport={"width": width, "height": 900})
    page = recorded.page
    assert seconds < 10, seconds
    for selector in GAP_NEEDS_PYTHON:
        assert page.is_disabled(selector), selector
        assert page.get_attribute(selector, "aria-describedby") == "python-needed"
    assert page.is_visible("#python-needed") and "digiskill aggregate" in page.inner_text("#python-fallback")
    page.evaluate("""() => {
        const data = new DataTransfer();
        data.items.add(new File(['{}'], 'staff-1.json', {type: 'application/json'}));
        document.getElementById('drop-zone').dispatchEvent(new DragEvent('drop', {dataTransfer: data, bubbles: true}));
    }""")
    assert page.is_visible("#ds-message") and "ต้องใช้ระบบประมวลผล" in page.inner_text("#ds-message")
    assert "จะเริ่มประมวลผลเมื่อระบบพร้อม" not in page.inner_text("#ds-status")
    assert axe_violations(page) == []
    assert recorded.foreign(site_url) == []
    close(page)
