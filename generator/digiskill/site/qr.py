"""QR codes for printed handouts, as inline SVG (segno: pure Python, no image libraries)."""
from __future__ import annotations

import sys
from urllib.parse import urlsplit

import segno

from .build_cache import BuildCache, source_of


def qr_svg(url: str, cache: BuildCache | None = None) -> str:
    """The QR code of `url`. Choosing the best of segno's eight masks is most of the work (about 3 ms a code, every
    unit page has one), so with a build cache a code is made once per address."""
    if cache is not None:
        key = [url.encode("utf-8"), source_of(sys.modules[__name__]), segno.__version__.encode()]
        return cache.bytes_for("qr", key, lambda: qr_svg(url).encode("utf-8")).decode("utf-8")
    code = segno.make(url, error="m")
    # No <title>: the page's <figure> names the code and its caption shows the address (a title repeated the
    # address in the search index's text of every unit page). A viewBox, not width/height: the style sizes the code
    # (8 rem on screen, 6.5 rem in print) and the drawing scales with it.
    return code.svg_inline(scale=3, dark="#000", light="#fff", omitsize=True)


def points_to_this_computer(site_url: str) -> bool:
    """True for a site_url (such as mkdocs.yml's default) that only this computer can open: QR codes printed from
    such a build lead nowhere on a phone."""
    host = (urlsplit(site_url).hostname or "").lower()
    return host in ("localhost", "::1", "0.0.0.0") or host.startswith("127.")
