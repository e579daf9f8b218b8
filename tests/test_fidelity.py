"""Nothing invented shows as official (#15), checked against the seed chapter and on the built HTML of the real site.

- every official record taken from the seed prints the seed's words, or carries an open correction that keeps the
  seed's text and is shown on the record's page;
- every page or section built from provisional data shows the provisional badge;
- no clause is cited as "ข้อ หมวด …", and no quote box holds the project's own words;
- every guideline page shows its step's official title, with the project's heading under it marked as a summary;
- the OCSC letter's other wordings of stages and groups are on the page that defines the term and in the search index;
- a guideline page naming a step the catalog lacks fails the strict build with the page and the step.
"""
from __future__ import annotations

import json
import re
import shutil

import pytest

from conftest import ROOT, SEED, source_text
from digiskill.cli import build_site
from digiskill.errors import SiteBuildError
from digiskill.model import Clause, Role
from digiskill.site.thai_search import ZWSP, segment_thai
from linkcheck import html_files, parse, section


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.fixture(scope="module")
def seed() -> str:
    return squash(source_text(SEED))


def page_text(built_site, url: str) -> str:
    return parse(built_site / url / "index.html").select_one("article").get_text(" ")


# The page that shows a record which carries an open correction.
CORRECTION_PAGES = {Role: lambda record: f"roles/{record.slug}", Clause: lambda record: "framework"}


def seed_records(catalog):
    """(label, record, the seed's wording to find) for each official record taken from the seed."""
    def official(record):
        return record.status == "official" and record.source.startswith("seed:")

    simple = [catalog.framework, *catalog.instruments, *catalog.traits, *catalog.components, catalog.learning_model,
              *catalog.development_themes, *catalog.learning_sources, *catalog.stages, *catalog.groups,
              *catalog.classification_rules, *catalog.roles, *catalog.domains, *catalog.steps]
    for record in filter(official, simple):
        yield f"{type(record).__name__} {getattr(record, 'code', getattr(record, 'id', ''))}", record, record.title_th
        for name in getattr(record, "other_names", ()):
            yield f"other name of {record.code}", name, name.title_th
        for position in getattr(record, "example_positions_th", ()):
            yield f"example position of {record.code}", record, position
    if official(catalog.learning_model):
        for part in catalog.learning_model.parts:
            yield f"70:20:10 part {part.code}", part, part.title_th
    for role in catalog.roles:
        if role.behaviour.status == "official":
            yield f"behaviour of {role.code}", role.behaviour, role.behaviour.text_th
    for instrument in catalog.instruments:
        for clause in instrument.clauses:
            letter = re.fullmatch(r"หมวด (\d+) ข้อ (\d+)", clause.number)
            printed = f"ข้อ {letter[2]} ของหมวด {letter[1]}" if letter else f"ข้อ {clause.number}"
            yield f"clause {clause.number}", clause, printed


def test_official_seed_records_print_the_seeds_words_or_an_open_correction(catalog, built_site, seed):
    checked = corrected = 0
    about = page_text(built_site, "about-data")  # lists every open correction too
    for label, record, wording in seed_records(catalog):
        correction = getattr(record, "correction", None)
        if correction is None:
            assert squash(wording) in seed, f"{label}: '{wording}' is not what the seed prints"
            checked += 1
            continue
        assert squash(correction.seed_th) in seed, f"{label}: the correction must keep the seed's text"
        assert squash(wording) != squash(correction.seed_th), f"{label}: a correction that changes nothing"
        page = page_text(built_site, CORRECTION_PAGES[type(record)](record))
        assert correction.seed_th in page and correction.note_th in page, f"{label}: correction not on its page"
        assert correction.seed_th in about, f"{label}: correction not listed on the about-data page"
        corrected += 1
    assert checked > 80 and corrected == 2  # S2's spelling and the letter's clause printed as ข้อ 7 twice


PROVISIONAL = 'class="ds-badge ds-badge--provisional"'


def provisional_places(catalog):
    """(page, section anchor or None for the whole page) for every place that shows provisional data: anything built
    from requirements.yaml, items, tools, forms, provisional behaviours and domain names."""
    places = [("matrix", None), ("stages", "comparison"), ("tools", None), ("assessment", None),
              ("gap-analysis", None), ("guideline/org-2", None), ("guideline/ind-2", None)]
    places += [(f"forms/{form.code.replace('_', '-')}", None) for form in catalog.forms]
    places += [(f"groups/{group.code.lower()}", "roles") for group in catalog.groups]
    for role in catalog.roles:
        places += [(f"roles/{role.slug}", "skills"), (f"roles/{role.slug}", "neighbours")]
        if role.behaviour.status == "provisional":
            places.append((f"roles/{role.slug}", "behaviour"))
    places += [(f"skills/{unit.slug}", "roles") for unit in catalog.units]
    places += [(f"domains/{domain.code.lower()}", "units") for domain in catalog.domains]
    places += [(f"domains/{domain.code.lower()}", None) for domain in catalog.domains if domain.status == "provisional"]
    return places


def test_every_page_or_table_built_from_provisional_data_shows_the_badge(catalog, built_site):
    assert catalog.requirements[0].status == "provisional"  # the reason most of these places are provisional
    missing = []
    for url, anchor in provisional_places(catalog):
        soup = parse(built_site / url / "index.html")
        html = section(soup, anchor or None)
        if PROVISIONAL not in html:
            missing.append(f"{url}#{anchor}" if anchor else url)
    assert missing == []


def test_no_doubled_clause_word_and_no_project_text_in_a_quote_box(built_site, seed):
    quotes = 0
    for path in html_files(built_site):
        soup = parse(path)
        article = soup.select_one("article")
        if article is None:
            continue
        assert "ข้อ หมวด" not in article.get_text(" "), path
        for box in article.select("blockquote, .admonition.quote"):
            for title in box.select(".admonition-title"):
                title.extract()
            assert squash(box.get_text()) in seed, f"{path}: a quote box holds words that are not the seed's"
            quotes += 1
    assert quotes >= 1  # A1's official behaviour is quoted


def test_guideline_pages_show_the_official_step_title_then_the_plain_heading(catalog, built_site):
    assert len(catalog.steps) == 10
    for step in catalog.steps:
        soup = parse(built_site / "guideline" / step.code / "index.html")
        heading = soup.select_one("article h1")
        assert step.title_th in heading.get_text(), step.code
        assert heading.select_one(".ds-badge") is None  # the badge sits on the line under the title
        plain = soup.select_one("article .ds-step-plain")
        assert plain.select_one(".ds-badge--official") and plain.select_one(".ds-badge--summary"), step.code
        source = (ROOT / "content" / "guideline" / f"{step.code}.md").read_text(encoding="utf-8")
        own_heading = next(line[2:].strip() for line in source.splitlines() if line.startswith("# "))
        assert own_heading in plain.get_text(), step.code


def test_summaries_are_labelled_where_official_names_sit_beside_them(built_site):
    """Pages that put official names next to the project's definitions or clause summaries label both."""
    for url in ("framework", "groups", "groups/a", "stages", "guideline/org-1"):
        article = parse(built_site / url / "index.html").select_one("article")
        assert article.select_one(".ds-badge--official") and article.select_one(".ds-badge--summary"), url
    framework = parse(built_site / "framework" / "index.html").get_text(" ")
    assert "generic skills" not in framework  # a claim the seed does not make
    groups = page_text(built_site, "groups")
    assert "ตามลำดับ" not in groups and "ตกลงร่วมกับผู้บังคับบัญชา" not in groups  # no invented order or rule


def other_names(catalog):
    for record, url in [*((s, "stages") for s in catalog.stages),
                        *((g, f"groups/{g.code.lower()}") for g in catalog.groups)]:
        for name in record.other_names:
            yield name.title_th, url


def test_the_letters_wordings_are_shown_where_the_term_is_defined_and_searchable(catalog, built_site):
    names = dict(other_names(catalog))
    for wording in ("ระยะเริ่มต้น", "ระยะพัฒนาแล้ว", "ผู้บริหารส่วนราชการ", "ผู้ปฏิบัติงานด้านเทคโนโลยี",
                    "ผู้ปฏิบัติงานกลุ่มอื่น"):
        assert wording in names, wording
    index = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    for wording, url in names.items():
        assert wording in page_text(built_site, url), (wording, url)
        segmented = segment_thai(wording)
        assert ZWSP in segmented or len(wording) < 6, wording  # ICU splits it into words the search can match
        found = [d["location"] for d in index["docs"] if segmented in d["text"] or segmented in d["title"]]
        assert any(location.startswith(url + "/") for location in found), (wording, url, found[:5])


def test_changelog_lists_each_correction_on_the_data_page(catalog, built_site):
    data_page = page_text(built_site, "data")
    corrections = [r.correction for r in catalog.roles if r.correction]
    corrections += [c.correction for i in catalog.instruments for c in i.clauses if c.correction]
    for correction in corrections:
        assert correction.seed_th in data_page, correction.seed_th
    for change in ("applied in this order", "generic skills", "ระยะสมบูรณ์", "นร 1013/ว 6", "TDGA", "ระยะเริ่มต้น"):
        assert change in data_page, change


def test_a_guideline_page_naming_an_unknown_step_fails_the_strict_build(tmp_path, caplog):
    project = tmp_path / "project"
    for name in ("catalog", "content", "site_templates"):
        shutil.copytree(ROOT / name, project / name)
    for installed in ("node_modules", ".cache"):
        (project / installed).symlink_to(ROOT / installed)
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    page = project / "content" / "guideline" / "ind-5.md"
    page.write_text(page.read_text(encoding="utf-8").replace("step: ind-5", "step: ind-9"), encoding="utf-8")
    with pytest.raises(SiteBuildError):
        build_site(str(project / "mkdocs.yml"), str(tmp_path / "out"))
    assert "guideline/ind-5.md: front matter step: 'ind-9' is not a step in catalog/framework.yaml" in caplog.text
