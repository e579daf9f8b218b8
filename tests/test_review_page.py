"""The supervisor's review page in Python (core/worker/review_page.py): its events, rules and replies."""
from __future__ import annotations

import json

from cycle_files import reviewed_year
from digiskill.core.worker.review_page import ReviewPage
from digiskill.core.worker.review_session import ReviewSession

STAFF = {"format": "digiskill-assessment", "schema_version": 2,
         "framework": {"id": "ocsc-2561", "data_version": "2561.1"}, "role": "A1",
         "person": {"name": "นายทดสอบ ใจดี"}, "period": {"fiscal_year": 2570},
         "answers": {"DLit200": {"has": False}, "DS300": {"has": False}},
         "plan": {"DLit200": {"priority": 2, "methods": ["classroom"], "target_date": "2027-03-31",
                              "goal": "วิเคราะห์ข้อมูลงาน", "indicator": "รายงานเสร็จในครึ่งวัน", "support": "ขอเวลาเรียน"},
                  "DS300": {"priority": 1, "methods": ["coaching"]}}}


def text(data) -> str:
    return json.dumps(data, ensure_ascii=False)


def opened(catalog, data=STAFF) -> ReviewPage:
    page = ReviewPage(catalog)
    page.start(None)
    answer = json.loads(page.event(text({"action": "open", "text": text(data)})))
    assert answer["ok"], answer["problems"]
    return page


def send(page, **event) -> dict:
    return json.loads(page.event(text(event)))


def test_nothing_open_draws_an_empty_page_and_stores_nothing(catalog):
    answer = json.loads(ReviewPage(catalog).start(None))
    assert answer["ok"] and answer["store"] == "" and answer["draw"]["hidden"]["review-form"] is True


def test_opening_a_staff_file_shows_what_the_staff_member_proposed(catalog):
    page = ReviewPage(catalog)
    page.start(None)
    answer = send(page, action="open", text=text(STAFF))
    assert answer["problems"][0]["message_th"] == "เปิดแผนของ นายทดสอบ ใจดี แล้ว"
    draw = answer["draw"]
    assert draw["hidden"]["review-form"] is False and "บทบาท A1" in draw["text"]["who"]
    lines = {item["key"]: item for item in draw["lists"]["lines"]}
    assert [item["key"] for item in draw["lists"]["lines"]] == ["DS300", "DLit200"]  # in the staff member's order
    slots = lines["DLit200"]["slots"]
    assert "ลำดับ 2" in slots["proposed"] and "31 มีนาคม 2570" in slots["proposed"]
    assert slots["indicator"] == "ตัวชี้วัดความสำเร็จ: รายงานเสร็จในครึ่งวัน"
    assert slots["support"] == "การสนับสนุนที่ขอ: ขอเวลาเรียน" and lines["DS300"]["hidden"]["goal"] is True
    assert lines["DLit200"]["hidden"]["changes"] is True  # the changes show only for a changed line
    stored = json.loads(answer["store"])
    assert stored["review"]["role_decision"] == "" and stored["plan"]["DLit200"]["goal"] == "วิเคราะห์ข้อมูลงาน"


def test_a_file_that_fails_the_check_changes_nothing(catalog):
    page = opened(catalog)
    answer = send(page, action="open", text="{}")
    assert not answer["ok"] and "ไม่เปลี่ยนแปลง" in answer["problems"][0]["message_th"]
    assert json.loads(answer["store"])["person"]["name"] == "นายทดสอบ ใจดี"


def test_opening_another_file_asks_first(catalog):
    page = opened(catalog)
    other = {**STAFF, "person": {"name": "นางอื่น"}}
    answer = send(page, action="open", text=text(other))
    assert answer["confirm"]["text_th"].startswith("แทนที่แผนที่กำลังพิจารณา") and "store" not in answer
    answer = json.loads(page.event(text(answer["confirm"]["event"])))
    assert json.loads(answer["store"])["person"]["name"] == "นางอื่น"


def test_reset_asks_first_and_then_clears(catalog):
    page = opened(catalog)
    answer = send(page, action="reset")
    assert "confirm" in answer
    answer = json.loads(page.event(text(answer["confirm"]["event"])))
    assert answer["store"] == "" and answer["draw"]["hidden"]["review-form"] is True


def test_review_fields_and_what_shows(catalog):
    page = opened(catalog)
    assert send(page, path="role_decision", value="proposed")["draw"]["hidden"]["proposal"] is False
    send(page, path="proposed_role", value="A2")
    send(page, path="reason", value="งานวิเคราะห์มาก")
    assert send(page, path="multi_group", value="on", checked=True)["draw"]["hidden"]["next-level"] is False
    send(page, path="next_level/name", value="นายเหนือ")
    send(page, path="support", value="หมุนเวียนงาน")
    answer = send(page, path="opinion", value="เห็นชอบ")
    review = json.loads(answer["store"])["review"]
    assert (review["role_decision"], review["proposed_role"], review["reason"], review["multi_group"]) == \
        ("proposed", "A2", "งานวิเคราะห์มาก", True)
    assert review["next_level"]["name"] == "นายเหนือ" and review["support"] == "หมุนเวียนงาน"
    assert not send(page, path="proposed_role", value="Z9")["ok"]
    assert send(page, path="nothing", value="x")["problems"][0]["code"] == "unknown_field"


def test_a_changed_line_starts_from_the_staff_member_s_values_and_methods_fall_back_to_theirs(catalog):
    page = opened(catalog)
    answer = send(page, path="lines/DLit200/decision", value="changed")
    line = next(i for i in answer["draw"]["lists"]["lines"] if i["key"] == "DLit200")
    assert line["hidden"]["changes"] is False and line["hidden"]["methods"] is False
    assert line["fields"] | {"comment": ""} == {"decision": "changed", "priority": 2, "target_date/day": "31",
                                                 "target_date/month": "3", "target_date/year": "2570",
                                                 "methods": ["classroom"], "comment": ""}
    answer = send(page, path="lines/DLit200/methods", value="on-the-job", checked=True)
    assert json.loads(answer["store"])["review"]["lines"]["DLit200"]["methods"] == ["classroom", "on-the-job"]
    answer = send(page, path="lines/DS300/comment", value="ดี")  # a line first touched is agreed
    assert json.loads(answer["store"])["review"]["lines"]["DS300"] == {
        "decision": "agreed", "priority": None, "methods": None, "target_date": "", "comment": "ดี"}
    bad = send(page, path="lines/DLit200/priority", value="500")
    assert not bad["ok"] and bad["problems"][0]["field"] == "lines/DLit200/priority"
    assert send(page, path="lines/DLit999/priority", value="1")["problems"][0]["code"] == "unknown_field"


def test_the_supervisor_is_copied_into_the_progress_review_they_give_feedback_on(catalog):
    page = ReviewPage(catalog)
    answer = json.loads(page.start(text(reviewed_year())))
    assert answer["ok"] and answer["draw"]["hidden"]["progress-part"] is False
    assert "ลดเวลารอเรื่องลงครึ่งหนึ่ง" in answer["draw"]["html"]["progress-latest"]
    send(page, path="supervisor/name", value="นายหัวหน้า")
    send(page, path="feedback", value="ก้าวหน้าดี")
    answer = send(page, path="supervisor/date", value="2027-04-02")
    progress = json.loads(answer["store"])["progress"][-1]
    assert progress["feedback"] == "ก้าวหน้าดี"
    assert progress["supervisor"]["name"] == "นายหัวหน้า" and progress["supervisor"]["date"] == "2027-04-02"
    download = send(page, action="download", kind="json")["download"]
    assert download["name"].endswith("-ทบทวน1-ข้อเสนอแนะ.json")
    assert send(page, action="download", kind="progress-docx")["download"]["name"].endswith(".docx")
    assert page.file("progress-docx")[:2] == b"PK" and page.file("xlsx")[:2] == b"PK"


def test_downloads_are_named_for_whose_file_and_which_step(catalog):
    page = opened(catalog)
    assert send(page, action="download", kind="json")["download"]["name"] == "idp-นายทดสอบ-ใจดี-a1-2570-ตกลงแล้ว.json"
    assert send(page, action="download", kind="progress-xlsx")["problems"]  # no progress review yet
    assert json.loads(page.file("json"))["review"]["role_decision"] == ""
    empty = ReviewPage(catalog)
    assert send(empty, action="download", kind="docx")["problems"][0]["code"] == "no_file"


def test_a_stored_review_python_cannot_use_is_kept_as_a_backup(catalog):
    stored = text({**STAFF, "plan": {"DLit200": {"priority": 500}}})
    answer = json.loads(ReviewPage(catalog).start(stored))
    assert answer["problems"][0]["code"] == "damaged_draft" and answer["backup"]["text"] == stored
    assert any("500" in p["message_th"] for p in answer["problems"][1:])


def test_events_made_before_python_was_ready_are_replayed(catalog):
    page = ReviewPage(catalog)
    answer = json.loads(page.start(text(STAFF), text([{"path": "opinion", "value": "รอ"}])))
    assert json.loads(answer["store"])["review"]["opinion"] == "รอ" and answer["draw"]["fields"]["opinion"] == "รอ"


def test_an_unexpected_error_is_a_thai_message_with_the_traceback_for_the_console(catalog, monkeypatch):
    session = ReviewSession(json.dumps({"schema_version": 1, **catalog.to_dict()}, ensure_ascii=False))
    monkeypatch.setattr(session.page, "_set", lambda *args: 1 / 0)
    session.start(text(STAFF))
    answer = json.loads(session.event(text({"path": "opinion", "value": "x"})))
    assert not answer["ok"] and "ZeroDivisionError" in answer["detail"]
    message = answer["problems"][0]["message_th"]
    assert "ขัดข้อง" in message and "Traceback" not in message and "ZeroDivision" not in message
    assert set(ReviewSession.CALLS) == {"start", "event", "refresh", "file"}


def test_the_review_session_starts_without_the_file_writers_or_the_hr_modules():
    """What the supervisor page imports at start-up is start-up time in the browser: the DOCX/XLSX writers and the
    progress report load when a file is first asked for; nothing of the HR page's."""
    from test_stdlib_core import imported_by
    modules = imported_by("digiskill.core.worker.review_session")
    assert "digiskill.core.worker.review_page" in modules
    later = {f"digiskill.core.{name}" for name in (
        "hr", "worker.hr_calls", "hr.aggregate", "documents.docx_writer", "documents.xlsx_writer",
        "documents.progress_report", "documents.idp_document")}
    assert modules & later == set()
    assert modules & {"urllib.request", "http.client", "email", "xml.sax", "ssl", "html", "html.entities"} == set()


def test_a_problem_in_the_review_is_said_at_its_control_with_its_thai_label():
    from digiskill.core.worker.page_reply import from_checker

    said = from_checker({"code": "bad_date", "path": "review.lines.DLit200.target_date", "message": "m",
                         "message_th": "วันที่ 2027-1 ไม่ถูกต้อง (review.lines.DLit200.target_date)"})
    assert said["field"] == "lines/DLit200/target_date" and "review." not in said["message_th"]
    assert said["label_th"] == "วันที่ทำให้สำเร็จ ของ DLit200"
    assert from_checker({"code": "bad_date", "path": "review.supervisor.date", "message": "m",
                         "message_th": "x"})["field"] == "supervisor/date"


def test_the_supervisor_reviews_the_work_in_future_part_like_the_plan(catalog):
    """The future part (cabinet clause 4.6.2) is shown with what the staff member proposed and reviewed line by line;
    the agreed future line is what the staff page and the IDP then show; a deferred one is listed as deferred."""
    import io

    import docx

    from digiskill.core.cycle.idp import build_idp
    from digiskill.core.cycle.year import future_codes
    from digiskill.core.documents.idp_document import idp_docx
    from digiskill.core.worker.staff_draw import draw as staff_draw

    first, second = future_codes(catalog, "A1", "A2")[:2]
    line = {"priority": 1, "methods": ["coaching"], "target_date": "2027-06-30", "goal": "เตรียมงานระยะถัดไป",
            "indicator": "นำเสนอแผนงานได้", "application": "", "support": "ขอพี่เลี้ยงจากศูนย์เทคโนโลยีสารสนเทศ"}
    page = opened(catalog, {**STAFF, "future": {"role": "A2", "plan": {first: line, second: {**line, "priority": 2}}}})
    answer = send(page, path=f"lines/{first}/decision", value="changed")
    drawn = {i["key"]: i for i in answer["draw"]["lists"]["future-lines"]}
    assert list(drawn) == [first, second] and answer["draw"]["hidden"]["future-part"] is False
    assert drawn[first]["slots"]["support"] == "การสนับสนุนที่ขอ: ขอพี่เลี้ยงจากศูนย์เทคโนโลยีสารสนเทศ"
    send(page, path=f"lines/{first}/target_date/year", together={"day": "30", "month": "9", "year": "2570"})
    answer = send(page, path=f"lines/{second}/decision", value="not_this_year")
    data = json.loads(answer["store"])
    assert data["review"]["lines"][first]["target_date"] == "2027-09-30"
    assert data["future"]["plan"][first]["target_date"] == "2027-06-30"  # the staff member's own line kept
    staff = parse(catalog, data)
    future = {i["key"]: i for i in staff_draw(catalog, staff, True)["lists"]["future-lines"]}
    assert future[first]["readonly"] and "30 กันยายน 2570" in future[first]["slots"]["agreed"]
    idp = build_idp(catalog, staff)
    assert [x.entry.code for x in idp.future_lines] == [first] and idp.future_lines[0].target_date == "2027-09-30"
    assert second in [d.entry.code for d in idp.deferred]
    tables = docx.Document(io.BytesIO(idp_docx(idp))).tables
    deferred = next(t for t in tables if t.rows[0].cells[0].text == "ทักษะที่ตกลงเลื่อนไปพัฒนาในปีถัดไป")
    assert [r.cells[0].text.split()[0] for r in deferred.rows[1:]] == [second]


def parse(catalog, data):
    from digiskill.core.answers.checker import parse_assessment
    return parse_assessment(json.dumps(data, ensure_ascii=False), catalog)
