"""Python's start-up in the assessment does not wait for openpyxl: it is fetched after "ready" (in the background),
or at once when an XLSX is asked for first; either way the XLSX is right. Nor does it share the processor with
Material's search index, which on the pages that start Python waits until Python is ready or has failed, or until the
person opens the search; the search then works as on every other page."""
from __future__ import annotations

import io
import json

import openpyxl
import pytest

from browser import open_page, reach, search, step

pytestmark = pytest.mark.browser
READY = "#ds-assessment[data-python-ready=true]"
INDEX = "search/search_index.json"
INDEX_ASKED_AT = ("() => (performance.getEntriesByType('resource').find(r => r.name.endsWith('/search/search_index.json'))"
                  " || {}).startTime")


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
    reach(page, 'input[name="has-DLit200"]')
    page.check('input[name="has-DLit200"][value="no"]')
    page.wait_for_selector(READY, timeout=60_000)
    step(page, "download")
    with page.expect_download() as info:
        page.click('button[data-kind="xlsx"]')
    book = openpyxl.load_workbook(io.BytesIO(info.value.path().read_bytes()))
    values = [str(v) for row in book.worksheets[0].iter_rows(values_only=True) for v in row if v]
    assert any(v.startswith("DLit200 ") for v in values)
    assert recorded.foreign(site_url) == []
    page.context.close()


@pytest.mark.parametrize("path,root", [("assessment/?role=a1", "#ds-assessment"), ("supervisor/", "#ds-supervisor"),
                                       ("gap-analysis/", "#ds-gap")])
def test_the_search_index_waits_until_python_is_ready_and_search_then_works(browser, site_url, path, root):
    recorded = open_page(browser, site_url + path)
    page = recorded.page
    page.wait_for_selector(root + "[data-python-ready=true]", timeout=60_000)
    page.wait_for_function(INDEX_ASKED_AT, timeout=10_000)
    ready = page.evaluate("() => performance.getEntriesByName('digiskill:python-ready')[0].startTime")
    assert page.evaluate(INDEX_ASKED_AT) >= ready
    assert site_url + "skills/dlit100/" in search(page, "ตระหนัก")
    page.context.close()


def test_opening_search_before_python_is_ready_fetches_the_index_at_once(browser, site_url):
    recorded = open_page(browser, "about:blank")
    page = recorded.page
    page.route("**/*.wasm", lambda route: None)  # never answered: Python stays "preparing"
    page.goto(site_url + "assessment/?role=a1")
    page.wait_for_timeout(1500)
    assert not [u for u in recorded.requests if u.endswith(INDEX)]
    assert site_url + "skills/dlit100/" in search(page, "ตระหนัก")
    assert page.get_attribute("#ds-assessment", "data-python-ready") is None
    page.unroute_all(behavior="ignoreErrors")
    page.context.close()


def test_when_python_cannot_start_the_search_index_is_fetched(browser, site_url):
    recorded = open_page(browser, "about:blank")
    page = recorded.page
    page.route("**/*.wasm", lambda route: route.abort())
    page.goto(site_url + "assessment/?role=a1")
    page.wait_for_selector("#ds-assessment[data-python-failed=network]", timeout=15_000)
    page.wait_for_function(INDEX_ASKED_AT, timeout=5_000)
    page.context.close()
