"""The agency comes with its files (#24): a file saved on an agency's site carries the agency's id and settings
version; inside an agency project `idp` and `aggregate` read ./agency.yaml; elsewhere the files of an agency are
recognised and the command says in one line which --agency file to give."""
from __future__ import annotations

import json
import re
import shutil

import pytest

from browser import step
from conftest import ROOT
from digiskill.catalog.agency import load_agency
from digiskill.cli import main
from digiskill.core.answers.checker import check_answers
from digiskill.core.answers.record import agency_stamp
from digiskill.core.hr.aggregate import aggregate
from digiskill.core.worker.staff_page import StaffPage
from staff_files import staff_files

AGENCY_YAML = ROOT / "examples" / "agencies" / "developing-data" / "agency.yaml"
OTHER_YAML = ROOT / "examples" / "agencies" / "early-dlit" / "agency.yaml"
NAME = "กรมบริการเชื่อมโยง (ตัวอย่าง)"


@pytest.fixture(scope="module")
def agency_catalog(catalog):
    return load_agency(AGENCY_YAML, catalog)


def page_file(catalog, stored=None) -> dict:
    page = StaffPage(catalog)
    page.start(stored, "[]")
    for path, value in (("group", "A"), ("stage", "developing"), ("answers/DLit100/has", "no")):
        page.event(json.dumps({"path": path, "value": value}))
    return json.loads(page.file("json"))


def test_a_file_saved_on_an_agencys_site_carries_its_id_and_settings_version(catalog, agency_catalog, tmp_path):
    made = page_file(agency_catalog)
    version = agency_catalog.agency.settings_version
    assert made["agency"] == {"id": "บชย.", "name_th": NAME, "settings_version": version}
    assert re.fullmatch("[0-9a-f]{12}", version)
    assert "agency" not in page_file(catalog)  # the kit's own site: no agency block, files as before
    changed = tmp_path / "agency.yaml"  # any change to the settings gives a new version; the same settings the same
    changed.write_text(AGENCY_YAML.read_text(encoding="utf-8").replace("target_year: 2573", "target_year: 2574"),
                       encoding="utf-8")
    assert load_agency(changed, catalog).agency.settings_version != version
    assert load_agency(AGENCY_YAML, catalog).agency.settings_version == version
    checked = check_answers(json.dumps(made, ensure_ascii=False), agency_catalog)
    assert checked.ok and checked.assessment.agency == agency_stamp(agency_catalog)
    assert checked.assessment.to_dict()["agency"] == made["agency"]
    # a file of the kit's site, opened on the agency's site, takes its stamp without moving its saved time
    plain = page_file(catalog) | {"saved_at": "2026-11-01T08:00:00Z"}
    page = StaffPage(agency_catalog)
    store = json.loads(json.loads(page.start(json.dumps(plain, ensure_ascii=False), "[]"))["store"])
    assert store["agency"]["id"] == "บชย." and store["saved_at"] == plain["saved_at"]


def test_the_agency_block_is_checked_like_any_other(agency_catalog):
    base = page_file(agency_catalog)
    odd = check_answers(json.dumps(base | {"agency": base["agency"] | {"colour": "red"}}), agency_catalog)
    assert odd.ok and [(w.code, w.path) for w in odd.warnings] == [("unknown_key", "agency.colour")]
    wrong = check_answers(json.dumps(base | {"agency": {"id": 7}}), agency_catalog)
    assert [(p.code, p.path) for p in wrong.problems] == [("wrong_type", "agency.id")]
    old = {k: v for k, v in base.items() if k != "agency"}  # files of older kits carry none: read as before
    assert check_answers(json.dumps(old, ensure_ascii=False), agency_catalog).ok


def agency_staff(agency_catalog, count=8) -> list[tuple[str, str]]:
    """A generated staff set made on the agency's site: its own unit BCY-DATA-001 answered, and the stamp."""
    stamp = {"id": "บชย.", "name_th": NAME, "settings_version": agency_catalog.agency.settings_version}
    files = [(name, json.dumps(json.loads(text) | {"agency": stamp}, ensure_ascii=False))
             for name, text in staff_files(agency_catalog, count, extras=False)]
    assert sum("BCY-DATA-001" in text for _n, text in files) >= 2
    return files


def write(folder, files):
    folder.mkdir(parents=True)
    for name, text in files:
        (folder / name).write_text(text, encoding="utf-8")


HINT_EN = f"8 files were made on the site of {NAME} (บชย.): give --agency"


def test_aggregate_names_the_agency_file_in_one_line(catalog, agency_catalog, tmp_path, capsys, monkeypatch):
    files = agency_staff(agency_catalog)
    agg = aggregate(catalog, files)  # the page of the kit's own site: every file set aside, saying whose it is
    assert agg.used == 0 and {r.reason_th for r in agg.rejected} == {
        f"ไฟล์นี้ทำจากเว็บไซต์ของ{NAME} (บชย.) ต้องอ่านด้วยการตั้งค่าของหน่วยงานนั้น: ใช้หน้าวิเคราะห์ช่องว่างบนเว็บไซต์"
        "ของหน่วยงานนั้น หรือคำสั่งที่ระบุ --agency ไฟล์ agency.yaml ของหน่วยงานนั้น"}
    write(tmp_path / "staff", files)
    monkeypatch.chdir(tmp_path)
    assert main(["aggregate", "staff", "--out", "gaps.csv"]) == 2
    err = capsys.readouterr().err
    hints = [line.strip() for line in err.splitlines() if "--agency" in line and "set aside" not in line]
    assert hints == [f"ไฟล์ 8 ไฟล์ทำจากเว็บไซต์ของ{NAME} (บชย.) ให้ระบุ --agency ตามด้วยไฟล์ agency.yaml ของหน่วยงานนั้น · "
                     f"{HINT_EN} with its agency.yaml"]
    assert "no usable staff file among 8; nothing written" in err and not (tmp_path / "gaps.csv").exists()
    # the agency's settings beside the files: the hint names them
    (tmp_path / "bcy").mkdir()
    shutil.copy(AGENCY_YAML, tmp_path / "bcy" / "agency.yaml")
    assert main(["aggregate", "staff", "--out", "gaps.csv", "--agency", str(OTHER_YAML)]) == 2
    err = capsys.readouterr().err
    assert f"{HINT_EN} bcy/agency.yaml" in err and "ไม่ใช่ของสำนักงานกลางตัวอย่าง" not in err
    assert "ไม่ใช่ของ" in err  # another agency's settings given: said so
    assert main(["aggregate", "staff", "--out", "gaps.csv", "--agency", "bcy/agency.yaml"]) == 0
    assert "8 staff files used, 0 set aside" in capsys.readouterr().err
    assert main(["aggregate", "staff", "--out", "gaps.csv", "--agency", str(OTHER_YAML), "--last-year", "staff"]) == 2
    hints = [line for line in capsys.readouterr().err.splitlines() if line.startswith("  last year: ไฟล์ 8")]
    assert len(hints) == 1 and hints[0].endswith(f"{HINT_EN} bcy/agency.yaml")  # last year's files too


def test_inside_an_agency_project_the_commands_read_its_agency_yaml(agency_catalog, tmp_path, capsys, monkeypatch):
    project = tmp_path / "project"
    assert main(["init", str(project)]) == 0
    shutil.copy(AGENCY_YAML, project / "agency.yaml")
    files = agency_staff(agency_catalog)
    write(project / "staff", files)
    monkeypatch.chdir(project)
    capsys.readouterr()
    assert main(["aggregate", "staff", "--out", "plan.xlsx"]) == 0
    err = capsys.readouterr().err
    assert "reading ./agency.yaml" in err and "8 staff files used, 0 set aside" in err
    one = next(name for name, text in files if "BCY-DATA-001" in text)
    assert main(["idp", f"staff/{one}", "--out", "plan.docx"]) == 0
    assert "reading ./agency.yaml" in capsys.readouterr().err
    monkeypatch.chdir(tmp_path)  # outside the project: the one line says which file
    assert main(["idp", f"project/staff/{one}", "--out", "plan.docx"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert err == [f"digiskill: project/staff/{one}: ไฟล์นี้ทำจากเว็บไซต์ของ{NAME} (บชย.) ให้ระบุ --agency "
                   f"project/agency.yaml · this file was made on the site of {NAME} (บชย.): give --agency "
                   "project/agency.yaml"]
    assert main(["idp", f"project/staff/{one}", "--out", "plan.docx", "--agency", "project/agency.yaml"]) == 0
    assert "warning" not in capsys.readouterr().err
    edited = project / "agency.yaml"  # the settings edited since the file was saved: said, and the file still read
    edited.write_text(edited.read_text(encoding="utf-8").replace("target_year: 2573", "target_year: 2574"),
                      encoding="utf-8")
    assert main(["idp", f"project/staff/{one}", "--out", "plan.docx", "--agency", "project/agency.yaml"]) == 0
    version = agency_catalog.agency.settings_version
    assert f"warning: ไฟล์นี้บันทึกด้วยการตั้งค่าของหน่วยงานรุ่น {version} แต่ agency.yaml" in capsys.readouterr().err


@pytest.mark.browser
def test_the_agency_sites_page_stamps_the_file_it_keeps(browser, example_agency_url, agency_catalog):
    """In Chromium, on the site built for the agency: the file the page keeps (and downloads) carries the agency."""
    from test_browser_page_state import start

    page = start(browser, example_agency_url)
    step(page, "ability")
    page.check('input[name="has-DLit200"][value="no"]')
    page.wait_for_selector('#plan-lines [data-key="DLit200"]', state="attached")
    stored = json.loads(page.evaluate("() => localStorage.getItem(document.getElementById('ds-assessment')"
                                      ".dataset.storageKey)"))
    assert stored["agency"] == {"id": "บชย.", "name_th": NAME,
                                "settings_version": agency_catalog.agency.settings_version}
    page.context.close()
