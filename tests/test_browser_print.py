"""Every page type printed to PDF in real Chromium (`page.pdf`, print media) and read back with pypdf: each keeps its
title and its first paragraphs, the unit page is a one-page A4 handout with its QR code, the announcement prints in
full."""
from __future__ import annotations

import io
import re

import pytest
from pypdf import PdfReader

from browser import open_page

pytestmark = pytest.mark.browser


def squeeze(text: str) -> str:
    """Text to compare with a PDF's: without spaces, line breaks or zero-width spaces (extraction re-flows lines),
    and without Thai vowel and tone marks above or below the line (pypdf reads some of them as NUL)."""
    return re.sub("[\\s\u200b\x00\u0e31\u0e34-\u0e3a\u0e47-\u0e4e]+", "", text.replace("\u0e33", "\u0e32"))


def printed(browser, url: str) -> tuple[dict, PdfReader]:
    recorded = open_page(browser, url)
    page = recorded.page
    page.wait_for_load_state("networkidle")
    page.emulate_media(media="print")
    expected = page.evaluate("""() => {
        const article = document.querySelector('article.md-content__inner');
        const paragraphs = [...article.querySelectorAll(':scope > p, :scope > div > p')]
          .filter(p => !p.matches('.ds-cta, .ds-no-print'))  // screen-only by design (buttons, form instructions)
          .map(p => p.innerText.trim()).filter(t => t.length > 10).slice(0, 2);
        return {title: article.querySelector('h1').innerText.trim(), paragraphs: paragraphs};
    }""")
    reader = PdfReader(io.BytesIO(page.pdf(format="A4")))
    page.context.close()
    return expected, reader


def pdf_text(reader: PdfReader) -> str:
    return squeeze("".join(p.extract_text() for p in reader.pages))


@pytest.mark.parametrize("path", ["skills/dlit100/", "roles/a1/", "guideline/org-1/", "guideline/", "stages/",
                                  "groups/a/", "forms/idp/"])
def test_each_page_prints_its_title_and_first_paragraphs(browser, site_url, path):
    expected, reader = printed(browser, site_url + path)
    text = pdf_text(reader)
    assert expected["paragraphs"], "the page has no paragraph to look for"
    assert squeeze(expected["title"]) in text, expected["title"]
    for paragraph in expected["paragraphs"]:
        assert squeeze(paragraph)[:120] in text, paragraph


def test_the_unit_page_is_a_one_page_handout_with_its_qr_code(browser, site_url):
    for path in ("skills/dlit100/", "skills/dt200/", "skills/cec-amhu-031/"):
        _expected, reader = printed(browser, site_url + path)
        assert len(reader.pages) == 1, (path, len(reader.pages))
        assert squeeze(path) in pdf_text(reader)  # the caption under the QR code


def test_the_announcement_prints_in_full(browser, example_agency_url):
    expected, reader = printed(browser, example_agency_url + "announcement/")
    text = pdf_text(reader)
    assert squeeze(expected["title"]) in text
    recorded = open_page(browser, example_agency_url + "announcement/")
    headings = recorded.page.eval_on_selector_all("article h2, article h3", 
                                              "hs => hs.map(h => h.innerText.replace('¶', '').trim())")
    cells = recorded.page.eval_on_selector_all("article td", "cs => cs.map(c => c.innerText.trim())")
    recorded.page.context.close()
    for heading in headings:
        assert squeeze(heading) in text, heading
    for cell in cells:
        assert squeeze(cell) in text, cell
