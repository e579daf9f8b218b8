"""Organisation gap analysis under CPython and the CLI: exact counts and shares, set-aside files with reasons,
anonymisation, and the prefilled organisation plan."""
from __future__ import annotations

import csv
import io
import json
import random

import docx
import openpyxl
import pytest

from conftest import ROOT
from digiskill.cli import main
from digiskill.core.hr.aggregate import aggregate, aggregate_csv
from digiskill.core.hr.org_plan import org_plan_blocks
from digiskill.catalog.agency import load_agency
from staff_files import staff_file, staff_files
from test_core import assessment


def person(name, role, answers, plan=None):
    data = assessment(role=role, answers=answers, plan=plan or {})
    data["person"]["name"] = name
    return json.dumps(data, ensure_ascii=False)


SMALL = [
    ("a.json", person("นายหนึ่ง", "A1", {"DLit100": {"has": False}, "DS300": {"has": True}},
                      {"DLit100": {"methods": ["on-the-job", "coaching"]}})),
    ("b.json", person("นางสอง", "A1", {"DLit100": {"has": False}, "DS300": {"has": False}},
                      {"DS300": {"methods": ["coaching"]}})),
    ("c.json", person("นายสาม", "A2", {"DLit100": {"has": True}})),
    ("d.json", person("นางสี่", "S1", {"DLit100": {"has": False}})),
    ("e-copy-of-a.json", person("นายหนึ่ง", "A1", {"DLit100": {"has": False}, "DS300": {"has": True}},
                                {"DLit100": {"methods": ["on-the-job", "coaching"]}})),
    ("f.json", "not json at all"),
]


def test_counts_and_shares_are_exact(catalog):
    agg = aggregate(catalog, SMALL)
    assert agg.used == 4
    assert {r.file: r.reason_th.split()[0] for r in agg.rejected} == {"e-copy-of-a.json": "ซ้ำกับไฟล์", "f.json": "ไฟล์นี้ไม่ใช่ไฟล์"}
    assert agg.staff_by_group == {"A": 3, "S": 1} and agg.staff_by_role == {"A1": 2, "A2": 1, "S1": 1}
    dlit = agg.rows[("A", "DLit100")]
    assert (dlit.required, dlit.lacking, dlit.unanswered) == (3, 2, 0) and dlit.share == pytest.approx(2 / 3)
    ds = agg.rows[("A", "DS300")]
    assert (ds.required, ds.lacking, ds.unanswered) == (3, 1, 1)  # A2 needs DS300 too and did not answer
    assert agg.rows[("S", "DLit100")].share == 1.0
    assert agg.methods == {"on-the-job": 1, "coaching": 2}
    assert agg.urgent() == []  # names dropped: every row here has fewer than 5 staff, so none is ranked
    named = aggregate(catalog, SMALL, anonymise=False)
    # the urgency rule counts people too: 2 of 3 (score 4/3) before 1 of 1 (score 1)
    assert [(r.group, r.code) for r in named.urgent()[:2]] == [("A", "DLit100"), ("S", "DLit100")]


def test_file_order_does_not_change_the_result(catalog):
    forward = aggregate_csv(aggregate(catalog, SMALL))
    backward = aggregate_csv(aggregate(catalog, list(reversed(SMALL))))
    assert forward == backward


def test_realistic_set_with_broken_duplicated_and_other_version_files(catalog):
    files = staff_files(catalog, 120)
    agg = aggregate(catalog, files)
    assert agg.used == 120
    reasons = {r.file: r.reason_th for r in agg.rejected}
    assert set(reasons) == {"broken.json", "foreign.json", "old-version.json", "staff-00001.json",
                            "staff-00002.json"} or set(reasons) == {"broken.json", "foreign.json", "old-version.json",
                                                                    "copy-of-staff-00001.json", "staff-00002-again.json"}
    assert "2567.1" in reasons["old-version.json"]
    assert sum(agg.staff_by_group.values()) == 120


def test_anonymisation_keeps_names_out_of_every_output(catalog):
    files = staff_files(catalog, 30)
    names = [json.loads(text)["person"]["name"] for _n, text in files[:30]]
    agg = aggregate(catalog, files, anonymise=True)
    blocks = org_plan_blocks(agg)
    outputs = [aggregate_csv(agg).decode("utf-8-sig"), json.dumps(blocks, ensure_ascii=False)]
    from digiskill.core.documents.docx_writer import render_docx
    from digiskill.core.documents.xlsx_writer import render_xlsx
    book = openpyxl.load_workbook(io.BytesIO(render_xlsx(blocks, "แผน")))
    outputs.append(" ".join(str(v) for ws in book.worksheets for row in ws.iter_rows(values_only=True) for v in row))
    outputs.append(" ".join(p.text for p in docx.Document(io.BytesIO(render_docx(blocks))).paragraphs))
    for text in outputs:
        assert not any(name in text for name in names)
    kept = aggregate(catalog, files, anonymise=False)
    book = openpyxl.load_workbook(io.BytesIO(render_xlsx(org_plan_blocks(kept), "แผน")))
    assert "รายชื่อ" in book.sheetnames and names[0] in [r[0] for r in book["รายชื่อ"].iter_rows(values_only=True)]


def test_plan_is_prefilled_from_the_aggregation_and_the_agency(catalog):
    agency_catalog = load_agency(ROOT / "examples" / "agencies" / "developing-data" / "agency.yaml", catalog)
    agg = aggregate(agency_catalog, staff_files(agency_catalog, 80))
    text = json.dumps(org_plan_blocks(agg), ensure_ascii=False)
    assert agency_catalog.agency.vision_th in text
    assert "ระยะกำลังพัฒนา" in text and "ใช้ข้อมูลร่วมกันระหว่างหน่วยงาน" in text  # target stage, yearly theme
    assert all(t.title_th in text for t in catalog.development_themes)  # clause 4.8.1
    top = agg.urgent()[0]
    assert f"มี {top.code} {top.title_th}" in text  # a SMART goal draft for the most urgent gap
    for section in catalog.form("org_plan").sections:
        assert section.title_th in text


def test_cli_aggregate_writes_xlsx_docx_and_csv(tmp_path, catalog, capsys, monkeypatch):
    monkeypatch.chdir(ROOT)
    folder = tmp_path / "staff"
    folder.mkdir()
    for name, text in staff_files(catalog, 50):
        (folder / name).write_text(text, encoding="utf-8")
    for suffix in ("xlsx", "docx", "csv"):
        out = tmp_path / f"plan.{suffix}"
        assert main(["aggregate", str(folder), "--out", str(out)]) == 0
    err = capsys.readouterr().err
    assert "50 staff files used, 5 set aside" in err and "old-version.json" in err
    book = openpyxl.load_workbook(tmp_path / "plan.xlsx")
    assert book.sheetnames == ["แผนพัฒนาระดับองค์กร", "ตารางช่องว่างทักษะ", "ความครอบคลุม", "ความก้าวหน้า"]
    rows = list(csv.DictReader(io.StringIO((tmp_path / "plan.csv").read_bytes().decode("utf-8-sig"))))
    dlit = [r for r in rows if r["รหัส"] == "DLit100"]
    hidden = [r for r in dlit if r["ซ่อนตัวเลข"] == "ซ่อน"]  # names dropped: groups of fewer than 5 staff are not shown
    assert hidden and all(r["ต้องมี (คน)"] == r["ยังไม่มี (%)"] == "" for r in hidden)
    assert all(r["ต้องมี (คน)"].isdigit() and r["ยังไม่มี (%)"].isdigit() for r in dlit if r not in hidden)
    assert main(["aggregate", str(folder), "--keep-names", "--out", str(tmp_path / "named.csv")]) == 0
    rows = list(csv.DictReader(io.StringIO((tmp_path / "named.csv").read_bytes().decode("utf-8-sig"))))
    assert sum(int(r["ต้องมี (คน)"]) for r in rows if r["รหัส"] == "DLit100") == 50
    assert main(["aggregate", str(folder), "--keys", "--out", str(tmp_path / "keys.csv")]) == 0
    rows = list(csv.DictReader(io.StringIO((tmp_path / "keys.csv").read_bytes().decode("utf-8-sig"))))
    assert {r["component"] for r in rows} == {"ability", "knowledge", "experience", "attribute"}
    assert {r["suppressed"] for r in rows} == {"0", "1"}
    assert main(["aggregate", str(folder), "--keys", "--out", str(tmp_path / "keys.xlsx")]) == 2
    assert docx.Document(tmp_path / "plan.docx").tables


def test_cli_aggregate_refuses_a_missing_input(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(ROOT)
    assert main(["aggregate", str(tmp_path / "nothing"), "--out", str(tmp_path / "plan.xlsx")]) == 2
    assert "no such file or folder" in capsys.readouterr().err


def test_session_splits_the_browsers_single_buffer_back_into_files(catalog):
    from digiskill.core.worker.hr_session import HrSession

    session = HrSession(json.dumps({"schema_version": 1, **catalog.to_dict()}, ensure_ascii=False))
    contents = [text.encode("utf-8") for _name, text in SMALL]
    result = json.loads(session.aggregate(json.dumps([n for n, _t in SMALL]), json.dumps([len(c) for c in contents]),
                                          b"".join(contents), True))
    assert result["ok"] and result["data"] == {"used": 4, "rejected": 2}
    assert session.gaps_csv() == aggregate_csv(aggregate(catalog, SMALL))


def test_the_later_file_wins_when_one_person_sent_two_files(catalog):
    """Same person, different answers: the file saved later is counted, whatever the names and the order the files
    come in (a browser lists them in the order they were picked); file-name order decided before (#24)."""
    early = ("2026-09-second.json", json.dumps(json.loads(person("นายซ้ำ", "A1", {"DLit100": {"has": False}})) |
                                               {"saved_at": "2026-01-05T10:00:00Z"}, ensure_ascii=False))
    late = ("2026-01-first.json", json.dumps(json.loads(person("นายซ้ำ", "A1", {"DLit100": {"has": True}})) |
                                             {"saved_at": "2026-09-05T10:00:00Z"}, ensure_ascii=False))
    for files in ([early, late], [late, early]):
        agg = aggregate(catalog, files)
        assert agg.used == 1 and agg.rows[("A", "DLit100")].lacking == 0
        assert [(r.file, r.reason_th) for r in agg.rejected] == [(
            "2026-09-second.json", "ฉบับเก่ากว่าของบุคคลเดียวกัน (ร่าง บันทึก 5 ม.ค. 2569 10:00 น. UTC) ใช้ไฟล์ "
            "2026-01-first.json แทน (ร่าง บันทึก 5 ก.ย. 2569 10:00 น. UTC)")]


def packed(files):
    contents = [text.encode("utf-8") if isinstance(text, str) else text for _name, text in files]
    return json.dumps([name for name, _t in files]), json.dumps([len(c) for c in contents]), b"".join(contents)


@pytest.mark.parametrize("batch", [1, 3, 40])
def test_files_given_in_batches_count_as_in_one_call(catalog, batch):
    """The page sends files in batches (hr_start, hr_add…, hr_done); copies and a person's second file may fall in
    different batches, in any order: the result is the one call's, byte for byte."""
    from digiskill.core.worker.hr_session import HrSession

    files = staff_files(catalog, 30, seed=5)
    files = files[len(files) // 2:] + files[:len(files) // 2]  # the copies come before their originals
    whole = HrSession(json.dumps({"schema_version": 1, **catalog.to_dict()}, ensure_ascii=False))
    expected = whole.aggregate(*packed(files), True)
    session = HrSession(json.dumps({"schema_version": 1, **catalog.to_dict()}, ensure_ascii=False))
    run = json.loads(session.hr_start(True))["run"]
    for start in range(0, len(files), batch):
        assert json.loads(session.hr_add(run, *packed(files[start:start + batch])))["ok"]
    assert session.hr_done(run) == expected
    assert session.gaps_csv() == whole.gaps_csv()


def test_choosing_other_files_during_a_run_ends_it(catalog):
    """The person picks other files while the first batches are still being checked: the calls of the first run that
    arrive afterwards are refused as stale, and the new run counts only its own files."""
    from digiskill.core.worker.hr_session import HrSession

    session = HrSession(json.dumps({"schema_version": 1, **catalog.to_dict()}, ensure_ascii=False))
    first, second = staff_files(catalog, 6, extras=False), staff_files(catalog, 4, seed=9, extras=False)
    old = json.loads(session.hr_start(True))["run"]
    assert json.loads(session.hr_add(old, *packed(first[:3])))["ok"]
    new = json.loads(session.hr_start(True))["run"]
    assert json.loads(session.hr_add(old, *packed(first[3:])))["stale"] is True
    assert json.loads(session.hr_add(new, *packed(second)))["ok"]
    assert json.loads(session.hr_done(old))["stale"] is True
    assert json.loads(session.hr_done(new))["used"] == 4


def test_a_zip_that_cannot_be_used_stops_the_batches(catalog):
    from digiskill.core.worker.hr_session import HrSession

    session = HrSession(json.dumps({"schema_version": 1, **catalog.to_dict()}, ensure_ascii=False))
    run = json.loads(session.hr_start(True))["run"]
    assert json.loads(session.hr_add(run, *packed(staff_files(catalog, 3, extras=False))))["ok"]
    refused = json.loads(session.hr_add(run, *packed([("staff.zip", b"PK not really")])))
    assert refused["ok"] is False and "zip" in refused["problems"][0]["message_th"]


@pytest.mark.parametrize("field", ["priority", "target_date", "goal", "indicator", "application", "support"])
def test_files_differing_in_any_plan_field_are_not_copies(catalog, field):
    """Without names, only what people answered tells copies apart: a difference in any one plan field (here on one
    line) makes two people, not a copy."""
    base = staff_file(catalog, "A1", random.Random(2), "")
    base["person"] = {}
    code = next(iter(base["plan"]))
    other = json.loads(json.dumps(base))
    other["plan"][code][field] = {"priority": 9, "target_date": "2028-01-31"}.get(field, "ต่างกัน")
    agg = aggregate(catalog, [("a.json", json.dumps(base)), ("b.json", json.dumps(other))])
    assert (agg.used, agg.rejected) == (2, [])


def test_the_page_filter_reads_the_choices_as_the_page_sends_them():
    """Filter.from_dict is what the gap-analysis page's selects become: a missing or null value keeps everyone; ""
    keeps everyone for group, stage and role, but for a division means "the staff whose file names none"."""
    from digiskill.core.hr.aggregate import Filter
    from digiskill.core.hr.staff_facts import StaffFact

    assert Filter.from_dict(None) == Filter() == Filter.from_dict({}) and Filter().whole
    assert Filter.from_dict({"division": "", "group": "", "stage": "", "role": ""}) == Filter(division="")
    assert Filter.from_dict({"division": None, "group": None}) == Filter()
    assert Filter.from_dict({"division": 3}) == Filter()  # not a division name: everyone
    chosen = Filter.from_dict({"division": "กองคลัง", "group": "A", "stage": "early", "role": "A1"})
    assert chosen == Filter("กองคลัง", "A", "early", "A1") and not chosen.whole

    def fact(division, group, stage, role):
        return StaffFact(role, group, stage, division, (), (), (), (), False, False)

    someone = fact("กองคลัง", "A", "early", "A1")
    assert chosen.keeps(someone) and Filter().keeps(someone)
    for other in (fact("กองแผน", "A", "early", "A1"), fact("กองคลัง", "S", "early", "A1"),
                  fact("กองคลัง", "A", "developing", "A1"), fact("กองคลัง", "A", "early", "A2")):
        assert not chosen.keeps(other), other
    for one in ({"division": "กองคลัง"}, {"group": "A"}, {"stage": "early"}, {"role": "A1"}):
        narrow = Filter.from_dict(one)
        assert narrow.keeps(someone) and not narrow.keeps(fact("", "T", "mature", "T3")), one
    assert Filter(division="").keeps(fact("", "T", "mature", "T3")) and not Filter(division="").keeps(someone)
