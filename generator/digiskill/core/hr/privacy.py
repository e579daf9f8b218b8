"""Small-number suppression (README "Privacy of the HR figures"). With names dropped, a figure computed from fewer
staff than the threshold is shown as "< 5" on screen, in charts and in every download, so that nobody in a small
division or group can be picked out. The threshold is 5 unless the agency settings raise it (`privacy_threshold`).

The rule, applied everywhere through `Privacy.masked`: a count or a share is hidden when the number of staff it is
computed from (its base: the staff a row is about) is between 1 and threshold − 1. Zero is shown (it points at
nobody).
With names kept (HR chose to keep them, e.g. for enrolment) nothing is hidden.
"""
from __future__ import annotations

DEFAULT_THRESHOLD = 5


def threshold_of(catalog) -> int:
    agency = catalog.agency
    return max(DEFAULT_THRESHOLD, agency.privacy_threshold) if agency else DEFAULT_THRESHOLD


class Privacy:
    def __init__(self, threshold: int, active: bool):
        self.threshold, self.active = threshold, active
        self.mark = f"< {threshold}"

    def hidden(self, base: int) -> bool:
        return self.active and 0 < base < self.threshold

    def masked(self, value, base: int):
        """`value` (a count, share or percent) unless its base is too small, then "< 5"."""
        return self.mark if self.hidden(base) else value
