"""When Python cannot start (blocked .wasm, wrong file type, a stall, an old browser) the assessment says why within
seconds, the buttons that need Python are off and say why, and saving JSON and printing the plan still work."""
from __future__ import annotations

import io
import json
import re
import time

import pytest
from pypdf import PdfReader

from browser import open_page

pytestmark = pytest.mark.browser
NEEDS_PYTHON = ['button[data-action="docx"]', 'button[data-action="xlsx"]', 'button[data-action="classify"]',
                'input[data-action="import"]']


def blocked_page(browser, site_url, handler, query="?role=a1", init_script=""):
    recorded = open_page(browser, "about:blank", accept_downloads=True)
    page = recorded.page
    page.add_init_script("window.print = () => { window.printedAs = document.getElementById('ds-assessment')"
                         ".dataset.print || 'preview'; };" + init_script)
    page.route("**/*.wasm", handler)
    started = time.monotonic()
    page.goto(site_url + "assessment/" + query)
    page.wait_for_function("() => document.getElementById('ds-status').dataset.kind === 'error'", timeout=15_000)
    return recorded, time.monotonic() - started


def close(page):
    page.unroute_all(behavior="ignoreErrors")  # a route may still be answering when Python was given up
    page.context.close()


def squeeze(text: str) -> str:
    return re.sub("[\\s\u200b\x00\u0e31\u0e34-\u0e3a\u0e47-\u0e4e]+", "", text.replace("\u0e33", "\u0e32"))


def test_blocked_wasm_is_named_at_once_and_json_and_print_still_work(browser, site_url):
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
    assert page.is_visible("#python-needed") and "ต้องใช้ระบบประมวลผล" in page.inner_text("#python-needed")
    assert page.is_visible('#python-fallback a[href="../forms/idp/"]')

    page.check('input[name="has-DLit200"][value="no"]')
    line = page.locator('.ds-plan[data-code="DLit200"]')
    line.locator('[data-field="goal"]').fill("ใช้ตารางคำนวณสรุปข้อมูลประจำเดือน")
    with page.expect_download() as info:
        page.click('button[data-action="json"]')
    saved = json.loads(info.value.path().read_text(encoding="utf-8"))
    assert saved["answers"]["DLit200"]["has"] is False
    assert saved["plan"]["DLit200"]["goal"] == "ใช้ตารางคำนวณสรุปข้อมูลประจำเดือน"

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
    assert page.is_disabled('button[data-action="docx"]')
    page.wait_for_selector("#ds-assessment[data-python-ready=true]", timeout=60_000)
    assert page.is_enabled('button[data-action="docx"]') and page.is_hidden("#python-needed")
    close(page)


def test_an_old_browser_is_told_so(browser, site_url):
    recorded, _seconds = blocked_page(browser, site_url, lambda route: route.continue_(),
                                      init_script="delete WebAssembly.instantiateStreaming;")
    status = recorded.page.inner_text("#ds-status")
    assert "เบราว์เซอร์นี้เก่าเกินไป" in status and "บันทึกคำตอบ (.json)" in status
    assert recorded.page.is_disabled('button[data-action="classify"]')
    close(recorded.page)
