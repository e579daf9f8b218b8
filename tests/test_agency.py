"""Agency settings laid over the catalog: precise errors for broken files, and every effect on the built site."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from conftest import ROOT
from digiskill.cli import build_site, main
from digiskill.catalog.agency import OverlayError, load_agency
from digiskill.catalog.messages import message_th
from linkcheck import broken_links, parse
from browser import step

EXAMPLE = ROOT / "examples" / "agencies" / "developing-data" / "agency.yaml"
CASES = sorted((Path(__file__).parent / "bad_input" / "agency").glob("*.yaml"))


def test_the_corpus_is_big_enough():
    assert len(CASES) >= 15


@pytest.mark.parametrize("case_file", CASES, ids=[c.stem for c in CASES])
def test_broken_agency_file_is_refused_with_file_line_and_path(case_file, tmp_path, monkeypatch, catalog, capsys):
    case = yaml.safe_load(case_file.read_text(encoding="utf-8"))
    original = EXAMPLE.read_text(encoding="utf-8")
    assert case["find"] in original, f"case no longer applies: {case['find']!r}"
    folder = tmp_path / "agency"
    folder.mkdir()
    (folder / "agency.yaml").write_text(original.replace(case["find"], case["replace"], 1), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    expect = case["expect"]
    anchor = expect.get("anchor", case["find"])
    line = original[: original.index(anchor)].count("\n") + 1 + expect.get("offset", 0)
    if "line" in expect:
        line = expect["line"]

    with pytest.raises(OverlayError) as caught:
        load_agency("agency/agency.yaml", catalog)
    problems = [p for p in caught.value.problems if p.code == expect["code"] and p.path == expect["path"]]
    assert problems, "\n".join(str(p) for p in caught.value.problems)
    assert problems[0].file == "agency/agency.yaml"
    assert problems[0].line == line, str(problems[0])
    assert expect["says"] in problems[0].message
    thai = message_th(problems[0])  # the agency officer's language (#25): plain words, never PyYAML's
    assert expect["says_th"] in thai, thai
    assert "<block" not in thai and "YAML: " not in thai

    assert main(["validate", str(ROOT / "catalog"), "--agency", "agency/agency.yaml"]) == 2
    err = capsys.readouterr().err
    assert f"agency/agency.yaml:{line}: " in err and expect["says"] in err  # English, as the logs search it
    assert f"agency/agency.yaml บรรทัด {line}: " in err and expect["says_th"] in err  # and Thai, first


def test_the_examples_and_the_scaffold_are_valid(tmp_path, capsys):
    for example in (ROOT / "examples" / "agencies").glob("*/agency.yaml"):
        assert main(["validate", str(ROOT / "catalog"), "--agency", str(example)]) == 0
    assert main(["new-agency", str(tmp_path / "mine")]) == 0
    scaffold = tmp_path / "mine" / "agency.yaml"
    assert "target_stage:" in scaffold.read_text(encoding="utf-8")
    assert main(["validate", str(ROOT / "catalog"), "--agency", str(scaffold)]) == 0
    assert main(["new-agency", str(tmp_path / "mine")]) == 2  # never overwrites
    assert "already exists" in capsys.readouterr().err


AGENCY_TEST = """
agency: {name_th: กรมทดสอบการซ้อนทับ, short_name: กทซ.}
target_stage: developing
target_year: 2572
vision_th: ทดสอบการเพิ่ม ตัด และจุดเน้น
themes:
  - {year: 2569, title_th: จุดเน้นทดสอบ, units: [TST-UNIT-001, DLit300], groups: [A]}
added_units:
  - {code: TST-UNIT-001, domain: DG, title_th: หน่วยทดสอบของกรม, title_en: Test unit, description_th: ใช้ทดสอบ,
     roles: [A2]}
removed_units: [DS300]
learning_links:
  TST-UNIT-001: [{title_th: บทเรียนของกรม, url: "https://intranet.example.go.th/test"}]
"""


@pytest.fixture(scope="module")
def agency_site(tmp_path_factory):
    folder = tmp_path_factory.mktemp("agency")
    (folder / "agency.yaml").write_text(AGENCY_TEST, encoding="utf-8")
    site = folder / "site"
    build_site(str(ROOT / "mkdocs.yml"), str(site), agency=str(folder / "agency.yaml"))
    return site


def test_added_removed_and_theme_show_on_the_pages(agency_site):
    assert (agency_site / "skills" / "tst-unit-001" / "index.html").is_file()
    assert "ไม่ใช้หน่วยความสามารถนี้" in parse(agency_site / "skills" / "ds300" / "index.html").get_text()  # kept, with a note (#14)
    a2 = parse(agency_site / "roles" / "a2" / "index.html")
    hrefs = {a["href"] for a in a2.select("article a[href]")}
    assert "../../skills/tst-unit-001/" in hrefs and "../../skills/ds300/" not in hrefs
    assert a2.select(".ds-badge--agency")
    unit = parse(agency_site / "skills" / "tst-unit-001" / "index.html")
    assert unit.select_one(".ds-badge--theme").get_text().strip() == "จุดเน้นปี 2569"
    assert unit.select_one('a[href="https://intranet.example.go.th/test"]')
    assert "กรมทดสอบการซ้อนทับ" in parse(agency_site / "index.html").title.get_text()
    assert broken_links(agency_site) == []


def test_announcement_lists_each_groups_role_at_the_agency_stage(agency_site, catalog):
    page = parse(agency_site / "announcement" / "index.html")
    text = page.get_text()
    for group in catalog.groups:
        role = catalog.role_for(group.code, "developing")
        assert f"../roles/{role.slug}/" in {a["href"] for a in page.select("article a[href]")}
    assert "ระยะกำลังพัฒนา" in text and "2572" in text and "จุดเน้นทดสอบ" in text


def test_assessment_is_preset_to_the_agency_stage(agency_site):
    root = parse(agency_site / "assessment" / "index.html").select_one("#ds-assessment")
    assert root["data-default-stage"] == "developing"
    assert root["data-agency-name"] == "กรมทดสอบการซ้อนทับ"
    question = parse(agency_site / "assessment" / "index.html").select_one("#q-tst-unit-001")
    assert question["data-roles"] == "A2"


@pytest.mark.parametrize("example,stage", [("early-dlit", "early"), ("developing-data", "developing")])
def test_each_example_agency_builds_a_site_that_reflects_it(tmp_path, example, stage):
    folder = ROOT / "examples" / "agencies" / example
    site = tmp_path / "site"
    build_site(str(ROOT / "mkdocs.yml"), str(site), agency=str(folder / "agency.yaml"))
    data = yaml.safe_load((folder / "agency.yaml").read_text(encoding="utf-8"))
    announcement = parse(site / "announcement" / "index.html").get_text()
    assert data["agency"]["name_th"] in announcement
    assert parse(site / "assessment" / "index.html").select_one("#ds-assessment")["data-default-stage"] == stage
    if data["agency"].get("logo"):
        assert (site / "assets" / "agency" / data["agency"]["logo"]).is_file()
    assessment = parse(site / "assessment" / "index.html")
    if data.get("divisions"):  # staff pick their division from the agency's list (#12)
        assert assessment.select_one('input[name="person-division"]')["list"] == "ds-divisions"
        assert [o["value"] for o in assessment.select("#ds-divisions option")] == data["divisions"]
    else:
        assert not assessment.select("#ds-divisions")


@pytest.mark.browser
def test_the_agency_reaches_the_downloaded_idp(browser, agency_site):
    import io

    import docx

    from browser import open_page
    from digiskill.cli.static_server import serve_in_background

    server, url = serve_in_background(agency_site)
    try:
        recorded = open_page(browser, url + "assessment/", accept_downloads=True)
        page = recorded.page
        assert page.is_checked('input[name="stage"][value="developing"]')  # preset from the agency
        page.check('input[name="group"][value="A"]')
        assert page.is_visible('.ds-role-summary[data-role="A2"]')
        step(page, "ability")
        assert page.is_visible("#q-tst-unit-001") and page.locator("#q-ds300").count() == 0
        page.wait_for_selector("#ds-assessment[data-python-ready=true]", timeout=60_000)
        page.check('input[name="has-TST-UNIT-001"][value="no"]')
        page.check('input[name="has-DLit100"][value="yes"]')
        step(page, "download")
        with page.expect_download() as info:
            page.click('button[data-kind="docx"]')
        document = docx.Document(io.BytesIO(info.value.path().read_bytes()))
        fields = {r.cells[0].text: r.cells[1].text for r in document.tables[0].rows}
        assert fields["หน่วยงาน"] == "กรมทดสอบการซ้อนทับ"
        plan = [r.cells[1].text for r in document.tables[3].rows][1:]
        assert plan == ["TST-UNIT-001 หน่วยทดสอบของกรม"]
        assert recorded.foreign(url) == []
        page.context.close()
    finally:
        server.shutdown()
        server.server_close()


def test_adopting_some_roles_leaves_the_others_draft(tmp_path, catalog):
    """`adopt: [S2]`: S2's behaviour and skill lists become the agency's (its announcement the source); the other
    roles stay draft, and an item that another, unadopted role also lists stays draft too (#25)."""
    path = tmp_path / "agency.yaml"
    path.write_text(AGENCY_TEST + """announcement:
  title_th: ประกาศกรมทดสอบการซ้อนทับ เรื่อง บทบาทด้านดิจิทัล
  date: "2569-11-15"
  number: "12/2569"
adopt: [S2]
""", encoding="utf-8")
    mine = load_agency(path, catalog)
    source = "ประกาศกรมทดสอบการซ้อนทับ เรื่อง บทบาทด้านดิจิทัล ที่ 12/2569 ลงวันที่ 15 พฤศจิกายน 2569"
    assert mine.agency.adopted_roles == ("S2",) and mine.agency.announcement.source == source
    assert mine.requirement("S2").status == "agency" and mine.requirement("S2").source.startswith(source)
    assert mine.role("S2").behaviour.status == "agency" and mine.role("S2").behaviour.source.startswith(source)
    assert {mine.requirement(r.code).status for r in mine.roles if r.code != "S2"} == {"provisional"}
    assert mine.role("S1").behaviour.status == "provisional"
    s2_items = {c for comp in ("knowledge", "experience", "attribute") for c in mine.requirement("S2").codes(comp)}
    others = {c for r in mine.roles if r.code != "S2"
              for comp in ("knowledge", "experience", "attribute") for c in mine.requirement(r.code).codes(comp)}
    assert {mine.item(c).status for c in s2_items & others} == {"provisional"}
    assert all(mine.item(c).status == "agency" for c in s2_items - others)
    assert mine.unit("TST-UNIT-001").source == source  # the agency's own unit: the announcement is its source
    without = load_agency(_write(tmp_path / "plain.yaml", AGENCY_TEST), catalog)
    assert without.agency.announcement is None and without.requirement("S2").status == "provisional"


def _write(path, text):
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("content,english,thai", [
    (None, "the agency file does not exist", "ไม่พบไฟล์นี้"),
    (b"", "the file is empty", "ไฟล์นี้ว่างเปล่า"),
    ("agency:\n  name_th: กรมทดสอบ\n".encode("cp874"), "not UTF-8 (at byte 19)", "ไม่ได้บันทึกเป็น UTF-8 (ไบต์ที่ 19)"),
], ids=["missing", "empty", "tis-620"])
def test_a_file_that_cannot_be_read_is_named_in_thai_and_english(content, english, thai, tmp_path, monkeypatch,
                                                                capsys):
    monkeypatch.chdir(tmp_path)
    if content is not None:
        (tmp_path / "agency.yaml").write_bytes(content)
    assert main(["validate", str(ROOT / "catalog"), "--agency", "agency.yaml"]) == 2
    err = capsys.readouterr().err
    assert "พบปัญหา 1 รายการในไฟล์ตั้งค่าหน่วยงาน (1 problem in the agency file)" in err
    assert english in err and thai in err and err.index(thai) < err.index(english)  # Thai first
