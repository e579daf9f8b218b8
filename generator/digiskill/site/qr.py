"""QR codes for printed handouts, as inline SVG (segno: pure Python, no image libraries)."""
from __future__ import annotations

import segno


def qr_svg(url: str) -> str:
    code = segno.make(url, error="m")
    return code.svg_inline(scale=3, dark="#000", light="#fff", title=f"QR: {url}")
