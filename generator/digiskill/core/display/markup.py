"""Escaping text for HTML, SVG and the DOCX's XML.

Not `html.escape`: the `html` package imports `html.entities` (two thousand named entities) on the way, and in the
browser that is 40 ms of the worker's start-up for a table of five characters. Not `xml.sax.saxutils.escape`: it
pulls in `urllib.request`. The result is the same as `html.escape(text, quote=True)` (tests/test_markup.py).
"""
from __future__ import annotations

_TABLE = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#x27;"})


def escape(text: str) -> str:
    """`text` with & < > " ' written as character references: safe in element text and in quoted attributes."""
    return text.translate(_TABLE)
