"""HR follow-up across the organisation (Org 3–5) in CPython and the CLI: exact coverage, progress, trend and enrolment
figures for a two-year, three-division staff set (hr_staff_files.py shows the working), suppression below the privacy
threshold, filters, zip input with its guards, and file names kept out of every output."""
from __future__ import annotations

import csv
import io
import json
import zipfile

import openpyxl
import pytest

from conftest import ROOT
from digiskill.catalog.agency import OverlayError, load_agency
from digiskill.cli import main
from digiskill.core.hr.aggregate import Filter, aggregate
from digiskill.core.hr.coverage import HeadcountError, read_headcount
from digiskill.core.hr.enrolment import fiscal_quarter
from digiskill.core.hr.report import table, table_csv
from digiskill.core.hr.org_plan import org_plan_xlsx
from digiskill.core.hr.trend import Baseline, read_gap_csv
from hr_staff_files import HEADCOUNT_CSV, last_year, this_year

A, S = "ผู้ทำงานด้านนโยบายและงานวิชาการ", "ผู้ทำงานด้านบริการ"
DLIT100, DLIT200 = "เข้าถึง และตระหนักดิจิทัล", "ใช้งานเครื่องมือด้านดิจิทัลหรือแอปพลิเคชันขั้นต้น สำหรับการทำงาน"
H = None  # a hidden figure: an empty cell, never text in a numeric column
CLASSROOM = "การฝึกอบรมในห้องเรียน (Classroom Training)"
AB, HID = ("ability", "ความสามารถ"), True  # a component cell; the marker of a row whose figures are hidden


def hr(catalog, anonymise=True):
    agg = aggregate(catalog, this_year(catalog), anonymise=anonymise)
    agg.headcount = read_headcount(HEADCOUNT_CSV, catalog)
    agg.last_year = Baseline(agg=aggregate(catalog, last_year(catalog), anonymise=anonymise))
    return agg


def rows_for(agg, kind, *codes):
    return [r for r in table(agg, kind)[1] if r[3] in codes]


def test_coverage_against_headcount_per_group_and_division(catalog):
    assert table(hr(catalog), "coverage")[1] == [
        ["ทั้งหมด", "A", A, 13, 11, 85, 4, 36, 3, 27, False],
        ["ทั้งหมด", "S", S, 4, H, H, H, H, H, H, HID],  # 3 staff: hidden (primary)
        # the total too, or S = 14 − 11 (secondary: the total goes first, the group rows are repeated elsewhere)
        ["ทั้งหมด", "ทั้งหมด", "ทั้งหมด", 17, H, H, H, H, H, H, HID],
        ["กองกลาง", "A", A, 8, 6, 75, 3, 50, 3, 50, False],
        ["กองกลาง", "ทั้งหมด", "ทั้งหมด", 8, 6, 75, 3, 50, 3, 50, False],
        ["กองคลัง", "S", S, 4, H, H, H, H, H, H, HID], ["กองคลัง", "ทั้งหมด", "ทั้งหมด", 4, H, H, H, H, H, H, HID],
        ["กองแผนงาน", "A", A, 5, 5, 100, 1, 20, 0, 0, False],
        ["กองแผนงาน", "ทั้งหมด", "ทั้งหมด", 5, 5, 100, 1, 20, 0, 0, False]]
    named = table(hr(catalog, anonymise=False), "coverage")[1]
    assert named[1] == ["ทั้งหมด", "S", S, 4, 3, 75, 0, 0, 0, 0, False]  # names kept: nothing hidden


def test_the_coverage_csv_reads_in_thai_and_with_keys_for_scripts(catalog):
    lines = table_csv(hr(catalog), "coverage").decode("utf-8-sig").split("\r\n")
    assert lines[:4] == [
        "ส่วนราชการ,รหัสกลุ่ม,กลุ่มบุคลากร,อัตรากำลัง (คน),ตอบแล้ว (คน),ตอบแล้ว (% ของอัตรากำลัง),"
        "แผนที่ผู้บังคับบัญชาเห็นชอบ (คน),เห็นชอบแล้ว (% ของผู้ที่ตอบ),ติดตามความก้าวหน้าแล้ว (คน),"
        "ติดตามแล้ว (% ของผู้ที่ตอบ),ซ่อนตัวเลข",
        f"ทั้งหมด,A,{A},13,11,85,4,36,3,27,", f"ทั้งหมด,S,{S},4,,,,,,,ซ่อน", "ทั้งหมด,ทั้งหมด,ทั้งหมด,17,,,,,,,ซ่อน"]
    keys = table_csv(hr(catalog), "coverage", keys=True).decode("utf-8-sig").split("\r\n")
    assert keys[:3] == ["division,group,group_title_th,headcount,responded,response_percent,plans_agreed,"
                        "agreed_percent,progress_reviewed,reviewed_percent,suppressed",
                        f"ทั้งหมด,A,{A},13,11,85,4,36,3,27,0", f"ทั้งหมด,S,{S},4,,,,,,,1"]


def test_progress_done_in_progress_not_started_closed_and_applied(catalog):
    assert rows_for(hr(catalog), "progress", "DLit100", "DLit200") == [
        ["A", A, AB, "DLit100", DLIT100, H, H, H, H, H, H, H, H, HID],  # 4 staff planned it
        ["A", A, AB, "DLit200", DLIT200, 5, 0, 1, 4, 5, 1, 20, 0, False],  # c4 re-answered "have it"
        ["S", S, AB, "DLit100", DLIT100, H, H, H, H, H, H, H, H, HID]]
    assert rows_for(hr(catalog, anonymise=False), "progress", "DLit100")[0] == \
        ["A", A, AB, "DLit100", DLIT100, 4, 1, 1, 2, 4, 1, 25, 1, False]


def test_trend_from_last_years_files_and_from_last_years_gap_csv(catalog):
    agg = hr(catalog)
    expected = [["A", A, AB, "DLit100", DLIT100, 10, 8, 80, 11, 5, 45, -35, False, False],
                ["A", A, AB, "DLit200", DLIT200, 10, 0, 0, 11, 5, 45, 45, False, False],
                ["S", S, AB, "DLit100", DLIT100, H, H, H, H, H, H, None, HID, HID],
                ["S", S, AB, "DLit200", DLIT200, H, H, H, H, H, H, None, HID, HID]]
    assert rows_for(agg, "trend", "DLit100", "DLit200") == expected
    # the gap CSV exported last year gives the same trend for the whole agency
    last_csv = table_csv(aggregate(catalog, last_year(catalog)), "gaps")
    agg.last_year = read_gap_csv(last_csv)
    assert rows_for(agg, "trend", "DLit100", "DLit200") == expected
    # a division: from last year's files it works; the CSV has no divisions, so no trend then
    division = Filter(division="กองกลาง")
    assert rows_for(agg.view(division), "trend", "DLit100") == []
    agg.last_year = Baseline(agg=aggregate(catalog, last_year(catalog)))
    assert rows_for(agg.view(division), "trend", "DLit100") == [
        ["A", A, AB, "DLit100", DLIT100, 6, 5, 83, 6, 4, 67, -16, False, False]]


def test_enrolment_list_with_names_and_counts_without(catalog):
    assert fiscal_quarter("2026-11-15") == (2570, 1) and fiscal_quarter("2027-09-30") == (2570, 4)
    columns, counts = table(hr(catalog), "enrolment")
    assert [c.key for c in columns] == ["code", "title_th", "fiscal_year", "quarter", "staff", "suppressed"]
    assert [c.th for c in columns] == ["รหัส", "ทักษะ", "ปีงบประมาณ (พ.ศ.)", "ไตรมาส", "จำนวน (คน)", "ซ่อนตัวเลข"]
    assert counts == [["DLit100", DLIT100, 2570, 1, H, HID], ["DLit100", DLIT100, 2570, 2, H, HID],
                      ["DLit200", DLIT200, 2570, 3, 5, False]]
    named = hr(catalog, anonymise=False)
    rows = table(named, "enrolment")[1]
    assert [(r[0], r[3], r[5], r[7]) for r in rows] == [  # c3 chose coaching, not formal training: not listed
        ("DLit100", 1, "สมชาย หนึ่ง", "กองกลาง"), ("DLit100", 1, "กิตติ เจ็ด", "กองแผนงาน"),
        ("DLit100", 2, "สมหญิง สอง", "กองกลาง"), ("DLit100", 2, "ธนา เก้า", "กองคลัง"),
        ("DLit100", 2, "พรทิพย์ สิบ", "กองคลัง"), ("DLit200", 3, "มาลี สี่", "กองกลาง"),
        ("DLit200", 3, "สุดา 2", "กองแผนงาน"), ("DLit200", 3, "สุดา 3", "กองแผนงาน"),
        ("DLit200", 3, "สุดา 4", "กองแผนงาน"), ("DLit200", 3, "สุดา 5", "กองแผนงาน")]
    from digiskill.core.hr.enrolment import enrolment_table
    assert len(enrolment_table(named, "DLit200")) == 5


def test_filters_by_division_group_stage_and_role(catalog):
    agg = hr(catalog, anonymise=False)
    central = agg.view(Filter(division="กองกลาง"))
    row = central.rows[("A", "DLit100")]
    assert (row.required, row.lacking) == (6, 4) and central.staff_by_group == {"A": 6}
    assert agg.view(Filter(group="S")).staff_by_role == {"S2": 3}
    assert agg.view(Filter(role="A2", division="กองแผนงาน")).rows[("A", "DLit200")].lacking == 4
    assert len(agg.view(Filter(stage="developing")).staff) == 14
    assert Filter.from_dict({"division": "", "group": ""}) == Filter(division="")


def test_agency_threshold_raises_suppression_and_divisions_order_the_tables(catalog, tmp_path):
    text = (ROOT / "examples" / "agencies" / "developing-data" / "agency.yaml").read_text(encoding="utf-8")
    path = tmp_path / "agency.yaml"
    path.write_text(text + "\ndivisions: [กองแผนงาน, กองกลาง, กองคลัง]\nprivacy_threshold: 6\n", encoding="utf-8")
    agency_catalog = load_agency(path, catalog)
    assert agency_catalog.agency.divisions == ("กองแผนงาน", "กองกลาง", "กองคลัง")
    agg = aggregate(agency_catalog, this_year(agency_catalog))
    agg.headcount = read_headcount(HEADCOUNT_CSV, agency_catalog)
    coverage = table(agg, "coverage")[1]
    assert [r[0] for r in coverage][3:] == ["กองแผนงาน", "กองแผนงาน", "กองกลาง", "กองกลาง", "กองคลัง", "กองคลัง"]
    assert coverage[3][4] is None and coverage[3][-1]  # 5 staff in กองแผนงาน: below a threshold of 6
    assert rows_for(agg, "progress", "DLit200")[0][5] is None


@pytest.mark.parametrize("extra, where, expected", [
    ("privacy_threshold: 3", "privacy_threshold", "a whole number of staff from 5 to 100"),
    ("divisions: [กองกลาง, กองกลาง]", "divisions[1]", "listed twice (first at divisions[0])"),
    ("divisions: [Finance]", "divisions[0]", "a division's name in Thai"),
])
def test_agency_division_settings_errors_name_line_and_key(catalog, tmp_path, extra, where, expected):
    text = (ROOT / "examples" / "agencies" / "developing-data" / "agency.yaml").read_text(encoding="utf-8")
    path = tmp_path / "agency.yaml"
    path.write_text(text + "\n" + extra + "\n", encoding="utf-8")
    with pytest.raises(OverlayError) as err:
        load_agency(path, catalog)
    message = str(err.value)
    line = len((text + "\n").splitlines()) + 1
    assert f"agency.yaml:{line}: {where}" in message and expected in message


@pytest.mark.parametrize("bad, expected", [
    ("division,headcount\r\nกองกลาง,3\r\n", "the header has no column group"),
    ("group,headcount\r\nA,3\r\nZ,4\r\n", "headcount.csv:3: group: 'Z' is not a group code"),
    ("group,headcount\r\nA,สาม\r\n", "headcount.csv:2: headcount: 'สาม' is not a whole number"),
    ("group,division,headcount\r\nA,กองกลาง,3\r\nA,กองกลาง,4\r\n", "headcount.csv:3: group: group A in กองกลาง is listed twice"),
])
def test_headcount_csv_errors(catalog, bad, expected):
    with pytest.raises(HeadcountError) as err:
        read_headcount(bad, catalog)
    assert expected in str(err.value)
    assert all(p["message_th"] for p in err.value.as_json()["errors"])


@pytest.fixture()
def staff_dirs(tmp_path, catalog):
    now, old = tmp_path / "2570", tmp_path / "2569"
    for folder, files in ((now, this_year(catalog)), (old, last_year(catalog))):
        folder.mkdir()
        for name, text in files:
            (folder / name).write_text(text, encoding="utf-8")
    (tmp_path / "headcount.csv").write_text(HEADCOUNT_CSV, encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize("kind", ["gaps", "coverage", "progress", "trend", "enrolment"])
def test_cli_tables_equal_the_core_tables(staff_dirs, catalog, tmp_path, monkeypatch, kind):
    monkeypatch.chdir(ROOT)
    out = tmp_path / f"{kind}.csv"
    assert main(["aggregate", str(staff_dirs / "2570"), "--headcount", str(staff_dirs / "headcount.csv"),
                 "--last-year", str(staff_dirs / "2569"), "--table", kind, "--out", str(out)]) == 0
    assert out.read_bytes() == table_csv(hr(catalog), kind)
    text = out.read_bytes().decode("utf-8-sig")
    assert ".json" not in text and "สมชาย" not in text  # no file names; names dropped by default


@pytest.mark.parametrize("kind", ["gaps", "coverage", "progress", "trend", "enrolment"])
def test_the_pages_downloads_are_the_clis_bytes(staff_dirs, catalog, tmp_path, monkeypatch, kind):
    from digiskill.core.worker.hr_session import HrSession
    from test_aggregate import packed

    monkeypatch.chdir(ROOT)
    out = tmp_path / f"{kind}.csv"
    assert main(["aggregate", str(staff_dirs / "2570"), "--headcount", str(staff_dirs / "headcount.csv"),
                 "--last-year", str(staff_dirs / "2569"), "--table", kind, "--out", str(out)]) == 0
    session = HrSession(json.dumps({"schema_version": 1, **catalog.to_dict()}, ensure_ascii=False))
    session.hr_headcount(HEADCOUNT_CSV)
    session.hr_last_year(*packed(last_year(catalog)))
    assert json.loads(session.aggregate(*packed(this_year(catalog)), True))["ok"]
    assert session.hr_csv(kind, "*") == out.read_bytes()


def test_change_points_is_the_difference_of_the_percents_as_shown():
    """Decided (docs/hr-tables.md): each year's share is rounded to a whole percent first, then subtracted, so the
    three columns agree on screen."""
    from digiskill.core.hr.trend import TrendRow

    def change(before, now):
        return TrendRow("A", "X", "ability", "", before, now).change

    assert change((8, 1), (1000, 134)) == 0  # 12.5 % → 13, 13.4 % → 13: 0 (unrounded: 0.9 points)
    assert change((1000, 124), (1000, 135)) == 2  # 12.4 % → 12, 13.5 % → 14: 2 (unrounded: 1.1 points)
    assert change((8, 1), None) is None and change((), (8, 1)) is None


def test_the_plan_workbook_is_typed_thai_and_prints_a4_landscape(catalog):
    from digiskill.core.hr.coverage import COVERAGE_COLUMNS

    book = openpyxl.load_workbook(io.BytesIO(org_plan_xlsx(hr(catalog))))
    sheet = book["ความครอบคลุม"]
    rows = list(sheet.iter_rows(min_row=1, max_row=4))
    assert [c.value for c in rows[0]] == [c.th for c in COVERAGE_COLUMNS]
    assert [c.value for c in rows[1]] == ["ทั้งหมด", "A", A, 13, 11, 0.85, 4, 0.36, 3, 0.27, None]
    assert [c.data_type for c in rows[1][3:10]] == ["n"] * 7  # numbers stay numbers: SUM and pivots work
    assert [c.number_format for c in rows[1][3:10]] == ["General", "General", "0%", "General", "0%", "General", "0%"]
    assert [c.value for c in rows[2]] == ["ทั้งหมด", "S", S, 4, None, None, None, None, None, None, "ซ่อน"]
    values = [c.value for ws in book.worksheets for row in ws.iter_rows() for c in row]
    assert "< 5" not in " ".join(str(v) for v in values) and "(< 5%)" not in " ".join(str(v) for v in values)
    for ws in book.worksheets[1:]:  # every count and percent column holds numbers or nothing, on every sheet
        head = [c.value for c in next(ws.iter_rows(max_row=1))]
        numeric = [i for i, h in enumerate(head) if h and h.endswith(("(คน)", "(%)", ")", "(จุดร้อยละ)"))
                   and "(" in h and not h.startswith("ซ่อน")]
        assert numeric, ws.title
        for row in ws.iter_rows(min_row=2):
            if row[0].value == "อ่านตารางนี้อย่างไร":
                break
            for i in numeric:
                assert row[i].value is None or (row[i].data_type == "n" and not isinstance(row[i].value, str)), \
                    (ws.title, head[i], row[i].value)
                if head[i].startswith(("ยังไม่มี (%)", "ตอบแล้ว (%")) or "(% ของ" in head[i] or head[i].endswith("(%)"):
                    assert row[i].value is None or (row[i].number_format == "0%" and 0 <= row[i].value <= 1)
    for ws in book.worksheets[1:]:  # every table sheet says how to read it, under the table
        texts = [c.value for row in ws.iter_rows() for c in row if isinstance(c.value, str)]
        assert "อ่านตารางนี้อย่างไร" in texts and any("% ของ" in t or "ร้อยละ" in t for t in texts), ws.title
        assert ws.print_title_rows == "$1:$1", ws.title
    for ws in book.worksheets:
        assert int(ws.page_setup.paperSize) == 9 and ws.page_setup.orientation == "landscape"
        assert ws.page_setup.fitToWidth == 1 and ws.page_setup.fitToHeight == 0
        assert ws.sheet_properties.pageSetUpPr.fitToPage
        assert {c.font.name for row in ws.iter_rows() for c in row if c.value is not None} == {"TH Sarabun New"}


def test_cli_filters_and_enrolment_for_one_unit_with_names(staff_dirs, tmp_path, monkeypatch):
    monkeypatch.chdir(ROOT)
    out = tmp_path / "enrol.csv"
    assert main(["aggregate", str(staff_dirs / "2570"), "--keep-names", "--table", "enrolment", "--unit", "DLit100",
                 "--division", "กองกลาง", "--out", str(out)]) == 0
    rows = list(csv.DictReader(io.StringIO(out.read_bytes().decode("utf-8-sig"))))
    assert [(r["ชื่อ-สกุล"], r["ปีงบประมาณ (พ.ศ.)"], r["ไตรมาส"], r["วันที่เป้าหมาย"], r["วิธีการแบบเป็นทางการ"])
            for r in rows] == [("สมชาย หนึ่ง", "2570", "1", "15 พฤศจิกายน 2569", CLASSROOM),
                               ("สมหญิง สอง", "2570", "2", "10 กุมภาพันธ์ 2570", CLASSROOM)]
    assert main(["aggregate", str(staff_dirs / "2570"), "--keep-names", "--table", "enrolment", "--unit", "DLit100",
                 "--division", "กองกลาง", "--keys", "--out", str(out)]) == 0
    rows = list(csv.DictReader(io.StringIO(out.read_bytes().decode("utf-8-sig"))))
    assert [(r["name"], r["target_date"], r["formal_methods"]) for r in rows] == [
        ("สมชาย หนึ่ง", "2026-11-15", "classroom"), ("สมหญิง สอง", "2027-02-10", "classroom")]
    assert main(["aggregate", str(staff_dirs / "2570"), "--group", "Q", "--out", str(out)]) == 2


def test_zip_gives_the_same_result_as_the_folder_and_guards_against_bombs(staff_dirs, tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(ROOT)
    archive = tmp_path / "staff.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zf:
        for path in sorted((staff_dirs / "2570").iterdir()):
            zf.write(path, f"inner/{path.name}")
        zf.writestr("notes.txt", "not a staff file")
        zf.writestr("huge.json", " " * 1_500_000)  # larger than an answers file may be: set aside
    from_zip, from_folder = tmp_path / "zip.csv", tmp_path / "folder.csv"
    assert main(["aggregate", str(archive), "--out", str(from_zip)]) == 0
    err = capsys.readouterr().err
    assert "set aside huge.json" in err and "skipped" in err and "notes.txt" in err
    assert main(["aggregate", str(staff_dirs / "2570"), "--out", str(from_folder)]) == 0
    assert from_zip.read_bytes() == from_folder.read_bytes()

    from digiskill.core.hr import zip_input
    monkeypatch.setattr(zip_input, "MAX_TOTAL_BYTES", 1_000_000)  # the bomb guard, at a size a test can build
    assert main(["aggregate", str(archive), "--out", str(from_zip)]) == 2
    assert "a zip bomb?" in capsys.readouterr().err
    (tmp_path / "not.zip").write_bytes(b"PK not really")
    assert main(["aggregate", str(tmp_path / "not.zip"), "--out", str(from_zip)]) == 2


def test_many_files_read_in_worker_processes_give_the_same_bytes(catalog, tmp_path):
    from digiskill.core.hr.aggregate import combine
    from digiskill.cli.staff_reading import gather, read_all
    from staff_files import staff_files

    folder = tmp_path / "many"
    folder.mkdir()
    for name, text in staff_files(catalog, 2_100, seed=3):
        (folder / name).write_text(text, encoding="utf-8")
    tasks, _skipped, _rejected = gather([str(folder)])
    parallel = combine(catalog, read_all(catalog, tasks, processes=2))
    single = combine(catalog, read_all(catalog, tasks, processes=1))
    assert table_csv(parallel, "gaps") == table_csv(single, "gaps")
    assert [r.file for r in parallel.rejected] == [r.file for r in single.rejected] and parallel.used == 2_100


def test_plan_draft_has_coverage_trend_progress_and_smart_goals(catalog):
    book = openpyxl.load_workbook(io.BytesIO(org_plan_xlsx(hr(catalog))))
    assert {"ความครอบคลุม", "ความก้าวหน้า", "เทียบปีที่แล้ว"} <= set(book.sheetnames)
    text = " ".join(str(v) for ws in book.worksheets for row in ws.iter_rows(values_only=True) for v in row if v)
    assert "ความครอบคลุมของการประเมิน" in text and "เทียบกับปีที่แล้ว" in text and "ความก้าวหน้าตามแผนพัฒนา" in text
    assert "-35" in text  # A · DLit100: 80 % last year, 45 % now
    assert "ปีที่แล้วยังไม่มีร้อยละ 80" in text  # the SMART goal draft for A·DLit100 cites last year
    assert ".json" not in text and "สมชาย" not in text
    assert "< 5" not in text and "ซ่อน" in text


def test_a_headcount_row_without_a_division_counts_for_the_agency_only(catalog):
    """`A,,13` is group A's agency-wide headcount (the README's rule): it must not also become the headcount of
    "ไม่ระบุส่วนราชการ" — a phantom row of 13 staff who did not respond, though all did under their division (#24)."""
    agg = hr(catalog)
    agg.headcount = read_headcount("group,division,headcount\nA,,13\nS,,4\nA,กองกลาง,8\nA,กองแผนงาน,5\n"
                                   "S,กองคลัง,4\n", catalog)
    rows = table(agg, "coverage")[1]
    assert [r for r in rows if r[0] == "ไม่ระบุส่วนราชการ"] == []
    assert rows[0][:5] == ["ทั้งหมด", "A", A, 13, 11]
    assert [r for r in rows if r[0] == "ทั้งหมด"][-1][3] == 17  # the agency-wide rows add up


def test_last_years_files_set_aside_are_named_with_their_reasons(staff_dirs, tmp_path, monkeypatch, capsys):
    """Like this year's, each of last year's unusable files is named with why, not only counted (#24)."""
    monkeypatch.chdir(ROOT)
    (staff_dirs / "2569" / "broken.json").write_text('{"format": "digiskill-assessment", "schema', encoding="utf-8")
    assert main(["aggregate", str(staff_dirs / "2570"), "--last-year", str(staff_dirs / "2569"),
                 "--out", str(tmp_path / "gaps.csv")]) == 0
    said = capsys.readouterr().err
    assert "last year: set aside broken.json: ไฟล์นี้ไม่ครบ" in said, said
