"""Python's start-up in the assessment does not wait for openpyxl: it is fetched after "ready" (in the background),
or at once when an XLSX is asked for first; either way the XLSX is right."""
from __future__ import annotations

import io
import json

import openpyxl
import pytest

from browser import open_page

pytestmark = pytest.mark.browser
READY = "#ds-assessment[data-python-ready=true]"


def test_the_core_wheel_does_not_pull_openpyxl_in(built_site):
    lock = json.loads((built_site / "assets" / "pyodide" / "pyodide-lock.json").read_text(encoding="utf-8"))
    assert lock["packages"]["digiskill"]["depends"] == []
    assert lock["packages"]["openpyxl"]["depends"] == ["et-xmlfile"]


def test_ready_comes_before_openpyxl_which_follows_in_the_background(browser, site_url):
    recorded = open_page(browser, site_url + "assessment/?role=a1")
    page = recorded.page
    page.wait_for_selector(READY, timeout=60_000)
    assert not [u for u in recorded.requests if "openpyxl" in u]
    assert any("pyodide.asm.wasm" in u for u in recorded.requests)  # the worker's requests are recorded too
    for _ in range(60):
        page.wait_for_timeout(500)
        if any("openpyxl" in u for u in recorded.requests):
            break
    else:
        pytest.fail("openpyxl was not loaded in the background after Python was ready")
    page.context.close()


def test_an_xlsx_asked_for_at_once_loads_openpyxl_first(browser, site_url):
    recorded = open_page(browser, site_url + "assessment/?role=a1", accept_downloads=True)
    page = recorded.page
    page.check('input[name="has-DLit200"][value="no"]')
    page.wait_for_selector(READY, timeout=60_000)
    with page.expect_download() as info:
        page.click('button[data-action="xlsx"]')
    book = openpyxl.load_workbook(io.BytesIO(info.value.path().read_bytes()))
    values = [str(v) for row in book.worksheets[0].iter_rows(values_only=True) for v in row if v]
    assert any(v.startswith("DLit200 ") for v in values)
    assert recorded.foreign(site_url) == []
    page.context.close()
