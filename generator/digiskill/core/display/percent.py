"""One rounding of shares to whole percents for every output (page, charts, DOCX, XLSX).

Python's `round` rounds halves to even (1/8 → 12 %) while the page once used JavaScript's `Math.round` (→ 13 %), so the
same figure differed between screen and file. Halves now round up everywhere, and only Python does it.
"""
from __future__ import annotations

import math


def percent(share: float) -> int:
    """0.125 → 13. The small epsilon absorbs float noise (0.145 * 100 == 14.499999999999998)."""
    return math.floor(share * 100 + 0.5 + 1e-9)
