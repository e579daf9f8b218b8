"""The plan blocks (the same ones the DOCX and XLSX are made from) as HTML for the page's live preview and print.

One rendering, in Python: the page inserts this text as it is. Every value is escaped here.
"""
from __future__ import annotations

from html import escape

SIGN_LINE = "ลงชื่อ .................... วันที่ ...................."


def _cell(tag: str, value, scope: str | None = None) -> str:
    text = "" if value is None else escape(str(value))
    return f'<{tag} scope="{scope}">{text}</{tag}>' if scope else f"<{tag}>{text}</{tag}>"


def _table(rows: list, header_row: bool) -> str:
    out = []
    for index, row in enumerate(rows):
        if header_row:
            cells = [_cell("th", v, "col") if index == 0 else _cell("td", v) for v in row]
        else:
            cells = [_cell("th", v, "row") if col == 0 else _cell("td", v) for col, v in enumerate(row)]
        out.append("<tr>" + "".join(cells) + "</tr>")
    return "<table>" + "".join(out) + "</table>"


def blocks_html(blocks: list[dict]) -> str:
    parts = []
    for block in blocks:
        kind = block["type"]
        if kind == "title":
            parts.append(f"<h2>{escape(block['text'])}</h2>")
        elif kind == "heading":
            parts.append(f"<h3>{escape(block['text'])}</h3>")
        elif kind in ("meta", "paragraph"):
            parts.append(f'<p class="ds-preview__{kind}">{escape(block["text"])}</p>')
        elif kind == "table":
            parts.append(_table([block["headers"], *block["rows"]], header_row=True))
        elif kind == "fields":
            parts.append(_table(block["rows"], header_row=False))
        elif kind == "signatures":
            parts.append(_table([[label, SIGN_LINE] for label in block["rows"]], header_row=False))
    return "\n".join(parts)
