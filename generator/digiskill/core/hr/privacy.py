"""Small-number suppression, primary and secondary (README "ความเป็นส่วนตัว", docs/hr-tables.md "Suppression").
With names dropped, no figure that points at fewer staff than the threshold (5, or the agency's higher
`privacy_threshold`) is shown, nor one from which such a figure could be worked out by adding or subtracting the
others.

- **Primary suppression.** A count is hidden when the staff it is about (its base: a row's staff) number 1 to
  threshold − 1; zero is shown (it points at nobody). Every figure of that row goes with it (counts and percents).
- **Secondary (complementary) suppression**, as statistical offices do it: the figures that add up to a total
  shown elsewhere (the groups of a division and the division's total, the divisions of a group and the agency's
  figure for the group, the roles of a group, the gap rows of a group's roles, the progress rows and the progress
  summary, the quarters of a unit and the unit's total) form *lines* `total = part + part + …`. In every line that
  holds a hidden figure at least two are hidden, the second being the other figure of the line whose hiding costs
  least: totals before rows where the table prefers it (see `protect`), then the smallest. Then the whole system of
  lines is solved (`determined`): a hidden figure that some sum and difference of lines would still give exactly is
  protected by hiding one more, until none can be worked out.

With names kept (HR chose to keep them, e.g. for enrolment) nothing is hidden.
"""
from __future__ import annotations

import weakref

DEFAULT_THRESHOLD = 5
# `determined` solves the lines modulo this prime: integers instead of fractions, many times faster in Pyodide. A
# wrong answer would need the prime to divide one particular non-zero determinant of 0/±1 coefficients: possible in
# principle, vanishingly unlikely for a 61-bit prime; tests/test_hr_privacy.py checks again with exact fractions.
PRIME = (1 << 61) - 1


def threshold_of(catalog) -> int:
    agency = catalog.agency
    return max(DEFAULT_THRESHOLD, agency.privacy_threshold) if agency else DEFAULT_THRESHOLD


class Privacy:
    def __init__(self, threshold: int, active: bool):
        self.threshold, self.active = threshold, active

    def hidden(self, base: int) -> bool:
        """Primary suppression: 1 to threshold − 1 staff."""
        return self.active and 0 < base < self.threshold


def determined(hidden: set, lines: list) -> set:
    """The hidden cells that the lines (each `(total, part, …)`: total − Σ parts = 0, every other cell known) give
    exactly. A cell is determined when its unit vector lies in the row space of the lines over the hidden cells: in
    the reduced row echelon form, a row with only that cell left."""
    order = sorted(hidden, key=repr)
    column = {k: i for i, k in enumerate(order)}
    rows = []
    for line in lines:
        row: dict = {}
        for j, key in enumerate(line):
            if key in column:
                row[column[key]] = (row.get(column[key], 0) + (1 if j == 0 else -1)) % PRIME
        row = {c: v for c, v in row.items() if v}
        if row:
            rows.append(row)
    pivots: list = []  # (column, row) in the order found
    for col in range(len(order)):
        at = next((i for i, r in enumerate(rows) if col in r), None)
        if at is None:
            continue
        row = rows.pop(at)
        inverse = pow(row[col], PRIME - 2, PRIME)
        row = {c: v * inverse % PRIME for c, v in row.items()}
        for others in (rows, [r for _c, r in pivots]):
            for other in others:
                factor = other.get(col)
                if factor:
                    for c, v in row.items():
                        value = (other.get(c, 0) - factor * v) % PRIME
                        if value:
                            other[c] = value
                        else:
                            other.pop(c, None)
        pivots.append((col, row))
    return {order[col] for col, row in pivots if len(row) == 1}


def protect(values: dict, lines: list, primary: set, prefer: dict | None = None) -> set:
    """The cells to hide: `primary` and enough others that none of them can be worked out from the lines.
    `values`: cell -> count; `lines`: tuples (total, part, …) of cells; `prefer`: cell -> rank (lower is hidden
    first as a complement; default 1). Among equal ranks a non-zero figure goes before a zero (a hidden zero beside
    the hidden figure would add no doubt to it), then the smallest."""
    prefer = prefer or {}
    lines = [tuple(k for k in line if k in values) for line in lines]
    lines = [line for line in lines if len(line) > 1]

    def cost(key):
        return (prefer.get(key, 1), values[key] == 0, values[key], repr(key))

    on: dict = {}
    for line in lines:
        for key in line:
            on.setdefault(key, []).append(line)
    hidden = {k for k in primary if k in values}
    if not hidden:
        return hidden
    while True:
        changed = True
        while changed:
            changed = False
            for line in lines:
                inside = [k for k in line if k in hidden]
                if len(inside) == 1:
                    hidden.add(min((k for k in line if k not in hidden), key=cost))
                    changed = True
        exposed = determined(hidden, [line for line in lines if any(k in hidden for k in line)])
        if not exposed:
            return hidden
        first = min(exposed, key=repr)
        free = {k for line in on.get(first, ()) for k in line if k not in hidden} or \
            {k for line in lines if any(h in hidden for h in line) for k in line if k not in hidden}
        if not free:
            return hidden  # every figure linked to it is hidden already
        hidden.add(min(free, key=cost))


class Hidden:
    """Which figures of one view are hidden. The view's tables fall in three systems of lines that share no figure
    (`staff`: coverage, roles and gap rows; `progress`; `enrolment`), each worked out the first time one of its
    figures is asked for, so a CSV of one table costs only its own system."""

    def __init__(self, agg):
        # The view caches its Hidden, so a strong reference back would be a cycle: the view and its 100,000 facts
        # would then outlive the command until the cycle collector walked them all (1.5 s at the end of `aggregate`).
        self._agg, self.parts = weakref.ref(agg), {}

    def part(self, name: str) -> set:
        if name not in self.parts:
            agg = self._agg()
            self.parts[name] = _SYSTEMS[name](agg) if agg.privacy.active else set()
        return self.parts[name]

    def __contains__(self, key) -> bool:
        return key in self.part(_PART[key[0]])

    @property
    def cells(self) -> set:
        return set().union(*(self.part(name) for name in _SYSTEMS))


def hide_view(agg) -> Hidden:
    """Every hidden figure of one view of the aggregation, its tables linked as the page and the organisation plan
    show them together: ("c", division or None, group or None) coverage; ("r", role) staff of a role; ("g", group,
    code) a gap row; ("p", group, code) a progress row and ("p",) the progress summary; ("e", code, quarter) an
    enrolment count and ("u", code) a unit's total."""
    return Hidden(agg)


class _System:
    """The cells, lines, primary cells and preferences of one system, for `protect`."""

    def __init__(self, privacy):
        self.privacy, self.values, self.lines, self.primary, self.prefer = privacy, {}, [], set(), {}

    def cell(self, key, value, base=None, rank=1):
        self.values[key] = value
        self.prefer[key] = rank
        if self.privacy.hidden(value if base is None else base):
            self.primary.add(key)

    def protect(self) -> set:
        return protect(self.values, self.lines, self.primary, self.prefer)


def _staff_system(agg) -> set:
    """Coverage: divisions × groups with their totals (totals are hidden before the rows that other tables repeat);
    the roles of each group; the gap rows, whose staff required is the sum of the group's roles that need the code."""
    from .coverage import coverage_rows

    system = _System(agg.privacy)
    cell, lines = system.cell, system.lines
    rows = coverage_rows(agg)
    scope = agg.filter.division
    for r in rows:
        cell(("c", r.division, r.group), r.responded, rank=0 if r.group is None else (1 if r.division != scope else 2))
    by_division: dict = {}
    for r in rows:
        by_division.setdefault(r.division, []).append(r)
    for division, part in by_division.items():
        lines.append((("c", division, None), *[("c", division, r.group) for r in part if r.group is not None]))
    if scope is None and len(by_division) > 1:
        for group in {r.group for r in rows}:
            lines.append((("c", None, group), *[("c", d, group) for d in by_division if d is not None]))
    catalog = agg.catalog
    for role, count in agg.staff_by_role.items():
        cell(("r", role), count, rank=2)
    for group in agg.staff_by_group:
        lines.append((("c", scope, group), *[("r", r) for r in agg.staff_by_role if catalog.role(r).group == group]))
    needs: dict = {}
    for role in agg.staff_by_role:
        for code in catalog.required_codes(role):
            needs.setdefault((catalog.role(role).group, code), []).append(("r", role))
    for (group, code), row in agg.rows.items():
        cell(("g", group, code), row.required, rank=3)
        lines.append((("g", group, code), *needs.get((group, code), ())))
    return system.protect()


def _progress_system(agg) -> set:
    """The progress rows add up to the summary line."""
    from .progress import progress_rows

    system = _System(agg.privacy)
    progress = progress_rows(agg)
    for r in progress:
        system.cell(("p", r.group, r.code), r.staff)
    staff = sum(1 for fact in agg.staff if fact.plan)
    system.cell(("p",), sum(r.staff for r in progress), base=staff, rank=2)
    system.lines.append((("p",), *[("p", r.group, r.code) for r in progress]))
    return system.protect()


def _enrolment_system(agg) -> set:
    """The quarters of a unit add up to the unit's total (counts only when names are dropped)."""
    from .enrolment import enrolment_counts

    system = _System(agg.privacy)
    quarters: dict = {}
    for (code, quarter), n in enrolment_counts(agg).items():
        system.cell(("e", code, quarter), n)
        quarters.setdefault(code, []).append((("e", code, quarter), n))
    for code, cells in quarters.items():
        system.cell(("u", code), sum(n for _k, n in cells), rank=2)
        system.lines.append((("u", code), *[k for k, _n in cells]))
    return system.protect()


_SYSTEMS = {"staff": _staff_system, "progress": _progress_system, "enrolment": _enrolment_system}
_PART = {"c": "staff", "r": "staff", "g": "staff", "p": "progress", "e": "enrolment", "u": "enrolment"}
