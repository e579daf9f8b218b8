"""Write the IDP blocks as a .docx with the standard library only (zipfile + XML strings).

Why not python-docx: it needs lxml, which Pyodide cannot load offline here, and the browser must produce the same file
as the CLI. WordprocessingML for headings, paragraphs and bordered tables is small enough to write directly; the
tests open every file with python-docx and LibreOffice.
"""
from __future__ import annotations

import io
import zipfile
from xml.sax.saxutils import escape

# Thai government documents use TH Sarabun New at 16 pt; Word takes Thai glyphs from the complex-script font (w:cs).
FONT = "TH Sarabun New"
SIZE = 32  # half-points
W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
PAGE_TWIPS = 11906 - 2 * 1000  # A4 width minus margins

CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>
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
</Relationships>"""
FONTS = f'<w:rFonts w:ascii="{FONT}" w:hAnsi="{FONT}" w:cs="{FONT}" w:eastAsia="{FONT}"/>'
STYLES = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles {W}>
<w:docDefaults><w:rPrDefault><w:rPr>{FONTS}<w:sz w:val="{SIZE}"/><w:szCs w:val="{SIZE}"/><w:lang w:val="th-TH" w:bidi="th-TH"/></w:rPr></w:rPrDefault>
<w:pPrDefault><w:pPr><w:spacing w:after="60" w:line="240" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults>
<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>
<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:basedOn w:val="Normal"/><w:pPr><w:jc w:val="center"/><w:spacing w:after="120"/></w:pPr><w:rPr><w:b/><w:bCs/><w:sz w:val="40"/><w:szCs w:val="40"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/><w:pPr><w:keepNext/><w:spacing w:before="240" w:after="80"/><w:outlineLvl w:val="0"/></w:pPr><w:rPr><w:b/><w:bCs/><w:sz w:val="34"/><w:szCs w:val="34"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Meta"><w:name w:val="Meta"/><w:basedOn w:val="Normal"/><w:rPr><w:color w:val="555555"/><w:sz w:val="26"/><w:szCs w:val="26"/></w:rPr></w:style>
<w:style w:type="table" w:styleId="PlanTable"><w:name w:val="Plan Table"/><w:tblPr><w:tblBorders>
<w:top w:val="single" w:sz="6" w:color="000000"/><w:left w:val="single" w:sz="6" w:color="000000"/><w:bottom w:val="single" w:sz="6" w:color="000000"/><w:right w:val="single" w:sz="6" w:color="000000"/><w:insideH w:val="single" w:sz="4" w:color="000000"/><w:insideV w:val="single" w:sz="4" w:color="000000"/>
</w:tblBorders></w:tblPr><w:rPr><w:sz w:val="24"/><w:szCs w:val="24"/></w:rPr></w:style>
</w:styles>"""


def _run(text: str, bold: bool = False) -> str:
    """A run; line breaks in the text become <w:br/>."""
    props = "<w:rPr><w:b/><w:bCs/></w:rPr>" if bold else ""
    pieces = escape(text).split("\n")
    body = "<w:br/>".join(f'<w:t xml:space="preserve">{p}</w:t>' for p in pieces)
    return f"<w:r>{props}{body}</w:r>"


def _para(text: str, style: str | None = None, bold: bool = False) -> str:
    ppr = f'<w:pPr><w:pStyle w:val="{style}"/></w:pPr>' if style else ""
    return f"<w:p>{ppr}{_run(text, bold)}</w:p>"


def _table(rows: list[list[str]], widths: list[int], header: bool) -> str:
    total = sum(widths)
    twips = [int(PAGE_TWIPS * w / total) for w in widths]
    # Borders are set on the table itself as well as in the style, so every reader draws them.
    borders = "".join(f'<w:{side} w:val="single" w:sz="{6 if side in ("top", "left", "bottom", "right") else 4}" '
                      f'w:space="0" w:color="000000"/>'
                      for side in ("top", "left", "bottom", "right", "insideH", "insideV"))
    grid = "".join(f'<w:gridCol w:w="{t}"/>' for t in twips)
    out = [f'<w:tbl><w:tblPr><w:tblStyle w:val="PlanTable"/><w:tblW w:w="{PAGE_TWIPS}" w:type="dxa"/>'
           f'<w:tblBorders>{borders}</w:tblBorders><w:tblLayout w:type="fixed"/></w:tblPr><w:tblGrid>{grid}</w:tblGrid>']
    for index, row in enumerate(rows):
        is_head = header and index == 0
        trpr = "<w:trPr><w:tblHeader/><w:cantSplit/></w:trPr>" if is_head else "<w:trPr><w:cantSplit/></w:trPr>"
        cells = []
        for width, value in zip(twips, row):
            shade = '<w:shd w:val="clear" w:color="auto" w:fill="E8EAF6"/>' if is_head else ""
            cells.append(f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{shade}</w:tcPr>'
                         f'<w:p>{_run(str(value or ""), bold=is_head)}</w:p></w:tc>')
        out.append(f"<w:tr>{trpr}{''.join(cells)}</w:tr>")
    out.append("</w:tbl>")
    return "".join(out)


def render_docx(blocks: list[dict], title: str = "IDP") -> bytes:
    body = []
    for block in blocks:
        kind = block["type"]
        if kind == "title":
            body.append(_para(block["text"], "Title"))
        elif kind == "heading":
            body.append(_para(block["text"], "Heading1"))
        elif kind == "meta":
            body.append(_para(block["text"], "Meta"))
        elif kind == "paragraph":
            body.append(_para(block["text"]))
        elif kind == "fields":
            body.append(_table(block["rows"], [35, 65], header=False))
        elif kind == "table" and not block.get("hidden_in_docx"):
            body.append(_table([block["headers"], *block["rows"]], block["widths"], header=True))
            body.append("<w:p/>")
        elif kind == "signatures":
            rows = [[label, "ลงชื่อ ........................................  วันที่ ........................"]
                    for label in block["rows"]]
            body.append(_table(rows, [35, 65], header=False))
    landscape = ('<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1000" w:right="1000" '
                 'w:bottom="1000" w:left="1000" w:header="500" w:footer="500" w:gutter="0"/></w:sectPr>')
    document = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document {W}><w:body>'
                f'{"".join(body)}{landscape}</w:body></w:document>')
    core = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<cp:coreProperties '
            'xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/">'
            f"<dc:title>{escape(title)}</dc:title><dc:creator>digiskill</dc:creator></cp:coreProperties>")
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        # A fixed timestamp keeps the output byte-identical for the same input (CLI and browser agree).
        for name, text in [("[Content_Types].xml", CONTENT_TYPES), ("_rels/.rels", ROOT_RELS),
                           ("word/_rels/document.xml.rels", DOC_RELS), ("word/document.xml", document),
                           ("word/styles.xml", STYLES), ("docProps/core.xml", core)]:
            info = zipfile.ZipInfo(name, date_time=(2020, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, text.encode("utf-8"))
    return out.getvalue()
