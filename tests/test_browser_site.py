"""The built site in real headless Chromium: every page type loads from the serving origin only, Thai search finds
words in the middle of sentences, axe-core finds no serious problem, and the keyboard alone gets around."""
from __future__ import annotations

import pytest

from browser import axe_violations, open_page, search

pytestmark = pytest.mark.browser

PAGE_TYPES = ["", "guideline/", "guideline/org-1/", "guideline/ind-3/", "framework/", "stages/", "groups/",
              "groups/a/", "roles/", "roles/a1/", "skills/", "domains/dg/", "skills/dlit100/",
              "skills/cec-amhu-031/", "matrix/", "tools/", "forms/idp/", "forms/org-plan/", "data/",
              "about-data/", "items/", "items/k05/", "404.html"]


@pytest.mark.parametrize("path", PAGE_TYPES)
def test_page_loads_from_the_serving_origin_only(browser, site_url, path):
    recorded = open_page(browser, site_url + path)
    recorded.page.wait_for_load_state("networkidle")
    assert recorded.page.locator("h1").count() >= 1
    assert recorded.requests, "the page made no request at all?"
    assert recorded.foreign(site_url) == []
    fonts = recorded.page.evaluate("() => [...document.fonts].filter(f => f.status === 'loaded').map(f => f.family)")
    assert any("Sarabun" in f for f in fonts), fonts
    recorded.page.context.close()


SEARCHES = [
    ("ความเสี่ยง", "skills/dg500/"),          # inside "บริหารความเสี่ยงดิจิทัล"
    ("สถาปัตยกรรม", "skills/dt200/"),         # inside "จัดทำสถาปัตยกรรมองค์กร"
    ("นวัตกรรม", "skills/ds300/"),            # inside "ออกแบบนวัตกรรมบริการ"
    ("ตระหนัก", "skills/dlit100/"),           # inside "เข้าถึง และตระหนักดิจิทัล"
    ("DLit100", "skills/dlit100/"),
    ("Enterprise Architecture", "skills/dt200/"),
    ("Minimum Viable Service", "skills/ds500/"),
]


def test_search_finds_the_page(browser, site_url):
    """Typed with the keyboard into one visit's search box, query after query (axe: test_browser_axe)."""
    recorded = open_page(browser, site_url + "roles/a1/")  # searched once the page has settled
    recorded.page.wait_for_load_state("networkidle")
    for query, expected in SEARCHES:
        recorded.page.fill("input.md-search__input", "")  # the last query's results go before the next is typed
        recorded.page.wait_for_function("() => !document.querySelector('.md-search-result__item')")
        hrefs = search(recorded.page, query)
        assert site_url + expected in hrefs, (query, hrefs[:8])
    assert recorded.foreign(site_url) == []
    recorded.page.context.close()


def test_keyboard_reaches_the_content_and_follows_a_link(browser, site_url):
    recorded = open_page(browser, site_url)
    page = recorded.page
    page.keyboard.press("Tab")
    skip = page.evaluate("() => document.activeElement.classList.contains('md-skip')")
    assert skip, "the first Tab should land on the skip-to-content link"
    for _ in range(60):  # Tab on until the staff entry card has focus, then follow it with Enter
        page.keyboard.press("Tab")
        if (page.evaluate("() => document.activeElement.getAttribute('href')") or "").endswith("assessment/"):
            break
    else:
        pytest.fail("the staff entry card is not reachable with Tab")
    page.keyboard.press("Enter")
    page.wait_for_url("**/assessment/")
    recorded.page.context.close()


@pytest.mark.parametrize("width,height", [(1366, 768), (390, 844)])
def test_the_first_screen_of_the_home_page_leads_each_person_to_their_tool(browser, site_url, width, height):
    """Staff to the self-assessment, supervisors to the review, HR to the gap analysis: each card's link whole on the
    first screen, without scrolling (#23)."""
    recorded = open_page(browser, site_url, viewport={"width": width, "height": height})
    page = recorded.page
    for tool in ("assessment/", "supervisor/", "gap-analysis/"):
        box = page.locator(f'.ds-entry a[href="{tool}"]').bounding_box()
        assert box and box["y"] >= 0 and box["y"] + box["height"] <= height, (tool, box)
    assert axe_violations(page) == []
    recorded.page.context.close()


@pytest.mark.parametrize("step,tool", [("ind-1", "assessment"), ("ind-2", "assessment"), ("ind-3", "assessment"),
                                       ("ind-3", "supervisor"), ("ind-4", "assessment"), ("ind-4", "supervisor"),
                                       ("ind-5", "assessment"), ("org-3", "gap-analysis"), ("org-5", "gap-analysis")])
def test_each_step_page_links_to_the_tool_for_its_step(built_site, step, tool):
    from bs4 import BeautifulSoup

    page = BeautifulSoup((built_site / "guideline" / step / "index.html").read_text(encoding="utf-8"), "html.parser")
    box = page.select_one(".admonition.tip")
    assert box is not None and "เครื่องมือของขั้นนี้" in box.get_text()
    assert f"../../{tool}/" in [a["href"] for a in box.select("a")]


def test_phone_width_has_no_horizontal_scroll(browser, site_url):
    for path in ("", "roles/a1/", "skills/dlit100/"):
        recorded = open_page(browser, site_url + path, viewport={"width": 390, "height": 800})
        overflow = recorded.page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 1, (path, overflow)
        recorded.page.context.close()


@pytest.fixture(scope="module")
def subpath_url(tmp_path_factory):
    """The site built for, and served under, /intranet/skills/ (as an agency intranet would host it)."""
    from conftest import ROOT
    from digiskill.cli import build_site
    from digiskill.cli.static_server import serve_in_background

    www = tmp_path_factory.mktemp("www")
    server, base = serve_in_background(www)
    site_url = base + "intranet/skills/"
    build_site(str(ROOT / "mkdocs.yml"), str(www / "intranet" / "skills"), site_url)
    yield site_url
    server.shutdown()
    server.server_close()


@pytest.mark.parametrize("path", ["", "roles/a1/", "skills/dlit100/", "matrix/", "404.html"])
def test_site_works_under_a_sub_path(browser, subpath_url, path):
    recorded = open_page(browser, subpath_url + path)
    page = recorded.page
    page.wait_for_load_state("networkidle")
    origin = subpath_url.split("/intranet/")[0] + "/"
    assert recorded.foreign(origin) == []
    assert [u for u in recorded.requests if not u.startswith(subpath_url)] == []
    assert page.evaluate("() => getComputedStyle(document.body).fontFamily").startswith("Sarabun")
    recorded.page.context.close()


def test_qr_code_encodes_the_hosted_address(browser, subpath_url):
    """Decode the QR code as a phone would: from a picture of the rendered page (the SVG's title is not read)."""
    import io

    import zxingcpp
    from PIL import Image

    recorded = open_page(browser, subpath_url + "skills/dlit100/")
    png = recorded.page.locator(".ds-qr svg").screenshot()
    recorded.page.context.close()
    image = Image.open(io.BytesIO(png)).convert("L")
    image = image.resize((image.width * 3, image.height * 3), Image.NEAREST)
    decoded = [r.text for r in zxingcpp.read_barcodes(image)]
    assert decoded == [subpath_url + "skills/dlit100/"]


def test_missing_page_gets_the_sites_404_page(browser, site_url):
    recorded = open_page(browser, site_url + "roles/z9/")
    recorded.page.wait_for_load_state("networkidle")
    assert "404" in recorded.page.locator("h1").inner_text()
    assert recorded.foreign(site_url) == []
    recorded.page.context.close()
