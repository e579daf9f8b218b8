"""The document blocks (the same ones the DOCX and XLSX are made from) as HTML for the page's live preview and print.

One rendering, in Python: the page inserts this text as it is. Every value is escaped here; the only markup taken as
it is comes from `shape_chart` (SVG built by the core, its text escaped there).
"""
from __future__ import annotations

from .form_blocks import cell_text, choice_line, signoff_lines
from ..display.markup import escape
from .shape_chart import shape_figure

SIGN_LINE = "ลงชื่อ .................... วันที่ ...................."


def _cell(tag: str, value, scope: str | None = None) -> str:
    text = "" if value is None else escape(str(value))
    return f'<{tag} scope="{scope}">{text}</{tag}>' if scope else f"<{tag}>{text}</{tag}>"


def _table(rows: list, header_row: bool, kinds: list | None = None) -> str:
    out = []
    for index, row in enumerate(rows):
        if header_row:
            cells = [_cell("th", v, "col") if index == 0 else _cell("td", cell_text(v, (kinds or [])[col]
                                                                                    if kinds else "text"))
                     for col, v in enumerate(row)]
        else:
            cells = [_cell("th", v, "row") if col == 0 else _cell("td", v) for col, v in enumerate(row)]
        out.append("<tr>" + "".join(cells) + "</tr>")
    return "<table>" + "".join(out) + "</table>"


def _signoff(block: dict) -> str:
    lines = "<br>".join(escape(line) for line in signoff_lines(block))
    choices = f"<p>{escape(choice_line(block))}</p>" if block["choices"] else ""
    text = f"<p>{escape(block['text'])}</p>" if block["text"] else ""
    return (f'<section class="ds-signoff"><h4>{escape(block["title"])}</h4>{choices}{text}'
            f'<p class="ds-signoff__sign">{lines}</p></section>')


def blocks_html(blocks: list[dict]) -> str:
    parts, notes = [], []
    for block in blocks:
        kind = block["type"]
        if kind == "title":
            parts.append(f"<h2>{escape(block['text'])}</h2>")
        elif kind == "heading":
            parts.append(f"<h3>{escape(block['text'])}</h3>")
        elif kind in ("meta", "paragraph", "subtitle"):
            mark = ""
            if block.get("footnote"):
                notes.append(block["footnote"])
                mark = f'<sup><a href="#ds-note-{len(notes)}">{len(notes)}</a></sup>'
            parts.append(f'<p class="ds-preview__{kind}">{escape(block["text"])}{mark}</p>')
        elif kind == "table":
            parts.append(_table([block["headers"], *block["rows"]], header_row=True, kinds=block.get("kinds")))
        elif kind == "fields":
            parts.append(_table(block["rows"], header_row=False))
        elif kind == "signatures":
            parts.append(_table([[label, SIGN_LINE] for label in block["rows"]], header_row=False))
        elif kind == "signoff":
            parts.append(_signoff(block))
        elif kind == "bars":
            parts.append(shape_figure(block))
    for number, note in enumerate(notes, start=1):
        parts.append(f'<p class="ds-preview__footnote" id="ds-note-{number}"><sup>{number}</sup> {escape(note)}</p>')
    return "\n".join(parts)
