"""The self-assessment page's state in Python (core/worker/staff_page.py, staff_draw.py), driven by events as
page-kit.js sends them: no browser needed, so these run in quick mode."""
from __future__ import annotations

import json

import pytest

from cycle_files import reviewed_year
from digiskill.catalog.export import export_json
from digiskill.core.worker.assessment_session import AssessmentSession
from digiskill.core.worker.staff_page import StaffPage


@pytest.fixture
def page(catalog):
    page = StaffPage(catalog)
    page.start(None, "[]")
    return page


def send(page, **event) -> dict:
    return json.loads(page.event(json.dumps(event, ensure_ascii=False)))


def stored(reply: dict) -> dict:
    return json.loads(reply["store"])


def test_answers_become_plan_lines_in_the_roles_order(page):
    send(page, path="group", value="A")
    send(page, path="stage", value="early")
    send(page, path="answers/DS300/has", value="no")
    reply = send(page, path="answers/DLit200/has", value="no")
    assert stored(reply)["role"] == "A1"
    assert [item["key"] for item in reply["draw"]["lists"]["plan-lines"]] == ["DLit200", "DS300"]
    assert reply["draw"]["hidden"]["plan-empty"] is True
    reply = send(page, path="answers/DLit200/has", value="yes")
    assert [item["key"] for item in reply["draw"]["lists"]["plan-lines"]] == ["DS300"]


def test_plan_fields_methods_and_priority(page):
    send(page, path="group", value="A")
    send(page, path="stage", value="early")
    send(page, path="answers/DS300/has", value="no")
    send(page, path="plan/DS300/methods", value="coaching", checked=True)
    send(page, path="plan/DS300/methods", value="classroom", checked=True)
    send(page, path="plan/DS300/methods", value="coaching", checked=False)
    send(page, path="plan/DS300/goal", value="ออกแบบบริการ")
    reply = send(page, path="plan/DS300/priority", value="120")
    assert reply["problems"][0]["field"] == "plan/DS300/priority" and "1 ถึง 99" in reply["problems"][0]["message_th"]
    line = stored(send(page, path="plan/DS300/priority", value="2"))["plan"]["DS300"]
    assert line["methods"] == ["classroom"] and line["goal"] == "ออกแบบบริการ" and line["priority"] == 2


@pytest.mark.parametrize("typed,kept,says", [("2026", 2569, "ค.ศ."), ("2570", 2570, None), ("99999", 2570, "ไม่ถูกต้อง"),
                                             ("สองพัน", 2570, "ตัวเลขปี พ.ศ.")])
def test_the_fiscal_year_takes_the_buddhist_era_and_converts_a_common_era_year(page, typed, kept, says):
    send(page, path="period/fiscal_year", value="2570")
    reply = send(page, path="period/fiscal_year", value=typed)
    assert stored(reply)["period"]["fiscal_year"] == kept
    assert reply["draw"]["fields"] == {"period/fiscal_year": kept}  # drawn back: the field shows what is kept
    if says:
        [said] = reply["problems"]
        assert said["field"] == "period/fiscal_year" and says in said["message_th"] and "period" not in said["message_th"]
    else:
        assert reply["problems"] == []


def test_a_new_file_starts_in_this_fiscal_year(catalog, monkeypatch):
    import datetime

    from digiskill.core.worker import staff_page
    for day, year in ((datetime.date(2026, 9, 30), 2569), (datetime.date(2026, 10, 1), 2570)):
        monkeypatch.setattr(staff_page, "today", lambda day=day: day)
        page = StaffPage(catalog)
        assert stored(json.loads(page.start(None, "[]")))["period"]["fiscal_year"] == year


def test_the_agreed_plan_is_read_only_and_its_answers_too(page):
    data = reviewed_year()
    send(page, action="import", text=json.dumps(data, ensure_ascii=False), confirmed=True)
    refused = send(page, path="plan/DLit200/goal", value="เปลี่ยนเอง")
    assert refused["problems"][0]["field"] == "plan/DLit200/goal" and "ตกลงกับผู้บังคับบัญชาแล้ว" in \
        refused["problems"][0]["message_th"]
    refused = send(page, path="answers/DS300/has", value="yes")
    assert refused["problems"][0]["field"] == "answers/DS300/has"
    assert stored(refused)["plan"] == data["plan"] and stored(refused)["answers"] == data["answers"]
    assert refused["draw"]["fields"] == {"answers/DS300/has": "no"}  # the radio is put back
    items = {i["key"]: i for i in refused["draw"]["lists"]["plan-lines"]}
    assert items["DLit200"]["readonly"] and items["DLit200"]["fields"]["priority"] == 1  # as agreed
    assert items["DLit200"]["slots"]["own"].startswith("ข้อเสนอเดิมของท่าน: ลำดับ 2")
    assert refused["draw"]["locked"]["answers/DS300/has"] is True


def test_import_asks_before_replacing_answers_and_a_bad_file_changes_nothing(page):
    send(page, path="group", value="A")
    send(page, path="stage", value="early")
    before = stored(send(page, path="answers/DLit100/has", value="yes"))
    asked = send(page, action="import", text=json.dumps(reviewed_year(), ensure_ascii=False))
    assert asked["confirm"]["event"]["confirmed"] is True and "store" not in asked
    bad = send(page, action="import", text="{not json", confirmed=True)
    assert not bad["ok"] and bad["problems"][0]["message_th"].startswith("นำเข้าไม่ได้")
    assert {**stored(bad), "saved_at": ""} == {**before, "saved_at": ""} and stored(bad)["saved_at"] == \
        before["saved_at"]  # not even the time moved


def test_events_given_before_python_was_ready_are_replayed_in_order(catalog):
    page = StaffPage(catalog)
    pending = [{"path": "group", "value": "O"}, {"path": "stage", "value": "early"},
               {"path": "answers/DLit100/has", "value": "no"}, {"path": "plan/DLit100/goal", "value": "ก"},
               {"path": "plan/DLit100/goal", "value": "กข"}, {"action": "download", "kind": "docx"}, 7]
    reply = json.loads(page.start(None, json.dumps(pending)))
    assert stored(reply)["plan"]["DLit100"]["goal"] == "กข"
    assert reply["download"]["name"].endswith(".docx")  # the button pressed early is answered too
    assert [p["code"] for p in reply["problems"]] == ["unknown_action"]  # a broken event is refused, not fatal


def test_a_damaged_draft_is_kept_as_a_backup_and_the_sound_part_used(catalog):
    page = StaffPage(catalog)
    draft = json.dumps({**reviewed_year(), "mission": "a\x01"}, ensure_ascii=False)
    reply = json.loads(page.start(draft, "[]"))
    assert reply["backup"]["text"] == draft and reply["problems"][0]["code"] == "damaged_draft"
    assert [p["field"] for p in reply["problems"][1:]] == ["mission"]
    assert "mission" not in reply["problems"][1]["message_th"] and "ภารกิจ" in reply["problems"][1]["message_th"]


def test_next_year_carries_open_lines_and_the_year(page):
    reply = send(page, action="next-year", text=json.dumps(reviewed_year(), ensure_ascii=False), confirmed=True)
    data = stored(reply)
    assert data["period"]["fiscal_year"] == 2571 and data["history"][-1]["fiscal_year"] == 2570
    assert reply["draw"]["text"]["baseline-dlit100"].startswith("ปีที่แล้ว (2570): ")


def test_file_names_say_whose_file_and_which_step(page):
    send(page, path="group", value="A")
    send(page, path="stage", value="early")
    send(page, path="person/name", value="สมชาย  ใจดี")
    send(page, path="period/fiscal_year", value="2570")
    assert send(page, action="download", kind="json")["download"]["name"] == "idp-สมชาย-ใจดี-a1-2570-ร่าง.json"
    send(page, action="import", text=json.dumps(reviewed_year(progress=[]), ensure_ascii=False), confirmed=True)
    assert send(page, action="download", kind="docx")["download"]["name"].endswith("-a1-2570-ตกลงแล้ว.docx")
    send(page, action="progress-new")
    assert send(page, action="download", kind="progress-xlsx")["download"]["name"].startswith("idp-ความก้าวหน้า-")


def test_an_unexpected_error_is_a_thai_message_with_the_details_apart(catalog):
    session = AssessmentSession(export_json(catalog).decode("utf-8"))
    session.start(None, "[]")
    reply = json.loads(session.event("[1, 2"))  # not JSON: json.loads raises inside the call
    assert reply["ok"] is False and "ขัดข้อง" in reply["problems"][0]["message_th"]
    assert "Traceback" in reply["detail"] and "Traceback" not in reply["problems"][0]["message_th"]
    assert json.loads(session.file("nothing-such"))["ok"] is False  # a file call: the reply's text, not bytes


def test_each_change_asks_for_the_slower_parts_after_a_quiet_moment(page):
    """The plan preview and the skill shape come from `refresh`: every reply to a change says to ask for them."""
    reply = send(page, path="group", value="A")
    assert reply["later"] is True
    send(page, path="stage", value="early")
    send(page, path="answers/DLit200/has", value="no")
    assert "<table" in json.loads(page.refresh())["draw"]["html"]["ds-preview"]


@pytest.mark.parametrize("parts,stored,kind,says", [
    ({"day": "31", "month": "3", "year": "2570"}, "2027-03-31", None, ""),
    ({"day": "31", "month": "3", "year": "2027"}, "2027-03-31", "info", "ปี 2027 เป็นปี ค.ศ. จึงแปลงเป็นปี พ.ศ. 2570"),
    ({"day": "31", "month": "3", "year": "257"}, "", "info", "ปี พ.ศ. 4 หลัก"),
    ({"day": "", "month": "", "year": "2570"}, "", "info", "เลือกวันและเดือนด้วย"),
    ({"day": "30", "month": "2", "year": "2570"}, "", "error", "ไม่มีวันที่ 30 กุมภาพันธ์ 2570 ในปฏิทิน"),
    ({"day": "1", "month": "1", "year": "3000"}, "", "error", "ไม่ใช่ปี พ.ศ. ที่ใช้ได้"),
])
def test_a_date_is_typed_as_day_month_and_buddhist_era_year(page, parts, stored, kind, says):
    send(page, path="group", value="A")
    send(page, path="stage", value="early")
    send(page, path="answers/DS300/has", value="no")
    reply = send(page, path="plan/DS300/target_date/year", value=parts["year"], together=parts)
    data = json.loads(reply["store"])
    assert data["plan"].get("DS300", {}).get("target_date", "") == stored
    said = [p for p in reply["problems"] if p["field"] == "plan/DS300/target_date"]
    assert [p["kind"] for p in said] == ([kind] if kind else [])
    assert all(says in p["message_th"] for p in said)
    if stored:  # the plan line shows the date as day, month and พ.ศ. year
        line = next(i for i in reply["draw"]["lists"]["plan-lines"] if i["key"] == "DS300")
        assert (line["fields"]["target_date/day"], line["fields"]["target_date/year"]) == ("31", "2570")


def test_a_progress_review_carries_its_own_date_within_the_plan_period(catalog, monkeypatch):
    import datetime

    from digiskill.core.worker import staff_page
    monkeypatch.setattr(staff_page, "today", lambda: datetime.date(2027, 4, 20))
    page = StaffPage(catalog)
    page.start(json.dumps(reviewed_year(progress=[]), ensure_ascii=False), "[]")
    send(page, action="progress-new")
    outside = send(page, path="progress-date/year", together={"day": "5", "month": "10", "year": "2570"})
    assert outside["problems"][0]["field"] == "progress-date" and "1 ตุลาคม 2569 ถึง 30 กันยายน 2570" in \
        outside["problems"][0]["message_th"]
    assert json.loads(outside["store"])["progress"][-1]["date"] == "2027-04-20"  # today's, kept
    reply = send(page, path="progress-date/month", together={"day": "2", "month": "4", "year": "2570"})
    assert json.loads(reply["store"])["progress"][-1]["date"] == "2027-04-02"
    assert reply["draw"]["text"]["progress-heading"] == "การทบทวนครั้งที่ 1 (2 เมษายน 2570)"


def test_the_idp_may_leave_the_self_assessment_annex_out(catalog):
    """"Word ไม่แนบผลประเมินรายทักษะ" (plan-docx) is the IDP without its annex; docx keeps it; same file name."""
    import io

    import docx

    page = StaffPage(catalog)
    page.start(json.dumps(reviewed_year(), ensure_ascii=False), "[]")
    with_annex = send(page, action="download", kind="docx")["download"]
    without = send(page, action="download", kind="plan-docx")["download"]
    assert with_annex["name"] == without["name"] and without["name"].endswith(".docx")

    def texts(kind):
        return " ".join(p.text for p in docx.Document(io.BytesIO(page.file(kind))).paragraphs)
    assert "ภาคผนวก" in texts("docx") and "ภาคผนวก" not in texts("plan-docx")
