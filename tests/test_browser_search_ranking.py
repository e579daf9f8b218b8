"""Search ranking: for a query of several words, pages holding all of them come first; the assessment and
gap-analysis pages (which quote every unit title) come after the content pages."""
from __future__ import annotations

import json
from urllib.parse import urljoin

import pytest

from browser import open_page, search

pytestmark = pytest.mark.browser
QUERIES = [("ข้อมูล นวัตกรรม", "skills/ds300/"), ("ความเสี่ยง ดิจิทัล", "skills/dg500/"),
           ("สถาปัตยกรรม องค์กร", "skills/dt200/"), ("ออกแบบ บริการ", None)]


def page_texts(built_site, site_url) -> dict[str, str]:
    index = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    texts: dict[str, str] = {}
    for doc in index["docs"]:
        url = urljoin(site_url, doc["location"]).split("#")[0]
        texts[url] = texts.get(url, "") + " " + (doc["title"] + " " + doc["text"]).replace("\u200b", "").lower()
    return texts


@pytest.mark.parametrize("query,first", QUERIES)
def test_pages_with_every_word_come_first(browser, built_site, site_url, query, first):
    texts = page_texts(built_site, site_url)
    recorded = open_page(browser, site_url + "roles/a1/")
    recorded.page.wait_for_load_state("networkidle")
    hrefs = list(dict.fromkeys(search(recorded.page, query)))  # one entry per page, in the order shown
    recorded.page.context.close()
    if first:
        assert hrefs[0] == site_url + first, hrefs[:5]
    holds_all = [all(w in texts.get(h, "") for w in query.split()) for h in hrefs]
    tool = [h.endswith(("/assessment/", "/gap-analysis/")) for h in hrefs]
    ranks = [(t, not a) for t, a in zip(tool, holds_all)]
    assert ranks == sorted(ranks), list(zip(hrefs, ranks))[:12]
