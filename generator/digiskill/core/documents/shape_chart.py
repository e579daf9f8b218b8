"""The personal skill shape (Ind 5, next year): per ability domain and per component, the share of the role's needs
the person has this year against last year, as SVG for the page and as a "bars" block for the documents.

Block shape:
    {"type": "bars", "title": str, "svg": str, "has_before": bool,
     "rows": [[label, required, had_before or None, has_now], ...]}

Why the DOCX gets a table of shaded cells and not a picture: Word and LibreOffice both draw table-cell shading the
same way, the labels and numbers stay real text (searchable, read by screen readers, in TH Sarabun New like the rest),
and no image encoder or font rasteriser is needed in the browser's Python. SVG inside DOCX needs a PNG fallback for
older Word, and a PNG drawn with zlib alone could not carry Thai labels.
"""
from __future__ import annotations

from ...model import Catalog
from ..answers.record import ANSWER_TH, Assessment
from ..cycle.year import skill_shape
from ..display.markup import escape
from ..display.percent import percent
from ..display.svg_text import wrapped_label

NOW_COLOUR = "1F4E9A"  # this year: dark blue (contrast 8:1 on white)
BEFORE_COLOUR = "A6A6A6"  # last year: grey
UNANSWERED_TH = ANSWER_TH[None]  # a row none of whose needs is answered yet this year: said, not drawn as 0 %
TITLES = {"domains": "รูปทักษะรายด้าน (หน่วยความสามารถ)", "components": "รูปทักษะรายองค์ประกอบ"}


def _share(count, required) -> float:
    return count / required if required and count is not None else 0.0


def shape_svg(rows: list, title: str, ident: str) -> str:
    """Horizontal bars, the label above its bars (last year above this year when there is a baseline); narrow
    enough (420 units) to stay readable on a phone."""
    has_before = any(r[2] is not None for r in rows)
    bar_width, bar, gap, label = 300, 14, 4, 36  # label: room for two lines above the bars
    per_row = label + (2 * bar + gap if has_before else bar) + 14
    height = 34 + per_row * len(rows)
    width = bar_width + 120
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
           f'role="img" aria-labelledby="{ident}-title {ident}-desc" class="ds-chart ds-shape">',
           f'<title id="{ident}-title">{escape(title)}</title>',
           f'<desc id="{ident}-desc">สัดส่วนทักษะที่บทบาทต้องมีและมีแล้ว'
           f'{" ปีนี้ (แถบสีน้ำเงิน) เทียบกับปีที่แล้ว (แถบสีเทา)" if has_before else " ปีนี้"}</desc>']
    legend = ([("ปีที่แล้ว", BEFORE_COLOUR)] if has_before else []) + [("ปีนี้", NOW_COLOUR)]
    for i, (name, colour) in enumerate(legend):
        x = i * 100
        out.append(f'<rect x="{x}" y="6" width="14" height="14" fill="#{colour}"/>'
                   f'<text x="{x + 20}" y="18" font-size="13">{name}</text>')
    for i, (name, required, before, now) in enumerate(rows):
        y = 30 + i * per_row
        out.append(wrapped_label(0, y, width, name, size=13))
        bars = ([(before, BEFORE_COLOUR, "ปีที่แล้ว")] if has_before else []) + [(now, NOW_COLOUR, "ปีนี้")]
        for j, (count, colour, when) in enumerate(bars):
            share = _share(count, required)
            top = y + label + j * (bar + gap)
            figure_text = UNANSWERED_TH if count is None else f"{count}/{required} ({percent(share)}%)"
            out.append(f'<rect x="0" y="{top}" width="{bar_width}" height="{bar}" fill="#f2f2f2"/>'
                       f'<rect x="0" y="{top}" width="{share * bar_width:.1f}" height="{bar}" '
                       f'fill="#{colour}"><title>{escape(name)} {when}: {figure_text}</title></rect>'
                       f'<text x="{bar_width + 6}" y="{top + bar - 2}" font-size="12">{figure_text}</text>')
    out.append("</svg>")
    return "".join(out)


def shape_blocks(catalog: Catalog, assessment: Assessment, prefix: str = "idp-shape") -> list[dict]:
    """Two "bars" blocks: per ability domain and per component. `prefix` keeps the SVGs' ids unique when the page
    shows the chart twice (the cycle part and the IDP preview)."""
    blocks = []
    for key, shape_rows in skill_shape(catalog, assessment).items():
        rows = [[r.title_th, r.required, r.had_before, r.has_now] for r in shape_rows]
        blocks.append({"type": "bars", "title": TITLES[key], "rows": rows,
                       "has_before": any(r.had_before is not None for r in shape_rows),
                       "svg": shape_svg(rows, TITLES[key], f"{prefix}-{key}")})
    return blocks


def shape_figure(block: dict) -> str:
    """A chart with its visible caption, as the page shows it."""
    return f'<figure class="ds-shape-figure"><figcaption>{escape(block["title"])}</figcaption>{block["svg"]}</figure>'


def shape_html(catalog: Catalog, assessment: Assessment) -> str:
    """Both charts for the page's yearly-cycle part; empty until there is last year's baseline to compare with."""
    if not assessment.role or not assessment.history:
        return ""
    return "".join(shape_figure(b) for b in shape_blocks(catalog, assessment, "cycle-shape"))


def skill_shape_json(catalog: Catalog, assessment: Assessment) -> dict:
    """What the page shows: both charts as SVG and the same numbers as rows (for a table beside the chart)."""
    return {"ok": True, "charts": [{"title_th": b["title"], "svg": b["svg"], "has_before": b["has_before"],
                                    "rows": [{"title_th": r[0], "required": r[1], "had_before": r[2], "has_now": r[3]}
                                             for r in b["rows"]]}
                                   for b in shape_blocks(catalog, assessment, "shape")]}
