"""Agency builds as a national site's users meet them: pages of removed or replaced units stay (printed QR codes keep
working) and say what the agency uses instead; the announcement lists replacements and adjusted behaviours; sources
name the agency file, never the builder's folders; `digiskill export --agency`; the CSV marks the agency's additions."""
from __future__ import annotations

import csv
import io
import json
import logging

import pytest

from digiskill.cli import build_site, main

from conftest import ROOT
from linkcheck import parse, section

AGENCY = """
agency: {name_th: กรมทดสอบการแทนที่, short_name: กทท., name_en: Example Department}
target_stage: developing
target_year: 2572
vision_th: ทดสอบการแทนที่และการตัด
added_units:
  - {code: TST-UNIT-002, domain: DS, title_th: หน่วยแทนของกรม, title_en: Replacement unit,
     description_th: ใช้ทดสอบการแทนที่, roles: [S3]}
replaced_units:
  - {old: DS300, new: TST-UNIT-002}
removed_units: [DT200]
role_changes:
  A2: {behaviour_th: ใช้ข้อมูลของกรมวิเคราะห์นโยบายทุกไตรมาส}
item_changes:
  K01: {title_th: ระเบียบงานสารบรรณอิเล็กทรอนิกส์ของกรม, description_th: รู้ขั้นตอนรับส่งหนังสือในระบบของกรม}
announcement:
  title_th: ประกาศกรมทดสอบการแทนที่ เรื่อง บทบาทและทักษะด้านดิจิทัลที่คาดหวัง
  date: "2569-11-15"
  number: ที่ 12/2569
adopt: all
"""
ANNOUNCED = "ประกาศโดย กรมทดสอบการแทนที่"
SOURCE = "ประกาศกรมทดสอบการแทนที่ เรื่อง บทบาทและทักษะด้านดิจิทัลที่คาดหวัง ที่ 12/2569 ลงวันที่ 15 พฤศจิกายน 2569"
PROVISIONAL = "ds-badge--provisional"


@pytest.fixture(scope="module")
def agency_file(tmp_path_factory):
    folder = tmp_path_factory.mktemp("builder-private-folder")
    path = folder / "agency.yaml"
    path.write_text(AGENCY, encoding="utf-8")
    return path


BUILD_WARNINGS: list[str] = []  # what the build said on the "digiskill.build" log (advice that does not stop it)


@pytest.fixture(scope="module")
def site(agency_file):
    out = agency_file.parent / "site"
    heard = logging.getLogger("digiskill.build")
    catch = logging.Handler(logging.WARNING)
    catch.emit = lambda record: BUILD_WARNINGS.append(record.getMessage())
    heard.addHandler(catch)
    try:
        build_site(str(ROOT / "mkdocs.yml"), str(out), agency=str(agency_file))
    finally:
        heard.removeHandler(catch)
    return out


def test_the_build_repeats_the_template_leftovers_and_goes_on(site):
    """`name_en: Example Department` is the template's: the build says so as `validate` does, and builds (#25)."""
    said = [w for w in BUILD_WARNINGS if "agency.name_en" in w]
    assert len(said) == 1 and "ยังเป็นค่าตัวอย่างจากไฟล์ตั้งต้น ('Example Department')" in said[0]
    assert "agency.yaml:2: agency.name_en: still the template's example" in said[0]
    assert (site / "index.html").is_file()


def test_a_replaced_units_page_stays_and_names_the_replacement(site):
    page = parse(site / "skills" / "ds300" / "index.html")
    note = page.select_one("article .admonition.warning").get_text()
    assert "กรมทดสอบการแทนที่ไม่ใช้หน่วยความสามารถนี้" in note and "not used by กทท." in note
    assert page.select_one('article .admonition.warning a[href="../tst-unit-002/"]')
    assert "ออกแบบนวัตกรรมบริการ" in page.select_one("article h1").get_text()  # the unit itself is still described


def test_a_removed_units_page_stays_and_says_so(site):
    page = parse(site / "skills" / "dt200" / "index.html")
    note = page.select_one("article .admonition.warning").get_text()
    assert "ไม่ใช้หน่วยความสามารถนี้" in note and "ตัดหน่วยนี้ออก" in note
    assert not page.select("#roles")  # no role of this agency needs it


def test_the_announcement_lists_replacements_and_adjusted_behaviours(site):
    changes = parse(site / "announcement" / "index.html").select_one("#changes").find_next("ul")
    items = [li.get_text(" ", strip=True) for li in changes.select("li")]
    assert "ใช้ TST-UNIT-002 หน่วยแทนของกรม แทน DS300" in items
    assert "ไม่ใช้: DT200" in items  # a removal, and the replacement is not listed as one
    assert any(i.startswith("ปรับพฤติกรรมที่คาดหวังของ A2") and "ทุกไตรมาส" in i for i in items)


def test_sources_name_the_agency_file_never_the_builders_folder(site, agency_file):
    private = str(agency_file.parent)
    for path in [*site.rglob("*.html"), site / "data" / "catalog.json", site / "data" / "catalog.csv",
                 site / "search" / "search_index.json"]:
        assert private not in path.read_text(encoding="utf-8"), path
    page = parse(site / "skills" / "tst-unit-002" / "index.html").get_text()
    assert SOURCE in page  # the agency's own unit: its announcement is the source (#25)
    data = json.loads((site / "data" / "catalog.json").read_text(encoding="utf-8"))
    assert data["agency"]["source"] == "กรมทดสอบการแทนที่: agency.yaml"
    assert data["agency"]["replacements"] == [{"old": "DS300", "new": "TST-UNIT-002"}]


def test_export_with_an_agency_file(agency_file, tmp_path, capsys):
    out = tmp_path / "catalog.csv"
    assert main(["export", "--format", "csv", "--agency", str(agency_file), "--out", str(out)]) == 0
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    added = [r for r in rows if r["code"] == "TST-UNIT-002"]
    assert added and all(r["requirement_status"] == "agency" and r["item_status"] == "agency" for r in added)
    assert {r["requirement_status"] for r in rows if r["code"] != "TST-UNIT-002"} == {"agency"}  # adopted (#25)
    assert not [r for r in rows if r["code"] in ("DS300", "DT200")]
    assert main(["export", "--format", "json", "--agency", str(agency_file), "--out", str(tmp_path / "c.json")]) == 0
    assert json.loads((tmp_path / "c.json").read_text(encoding="utf-8"))["agency"]["name_th"] == "กรมทดสอบการแทนที่"
    broken = tmp_path / "broken.yaml"
    broken.write_text(AGENCY.replace("target_stage: developing", "target_stage: later"), encoding="utf-8")
    capsys.readouterr()
    assert main(["export", "--format", "csv", "--agency", str(broken), "--out", str(tmp_path / "x.csv")]) == 2
    assert "broken.yaml" in capsys.readouterr().err and not (tmp_path / "x.csv").exists()


def test_idp_with_an_agency_file_knows_the_agencys_own_units(agency_file, tmp_path, capsys):
    """A staff member of the agency answered its own unit (TST-UNIT-002) on the agency's site: `digiskill idp` needs
    the agency file to read it, and then plans it."""
    import docx

    from digiskill.catalog.agency import load_agency
    from digiskill.catalog.loader import load_catalog
    from digiskill.core.answers.record import Assessment, ItemAnswer, PlanEntry

    catalog = load_agency(agency_file, load_catalog(ROOT / "catalog"))
    role = catalog.role("S3")
    answers = tmp_path / "answers.json"
    answers.write_text(json.dumps(Assessment(
        role="S3", group=role.group, stage=role.stage, framework_id=catalog.framework.id,
        data_version=catalog.framework.data_version, person={"name": "ทดสอบ"},
        answers={"TST-UNIT-002": ItemAnswer(has=False)},
        plan={"TST-UNIT-002": PlanEntry(priority=1, methods=[catalog.tools[0].code], target_date="2027-09-30")},
    ).to_dict(), ensure_ascii=False), encoding="utf-8")
    plan = tmp_path / "plan.docx"
    assert main(["idp", str(answers), "--out", str(plan)]) == 2  # the national catalog has no such unit
    assert "TST-UNIT-002" in capsys.readouterr().err and not plan.exists()
    assert main(["idp", str(answers), "--agency", str(agency_file), "--out", str(plan)]) == 0
    document = docx.Document(str(plan))
    assert "TST-UNIT-002" in [row.cells[1].text.split()[0] for row in document.tables[3].rows[1:]]


# Where the draft parts (behaviours, K/X/AT lists, the role × unit table) show: each says "ร่าง · provisional" on the
# default site (tests/test_fidelity.py checks every place) and "ประกาศโดย <agency>" once the agency adopts them.
def draft_places(catalog):
    places = [("matrix", None), ("stages", "comparison"), ("assessment", None), ("gap-analysis", None)]
    places += [(f"groups/{group.code.lower()}", "roles") for group in catalog.groups]
    for role in catalog.roles:
        places += [(f"roles/{role.slug}", "skills")]
        if role.behaviour.status == "provisional":
            places.append((f"roles/{role.slug}", "behaviour"))
    places += [(f"skills/{unit.slug}", "roles") for unit in catalog.units[:3]]
    places += [(f"domains/{domain.code.lower()}", "units") for domain in catalog.domains]
    return places


def test_an_agency_that_adopts_every_draft_part_shows_its_announcement_not_a_draft(site, catalog):
    """Org 1.4–1.5 (#25): `adopt: all` with the announcement: no provisional badge where the draft parts show, each
    marked as the agency's with its announcement as the source, and nothing called OCSC's."""
    wrong = []
    for url, anchor in [*draft_places(catalog), ("announcement", "roles")]:
        html = section(parse(site / url / "index.html"), anchor)
        if PROVISIONAL in html or ANNOUNCED not in html:
            wrong.append(f"{url}#{anchor}")
    assert wrong == []
    s2 = parse(site / "roles" / "s2" / "index.html")
    behaviour = section(s2, "behaviour")
    assert SOURCE in behaviour and "ประกาศใช้ร่างของโครงการ digiskill" in behaviour  # honest about where it came from
    assert "ds-badge--official" not in behaviour
    assert SOURCE in section(s2, "skills")
    a2 = section(parse(site / "roles" / "a2" / "index.html"), "behaviour")  # replaced by role_changes
    assert ANNOUNCED in a2 and SOURCE in a2 and "ทุกไตรมาส" in a2 and "ร่างของโครงการ" not in a2
    a1 = section(parse(site / "roles" / "a1" / "index.html"), "behaviour")  # OCSC's own words stay OCSC's
    assert catalog.role("A1").behaviour.status == "official" and "ds-badge--official" in a1 and ANNOUNCED not in a1
    assert SOURCE in parse(site / "announcement" / "index.html").select_one("article").get_text()
    rows = {r.select("td")[0].get_text(" ", strip=True): [td.get_text() for td in r.select("td")[1:]]
            for r in parse(site / "about-data" / "index.html").select("article table tr") if r.select("td")}
    assert rows["ทักษะที่แต่ละบทบาทต้องมี Requirements per role"] == ["18", "0", "0", "18"]  # all, official, draft, own


def test_the_default_site_keeps_the_draft_badges(built_site, catalog):
    for url, anchor in draft_places(catalog):
        html = section(parse(built_site / url / "index.html"), anchor)
        assert PROVISIONAL in html and "ประกาศโดย" not in html, f"{url}#{anchor}"


def test_the_idp_footnote_names_the_agencys_announcement_not_a_draft(agency_file, catalog):
    from digiskill.catalog.agency import load_agency
    from digiskill.core.answers.record import Assessment, ItemAnswer
    from digiskill.core.cycle.idp import build_idp
    from digiskill.core.documents.idp_document import provisional_note

    def footnote(of):
        role = of.role("S2")
        return provisional_note(build_idp(of, Assessment(role="S2", group=role.group, stage=role.stage,
                                                         framework_id=of.framework.id,
                                                         data_version=of.framework.data_version,
                                                         answers={"K01": ItemAnswer(False)})))  # a K line

    draft = footnote(catalog)
    assert "provisional" in draft and "ประกาศโดย" not in draft
    announced = footnote(load_agency(agency_file, catalog))
    assert "provisional" not in announced and "ร่าง" not in announced
    assert f"พฤติกรรมที่คาดหวังของบทบาท {ANNOUNCED} ตาม{SOURCE}" in announced and "K0" in announced
    assert "ไม่ใช่ข้อความของสำนักงาน ก.พ." in announced


def test_an_item_in_the_agencys_words_shows_them_everywhere_with_its_announcement(site, catalog):
    """`item_changes` (Org 1.4): the item keeps its code (staff files stay valid) and shows the agency's words, marked
    as announced by the agency with the announcement as the source; the framework's English title, which no longer
    matches, is left out; the announcement lists the change."""
    item = parse(site / "items" / "k01" / "index.html").select_one("article")
    text = item.get_text(" ", strip=True)
    assert "K01 · ระเบียบงานสารบรรณอิเล็กทรอนิกส์ของกรม" in item.select_one("h1").get_text(" ", strip=True)
    assert "รู้ขั้นตอนรับส่งหนังสือในระบบของกรม" in text and SOURCE in text and ANNOUNCED in text
    assert catalog.item("K01").title_en not in text and not item.select(".ds-lead")
    assert catalog.item("K01").title_th not in text
    role = next(r for r in catalog.roles if "K01" in catalog.requirement(r.code).knowledge)
    assert "ระเบียบงานสารบรรณอิเล็กทรอนิกส์ของกรม" in parse(site / "roles" / role.slug / "index.html").get_text()
    changes = section(parse(site / "announcement" / "index.html"), "changes")
    assert 'ปรับถ้อยคำของ <a href="../items/k01/">K01</a>: ระเบียบงานสารบรรณอิเล็กทรอนิกส์ของกรม' in changes
