"""What `digiskill init` wrote and the agency has not made its own (#25): each leftover is a warning, in Thai then
English, with its file, line and key path; `validate` prints them and still exits 0 (the build repeats them:
tests/test_agency_builds.py)."""
from __future__ import annotations

import datetime

import pytest

from conftest import ROOT
from digiskill.catalog.agency import read_agency
from digiskill.catalog.messages import message_th
from digiskill.cli import main

TODAY = datetime.date(2026, 12, 6)  # fiscal year 2570 (1 October 2569 to 30 September 2570)

OWN = """\
agency:
  name_th: กรมของเราเอง
  name_en: Our Own Department
  short_name: กขอ.
  contact_th: กองการเจ้าหน้าที่ โทร 0 2111 1111
target_stage: early
target_year: 2572
vision_th: วิสัยทัศน์ของกรมเอง
goals:
  - {horizon: 1, trait: digital-culture, text_th: เป้าหมายของกรมเอง}
themes:
  - {year: 2570, title_th: จุดเน้นปีนี้, units: [DLit100]}
learning_links:
  DLit100: [{title_th: บทเรียน, url: "https://learn.own.go.th/dlit"}]
"""

# (what the agency left, the line of OWN it replaces, its replacement, path, kind, English, Thai)
CASES = [
    ("name_th", "  name_th: กรมของเราเอง", "  name_th: กรมตัวอย่าง", "agency.name_th", "name",
     "still the template's example ('กรมตัวอย่าง')", "ยังเป็นค่าตัวอย่างจากไฟล์ตั้งต้น ('กรมตัวอย่าง')"),
    ("name_en", "  name_en: Our Own Department", "  name_en: Example Department", "agency.name_en", "name",
     "('Example Department'); put the agency's own", "ใส่ของหน่วยงานเอง"),
    ("short_name", "  short_name: กขอ.", "  short_name: กตย.", "agency.short_name", "name", "('กตย.')", "('กตย.')"),
    ("contact", "  contact_th: กองการเจ้าหน้าที่ โทร 0 2111 1111", "  contact_th: กองการเจ้าหน้าที่ โทร 0 2000 0000",
     "agency.contact_th", "name", "0 2000 0000", "0 2000 0000"),
    ("vision", "vision_th: วิสัยทัศน์ของกรมเอง", "vision_th: ภายในปี 2571 งานเอกสารของหน่วยงานทำผ่านระบบดิจิทัลทั้งหมด",
     "vision_th", "vision", "sample vision", "วิสัยทัศน์ยังเป็นข้อความตัวอย่าง"),
    ("goal", "text_th: เป้าหมายของกรมเอง", "text_th: บุคลากรทุกคนใช้ระบบสารบรรณอิเล็กทรอนิกส์", "goals[0].text_th",
     "goal", "sample goal", "เป้าหมายนี้ยังเป็นข้อความตัวอย่าง"),
    ("theme_year", "{year: 2570,", "{year: 2569,", "themes[0].year", "theme_year",
     "year 2569 is before the current fiscal year 2570", "จุดเน้นปี 2569 อยู่ก่อนปีงบประมาณปัจจุบัน (2570)"),
    ("target_year", "target_year: 2572", "target_year: 2569", "target_year", "target_year",
     "target year 2569 is before the current fiscal year 2570", "ปีเป้าหมาย 2569 อยู่ก่อนปีงบประมาณปัจจุบัน"),
    ("example_link", "https://learn.own.go.th/dlit", "https://intranet.example.go.th/learning",
     "learning_links.DLit100[0].url", "example_link", "is an example address", "เป็นที่อยู่ตัวอย่าง"),
]


def check(tmp_path, catalog, text, today=TODAY):
    path = tmp_path / "agency.yaml"
    path.write_text(text, encoding="utf-8")
    return read_agency(path, catalog, today)[1]


def test_an_agencys_own_file_has_no_warning(tmp_path, catalog):
    assert check(tmp_path, catalog, OWN) == []


@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
def test_each_leftover_is_a_warning_in_thai_and_english(case, tmp_path, catalog, capsys, monkeypatch):
    _name, find, replace, path, kind, english, thai = case
    assert find in OWN
    text = OWN.replace(find, replace, 1)
    warnings = check(tmp_path, catalog, text)
    assert [(w.path, w.ctx["kind"]) for w in warnings] == [(path, kind)]
    line = text[: text.index(replace)].count("\n") + 1
    assert warnings[0].line == line
    assert english in warnings[0].message and thai in message_th(warnings[0])
    if kind in ("theme_year", "target_year"):
        return  # the CLI reads today's date; the years are checked with a fixed one above and below
    monkeypatch.chdir(tmp_path)
    assert main(["validate", str(ROOT / "catalog"), "--agency", "agency.yaml"]) == 0  # a warning, not an error
    err = capsys.readouterr().err
    assert f"คำเตือน (warning): agency.yaml บรรทัด {line}: {path}: " in err and thai in err
    assert f"agency.yaml:{line}: {path}: " in err and english in err


def test_the_fiscal_year_turns_on_the_first_of_october(tmp_path, catalog):
    text = OWN.replace("{year: 2570,", "{year: 2569,")
    assert check(tmp_path, catalog, text, datetime.date(2026, 9, 30)) == []  # 30 Sep 2569: fiscal year 2569
    assert [w.ctx["kind"] for w in check(tmp_path, catalog, text, datetime.date(2026, 10, 1))] == ["theme_year"]


def test_the_init_projects_file_warns_of_every_sample(tmp_path, catalog, capsys):
    assert main(["init", str(tmp_path / "mine")]) == 0
    warnings = check(tmp_path / "mine", catalog, (tmp_path / "mine" / "agency.yaml").read_text(encoding="utf-8"))
    kinds = {w.path: w.ctx["kind"] for w in warnings}
    assert {kinds[p] for p in ("agency.name_th", "agency.name_en", "agency.short_name", "agency.contact_th")} \
        == {"name"}
    assert kinds["vision_th"] == "vision" and kinds["themes[0].year"] == "theme_year"
    assert [kinds[f"goals[{i}].text_th"] for i in range(3)] == ["goal"] * 3
