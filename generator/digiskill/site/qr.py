"""QR codes for printed handouts, as inline SVG (segno: pure Python, no image libraries)."""
from __future__ import annotations

from urllib.parse import urlsplit

import segno


def qr_svg(url: str) -> str:
    code = segno.make(url, error="m")
    return code.svg_inline(scale=3, dark="#000", light="#fff", title=f"QR: {url}")


def points_to_this_computer(site_url: str) -> bool:
    """True for a site_url (such as mkdocs.yml's default) that only this computer can open: QR codes printed from
    such a build lead nowhere on a phone."""
    host = (urlsplit(site_url).hostname or "").lower()
    return host in ("localhost", "::1", "0.0.0.0") or host.startswith("127.")
