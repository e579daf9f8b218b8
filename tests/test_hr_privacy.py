"""Suppression that cannot be undone by subtraction (#24): on generated organisations, every hidden figure of the
published tables (the coverage CSV, the page's staff per group and role, the gap CSV's staff required) is checked
against every row and column difference, and against every sum and difference of them at once (exact linear
algebra over fractions, independent of `privacy.determined`, which works modulo a prime).
"""
from __future__ import annotations

import csv
import io
import json
import random
from fractions import Fraction

import pytest

from digiskill.core.hr import privacy
from digiskill.core.hr.aggregate import aggregate
from digiskill.core.hr.coverage import read_headcount
from digiskill.core.hr.report import table_csv
from digiskill.core.hr.tables import page_view
from hr_staff_files import staff

ALL = "ทั้งหมด"


def exactly_known(equations: list[dict]) -> set:
    """The unknowns that some combination of the equations (unknown -> coefficient, known figures left out: they
    only move the right-hand side) gives exactly: reduced row echelon form over the rationals."""
    rows = [{k: Fraction(v) for k, v in eq.items() if v} for eq in equations]
    rows = [r for r in rows if r]
    unknowns = sorted({k for r in rows for k in r}, key=repr)
    pivots = []
    for col in unknowns:
        at = next((i for i, r in enumerate(rows) if r.get(col)), None)
        if at is None:
            continue
        row = rows.pop(at)
        row = {k: v / row[col] for k, v in row.items()}
        for other in rows + [r for _c, r in pivots]:
            factor = other.get(col)
            if factor:
                for k, v in row.items():
                    other[k] = other.get(k, 0) - factor * v
                    if not other[k]:
                        del other[k]
        pivots.append((col, row))
    return {col for col, row in pivots if len(row) == 1}


def line_equations(lines: list, hidden: set) -> list[dict]:
    """total − Σ parts = known, over the hidden cells only."""
    out = []
    for total, *parts in lines:
        eq = {}
        for key, sign in [(total, 1)] + [(p, -1) for p in parts]:
            if key in hidden:
                eq[key] = eq.get(key, 0) + sign
        out.append(eq)
    return out


def assert_nothing_recoverable(lines: list, hidden: set, what: str):
    # every single row or column: a line with exactly one hidden figure gives it by subtraction
    for line in lines:
        inside = [k for k in line if k in hidden]
        assert len(inside) != 1, f"{what}: {inside[0]} = {line[0]} − the rest"
    # every difference of two lines (a row minus a column through the same cells, …)
    eqs = line_equations(lines, hidden)
    for a in range(len(eqs)):
        for b in range(a + 1, len(eqs)):
            for sign in (1, -1):
                combined = {k: eqs[a].get(k, 0) + sign * eqs[b].get(k, 0) for k in eqs[a].keys() | eqs[b].keys()}
                left = [k for k, v in combined.items() if v]
                assert len(left) != 1, f"{what}: {left[0]} from two lines"
    # and every combination of all of them
    assert not exactly_known(eqs), f"{what}: {exactly_known(eqs)} worked out from the totals"


@pytest.mark.parametrize("seed", range(40))
def test_protect_on_random_tables_with_totals_leaves_nothing_to_subtract(seed):
    rng = random.Random(seed)
    rows, cols = rng.randint(1, 6), rng.randint(1, 5)
    cell = {(r, c): rng.choice([0, 1, 2, 3, 4, 6, 9, 15, 30]) for r in range(rows) for c in range(cols)}
    values = dict(cell)
    for r in range(rows):
        values[(r, None)] = sum(cell[(r, c)] for c in range(cols))
    for c in range(cols):
        values[(None, c)] = sum(cell[(r, c)] for r in range(rows))
    values[(None, None)] = sum(cell.values())
    lines = [((r, None), *[(r, c) for c in range(cols)]) for r in range(rows)] + \
        [((None, c), *[(r, c) for r in range(rows)]) for c in range(cols)] + \
        [((None, None), *[(r, None) for r in range(rows)]), ((None, None), *[(None, c) for c in range(cols)])]
    primary = {k for k, v in values.items() if 0 < v < 5}
    hidden = privacy.protect(values, lines, primary)
    assert primary <= hidden
    assert_nothing_recoverable(lines, hidden, f"seed {seed}")
    assert privacy.determined(hidden, lines) == set()  # the module's own audit agrees


def test_a_bridge_between_two_protected_blocks_is_found_and_covered():
    """Two 2×2 blocks, each hidden in a cycle, joined by one hidden cell: every row and column holds two hidden
    figures, yet the joining cell follows from summing the first block's rows minus its columns."""
    lines = [("r1", "a", "b"), ("r2", "c", "d", "x"), ("k1", "a", "c"), ("k2", "b", "d"), ("k3", "x", "e", "g"),
             ("r3", "e", "f"), ("r4", "g", "h"), ("k4", "f", "h")]
    hidden = {"a", "b", "c", "d", "x", "e", "f", "g", "h"}
    assert privacy.determined(hidden, lines) == exactly_known(line_equations(lines, hidden)) == {"x"}
    values = {k: 7 for line in lines for k in line}
    protected = privacy.protect(values, lines, hidden)
    assert not exactly_known(line_equations(lines, protected))


def organisation(catalog, seed: int):
    """30–90 staff over 2–5 divisions, several roles of two or three groups and 1–4 executives: small cells."""
    rng = random.Random(seed)
    divisions = [f"กอง{n}" for n in ("กลาง", "คลัง", "แผนงาน", "ช่าง", "การเจ้าหน้าที่")[:rng.randint(2, 5)]]
    roles = rng.sample(["A1", "A2", "S1", "S2", "T1", "T2"], rng.randint(3, 5))
    few = rng.randint(1, 4)  # a small group of executives, as in the issue (group E: 2 staff)
    files = []
    for i in range(rng.randint(30, 90)):
        role = "E1" if i < few else rng.choice(roles)
        required = catalog.required_codes(role)
        lacking = {c for c in required if rng.random() < 0.3}
        files.append((f"s{i}.json", staff(catalog, f"คน {i}", role, rng.choice(divisions), lacking,
                                          agreed=rng.random() < 0.5)))
    agg = aggregate(catalog, files)
    headcount = "group,division,headcount\n" + "".join(
        f"{g.code},{d},{rng.randint(5, 30)}\n" for d in divisions for g in catalog.groups if rng.random() < 0.5)
    agg.headcount = read_headcount(headcount, catalog)
    return agg


def parsed(data: bytes) -> list[dict]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))


@pytest.mark.parametrize("seed", range(12))
def test_no_hidden_figure_of_the_published_tables_can_be_worked_out(catalog, seed):
    """Read back what HR publishes (the coverage and gap CSVs, the page's staff per group and role), rebuild every
    sum they show, and try to recover each empty figure."""
    agg = organisation(catalog, seed)
    coverage = parsed(table_csv(agg, "coverage"))
    gaps = parsed(table_csv(agg, "gaps"))
    view = {t["id"]: t for t in page_view(agg)["tables"]}
    groups = {g.title_th: g.code for g in catalog.groups}
    role_group = {r.code: r.group for r in catalog.roles}
    for column in ("ตอบแล้ว (คน)", "แผนที่ผู้บังคับบัญชาเห็นชอบ (คน)", "ติดตามความก้าวหน้าแล้ว (คน)"):
        figure = {(r["ส่วนราชการ"], r["รหัสกลุ่ม"]): r[column] for r in coverage}
        assert all(v.isdigit() or (v == "" and r["ซ่อนตัวเลข"] == "ซ่อน") for r, v in zip(coverage, figure.values()))
        divisions = sorted({d for d, _g in figure})
        lines = [((d, ALL), *[(d, g) for dd, g in figure if dd == d and g != ALL]) for d in divisions]
        lines += [((ALL, g), *[(d, g) for d, gg in figure if gg == g and d != ALL])
                  for g in {g for _d, g in figure}]
        hidden = {k for k, v in figure.items() if v == ""}
        if column == "ตอบแล้ว (คน)":  # the staff per role add up to the group; a gap row's staff required to its roles
            by_role = {row[0].split()[0]: row[1] for row in view["by-role"]["rows"]}  # "A1 title"
            for code in {role_group[r] for r in by_role}:
                lines.append(((ALL, code), *[("role", r) for r in by_role if role_group[r] == code]))
            hidden |= {("role", r) for r, n in by_role.items() if n == ""}
            by_group = {groups[row[0]]: row[1] for row in view["by-group"]["rows"]}
            assert {g for g, n in by_group.items() if n == ""} == {g for d, g in hidden if d == ALL and g != ALL}
            for row in gaps:
                key = ("gap", row["รหัสกลุ่ม"], row["รหัส"])
                lines.append((key, *[("role", r) for r in by_role if role_group[r] == row["รหัสกลุ่ม"]
                                     and row["รหัส"] in catalog.required_codes(r)]))
                if row["ต้องมี (คน)"] == "":
                    hidden.add(key)
        if column == "ตอบแล้ว (คน)":  # the base of every figure of a row: 1–4 is never shown
            primary = {k for k, v in figure.items() if v != "" and 0 < int(v) < 5}
            assert not primary, f"seed {seed}: {column} shows {primary}"
        assert_nothing_recoverable(lines, hidden, f"seed {seed}, {column}")


def test_the_page_and_the_csv_hide_the_same_figures(catalog):
    """One pattern per view: the page's staff per group is the coverage CSV's agency-wide rows, hidden alike."""
    codes = {g.title_th: g.code for g in catalog.groups}
    hidden_groups = 0
    for seed in range(12):
        agg = organisation(catalog, seed)
        view = {t["id"]: t for t in page_view(agg)["tables"]}
        coverage = {r["รหัสกลุ่ม"]: r["ตอบแล้ว (คน)"] for r in parsed(table_csv(agg, "coverage"))
                    if r["ส่วนราชการ"] == ALL and r["รหัสกลุ่ม"] != ALL}
        assert {codes[row[0]]: str(row[1]) for row in view["by-group"]["rows"]} == \
            {g: n for g, n in coverage.items() if n != "0"}
        hidden_groups += list(coverage.values()).count("")
        assert "< 5" not in json.dumps(page_view(agg), ensure_ascii=False)
    assert hidden_groups >= 12


def test_an_aggregation_is_freed_as_soon_as_it_is_dropped(catalog):
    """A view caches its hidden figures; they must not hold the view back (a cycle kept 100,000 facts alive until
    the cycle collector walked them: 1.5 s at the end of `digiskill aggregate`)."""
    import gc
    import weakref

    agg = organisation(catalog, 3)
    view = agg.view(agg.filter)
    table_csv(view, "coverage")
    assert view.hidden.cells  # every system worked out, as a download does
    gone = [weakref.ref(agg), weakref.ref(view)]
    collecting = gc.isenabled()
    gc.disable()  # freed by reference counts alone, not by a collection
    try:
        del agg, view
        assert [ref() for ref in gone] == [None, None]
    finally:
        if collecting:
            gc.enable()
