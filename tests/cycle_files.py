"""A version-2 answers file that has been through the whole year: agreed with changes by the supervisor (one line
changed, one moved to next year), signed by a next-level supervisor who differs, a future role, one progress review
and last year's baseline. Built from the core's own definition, as the other test helpers are."""
from __future__ import annotations

from digiskill.core.answers.record import Assessment


def plan_line(priority, methods, date, goal, indicator, application="", support=""):
    return {"priority": priority, "methods": methods, "target_date": date, "goal": goal, "indicator": indicator,
            "application": application, "support": support}


def reviewed_year(**extra) -> dict:
    data = Assessment(role="A1", framework_id="ocsc-2561", data_version="2561.1", person={
        "name": "นางสาวทดสอบ ใจดี", "position": "นักวิเคราะห์นโยบายและแผนชำนาญการ", "agency": "กรมทดสอบ",
        "division": "กองยุทธศาสตร์และแผนงาน", "supervisor": "นายหัวหน้า ตั้งใจ"}).to_dict()
    data.update({
        "period": {"fiscal_year": 2570, "start": "2026-10-01", "end": "2027-09-30"},
        "answers": {"DLit100": {"has": True, "note": "ใช้ระบบสารบรรณทุกวัน"}, "DLit200": {"has": False, "note": ""},
                    "DS300": {"has": False, "note": ""}, "K01": {"has": False, "note": ""},
                    "AT01": {"has": True, "note": ""}},
        "plan": {"DS300": plan_line(1, ["stretch-project", "coaching"], "2027-03-31", "ออกแบบบริการรับเรื่องออนไลน์",
                                    "บริการใหม่เปิดใช้ภายในไตรมาสที่สอง", "งานรับเรื่องร้องเรียน", "มอบหมายงานโครงการ"),
                 "DLit200": plan_line(2, ["classroom"], "2027-06-30", "ใช้เครื่องมือทำงานร่วมกันได้คล่อง",
                                      "จัดประชุมออนไลน์ของกองได้เอง 3 ครั้ง"),
                 "K01": plan_line(3, ["online-course"], "2027-08-31", "เข้าใจกฎหมายดิจิทัล", "ผ่านแบบทดสอบ")},
        "review": {"role_decision": "agreed", "proposed_role": None, "reason": "", "multi_group": True, "lines": {
            "DLit200": {"decision": "changed", "priority": 1, "methods": ["on-the-job"], "target_date": "2027-02-28",
                        "comment": "เริ่มจากงานจริงก่อน"},
            "K01": {"decision": "not_this_year", "priority": None, "methods": None, "target_date": "",
                    "comment": "ปีหน้าเมื่อมีหลักสูตร"}},
            "support": "มอบหมายงานท้าทายและให้คำปรึกษาทุกเดือน", "opinion": "เห็นชอบแผนโดยปรับลำดับการพัฒนา",
            "supervisor": {"name": "นายหัวหน้า ตั้งใจ", "position": "ผู้อำนวยการกองยุทธศาสตร์และแผนงาน",
                           "date": "2026-12-01"},
            "next_level": {"name": "นางผู้บริหาร สูงสุด", "position": "รองอธิบดี", "date": "2026-12-05"},
            "next_level_opinion": "differ", "next_level_comment": "ควรเพิ่มการฝึกอบรมด้านความปลอดภัย",
            "acknowledged": {"name": "", "position": "", "date": "2026-12-02"}},
        "future": {"role": "A2", "plan": {}},
        "progress": [{"date": "2027-04-01", "lines": {
            "DS300": {"status": "on_plan", "reason": "", "outcome": "exceeded", "evidence": "รายงานโครงการ",
                      "applied": "ลดเวลารอเรื่องลงครึ่งหนึ่ง"},
            "DLit200": {"status": "off_plan", "reason": "งานเร่งด่วนช่วงงบประมาณ", "outcome": "not_yet",
                        "evidence": "", "applied": ""}},
            "reanswers": {"DS300": True}, "feedback": "พัฒนาได้ดีเกินเป้าหมาย ควรถ่ายทอดให้ทีม",
            "supervisor": {"name": "นายหัวหน้า ตั้งใจ", "position": "ผู้อำนวยการกองยุทธศาสตร์และแผนงาน",
                           "date": "2027-04-05"}}],
        "history": [{"fiscal_year": 2569, "role": "A1", "data_version": "2561.1",
                     "answers": {"DLit100": True, "DLit200": False, "DS300": False, "AT01": False},
                     "open_lines": []}],
    })
    data.update(extra)
    return data


SIX_GAPS = ["DLit100", "DLit200", "DS300", "K01", "AT01", "X03"]


def six_gap_year(agreed: bool = True) -> dict:
    """An A2 plan with six gaps and plan lines written as people write them (a sentence per field, 34-65 characters,
    twice the length of the lines in the agencies' sample forms), a future role A3 not yet planned; agreed by the supervisor when `agreed`. The IDP of this file is the one that must fit on
    three A4 pages to the end of the sign-off (tests/test_document_layout.py)."""
    answers = {code: {"has": True, "note": ""} for code in (
        "AT06", "DLit300", "X02", "AT03", "K02", "X06", "K04", "K05", "X04", "X01", "AT04", "CEC-HNPQ-032",
        "CEC-ACJV-037", "AT02", "CEC-AMHU-031", "X05", "K06", "K03", "DTR200")}
    answers["AT06"]["note"] = "ใช้ระบบสารบรรณอิเล็กทรอนิกส์และระบบงบประมาณของหน่วยงานทุกวัน"
    answers.update({code: {"has": False, "note": ""} for code in SIX_GAPS})
    methods = [["on-the-job", "coaching"], ["stretch-project", "mentoring", "online-course"], ["self-study"],
               ["job-shadowing", "classroom"], ["on-the-job", "community-of-practice"], ["feedback", "seminar"]]
    plan = {code: plan_line(
        index + 1, methods[index], f"2027-0{index + 2}-28",
        "วิเคราะห์ข้อมูลจากระบบของหน่วยงานเพื่อจัดทำข้อเสนอเชิงนโยบายได้เอง",
        "รายงานวิเคราะห์ข้อมูลประกอบการตัดสินใจของผู้บริหาร 2 ฉบับ",
        "จัดทำแผนปฏิบัติราชการประจำปีของกอง",
        "ขอพี่เลี้ยงจากศูนย์เทคโนโลยีสารสนเทศและการสื่อสาร")
        for index, code in enumerate(SIX_GAPS)}
    data = reviewed_year(role="A2", group="A", stage="developing", answers=answers, plan=plan,
                         future={"role": "A3", "plan": {}}, progress=[], history=[])
    data["person"].update({"name": "นายสมชาย ใจดี", "supervisor": "นางสาวหัวหน้า ตั้งใจทำงาน"})
    if not agreed:
        data["review"] = None
        return data
    data["review"].update({"lines": {}, "multi_group": False, "next_level_opinion": "", "next_level_comment": "",
                           "next_level": {"name": "", "position": "", "date": ""},
                           "opinion": "เห็นชอบแผนพัฒนารายบุคคล ให้เริ่มจากการเรียนรู้ในงานจริงก่อนการฝึกอบรม"})
    return data
