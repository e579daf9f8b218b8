"""The gap-analysis page's replies (core/worker/hr_calls.py, core/hr/tables.py): every table is Python's, read from
the CSV tables by column name; every call answers in the page_reply shape, and an error nobody planned for becomes
the page's Thai message with the traceback in `detail`, never in the message."""
from __future__ import annotations

import json

import pytest

from hr_staff_files import HEADCOUNT_CSV, last_year, this_year
from test_aggregate import packed


@pytest.fixture
def session(catalog):
    from digiskill.core.worker.hr_session import HrSession

    return HrSession(json.dumps({"schema_version": 1, **catalog.to_dict()}, ensure_ascii=False))


@pytest.fixture
def analysed(session, catalog):
    session.hr_headcount(HEADCOUNT_CSV)
    session.hr_last_year(*packed(last_year(catalog)))
    assert json.loads(session.aggregate(*packed(this_year(catalog)), True))["ok"]
    return session


def test_every_table_is_headers_and_display_rows(analysed):
    view = json.loads(analysed.hr_view(json.dumps({"division": "*"})))
    assert view["ok"] and view["problems"] == []
    tables = {t["id"]: t for t in view["tables"]}
    assert {"coverage", "by-group", "by-role", "top-gaps", "gap-table", "progress", "trend", "enrolment",
            "methods"} <= set(tables)
    for t in (t for t in tables.values() if t["headers"]):
        assert all(len(row) == len(t["headers"]) == len(t["kinds"]) for row in t["rows"]), t["id"]
        for row in t["rows"]:  # numbers and whole percents stay numbers (or empty where hidden), never "< 5"
            assert all(isinstance(v, (int, float)) or v == "" for v, k in zip(row, t["kinds"]) if k in ("number", "percent"))
            assert all(v in ("ซ่อน", "") for v, k in zip(row, t["kinds"]) if k == "marker")
        percent_headers = [h for h, k in zip(t["headers"], t["kinds"]) if k == "percent"]
        assert all("%" in h for h in percent_headers), t["id"]  # the header says what the number is
        if t["id"] not in ("rejected", "by-role"):  # by-role sits under by-group and its notes
            assert t["howto"]["title_th"] == "อ่านตารางนี้อย่างไร" and t["howto"]["lines_th"], t["id"]
    assert tables["coverage"]["rows"][0][:5] == ["ทั้งหมด", "ผู้ทำงานด้านนโยบายและงานวิชาการ", 13, 11, 85]


@pytest.mark.parametrize("kind, shown", [("gaps", "gap-table"), ("coverage", "coverage"), ("progress", "progress"),
                                         ("trend", "trend"), ("enrolment", "enrolment")])
def test_the_page_shows_the_downloads_own_headers_and_cells(analysed, kind, shown):
    """What HR sees is what HR downloads: each page table is the CSV's columns (less a group code the next column
    spells out), header for header and cell for cell."""
    import csv
    import io

    table = next(t for t in json.loads(analysed.hr_view("{}"))["tables"] if t["id"] == shown)
    parsed = list(csv.reader(io.StringIO(analysed.hr_csv(kind, "*").decode("utf-8-sig"))))
    keep = [parsed[0].index(h) for h in table["headers"]]
    assert len(keep) >= len(parsed[0]) - 1 and table["rows"]
    assert [[str(v) for v in row] for row in table["rows"]] == [[row[i] for i in keep] for row in parsed[1:]]


def test_an_unexpected_error_in_an_hr_call_is_a_thai_message_with_the_details_apart(analysed, monkeypatch):
    from digiskill.core.worker import hr_calls

    def broken(*args, **kwargs):
        raise ZeroDivisionError("forced for the test")

    monkeypatch.setattr(hr_calls, "page_view", broken)
    answer = json.loads(analysed.hr_view(json.dumps({"group": "A"})))
    assert answer["ok"] is False
    assert [p["message_th"] for p in answer["problems"]] == [hr_calls.UNEXPECTED_TH]
    assert answer["problems"][0]["code"] == "internal_error"
    assert "Traceback" in answer["detail"] and "forced for the test" in answer["detail"]
    assert "Traceback" not in json.dumps(answer["problems"], ensure_ascii=False)

    monkeypatch.setattr(hr_calls, "table_csv", broken)  # a file call: the reply's text in place of the bytes
    answer = analysed.hr_csv("gaps", "*")
    assert isinstance(answer, str) and json.loads(answer)["problems"][0]["message_th"] == hr_calls.UNEXPECTED_TH


def test_calls_before_any_files_say_what_to_do(session):
    for answer in (session.hr_view("{}"), session.hr_csv("gaps", ""), session.org_plan_docx(), session.gaps_csv(),
                   session.hr_download("hr_csv", "gaps"), session.hr_table("enrolment", "*")):
        reply = json.loads(answer)
        assert reply["ok"] is False and reply["problems"][0]["code"] == "no_files", answer


def test_problems_of_a_file_hr_gave_name_the_line_and_the_control(session):
    answer = json.loads(session.hr_headcount("group,division,headcount\nA,กองกลาง,8\nZ,กองคลัง,4\n"))
    assert answer["ok"] is False
    assert [(p["field"], p["message_th"].startswith("บรรทัด 3: ")) for p in answer["problems"]] == [("headcount", True)]
    answer = json.loads(session.hr_headcount("group,division,headcount\nA,,²\n"))  # "²".isdigit(), int("²") fails
    assert answer["ok"] is False and answer["problems"][0]["code"] == "bad_headcount"
    answer = json.loads(session.hr_last_year(*packed([("last.csv", "group,code,staff_required,staff_lacking\n"
                                                                   "A,DLit100,²,1\n")])))
    assert answer["ok"] is False and answer["problems"][0]["field"] == "last-year"


def test_downloads_are_named_by_python(analysed, monkeypatch):
    import datetime

    from digiskill.core.worker import hr_calls

    monkeypatch.setattr(hr_calls, "today", lambda: datetime.date(2026, 3, 5))
    assert json.loads(analysed.hr_download("hr_csv", "gaps"))["download"] == {
        "name": "gap-analysis-2569-03-05.csv", "type": "text/csv"}
    assert json.loads(analysed.hr_download("org_plan_xlsx"))["download"]["name"] == "org-plan-2569-03-05.xlsx"
    assert json.loads(analysed.hr_download("hr_csv", "nothing"))["problems"][0]["code"] == "unknown_file"
