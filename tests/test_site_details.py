"""The small things new users tripped over: a QR warning for a build that points to this computer, a Thai 404 page
and data-page changelog, role tables with a real header row, the sidebar title no longer covering the links, a
group finder that refuses shares no one can have, and a unit page whose search text names its address once."""
from __future__ import annotations

import json
import logging

import pytest
from bs4 import BeautifulSoup

from digiskill.cli import build_site
from digiskill.core.worker.assessment_session import AssessmentSession
from digiskill.catalog.export import export_json
from digiskill.site.qr import points_to_this_computer

from conftest import ROOT

THAI = set(chr(c) for c in range(0x0E01, 0x0E5C))


def parse(path):
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def test_a_build_for_this_computer_warns_about_its_qr_codes(tmp_path, caplog):
    with caplog.at_level(logging.WARNING, logger="digiskill.build"):
        build_site(str(ROOT / "mkdocs.yml"), str(tmp_path / "local"))
    assert any("QR codes" in r.getMessage() and "--site-url" in r.getMessage() for r in caplog.records)
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="digiskill.build"):
        build_site(str(ROOT / "mkdocs.yml"), str(tmp_path / "hosted"), site_url="https://intranet.example.go.th/s/")
    assert not [r for r in caplog.records if "QR codes" in r.getMessage()]


@pytest.mark.parametrize("url,local", [("http://127.0.0.1:8000/", True), ("http://localhost/x/", True),
                                       ("https://intranet.example.go.th/skills/", False), ("", False)])
def test_which_addresses_point_to_this_computer(url, local):
    assert points_to_this_computer(url) is local


def test_the_404_page_is_thai(built_site):
    page = parse(built_site / "404.html")
    assert "ไม่พบหน้านี้" in page.select_one("article h1").get_text()
    assert page.select_one("article a[href]")  # a way back


def test_the_data_pages_changelog_is_thai_first(built_site):
    page = parse(built_site / "data" / "index.html")
    heading = page.select_one("#changelog")
    entries = []
    for sibling in heading.find_all_next(["h3", "li"]):
        entries.append(sibling.get_text().strip())
    assert entries, "no changelog entries on the data page"
    for entry in entries:
        assert entry[0] in THAI or entry.startswith(("ฉบับ", "[")) or THAI & set(entry[:12]), entry


def test_a_unit_pages_search_text_names_its_address_once(built_site):
    """The QR code's caption shows the page's address; the code itself adds no second copy (an SVG title did), which
    the search results would show as one long run of two addresses."""
    docs = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    text = next(doc["text"] for doc in docs if doc["location"] == "skills/dlit100/")
    assert text.count("/skills/dlit100/") == 1, text[-300:]


def test_role_tables_have_a_real_header_row(built_site, catalog):
    for role in catalog.roles:
        page = parse(built_site / "roles" / role.slug / "index.html")
        for th in page.select("article table th"):
            assert th.get_text().strip(), f"empty header cell on /roles/{role.slug}/"


def classify(catalog, shares: dict) -> dict:
    """The group finder as the page uses it: the shares typed, then the button."""
    session = AssessmentSession(export_json(catalog).decode("utf-8"))
    session.start(None, json.dumps([{"path": f"finder/shares/{g}", "value": str(v)} for g, v in shares.items()],
                                   ensure_ascii=False))
    reply = json.loads(session.event(json.dumps({"action": "classify"})))
    return {"group": json.loads(reply["store"])["group"], "reason_th": reply["problems"][0]["message_th"]}


@pytest.mark.parametrize("shares,says", [({"A": 70, "S": 70, "O": 50}, "ร้อยละ 190 ซึ่งเกิน 100"),
                                         ({"A": -20, "S": 60}, "ระหว่างร้อยละ 0 ถึง 100 (ได้ -20)"),
                                         ({"T": 120}, "ระหว่างร้อยละ 0 ถึง 100 (ได้ 120)"),
                                         ({"M": "มาก"}, "ต้องเป็นตัวเลข")])
def test_the_group_finder_refuses_impossible_shares(catalog, shares, says):
    result = classify(catalog, shares)
    assert result["group"] is None and says in result["reason_th"], result


def test_the_group_finder_still_accepts_possible_shares(catalog):
    assert classify(catalog, {"T": 60, "O": 40})["group"] == "T"
    assert classify(catalog, {"A": 50, "S": 30})["group"] == "A"


@pytest.mark.browser
@pytest.mark.parametrize("width", [1366, 1240])
def test_the_sidebar_title_does_not_cover_its_links(browser, site_url, width):
    from browser import open_page

    recorded = open_page(browser, site_url + "roles/o3/", viewport={"width": width, "height": 900})
    covered = recorded.page.evaluate("""() => {
        const title = document.querySelector('.md-nav--primary > .md-nav__title');
        if (!title || !title.offsetParent) return [];
        const t = title.getBoundingClientRect();
        return [...document.querySelectorAll('.md-nav--primary .md-nav__link')].filter(a => {
            const r = a.getBoundingClientRect();
            return a.offsetParent && r.height && r.top < t.bottom && r.bottom > t.top;
        }).map(a => a.innerText);
    }""")
    assert covered == []
    recorded.page.context.close()


@pytest.mark.browser
@pytest.mark.parametrize("width", [1366, 390])
def test_the_qr_code_fills_its_box_on_screen_and_in_print(browser, site_url, width):
    """The code is drawn to the size its style gives it (8 rem on screen, 6.5 rem in print), not at a fixed 111 px in
    the top-left corner of a larger box (which left it small, off-centre and far from its caption)."""
    from browser import open_page

    recorded = open_page(browser, site_url + "skills/dlit100/", viewport={"width": width, "height": 900})
    page = recorded.page
    fill = """() => { const svg = document.querySelector('figure.ds-qr svg');
        const box = svg.getBoundingClientRect(), drawn = svg.querySelector('path').getBoundingClientRect();
        return [drawn.width / box.width, drawn.height / box.height]; }"""
    for media in ("screen", "print"):
        page.emulate_media(media=media)
        assert min(page.evaluate(fill)) > 0.97, media
    recorded.page.context.close()
