"""axe-core on every page type at desktop (1366 px) and phone (390 px) width: no serious or critical violation.
The assessment and gap-analysis pages are checked once Python is ready, the announcement on an agency build."""
from __future__ import annotations

import pytest

from browser import axe_violations, open_page, reach, step
from test_browser_site import PAGE_TYPES

pytestmark = pytest.mark.browser
WIDTHS = [1366, 390]
PYTHON_PAGES = ["assessment/?role=a1", "gap-analysis/"]


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("path", PAGE_TYPES + ["hosting/", "guideline/ind-2/", "roles/s2/"])
def test_page_type(browser, site_url, path, width):
    recorded = open_page(browser, site_url + path, viewport={"width": width, "height": 900})
    recorded.page.wait_for_load_state("load")  # every stylesheet, font and script in (networkidle waits 0.5 s more)
    assert axe_violations(recorded.page) == []
    recorded.page.context.close()


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("path", PYTHON_PAGES)
def test_python_page(browser, site_url, path, width):
    recorded = open_page(browser, site_url + path, viewport={"width": width, "height": 900})
    page = recorded.page
    page.wait_for_selector("[data-python-ready=true]", timeout=60_000)
    if path.startswith("assessment") and width < 1000:  # every step at phone width (test_browser_cycle: at 1366)
        reach(page, 'input[name="has-DLit200"]')
        page.check('input[name="has-DLit200"][value="no"]')
        for name in page.eval_on_selector_all(".ds-stepper li:not([hidden]) [data-step-link]",
                                              "links => links.map(a => a.dataset.stepLink)"):
            step(page, name)
            if name == "preview":
                page.wait_for_selector("#ds-preview table")
            assert axe_violations(page) == [], name
    assert axe_violations(page) == []
    page.context.close()


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("path", ["announcement/", "skills/ds700/", "roles/s2/"])
def test_agency_page(browser, example_agency_url, path, width):
    recorded = open_page(browser, example_agency_url + path, viewport={"width": width, "height": 900})
    recorded.page.wait_for_load_state("load")  # every stylesheet, font and script in (networkidle waits 0.5 s more)
    assert axe_violations(recorded.page) == []
    recorded.page.context.close()


@pytest.mark.parametrize("width", WIDTHS)
def test_search_results(browser, site_url, width):
    """The search open with Thai results, their highlighted snippets and an item page among them (#26)."""
    from browser import search_pages

    recorded = open_page(browser, site_url + "items/k05/", viewport={"width": width, "height": 900})
    page = recorded.page
    page.wait_for_load_state("networkidle")
    if width < 960:  # on a phone the search box opens from the header's search button
        page.click("label.md-header__button[for=__search]")
    assert "items/k05/" in search_pages(page, "วิเคราะห์ข้อมูล")[:3]
    assert page.locator(".md-search-result mark").count() > 0  # the words found are highlighted
    assert axe_violations(page) == []
    page.context.close()
