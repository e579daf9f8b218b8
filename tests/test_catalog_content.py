"""The shipped catalog holds the facts of the seed and the reference, exactly."""
from __future__ import annotations

import re

from conftest import FRAMEWORK_NOTES, SEED, source_text
from digiskill.model import COMPONENTS


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_counts(catalog):
    assert [s.code for s in catalog.stages] == ["early", "developing", "mature"]
    assert [g.code for g in catalog.groups] == list("EMASTO")
    assert len(catalog.roles) == 18
    assert len(catalog.domains) == 7
    assert catalog.framework.id == "ocsc-2561"


def test_role_titles_equal_the_seed(catalog):
    """Every title appears in the seed's Org 1.4 table or text (whitespace ignored: the seed wraps cells)."""
    seed = squash(source_text(SEED))
    for role in catalog.roles:
        printed = role.correction.seed_th if role.correction else role.title_th
        assert squash(printed) in seed, role.code
        assert f"({role.code})" in seed, role.code
    # The only correction is S2's documented typo.
    assert [r.code for r in catalog.roles if r.correction] == ["S2"]


def test_role_codes_follow_group_and_stage(catalog):
    for role in catalog.roles:
        assert role.code == f"{role.group}{catalog.stage(role.stage).number}"


def test_a1_behaviour_is_the_seeds_and_the_rest_are_provisional(catalog):
    seed = squash(source_text(SEED))
    for role in catalog.roles:
        if role.code == "A1":
            assert role.behaviour.status == "official"
            assert squash(role.behaviour.text_th) in seed
        else:
            assert role.behaviour.status == "provisional"


def reference_units() -> list[tuple[str, str]]:
    """(code-or-None, exact Thai title) for every row of the reference's 'Units known' table."""
    rows = []
    section = source_text(FRAMEWORK_NOTES).split("## Units known", 1)[1].split("\n## ", 1)[0]
    for line in section.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) < 5 or cells[0] in ("code", "---") or set(cells[0]) <= {"-"}:
            continue
        rows.append((cells[0], cells[1]))
    return rows


def test_every_reference_unit_is_in_the_catalog_with_its_exact_title(catalog):
    titles = {u.title_th: u for u in catalog.units}
    rows = reference_units()
    assert len(rows) == 22
    for code, title in rows:
        assert title in titles, title
        unit = titles[title]
        if re.fullmatch(r"[A-Za-z]+\d{3}", code):  # an OCSC code the reference confirms
            assert unit.code == code
        else:  # unknown or unconfirmed OCSC code: the id is the TPQI code, never a guess
            assert not re.fullmatch(r"[A-Za-z]+\d{3}", unit.code), unit.code
    assert len(catalog.units) == len(rows)


def test_units_link_to_their_tpqi_page(catalog):
    for unit in catalog.units:
        tpqi = [a for a in unit.aliases if a.scheme == "tpqi"]
        assert tpqi and tpqi[0].url.startswith("https://tpqi-net.tpqi.go.th/qualifications/unitinfo/"), unit.code


def test_every_role_has_units_and_items_in_all_four_components(catalog):
    for role in catalog.roles:
        requirement = catalog.requirement(role.code)
        for component in COMPONENTS:
            assert requirement.codes(component), (role.code, component)
        for item in catalog.items_of_role(role.code, "knowledge"):
            assert item.component == "knowledge"


def test_seed_year_one_theme_units_are_required_by_every_role(catalog):
    for role in catalog.roles:
        assert {"DLit100", "DLit200", "DLit300"} <= set(catalog.requirement(role.code).ability)


def test_every_record_has_provenance(catalog):
    records = [catalog.framework, *catalog.instruments, *catalog.traits, *catalog.components, *catalog.stages,
               *catalog.groups, *catalog.classification_rules, *catalog.roles, *catalog.domains, *catalog.units,
               *catalog.items, *catalog.requirements, *catalog.tools, *catalog.forms, catalog.learning_model]
    for record in records:
        assert record.source.strip()
        assert record.status in ("official", "provisional")


def test_instruments_and_clauses(catalog):
    cabinet, letter = catalog.instruments
    assert cabinet.date == "2017-09-26"
    assert [c.number for c in cabinet.clauses] == ["4.6.1", "4.6.2", "4.6.3", "4.7.2", "4.8.1", "4.8.2", "4.8.3",
                                                    "4.8.4"]
    assert "นร 1013/ว 6" in letter.title_th and "18 พฤษภาคม 2561" in letter.title_th
    assert [p.share for p in catalog.learning_model.parts] == [70, 20, 10]
    assert {t.part for t in catalog.tools} == {"70", "20", "10"}
