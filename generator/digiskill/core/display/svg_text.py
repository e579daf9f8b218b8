"""Text in the SVG charts that wraps at Thai word boundaries.

SVG's own <text> never wraps, so long Thai labels were cut ("ผู้ทำงานด้านนโยบา…"). Thai has no spaces between words,
and finding its word boundaries needs a dictionary the standard library does not have. The label is therefore an
HTML <div> inside a <foreignObject>: the browser lays it out and breaks Thai at word boundaries with its own
dictionary (ICU in Chromium and Firefox, as Intl.Segmenter does), on the page and when it prints. The whole text is
also the element's title (the tooltip) and stays in the SVG for screen readers and search.
"""
from __future__ import annotations

from .markup import escape

XHTML = "http://www.w3.org/1999/xhtml"
LINE = 1.25  # line height, in font sizes


def wrapped_label(x: float, y: float, width: float, text: str, *, lines: int = 2, size: int = 12,
                  align: str = "start", title: str = "") -> str:
    """`text` in a box `width` wide from (x, y), wrapped at word boundaries onto at most `lines` lines (room for
    that many is kept whatever the text). `align`: "start" or "end" (right-aligned, next to a bar)."""
    height = lines * size * LINE + 2
    side = "right" if align == "end" else "left"
    tip = f' title="{escape(title)}"' if title else ""
    return (f'<foreignObject x="{x:g}" y="{y:g}" width="{width:g}" height="{height:g}">'
            f'<div xmlns="{XHTML}"{tip} style="font-size:{size}px;line-height:{LINE};text-align:{side};'
            f'overflow-wrap:normal;word-break:normal">{escape(text)}</div></foreignObject>')
