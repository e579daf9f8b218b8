"""Write the IDP blocks as a .docx with the standard library only (zipfile + XML strings).

Why not python-docx: it needs lxml, which Pyodide cannot load offline here, and the browser must produce the same file
as the CLI. WordprocessingML for headings, paragraphs and bordered tables is small enough to write directly; the
tests open every file with python-docx and LibreOffice.
"""
from __future__ import annotations

import io
import re
import zipfile

from .form_blocks import cell_text, choice_line, signoff_lines
from ..display.markup import escape
from ..display.percent import percent
from .shape_chart import BEFORE_COLOUR as BEFORE, NOW_COLOUR as NOW, UNANSWERED_TH

# Thai government documents use TH Sarabun New at 16 pt; Word takes Thai glyphs from the complex-script font (w:cs).
FONT = "TH Sarabun New"
SIZE = 32  # half-points: 16 pt, the size of Thai government documents
FORM_SIZE = 28  # 14 pt for forms that must fit a few pages (the IDP: plan and sign-off on three A4 pages)
W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
A4_TWIPS = (11906, 16838)
BAR_SHARE = 0.5  # of a skill-shape cell: the bar at 100 %; the rest holds the count
MARGIN = 720  # 1.27 cm left and right
MARGIN_TOP = 567  # 1 cm above and below: the IDP's plan and sign-off fit on three pages
CELL_MARGINS = '<w:tblCellMar><w:left w:w="60" w:type="dxa"/><w:right w:w="60" w:type="dxa"/></w:tblCellMar>'
TAIL = '<w:p><w:pPr><w:spacing w:after="0" w:line="20" w:lineRule="exact"/></w:pPr></w:p>'
SHORT_TABLE = 6  # rows: a table this short is not expected to run over a page
# LibreOffice (7.4) puts the dictionary breaks of a Thai run of several words after an opening bracket or quote one
# letter early, and broke "(ปัจจุบั|นยังไม่มี" at the end of a line (tests/test_document_layout.py). A zero-width space
# after the bracket starts the run afresh; Word and LibreOffice draw nothing for it. Only before a long run (more
# than LONG_RUN Thai characters, several words): after a short one, "(ภายใน)", LibreOffice breaks at the space before the
# bracket, and the space would let it leave the bracket alone at the end of the line. Everywhere else both break
# Thai at the word boundaries their dictionaries (ICU's in LibreOffice) find, so the text needs no other marks.
LONG_RUN = 8
OPENING_BEFORE_THAI = re.compile("([(\\[{\u201c\u2018\"'])(?=(?:[\u0e00-\u0e7f]){%d})" % (LONG_RUN + 1))
# After a table: a 6 pt gap, not an empty line of text.
SPACER = '<w:p><w:pPr><w:spacing w:after="0" w:line="120" w:lineRule="exact"/></w:pPr></w:p>'
CELL_SPACING = '<w:spacing w:after="0" w:line="216" w:lineRule="auto"/>'

CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>
<Override PartName="/word/footnotes.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"/>
<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>
</Types>"""
ROOT_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>
<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>
</Relationships>"""
DOC_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>
<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes" Target="footnotes.xml"/>
</Relationships>"""
FONTS = f'<w:rFonts w:ascii="{FONT}" w:hAnsi="{FONT}" w:cs="{FONT}" w:eastAsia="{FONT}"/>'
STYLES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles {w}>
<w:docDefaults><w:rPrDefault><w:rPr>{fonts}<w:sz w:val="{size}"/><w:szCs w:val="{size}"/><w:lang w:val="en-GB" w:bidi="th-TH"/></w:rPr></w:rPrDefault>
<w:pPrDefault><w:pPr><w:spacing w:after="{gap}" w:line="240" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults>
<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>
<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:basedOn w:val="Normal"/><w:pPr><w:jc w:val="center"/><w:spacing w:after="40"/></w:pPr><w:rPr><w:b/><w:bCs/><w:sz w:val="{title}"/><w:szCs w:val="{title}"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/><w:pPr><w:keepNext/><w:spacing w:before="120" w:after="40"/><w:outlineLvl w:val="0"/></w:pPr><w:rPr><w:b/><w:bCs/><w:sz w:val="{heading}"/><w:szCs w:val="{heading}"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Subtitle"><w:name w:val="Subtitle"/><w:basedOn w:val="Normal"/><w:pPr><w:jc w:val="center"/><w:spacing w:after="80"/></w:pPr><w:rPr><w:b/><w:bCs/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="FootnoteText"><w:name w:val="footnote text"/><w:basedOn w:val="Normal"/><w:rPr><w:sz w:val="24"/><w:szCs w:val="24"/></w:rPr></w:style>
<w:style w:type="character" w:styleId="FootnoteReference"><w:name w:val="footnote reference"/><w:rPr><w:vertAlign w:val="superscript"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Meta"><w:name w:val="Meta"/><w:basedOn w:val="Normal"/><w:rPr><w:color w:val="555555"/><w:sz w:val="26"/><w:szCs w:val="26"/></w:rPr></w:style>
<w:style w:type="table" w:styleId="PlanTable"><w:name w:val="Plan Table"/><w:tblPr><w:tblBorders>
<w:top w:val="single" w:sz="6" w:color="000000"/><w:left w:val="single" w:sz="6" w:color="000000"/><w:bottom w:val="single" w:sz="6" w:color="000000"/><w:right w:val="single" w:sz="6" w:color="000000"/><w:insideH w:val="single" w:sz="4" w:color="000000"/><w:insideV w:val="single" w:sz="4" w:color="000000"/>
</w:tblBorders></w:tblPr><w:rPr><w:sz w:val="24"/><w:szCs w:val="24"/></w:rPr></w:style>
</w:styles>"""


def _run(text: str, bold: bool = False) -> str:
    """A run; line breaks in the text become <w:br/>."""
    props = "<w:rPr><w:b/><w:bCs/></w:rPr>" if bold else ""
    pieces = escape(OPENING_BEFORE_THAI.sub("\\1\u200b", text)).split("\n")
    body = "<w:br/>".join(f'<w:t xml:space="preserve">{p}</w:t>' for p in pieces)
    return f"<w:r>{props}{body}</w:r>"


def _para(text: str, style: str | None = None, bold: bool = False, extra: str = "", ppr: str = "") -> str:
    props = (f'<w:pStyle w:val="{style}"/>' if style else "") + ppr
    return f"<w:p>{f'<w:pPr>{props}</w:pPr>' if props else ''}{_run(text, bold)}{extra}</w:p>"


def _footnote_ref(number: int) -> str:
    return f'<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteReference w:id="{number}"/></w:r>'


def _footnotes(notes: list[str]) -> str:
    """Word's footnotes part: the two separators Word expects, then one footnote per note (ids from 1)."""
    out = [f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:footnotes {W}>',
           '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>',
           '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p>'
           '</w:footnote>']
    for number, note in enumerate(notes, start=1):
        out.append(f'<w:footnote w:id="{number}"><w:p><w:pPr><w:pStyle w:val="FootnoteText"/></w:pPr>'
                   f'<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteRef/></w:r>'
                   f'{_run(" " + note)}</w:p></w:footnote>')
    out.append("</w:footnotes>")
    return "".join(out)


def _borders(size_outer: int = 6, size_inner: int = 4, value: str = "single") -> str:
    return "".join(f'<w:{side} w:val="{value}" w:sz="{size_outer if side in ("top", "left", "bottom", "right") else size_inner}" '
                   f'w:space="0" w:color="000000"/>'
                   for side in ("top", "left", "bottom", "right", "insideH", "insideV"))


def _table(rows: list[list], widths: list[int], header: bool, page: int, kinds: list | None = None,
           bars: bool = False, repeat: bool = True) -> str:
    """`repeat`: the header row is printed again on each page the table runs onto. Only for tables that may run
    over a page: LibreOffice will not start a table with a repeated header near the foot of a page, even a short one
    that fits."""
    total = sum(widths)
    twips = [int(page * w / total) for w in widths]
    kinds = kinds or ["text"] * len(widths)
    grid = "".join(f'<w:gridCol w:w="{t}"/>' for t in twips)
    # Borders are set on the table itself as well as in the style, so every reader draws them.
    # Narrow cell margins (0.1 cm) leave the text of narrow columns more room.
    out = [f'<w:tbl><w:tblPr><w:tblStyle w:val="PlanTable"/><w:tblW w:w="{page}" w:type="dxa"/>'
           f'<w:tblBorders>{_borders()}</w:tblBorders><w:tblLayout w:type="fixed"/>{CELL_MARGINS}</w:tblPr>'
           f'<w:tblGrid>{grid}</w:tblGrid>']
    for index, row in enumerate(rows):
        is_head = header and index == 0
        # Body rows may break across pages: LibreOffice leaves half a page empty before a tall row it may not split.
        trpr = f"<w:trPr>{'<w:tblHeader/>' if repeat else ''}<w:cantSplit/></w:trPr>" if is_head else ""
        cells = []
        for width, value, kind in zip(twips, row, kinds):
            shade = '<w:shd w:val="clear" w:color="auto" w:fill="E8EAF6"/>' if is_head else ""
            if bars and not is_head and kind == "bar":
                content = _bar(value, width)
            else:
                content = _para(value if is_head else cell_text(value, kind), bold=is_head, ppr=CELL_SPACING)
            cells.append(f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{shade}</w:tcPr>{content}</w:tc>')
        out.append(f"<w:tr>{trpr}{''.join(cells)}</w:tr>")
    out.append("</w:tbl>")
    return "".join(out)


def _bar(value: tuple, width: int) -> str:
    """One bar of the skill-shape chart: a one-row table inside the cell, the filled part shaded, then the count."""
    share, colour, label = value
    inner = width - 200
    full = int(inner * BAR_SHARE)
    filled = int(full * share)
    parts = [(w, fill) for w, fill in ((filled, colour), (full - filled, "F2F2F2")) if w > 0]
    cells = [f'<w:tc><w:tcPr><w:tcW w:w="{w}" w:type="dxa"/><w:shd w:val="clear" w:color="auto" w:fill="{fill}"/>'
             f'</w:tcPr><w:p/></w:tc>' for w, fill in parts]
    cells.append(f'<w:tc><w:tcPr><w:tcW w:w="{inner - full}" w:type="dxa"/></w:tcPr><w:p>{_run(" " + label)}</w:p>'
                 '</w:tc>')
    grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in [*(w for w, _ in parts), inner - full])
    return (f'<w:tbl><w:tblPr><w:tblW w:w="{inner}" w:type="dxa"/><w:tblBorders>{_borders(0, 0, "nil")}'
            f'</w:tblBorders><w:tblLayout w:type="fixed"/></w:tblPr><w:tblGrid>{grid}</w:tblGrid>'
            f'<w:tr>{"".join(cells)}</w:tr></w:tbl><w:p/>')


def _bars(block: dict, page: int) -> str:
    """The skill-shape chart as a table: label, last year's bar (with a baseline), this year's bar."""
    head = ["", *(["ปีที่แล้ว"] if block["has_before"] else []), "ปีนี้"]
    rows = [head]
    for label, required, before, now in block["rows"]:
        row = [label]
        pairs = ([(before, BEFORE)] if block["has_before"] else []) + [(now, NOW)]
        for count, colour in pairs:
            share = count / required if required and count is not None else 0.0
            row.append((share, colour, UNANSWERED_TH if count is None else f"{count}/{required} ({percent(share)}%)"))
        rows.append(row)
    widths = [34, 33, 33] if block["has_before"] else [34, 66]
    kinds = ["text"] + ["bar"] * (len(widths) - 1)
    return _para(block["title"], bold=True, ppr="<w:keepNext/>") + _table(rows, widths, True, page, kinds, bars=True)


def _signoff_cell(block: dict, width: int) -> str:
    """One sign-off block in its cell: the title, the choices, the opinion, then the signature lines centred."""
    text = block["text"] or "\n".join(["." * 60] * 2)
    paras = [_para(block["title"], bold=True, ppr=CELL_SPACING)]
    if block["choices"]:
        paras.append(_para(choice_line(block), ppr=CELL_SPACING))
    paras.append(_para(text, ppr='<w:spacing w:after="80"/>'))
    paras += [_para(line, ppr=f'{CELL_SPACING}<w:jc w:val="center"/>') for line in signoff_lines(block)]
    return f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/></w:tcPr>{"".join(paras)}</w:tc>'


def _signoffs(blocks: list[dict], page: int) -> str:
    """The sign-off blocks side by side in one borderless row that may not split, as agencies' forms set them: the
    row moves to the next page whole, so no signature stands alone on the last page, and the sign-off takes the
    height of one block instead of three."""
    width = page // len(blocks)
    grid = "".join(f'<w:gridCol w:w="{width}"/>' for _ in blocks)
    cells = "".join(_signoff_cell(block, width) for block in blocks)
    return (f'<w:tbl><w:tblPr><w:tblW w:w="{width * len(blocks)}" w:type="dxa"/><w:tblBorders>{_borders(0, 0, "nil")}'
            f'</w:tblBorders><w:tblLayout w:type="fixed"/>{CELL_MARGINS}</w:tblPr><w:tblGrid>{grid}</w:tblGrid>'
            f'<w:tr><w:trPr><w:cantSplit/></w:trPr>{cells}</w:tr></w:tbl>')


def _core(title: str, properties: dict) -> str:
    extra = "".join(f"<{tag}>{escape(properties[key])}</{tag}>"
                    for key, tag in (("subject", "dc:subject"), ("keywords", "cp:keywords"),
                                     ("description", "dc:description")) if properties.get(key))
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<cp:coreProperties '
            'xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/">'
            f"<dc:title>{escape(title)}</dc:title>{extra}<dc:creator>digiskill</dc:creator></cp:coreProperties>")


def render_docx(blocks: list[dict], title: str = "IDP", landscape: bool = False,
                properties: dict | None = None, size: int = SIZE) -> bytes:
    """`landscape`: A4 landscape pages, so wide plan tables keep every Thai word whole in its column. `size`: the
    body text in half-points (titles and headings follow it; a form's smaller size also drops the 3 pt after each
    paragraph)."""
    width, height = A4_TWIPS if not landscape else A4_TWIPS[::-1]
    page = width - 2 * MARGIN
    body, notes = [], []
    for position, block in enumerate(blocks):
        kind = block["type"]
        if kind == "signoff" and position and blocks[position - 1]["type"] == "signoff":
            continue  # drawn with the first of its run
        if kind in STYLE_OF:
            extra = ""
            if block.get("footnote"):
                notes.append(block["footnote"])
                extra = _footnote_ref(len(notes))
            body.append(_para(block["text"], STYLE_OF[kind], extra=extra,
                              ppr="<w:pageBreakBefore/>" if block.get("page_break") else ""))
        elif kind == "fields" and block.get("pairs"):
            rows = block["rows"] + ([["", ""]] if len(block["rows"]) % 2 else [])
            body.append(_table([rows[i] + rows[i + 1] for i in range(0, len(rows), 2)], [16, 34, 16, 34],
                               header=False, page=page))
        elif kind == "fields":
            body.append(_table(block["rows"], [32, 68], header=False, page=page))
        elif kind == "table" and not block.get("hidden_in_docx"):
            body.append(_table([block["headers"], *block["rows"]], block["widths"], True, page, block.get("kinds"),
                               repeat=block.get("repeat_header", len(block["rows"]) > SHORT_TABLE)))
            body.append(SPACER)
        elif kind == "signatures":
            rows = [[label, "ลงชื่อ ........................................  วันที่ ........................"]
                    for label in block["rows"]]
            body.append(_table(rows, [35, 65], header=False, page=page))
        elif kind == "signoff":
            run = [block]
            while position + len(run) < len(blocks) and blocks[position + len(run)]["type"] == "signoff":
                run.append(blocks[position + len(run)])
            # No empty line after the row unless the document ends there (Word needs a paragraph after a table):
            # one that spills onto the next page would leave it empty before the annex's page.
            body.append(_signoffs(run, page) + ("" if position + len(run) < len(blocks) else TAIL))
        elif kind == "bars":
            body.append(_bars(block, page) + SPACER)
    orient = ' w:orient="landscape"' if landscape else ""
    section = (f'<w:sectPr><w:footnotePr><w:numFmt w:val="decimal"/></w:footnotePr>'
               f'<w:pgSz w:w="{width}" w:h="{height}"{orient}/><w:pgMar w:top="{MARGIN_TOP}" w:right="{MARGIN}" '
               f'w:bottom="{MARGIN_TOP}" w:left="{MARGIN}" w:header="400" w:footer="400" w:gutter="0"/></w:sectPr>')
    document = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document {W}><w:body>'
                f'{"".join(body)}{section}</w:body></w:document>')
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        # A fixed timestamp keeps the output byte-identical for the same input (CLI and browser agree).
        for name, text in [("[Content_Types].xml", CONTENT_TYPES), ("_rels/.rels", ROOT_RELS),
                           ("word/_rels/document.xml.rels", DOC_RELS), ("word/document.xml", document),
                           ("word/styles.xml", STYLES.format(w=W, fonts=FONTS, size=size, title=size + 8,
                                                                     heading=size + 2, gap=60 if size == SIZE else 0)), ("word/footnotes.xml", _footnotes(notes)),
                           ("docProps/core.xml", _core(title, properties or {}))]:
            info = zipfile.ZipInfo(name, date_time=(2020, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, text.encode("utf-8"))
    return out.getvalue()


STYLE_OF = {"title": "Title", "subtitle": "Subtitle", "heading": "Heading1", "meta": "Meta", "paragraph": None}
