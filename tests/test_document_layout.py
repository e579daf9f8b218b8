"""Every DOCX the kit makes (and the plan XLSX), laid out by LibreOffice as people open it: the IDP's plan and sign-off
on at most three A4 pages, the signatures on one page, and no Thai word broken inside at the end of a line.

One `soffice --headless --convert-to pdf` call converts every document (LibreOffice starts once, ≈ 5 s); poppler's
`pdftotext -bbox` gives each word's box. A line break inside Thai text is found where a run of words in a table cell
or paragraph ends with a Thai letter and the next line in the same column starts with one; the two are matched to the
document's own text, and ICU's word breaker (icu4py, as the site's search uses) must put a word boundary there.

Needs LibreOffice Writer, poppler-utils and a font for "TH Sarabun New" (Debian's fonts-tlwg-laksaman is metric-
compatible with TH Sarabun PSK, and fontconfig maps the name to it): `scripts/setup documents` installs them.
"""
from __future__ import annotations

import io
import json
import re
import shutil
import subprocess
import unicodedata
from html import unescape
from xml.etree import ElementTree
from pathlib import Path

import docx
import openpyxl
import pytest
from icu4py.breakers import WordBreaker

from cycle_files import reviewed_year, six_gap_year
from digiskill.core.answers.checker import parse_assessment
from digiskill.core.cycle.idp import build_idp
from digiskill.core.documents.idp_document import idp_docx, idp_xlsx
from digiskill.core.documents.progress_report import progress_docx
from digiskill.core.hr.aggregate import aggregate
from digiskill.core.hr.org_plan import org_plan_docx
from staff_files import staff_files

pytestmark = [pytest.mark.slow, pytest.mark.skipif(
    not (shutil.which("soffice") and shutil.which("pdftotext") and shutil.which("pdfinfo")),
    reason="LibreOffice and poppler-utils are not installed (scripts/setup documents)")]

ZWSP = "\u200b"
WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>')
PAGE = re.compile(r"<page [^>]*>(.*?)</page>", re.S)
GLUE = 2.5  # points: pdftotext splits a word where a Thai mark sits left of its letter; real spaces are wider
CELL_GAP = 5.3  # points: between two cells' text at least the two cell margins (3 pt each); a space is ≤ 4.6 pt


def is_thai(ch: str) -> bool:
    return "\u0e00" <= ch <= "\u0e7f"


def skeleton(text: str) -> tuple[str, list[int]]:
    """The letters of `text` without marks, spaces and ZWSP (what pdftotext gives back reliably for Thai), and where
    each came from in `text`."""
    out, where = [], []
    for index, ch in enumerate(text):
        if ch.isspace() or ch == ZWSP or unicodedata.category(ch) == "Mn":
            continue
        out.append(ch)
        where.append(index)
    return "".join(out), where


def boundaries(text: str) -> set[int]:
    """ICU's word boundaries in `text` (Thai dictionary-based), as offsets."""
    found = {0, len(text)}
    for start, end in WordBreaker(text, "th").segments():
        found.update((start, end))
    return found


def docx_texts(data: bytes) -> list[str]:
    """Every paragraph of the document (body, tables, nested tables, footnotes), split at its forced line breaks."""
    document = docx.Document(io.BytesIO(data))
    body = document.element.body
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    texts = []
    notes = [rel.target_part.blob for rel in document.part.rels.values() if rel.reltype.endswith("/footnotes")]
    parts = [body, *(ElementTree.fromstring(blob) for blob in notes)]
    for root in parts:
        for p in root.iter(f"{w}p"):
            pieces, line = [], []
            for node in (n for n in p.iter() if n.tag in (f"{w}t", f"{w}br")):
                if node.tag == f"{w}br":
                    pieces.append("".join(line))
                    line = []
                else:
                    line.append(node.text or "")
            pieces.append("".join(line))
            texts += [piece for piece in pieces if piece.strip()]
    return texts


def xlsx_texts(data: bytes) -> list[str]:
    """Every text cell of the workbook, split at its line breaks."""
    book = openpyxl.load_workbook(io.BytesIO(data))
    return [piece for sheet in book.worksheets for row in sheet.iter_rows() for cell in row
            if isinstance(cell.value, str) for piece in cell.value.split("\n") if piece.strip()]


def pdf_lines(pdf: Path) -> list[list[dict]]:
    """Per page, the text fragments: runs of words on one line that belong to one cell or paragraph."""
    xml = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], check=True, capture_output=True,
                         text=True).stdout
    pages = []
    for page in PAGE.findall(xml):
        words = sorted(([float(a), float(b), float(c), float(d), unescape(t)] for a, b, c, d, t in
                        WORD.findall(page)), key=lambda w: (round(w[1]), w[0]))
        fragments: list[dict] = []
        for x0, y0, x1, _y1, text in words:
            last = fragments[-1] if fragments else None
            if last and abs(last["y"] - y0) < 1 and x0 - last["x1"] < GLUE:
                last["text"] += text
            elif last and abs(last["y"] - y0) < 1 and x0 - last["x1"] < CELL_GAP:
                last["text"] += " " + text
            else:
                fragments.append({"y": y0, "x0": x0, "text": text})
                last = fragments[-1]
            last["x1"] = max(x1, last.get("x1", x1))
        pages.append(fragments)
    return pages


def thai_breaks(fragments: list[dict], texts: list[str]):
    """(line end, next line start, ok) for each line break between two Thai letters that matches the document's
    text: ok when ICU puts a word boundary there (or the text has a space or ZWSP there)."""
    skeletons = [(text, *skeleton(text)) for text in texts]
    for fragment in fragments:
        below = [f for f in fragments if abs(f["x0"] - fragment["x0"]) < 1 and 8 < f["y"] - fragment["y"] < 26]
        if not below:
            continue
        after = min(below, key=lambda f: f["y"])
        head, _ = skeleton(fragment["text"])
        tail, _ = skeleton(after["text"])
        if not (head and tail and is_thai(head[-1]) and is_thai(tail[0])):
            continue
        if min(len(head), len(tail)) < 2 or len(head + tail) < 6:
            continue  # too short to tell which text it is (one cell's "มี" above another's)
        verdicts = set()
        for text, skel, where in skeletons:
            at = skel.find(head + tail)
            while at >= 0:
                cut = where[at + len(head)]  # the first letter of the next line, in the text
                gap = text[where[at + len(head) - 1] + 1:cut]  # marks of the line's last letter, spaces
                if any(ch.isspace() or ch == ZWSP for ch in gap):
                    verdicts.add(True)
                else:
                    before = re.search(r"[\u0e00-\u0e7f]*$", text[:cut]).group()
                    run = before + re.match(r"[\u0e00-\u0e7f]*", text[cut:]).group()
                    verdicts.add(len(before) in boundaries(run))
                at = skel.find(head + tail, at + 1)
        if verdicts:
            yield fragment["text"], after["text"], all(verdicts)


@pytest.fixture(scope="module")
def laid_out(catalog, tmp_path_factory):
    """Every DOCX the kit makes and the plan XLSX, and their PDFs from one LibreOffice run."""
    folder = tmp_path_factory.mktemp("layout")

    def idp(data):
        return build_idp(catalog, parse_assessment(json.dumps(data, ensure_ascii=False), catalog))

    documents = {"idp-draft": idp_docx(idp(six_gap_year(agreed=False))), "idp-agreed": idp_docx(idp(six_gap_year())),
                 "idp-next-level": idp_docx(idp(reviewed_year())), "progress": progress_docx(idp(reviewed_year())),
                 "org-plan": org_plan_docx(aggregate(catalog, staff_files(catalog, 40))),
                 "idp-xlsx": idp_xlsx(idp(six_gap_year()))}
    for name, data in documents.items():
        (folder / f"{name}.{'xlsx' if name.endswith('xlsx') else 'docx'}").write_bytes(data)
    subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{folder}/profile", "--convert-to", "pdf",
                    "--outdir", str(folder), *sorted(str(p) for p in folder.glob("*.*x"))],
                   check=True, capture_output=True, timeout=240)
    return {name: (data, folder / f"{name}.pdf") for name, data in documents.items()}


def page_of(pages: list[list[dict]], text: str) -> list[int]:
    return [number for number, fragments in enumerate(pages, start=1)
            if any(text in f["text"].replace(" ", "") for f in fragments)]


@pytest.mark.parametrize("name", ["idp-draft", "idp-agreed"])
def test_the_plan_and_sign_off_of_six_gaps_fit_on_three_pages(laid_out, name):
    _data, pdf = laid_out[name]
    pages = pdf_lines(pdf)
    signatures = page_of(pages, "ลงชื่อ")
    # Both sign-off blocks, side by side, on one page: the acknowledgement never alone on the last page.
    assert len(signatures) == 1 and sum(f["text"].startswith("ลงชื่อ") for f in pages[signatures[0] - 1]) == 2
    assert signatures[0] <= 3, f"the sign-off is on page {signatures[0]}"
    # The annex follows on a page of its own.
    annex = page_of(pages, "ภาคผนวกผลการประเมินตนเองรายทักษะ")
    assert annex == [signatures[0] + 1]


def test_three_sign_off_blocks_share_a_page(laid_out):
    pages = pdf_lines(laid_out["idp-next-level"][1])
    signatures = page_of(pages, "ลงชื่อ")
    assert len(signatures) == 1 and sum(f["text"].startswith("ลงชื่อ") for f in pages[signatures[0] - 1]) == 3


@pytest.mark.parametrize("name", ["idp-draft", "idp-agreed", "idp-next-level", "progress", "org-plan", "idp-xlsx"])
def test_no_thai_word_is_broken_at_the_end_of_a_line(laid_out, name):
    data, pdf = laid_out[name]
    texts = xlsx_texts(data) if name.endswith("xlsx") else docx_texts(data)
    checked, broken = 0, []
    for fragments in pdf_lines(pdf):
        for end, start, ok in thai_breaks(fragments, texts):
            checked += 1
            if not ok:
                broken.append(f"{end}|{start}")
    assert checked >= 5, f"only {checked} line breaks inside Thai text were found: is the text extracted?"
    assert broken == [], f"{len(broken)} of {checked} breaks inside a Thai word: {broken[:12]}"
