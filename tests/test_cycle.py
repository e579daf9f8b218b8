"""The yearly cycle in the core (CPython): version 2 of the answers file, the agreed plan, the future role, progress
and next year's start."""
from __future__ import annotations

import json

from digiskill.core.answers.record import Assessment, ItemAnswer, PlanEntry
from digiskill.core.answers.checker import check_answers, parse_assessment
from digiskill.core.cycle.year import (agreed_plan, future_codes, next_role, open_lines, skill_shape, start_next_year)
from digiskill.core.cycle.idp import build_idp
from cycle_files import reviewed_year

V1 = {"format": "digiskill-assessment", "schema_version": 1, "framework": {"id": "ocsc-2561", "data_version": "2561.1"},
      "role": "A1", "person": {"name": "นางสาวทดสอบ", "position": "", "agency": "", "supervisor": ""}, "mission": "",
      "answers": {"DLit100": {"has": True, "note": ""}, "DLit200": {"has": False, "note": ""},
                  "DS300": {"has": False, "note": ""}},
      "plan": {"DS300": {"priority": 1, "methods": ["coaching"], "target_date": "2027-03-31", "goal": "g",
                         "application": "", "support": ""},
               "DLit200": {"priority": 2, "methods": ["classroom"], "target_date": "2027-06-30", "goal": "",
                           "application": "", "support": ""}},
      "saved_at": "2026-11-24T10:00:00Z"}

REVIEW = {"role_decision": "agreed", "lines": {
    "DLit200": {"decision": "changed", "priority": 1, "methods": ["on-the-job"], "target_date": "2027-02-28",
                "comment": "เริ่มจากงานจริง"},
    "DS300": {"decision": "not_this_year", "comment": "ปีหน้า"}},
    "support": "มอบหมายงานท้าทาย", "opinion": "เห็นชอบ",
    "supervisor": {"name": "นายหัวหน้า", "position": "ผู้อำนวยการกอง", "date": "2026-12-01"}}


def test_a_version_1_file_is_converted_and_makes_the_same_plan(catalog):
    checked = check_answers(json.dumps(V1, ensure_ascii=False), catalog, "v1.json")
    assert checked.ok and checked.migrated_from == [1]
    assert [w.code for w in checked.warnings] == ["migrated"]
    again = check_answers(json.dumps(checked.assessment.to_dict(), ensure_ascii=False), catalog, "v2.json")
    assert again.ok and again.warnings == [] and again.assessment == checked.assessment
    lines = build_idp(catalog, checked.assessment).lines
    assert [(line.entry.code, [t.code for t in line.methods]) for line in lines] == \
        [("DS300", ["coaching"]), ("DLit200", ["classroom"])]


def test_the_agreed_plan_applies_the_supervisors_changes(catalog):
    data = {**V1, "schema_version": 2, "review": REVIEW}
    assessment = parse_assessment(json.dumps(data, ensure_ascii=False), catalog)
    plan = agreed_plan(assessment)
    assert list(plan) == ["DLit200"]
    assert (plan["DLit200"].priority, plan["DLit200"].methods, plan["DLit200"].target_date) == \
        (1, ["on-the-job"], "2027-02-28")
    assert assessment.plan["DLit200"].methods == ["classroom"]  # the person's own line is kept as it was


def test_cycle_fields_are_checked(catalog):
    data = {**V1, "schema_version": 2, "review": {**REVIEW, "role_decision": "maybe",
                                                   "supervisor": {"date": "2569-12-01"}},
            "progress": [{"date": "2027-04-01", "lines": {"DLit200": {"status": "done", "outcome": "met"}},
                          "reanswers": {"DLit200": "yes"}}],
            "period": {"fiscal_year": 2027, "start": "2027-09-30", "end": "2026-10-01"}}
    checked = check_answers(json.dumps(data, ensure_ascii=False), catalog, "x.json")
    assert not checked.ok
    assert {(p.path, p.code) for p in checked.problems} == {
        ("review.role_decision", "not_a_choice"), ("review.supervisor.date", "buddhist_year"),
        ("progress[0].lines.DLit200.status", "not_a_choice"), ("progress[0].reanswers.DLit200", "wrong_type"),
        ("period.fiscal_year", "out_of_range"), ("period.end", "period_order")}


def test_future_role_adds_only_what_the_next_stage_needs(catalog):
    assert next_role(catalog, "A1").code == "A2" and next_role(catalog, "A3") is None
    extra = future_codes(catalog, "A1", "A2")
    assert extra and not set(extra) & catalog.required_codes("A1")
    assert set(extra) <= catalog.required_codes("A2")


def test_progress_then_next_year(catalog):
    data = {**V1, "schema_version": 2, "period": {"fiscal_year": 2570, "start": "2026-10-01", "end": "2027-09-30"},
            "progress": [{"date": "2027-04-01", "lines": {"DS300": {"status": "on_plan", "outcome": "met",
                                                                    "evidence": "ระบบนัดหมาย", "applied": "ลดเวลารอ"},
                                                          "DLit200": {"status": "off_plan", "reason": "งานล้น",
                                                                      "outcome": "not_yet"}},
                          "reanswers": {"DS300": True}, "feedback": "ดีมาก"}]}
    assessment = parse_assessment(json.dumps(data, ensure_ascii=False), catalog)
    assert open_lines(assessment) == ["DLit200"]
    nxt = start_next_year(assessment, 2571)
    assert nxt.answers == {} and list(nxt.plan) == ["DLit200"] and nxt.period.fiscal_year == 2571
    assert nxt.history[-1].answers == {"DLit100": True, "DLit200": False, "DS300": True}
    assert nxt.history[-1].fiscal_year == 2570 and nxt.history[-1].open_lines == ["DLit200"]
    nxt.answers = {"DLit100": ItemAnswer(True), "DLit200": ItemAnswer(True), "DS300": ItemAnswer(True)}
    shape = skill_shape(catalog, nxt)
    ability = next(r for r in shape["components"] if r.key == "ability")
    assert ability.has_now > ability.had_before
    again = parse_assessment(json.dumps(nxt.to_dict(), ensure_ascii=False), catalog)
    assert again.history == nxt.history


def test_records_round_trip_through_the_file(catalog):
    a = Assessment(role="A1", framework_id="ocsc-2561", data_version="2561.1",
                   plan={"DS300": PlanEntry(priority=3)}, future_role="A2",
                   future_plan={future_codes(catalog, "A1", "A2")[0]: PlanEntry(priority=1)})
    assert parse_assessment(json.dumps(a.to_dict()), catalog).future_plan == a.future_plan


def catalog_of_next_data_version(catalog_copy):
    """The real catalog as data version 2561.2, where K01 was called K00 and an item K99 was removed."""
    framework = catalog_copy / "framework.yaml"
    framework.write_text(framework.read_text(encoding="utf-8").replace('data_version: "2561.1"',
                                                                       'data_version: "2561.2"'), encoding="utf-8")
    (catalog_copy / "changes.yaml").write_text(
        'changes:\n  - from: "2561.1"\n    to: "2561.2"\n    source: "test"\n'
        '    renamed: [{old: K00, new: K01}]\n    removed: [K99]\n', encoding="utf-8")
    from digiskill.catalog.loader import load_catalog
    return load_catalog("catalog")


OLD = {**V1, "answers": {**V1["answers"], "K00": {"has": False, "note": "ยังไม่เคย"}, "K99": {"has": True}},
       "plan": {**V1["plan"], "K00": {"priority": 3, "methods": ["self-study"], "target_date": "2027-05-31",
                                      "goal": "", "application": "", "support": ""}}}


def test_a_file_of_an_older_data_version_is_carried_over(catalog_copy, tmp_path, capsys):
    newer = catalog_of_next_data_version(catalog_copy)
    checked = check_answers(json.dumps(OLD, ensure_ascii=False), newer, "last-year.json")
    assert checked.ok, checked.problems
    a = checked.assessment
    assert a.data_version == "2561.2"
    assert a.answers["K01"].note == "ยังไม่เคย" and "K00" not in a.answers and "K99" not in a.answers
    assert a.plan["K01"].methods == ["self-study"]
    assert [(w.code, w.path) for w in checked.warnings] == [
        ("migrated", "schema_version"), ("data_version_converted", "framework.data_version"),
        ("not_carried_over", "K99")]
    # everywhere: the IDP from the CLI, and the aggregation (no longer set aside)
    source = tmp_path / "last-year.json"
    source.write_text(json.dumps(OLD, ensure_ascii=False), encoding="utf-8")
    from digiskill.cli import main
    assert main(["idp", str(source), "--out", str(tmp_path / "plan.docx")]) == 0
    assert "K99" in capsys.readouterr().err
    from digiskill.core.hr.aggregate import aggregate
    agg = aggregate(newer, [("last-year.json", json.dumps(OLD, ensure_ascii=False))])
    assert agg.used == 1 and agg.rows[("A", "K01")].lacking == 1


def test_without_a_change_record_an_older_data_version_is_still_set_aside(catalog):
    other = {**V1, "framework": {"id": "ocsc-2561", "data_version": "2560.9"}}
    from digiskill.core.hr.aggregate import aggregate
    agg = aggregate(catalog, [("x.json", json.dumps(other))])
    assert agg.used == 0 and "2560.9" in agg.rejected[0].reason_th


def test_one_line_order_on_every_page_and_document_and_the_agreed_priority_printed(catalog):
    """Priority as agreed decides the order everywhere (the staff page, the supervisor's page, the progress part,
    the IDP and the progress report); lines without one come last in the role's order; ลำดับ prints the priority."""
    import io

    import openpyxl

    from digiskill.core.cycle.idp import build_idp
    from digiskill.core.cycle.year import gap_codes
    from digiskill.core.documents.idp_document import idp_xlsx
    from digiskill.core.worker.staff_draw import draw

    data = json.loads(json.dumps(reviewed_year()))
    data["answers"]["AT01"] = {"has": False, "note": ""}  # no priority: after the others, whatever its code
    data["review"]["lines"]["DLit200"]["priority"] = 4  # the supervisor's priority: DS300 (1) first, then DLit200
    assessment = parse_assessment(json.dumps(data, ensure_ascii=False), catalog)
    staff = [item["key"] for item in draw(catalog, assessment, True)["lists"]["plan-lines"]]
    assert staff == ["DS300", "DLit200", "K01", "AT01"]  # K01: not this year, so no agreed priority
    assert gap_codes(catalog, assessment) == staff
    assert [x["key"] for x in draw(catalog, assessment, True)["lists"]["progress-lines"]] == ["DS300", "DLit200"]
    idp = build_idp(catalog, assessment)
    assert [line.entry.code for line in idp.lines] == ["DS300", "DLit200", "AT01"]
    sheet = openpyxl.load_workbook(io.BytesIO(idp_xlsx(idp))).worksheets[0]
    printed = {row[1].value.split()[0]: row[0].value for row in sheet.iter_rows()
               if isinstance(row[1].value, str) and row[1].value.split()[0] in ("DS300", "DLit200", "AT01")}
    assert printed == {"DS300": 1, "DLit200": 4, "AT01": None}


def test_next_year_carries_the_deferred_line_with_its_reason_and_method(catalog):
    """A line the supervisor marked "ยังไม่ทำในปีนี้" comes into next year's plan (what the person typed, the
    supervisor's methods if given) and its reason into the baseline; both pages say where it came from."""
    from digiskill.core.cycle.year import carried_note
    from digiskill.core.worker.review_draw import draw as review_draw
    from digiskill.core.worker.staff_draw import draw as staff_draw

    data = reviewed_year()
    data["review"]["lines"]["K01"]["methods"] = ["mentoring"]
    last = parse_assessment(json.dumps(data, ensure_ascii=False), catalog)
    nxt = start_next_year(last, None)
    assert list(nxt.plan) == ["DLit200", "K01"] and nxt.period.fiscal_year == 2571
    assert nxt.plan["K01"].goal == "เข้าใจกฎหมายดิจิทัล" and nxt.plan["K01"].methods == ["mentoring"]
    assert nxt.history[-1].deferred == {"K01": "ปีหน้าเมื่อมีหลักสูตร"}
    again = parse_assessment(json.dumps(nxt.to_dict(), ensure_ascii=False), catalog)
    assert again.history == nxt.history and again.plan == nxt.plan  # through the file, unchanged
    assert carried_note(again, "K01") == ("ยกมาจากปี 2570: ผู้บังคับบัญชาให้เลื่อนไปพัฒนาในปีถัดไป — "
                                          "เหตุผล: ปีหน้าเมื่อมีหลักสูตร")
    assert carried_note(again, "DLit200") == "ยกมาจากปี 2570: ยังไม่บรรลุตามแผนที่ตกลงไว้"
    again.answers = {"K01": ItemAnswer(False), "DLit200": ItemAnswer(False)}
    items = {i["key"]: i for i in staff_draw(catalog, again, True)["lists"]["plan-lines"]}
    assert items["K01"]["slots"]["carried"] == carried_note(again, "K01") and not items["K01"]["hidden"]["carried"]
    assert items["K01"]["fields"]["goal"] == "เข้าใจกฎหมายดิจิทัล"  # the line does not start empty
    from digiskill.core.answers.record import Review
    again.review = Review()  # as the supervisor's page opens it
    lines = {i["key"]: i for i in review_draw(catalog, again, True)["lists"]["lines"]}
    assert lines["K01"]["slots"]["carried"].endswith("ปีหน้าเมื่อมีหลักสูตร")


def test_the_skill_shape_says_not_yet_answered_after_starting_next_year(catalog):
    """Right after next year starts, this year's bars say "ยังไม่ได้ตอบ" beside last year's figures, not "0/8 (0%)";
    a row counts again as soon as one of its needs is answered."""
    from digiskill.core.documents.shape_chart import shape_blocks

    nxt = start_next_year(parse_assessment(json.dumps(reviewed_year(), ensure_ascii=False), catalog), None)
    rows = {r.key: r for r in skill_shape(catalog, nxt)["components"]}
    assert rows["ability"].has_now is None and rows["ability"].had_before == 2
    svg = shape_blocks(catalog, nxt)[1]["svg"]
    assert svg.count("ปีนี้: ยังไม่ได้ตอบ") == len(rows) and "ปีนี้: 0/" not in svg
    nxt.answers = {"DLit200": ItemAnswer(False)}
    assert {r.key: r for r in skill_shape(catalog, nxt)["components"]}["ability"].has_now == 0
