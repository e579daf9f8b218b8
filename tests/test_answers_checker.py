"""The answers-file checker, field by field: exact problems and warnings (code, key path, Thai message) at each limit
and branch, the report's shapes, the empty file, and the aggregation's order and tables. Written to kill the mutants
that survived a mutation run over core/answers/*.py and core/hr/aggregate.py (CONTRIBUTING.md "Mutation testing")."""
from __future__ import annotations

import codecs
import csv
import io
import json

import pytest

from conftest import ROOT
from digiskill.catalog.agency import load_agency
from digiskill.core.hr.aggregate import GAP_COLUMNS, URGENT_COUNT, aggregate, aggregate_csv, table_rows
from digiskill.core.answers.messages import message_th
from digiskill.core.answers.record import (MAX_DEPTH, MAX_ENTRIES, MAX_FILE_BYTES, MAX_PROBLEMS, MAX_TEXT_CHARS,
                                           SCHEMA_VERSION, empty_assessment, migrate, role_table)
from digiskill.core.answers.checker import ImportFileError, check_answers, parse_assessment
from digiskill.core.answers.fields import printable
from test_core import assessment


def said(checked, warnings: bool = False) -> list:
    return [(p.code, p.path, message_th(p.code, p.ctx)) for p in (checked.warnings if warnings else checked.problems)]


def check(catalog, data, **kw):
    return check_answers(json.dumps(data, ensure_ascii=False), catalog, "x.json", **kw)


# ---- decoding -----------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_with_either_bom_is_read_and_the_user_is_told(catalog, encoding):
    bom = codecs.BOM_UTF16_LE if encoding.endswith("le") else codecs.BOM_UTF16_BE
    checked = check_answers(bom + json.dumps(assessment(), ensure_ascii=False).encode(encoding), catalog, "x.json")
    assert checked.ok and checked.assessment.person["name"] == "นางสาวทดสอบ ใจดี"
    assert said(checked, warnings=True) == [
        ("converted_encoding", "", "ไฟล์นี้บันทึกด้วยรหัสอักษร UTF-16 แปลงเป็น UTF-8 แล้ว")]


def test_broken_utf16_names_the_position(catalog):
    checked = check_answers(codecs.BOM_UTF16_LE + '{"a": 1}'.encode("utf-16-le") + b"\x00\xd8", catalog, "x.json")
    assert [(p.code, p.ctx["position"]) for p in checked.problems] == [("not_text", 19)]
    assert checked.assessment is None and not checked.warnings


def test_tis620_text_is_accepted_only_when_it_is_thai(catalog):
    thai = json.dumps(assessment(), ensure_ascii=False).encode("cp874")
    checked = check_answers(thai, catalog, "x.json")
    assert checked.ok and checked.assessment.person["name"] == "นางสาวทดสอบ ใจดี"
    assert said(checked, warnings=True) == [
        ("converted_encoding", "", "ไฟล์นี้บันทึกด้วยรหัสอักษร TIS-620 (cp874) แปลงเป็น UTF-8 แล้ว")]
    euro = b'{"mission": "\x80"}'  # decodes as cp874 (the euro sign) but holds no Thai letter
    assert [(p.code, p.ctx["position"]) for p in check_answers(euro, catalog, "x.json").problems] == [("not_text", 14)]
    control = b'{"mission": "\xa1\x01"}'  # Thai, but U+0001 is no text a person typed
    assert [p.code for p in check_answers(control, catalog, "x.json").problems] == ["not_text"]


def test_size_limit_is_exact_for_bytes_and_text(catalog):
    data = json.dumps(assessment()).encode()
    exact = data + b" " * (MAX_FILE_BYTES - len(data))
    assert check_answers(exact, catalog, "x.json").ok
    assert said(check_answers(exact + b" ", catalog, "x.json")) == [("too_large", "", message_th("too_large", {
        "size": MAX_FILE_BYTES + 1, "limit": MAX_FILE_BYTES, "where": "ไฟล์"}))]
    assert check_answers(exact.decode(), catalog, "x.json").ok
    assert [p.code for p in check_answers(exact.decode() + " ", catalog, "x.json").problems] == ["too_large"]


def test_nesting_limit_is_exact_and_counts_only_depth(catalog):
    def nested(depth):  # the file's own object is one level
        return json.dumps(assessment() | {"x": json.loads("[" * (depth - 1) + "]" * (depth - 1))})

    assert check_answers(nested(MAX_DEPTH), catalog, "x.json").ok
    assert said(check_answers(nested(MAX_DEPTH + 1), catalog, "x.json")) == [
        ("too_deep", "", message_th("too_deep", {"where": "ไฟล์"}))]
    many_shallow = json.dumps(assessment() | {"x": [[] for _ in range(MAX_DEPTH + 10)]})
    assert check_answers(many_shallow, catalog, "x.json").ok


def test_values_json_does_not_allow_are_placed_by_line_and_column(catalog):
    text = '{\n  "format": "digiskill-assessment",\n  "x":   NaN\n}'
    [problem] = check_answers(text, catalog, "x.json").problems
    assert (problem.code, problem.ctx["line"], problem.ctx["column"]) == ("not_json", 3, 10)
    [problem] = check_answers('{"x": -Infinity}', catalog, "x.json").problems
    assert (problem.ctx["line"], problem.ctx["column"]) == (1, 7)


# ---- the file -------------------------------------------------------------------------------------------------------
def test_problems_and_warnings_stop_at_the_limit(catalog):
    data = assessment(answers={f"ZZ{i}": {"has": True} for i in range(MAX_PROBLEMS + 5)})
    data |= {f"extra{i}": 1 for i in range(MAX_PROBLEMS + 5)}
    checked = check(catalog, data)
    assert len(checked.problems) == MAX_PROBLEMS and len(checked.warnings) == MAX_PROBLEMS
    assert said(checked)[0] == ("unknown_item", "answers.ZZ0", "ไม่รู้จักทักษะ ZZ0 ในกรอบทักษะนี้")
    assert said(checked, warnings=True)[0] == ("unknown_key", "extra0", "ไม่รู้จักข้อมูล extra0 ในไฟล์ จึงไม่ได้เก็บไว้")


def test_entries_limit_is_exact(catalog):
    codes = sorted(catalog.required_codes("A1"))
    ok = check(catalog, assessment(answers={c: {"has": True} for c in codes}))
    assert ok.ok and len(ok.assessment.answers) == len(codes)
    many = {f"ZZ{i}": {} for i in range(MAX_ENTRIES + 1)}
    assert said(check(catalog, assessment(plan=many))) == [("too_many", "plan", message_th("too_many", {
        "where": "plan", "size": MAX_ENTRIES + 1, "limit": MAX_ENTRIES}))]
    exactly = {f"ZZ{i}": {} for i in range(MAX_ENTRIES)}
    assert [p.code for p in check(catalog, assessment(plan=exactly)).problems][:1] == ["unknown_item"]


def test_version_1_is_migrated_and_says_so(catalog):
    checked = check(catalog, assessment() | {"schema_version": 1})
    assert checked.ok and checked.migrated_from == [1]
    assert [(w.code, w.path) for w in checked.warnings] == [("migrated", "schema_version")]
    assert migrate({"schema_version": SCHEMA_VERSION}, SCHEMA_VERSION) == ({"schema_version": SCHEMA_VERSION}, [])


def test_version_and_framework_messages(catalog):
    assert said(check(catalog, assessment() | {"schema_version": "2"})) == [
        ("bad_version", "schema_version", message_th("bad_version", {"found": '"2"', "where": "schema_version"}))]
    wrong = check(catalog, assessment() | {"framework": {"id": "ocsc-2561", "data_version": 2561}})
    assert said(wrong) == [("wrong_type", "framework.data_version",
                            "ข้อมูล framework.data_version ควรเป็นข้อความ แต่พบ ตัวเลข")]
    assert wrong.assessment.data_version == ""
    missing = check(catalog, assessment() | {"framework": {"id": "ocsc-2561"}})
    assert missing.ok and missing.assessment.data_version == ""
    none = check(catalog, {k: v for k, v in assessment().items() if k != "framework"})
    assert none.problems[0].ctx["found"] == "(ไม่ระบุ)" and none.problems[0].ctx["expected"] == "ocsc-2561"
    listed = check(catalog, assessment() | {"framework": []})
    assert listed.problems[0].ctx["found"] == "รายการ (list)"
    other = check(catalog, assessment() | {"framework": {"id": "x"}})
    assert (other.problems[0].path, other.problems[0].ctx["found"]) == ("framework.id", "x")


def test_role_group_and_stage(catalog):
    assert said(check(catalog, assessment(group="S", stage="early"))) == [
        ("role_mismatch", "role", "บทบาท A1 ไม่ตรงกับกลุ่ม S และระยะ early ในไฟล์")]
    assert said(check(catalog, assessment(group=None, stage="mature"))) == [
        ("role_mismatch", "role", "บทบาท A1 ไม่ตรงกับกลุ่ม - และระยะ mature ในไฟล์")]
    assert said(check(catalog, assessment(group="S", stage=None)))[0][2] == \
        "บทบาท A1 ไม่ตรงกับกลุ่ม S และระยะ - ในไฟล์"
    fine = check(catalog, assessment(group="A", stage="early"))
    assert fine.ok and (fine.assessment.group, fine.assessment.stage) == ("A", "early")
    odd = check(catalog, assessment(role=None, group=["A"], stage=7))
    assert [(p.code, p.path, p.ctx.get("found")) for p in odd.problems] == [
        ("unknown_group", "group", "a list"), ("unknown_stage", "stage", "7"), ("role_missing", "role", None)]
    draft = check(catalog, assessment(role=None, group="A", stage="early"), draft=True)
    assert draft.ok and (draft.assessment.role, draft.assessment.group, draft.assessment.stage) == (None, "A", "early")
    assert said(check(catalog, assessment(role=7)))[0][:2] == ("wrong_type", "role")


def test_person_and_mission(catalog):
    data = assessment(mission="พันธกิจ")
    data["person"] |= {"nickname": "x", "position": None}
    checked = check(catalog, data)
    assert checked.ok and checked.assessment.mission == "พันธกิจ" and checked.assessment.person["position"] == ""
    assert said(checked, warnings=True) == [
        ("unknown_key", "person.nickname", "ไม่รู้จักข้อมูล person.nickname ในไฟล์ จึงไม่ได้เก็บไว้")]


def test_english_messages_say_what_each_field_expects(catalog):
    """The CLI prints the English message: each wrong type names what the field takes."""
    data = assessment(role=7, mission=1, answers={"DLit100": {"has": "yes"}, "DLit200": []},
                      plan={"DLit200": {"priority": "1", "methods": [1]}, "DS300": {"methods": {}}},
                      finder={"shares": {"A": "x"}})
    data["person"] = "นาย ก"
    assert [(p.path, p.message.split(", found")[0]) for p in check(catalog, data).problems] == [
        ("role", "expected a role code (text such as A1)"), ("person", "expected an object"),
        ("mission", "expected text"), ("answers.DLit100.has", "expected true, false or null"),
        ("answers.DLit200", "expected an object"), ("plan.DLit200.priority", "expected a whole number"),
        ("plan.DLit200.methods[0]", "expected a method code (text)"), ("plan.DS300.methods", "expected a list"),
        ("finder.shares.A", "expected a number")]
    found = [check_answers(json.dumps(v), catalog, "x.json").problems[0].message for v in ([], "s", None, 1, 1.5, True)]
    assert [m.split("found ")[1] for m in found] == ["a list", "text", "null", "a number", "a number", "true/false"]


# ---- fields ---------------------------------------------------------------------------------------------------------
def test_text_limits_and_forbidden_characters(catalog):
    longest = check(catalog, assessment(mission="ก" * MAX_TEXT_CHARS))
    assert longest.ok and len(longest.assessment.mission) == MAX_TEXT_CHARS
    assert said(check(catalog, assessment(mission="ก" * (MAX_TEXT_CHARS + 1)))) == [("too_long", "mission", message_th(
        "too_long", {"where": "mission", "size": MAX_TEXT_CHARS + 1, "limit": MAX_TEXT_CHARS}))]
    assert said(check(catalog, assessment(mission="ab\x0bc"))) == [("bad_char", "mission", message_th(
        "bad_char", {"where": "mission", "char": "000B", "position": 3}))]
    assert check(catalog, assessment(mission="tab\tnew\nline\r")).ok


def test_answers_keep_notes_and_refuse_other_values(catalog):
    checked = check(catalog, assessment(answers={"DLit100": {"has": False, "note": "ยัง", "why": 1},
                                                  "DLit200": {"has": 1}}))
    assert said(checked) == [("wrong_type", "answers.DLit200.has",
                              "ข้อมูล answers.DLit200.has ควรเป็น true หรือ false แต่พบ ตัวเลข")]
    assert said(checked, warnings=True) == [
        ("unknown_key", "answers.DLit100.why", "ไม่รู้จักข้อมูล answers.DLit100.why ในไฟล์ จึงไม่ได้เก็บไว้")]
    draft = check(catalog, assessment(answers={"DLit100": {"has": False, "note": "ยัง"}, "DLit200": {"has": 1}}),
                  draft=True)
    assert (draft.assessment.answers["DLit100"].has, draft.assessment.answers["DLit100"].note) == (False, "ยัง")
    assert draft.assessment.answers["DLit200"].has is None


@pytest.mark.parametrize("priority, ok", [(1, True), (99, True), (0, False), (100, False)])
def test_priority_range_is_inclusive(catalog, priority, ok):
    checked = check(catalog, assessment(plan={"DLit200": {"priority": priority}}))
    assert checked.ok is ok
    if ok:
        assert checked.assessment.plan["DLit200"].priority == priority
    else:
        assert said(checked) == [("priority_range", "plan.DLit200.priority",
                                  f"ลำดับความสำคัญต้องอยู่ระหว่าง 1 ถึง 99 แต่พบ {priority}")]


def test_methods(catalog):
    every = [t.code for t in catalog.tools]
    checked = check(catalog, assessment(plan={"DLit200": {"methods": every}}))
    assert checked.ok and checked.assessment.plan["DLit200"].methods == every
    assert said(check(catalog, assessment(plan={"DLit200": {"methods": every + ["coaching"]}}))) == [
        ("too_many", "plan.DLit200.methods", message_th("too_many", {
            "where": "plan.DLit200.methods", "size": len(every) + 1, "limit": len(every)}))]
    mixed = check(catalog, assessment(plan={"DLit200": {"methods": ["coaching", 3, "juggling", "coaching",
                                                                     "classroom"]}}), draft=True)
    assert [(p.code, p.path) for p in mixed.problems] == [("wrong_type", "plan.DLit200.methods[1]"),
                                                          ("unknown_method", "plan.DLit200.methods[2]")]
    assert said(mixed)[1][2] == "ไม่รู้จักวิธีการพัฒนา juggling"
    assert said(mixed, warnings=True) == [("duplicate_method", "plan.DLit200.methods[3]",
                                           "วิธีการพัฒนา coaching ซ้ำกัน เก็บไว้ครั้งเดียว")]
    assert mixed.assessment.plan["DLit200"].methods == ["coaching", "classroom"]
    assert said(check(catalog, assessment(plan={"DLit200": {"methods": "coaching"}}))) == [
        ("wrong_type", "plan.DLit200.methods", "ข้อมูล plan.DLit200.methods ควรเป็นรายการ (list) แต่พบ ข้อความ")]


@pytest.mark.parametrize("date, code", [
    ("2027-03-31", None), ("2399-12-31", None), ("2400-01-01", "buddhist_year"), ("2570-03-31", "buddhist_year"),
    ("20270331", "bad_date"), ("2027-02-29", "bad_date"), ("2027-3-31", "bad_date"), ("", None)])
def test_target_dates(catalog, date, code):
    checked = check(catalog, assessment(plan={"DLit200": {"target_date": date}}))
    assert [p.code for p in checked.problems] == ([code] if code else [])
    if code is None:
        assert checked.assessment.plan["DLit200"].target_date == date
    if date == "2400-01-01":
        assert said(checked)[0][2] == "วันที่ 2400-01-01 ใช้ปี พ.ศ. ช่องนี้ใช้ปี ค.ศ. (เช่น 1857-01-01)"


def test_saved_at(catalog):
    assert check(catalog, assessment(saved_at="2026-11-24T10:00:00Z")).assessment.saved_at == "2026-11-24T10:00:00Z"
    assert check(catalog, assessment(saved_at="")).ok
    assert said(check(catalog, assessment(saved_at="เมื่อวาน"))) == [
        ("bad_datetime", "saved_at", "เวลาที่บันทึก เมื่อวาน ไม่ถูกต้อง")]


def test_finder(catalog):
    checked = check(catalog, assessment(finder={"shares": {"A": 70, "S": 12.5, "T": "", "M": None, "Q": 5},
                                                "career": "S", "note": 1}))
    assert checked.ok and checked.assessment.finder == {"shares": {"A": 70, "S": 12.5}, "career": "S"}
    assert [(w.code, w.path) for w in checked.warnings] == [("unknown_key", "finder.note"),
                                                            ("unknown_key", "finder.shares.Q")]
    bad = check(catalog, assessment(finder={"shares": {"A": True, "S": "70"}, "career": "Q"}), draft=True)
    assert [(p.code, p.path) for p in bad.problems] == [("wrong_type", "finder.shares.A"),
                                                        ("wrong_type", "finder.shares.S"),
                                                        ("unknown_group", "finder.career")]
    assert bad.assessment.finder == {"shares": {}, "career": ""}


def test_shown_keeps_messages_short_and_visible():
    assert printable("a\x00b") == "a\\u0000b"
    assert printable("ก" * 40) == "ก" * 40 and printable("ก" * 41) == "ก" * 40 + "…"
    assert printable(2 ** 299) == str(2 ** 299)[:40] and printable(2 ** 300) == "(a very long number)"
    assert printable(True) == "true" and printable(None) == "null" and printable(1.5) == "1.5"
    assert printable({}) == "an object"
    assert printable("abcdef", limit=3) == "abc…"


# ---- the report -----------------------------------------------------------------------------------------------------
def test_the_report_as_json_and_the_strict_reader(catalog):
    good = check(catalog, assessment())
    assert good.reason_th() == ""
    report = good.as_json()
    assert report["ok"] is True and report["errors"] == [] and report["migrated_from"] == []
    assert report["assessment"] == good.assessment.to_dict()
    bad = check(catalog, assessment(role="Z9"))
    assert bad.reason_th() == message_th("unknown_role", {"found": "Z9", "where": "role"})
    assert bad.as_json()["errors"] == [{"code": "unknown_role", "path": "role", "message": bad.problems[0].message,
                                        "message_th": bad.reason_th()}]
    assert check_answers("[]", catalog, "x.json").as_json()["assessment"] is None
    with pytest.raises(ImportFileError) as raised:
        parse_assessment(json.dumps(assessment(role="Z9")), catalog, "x.json")
    assert raised.value.as_json() == {"ok": False, "errors": bad.as_json()["errors"]}


def test_a_value_that_breaks_the_checker_is_still_an_answer(catalog):
    class Weird(dict):
        def __contains__(self, key):
            raise KeyError(key)

    checked = check_answers(Weird(), catalog, "x.json")
    assert checked.assessment is None and [(p.code, p.ctx["detail"]) for p in checked.problems] == [
        ("internal_error", "KeyError")]


# ---- the empty file -------------------------------------------------------------------------------------------------
def test_empty_file_uses_the_agency_and_round_trips(catalog):
    plain = empty_assessment(catalog)
    assert (plain.role, plain.stage, plain.person) == (None, None, {k: "" for k in plain.person})
    assert empty_assessment(catalog, "early").stage == "early"
    agency_catalog = load_agency(ROOT / "examples" / "agencies" / "developing-data" / "agency.yaml", catalog)
    mine = empty_assessment(agency_catalog)
    assert mine.stage == agency_catalog.agency.target_stage
    assert mine.person["agency"] == agency_catalog.agency.name_th and mine.person["name"] == ""
    assert empty_assessment(agency_catalog, "mature").stage == "mature"
    again = check_answers(json.dumps(mine.to_dict(), ensure_ascii=False), agency_catalog, "x.json", draft=True)
    assert again.ok and again.assessment == mine


def test_role_table_is_the_catalogs(catalog):
    table = role_table(catalog)
    assert sorted(table) == sorted(g.code for g in catalog.groups)
    assert all(table[r.group][r.stage] == r.code for r in catalog.roles)


# ---- aggregation ----------------------------------------------------------------------------------------------------
def staff(name, role, answers, plan=None, **extra):
    data = assessment(role=role, answers=answers, plan=plan or {}, **extra)
    data["person"]["name"] = name
    return json.dumps(data, ensure_ascii=False)


def test_gap_rows_come_in_group_component_and_catalog_order(catalog):
    files = [("a.json", staff("", "S1", {})), ("b.json", staff("", "A1", {}))]
    rows = aggregate(catalog, files).gap_rows()
    groups = [g.code for g in catalog.groups]
    from digiskill.model import COMPONENTS
    order = {u.code: i for i, u in enumerate(catalog.units)} | \
        {it.code: len(catalog.units) + i for i, it in enumerate(catalog.items)}
    keys = [(groups.index(r.group), COMPONENTS.index(r.component), order[r.code]) for r in rows]
    assert keys == sorted(keys) and {r.group for r in rows} == {"A", "S"}
    assert all(r.unanswered == r.required == 1 and r.share == 0.0 for r in rows)


def test_urgent_list_is_the_largest_shares_then_most_people(catalog):
    a_codes, s_codes = sorted(catalog.required_codes("A1")), sorted(catalog.required_codes("S1"))
    files = [("x.json", staff("x", "A1", {c: {"has": c not in a_codes[:3]} for c in a_codes})),
             ("y.json", staff("y", "A1", {c: {"has": c not in a_codes[:2]} for c in a_codes})),
             ("z.json", staff("z", "S1", {c: {"has": False} for c in s_codes}))]
    urgent = aggregate(catalog, files, anonymise=False).urgent()  # names kept: no "< 5" suppression
    assert len(s_codes) >= URGENT_COUNT
    # share 1 and two people lacking, then share 1 and one person (by group, then code); a2 (share 1/2) is not printable
    assert [(r.group, r.code) for r in urgent] == \
        [("A", a_codes[0]), ("A", a_codes[1])] + [("S", c) for c in s_codes][:URGENT_COUNT - 2]


def test_people_methods_and_other_data_versions(catalog):
    files = [("a.json", staff("นายหนึ่ง", "A1", {"DLit100": {"has": False}, "DLit200": {"has": False},
                                                  "DS300": {"has": True}},
                              {"DLit100": {"methods": ["coaching"]}, "DS300": {"methods": ["classroom"]}})),
             ("b.json", staff("", "A1", {"DLit100": {"has": None}})),
             ("c.json", staff("", "A1", {"DLit100": {"has": True}})),
             ("d.json", json.dumps(assessment(framework={"id": "ocsc-2561", "data_version": ""}))),
             ("e.json", json.dumps(assessment(framework={"id": "ocsc-2561", "data_version": "2567.1"})))]
    agg = aggregate(catalog, files, anonymise=False)
    assert agg.used == 3 and not agg.anonymised
    assert agg.people == [("นายหนึ่ง", "A1", 2), ("", "A1", 0), ("", "A1", 0)]
    assert agg.methods == {"coaching": 1}  # only for lines the person lacks
    assert (agg.rows[("A", "DLit100")].unanswered, agg.rows[("A", "DLit100")].lacking) == (1, 1)
    assert {r.file: r.reason_th for r in agg.rejected} == {
        "d.json": message_th("other_data_version", {"found": "ไม่ระบุ", "expected": "2561.1"}),
        "e.json": message_th("other_data_version", {"found": "2567.1", "expected": "2561.1"})}
    assert aggregate(catalog, files).people == [] and aggregate(catalog, files).anonymised


def test_nameless_files_are_copies_only_when_their_content_is(catalog):
    one, two = staff("", "A1", {"DLit100": {"has": True}}), staff("", "A1", {"DLit100": {"has": False}})
    assert aggregate(catalog, [("a.json", one), ("b.json", two)]).used == 2
    named = staff("นายหนึ่ง", "A1", {"DLit100": {"has": True}})
    other_position = staff("นายหนึ่ง", "A2", {"DLit100": {"has": True}}, person={"name": "นายหนึ่ง", "position": "ผอ."})
    assert aggregate(catalog, [("a.json", named), ("b.json", other_position)]).used == 2
    same_name = aggregate(catalog, [("a.json", named), ("c.json", staff("นายหนึ่ง", "A2", {}))])  # role aside (#24)
    assert same_name.used == 1 and same_name.rejected[0].reason_th == message_th("same_person_same_time",
                                                                                 {"other": "a.json"})


def test_equal_names_are_ordered_by_content_bytes_or_text(catalog):
    first, second = staff("นายหนึ่ง", "A1", {"DLit100": {"has": True}}), staff("นายหนึ่ง", "A1", {})
    low, high = sorted([first, second], key=str.encode)
    for files in ([("x.json", high.encode()), ("x.json", low)], [("x.json", low), ("x.json", high.encode())]):
        agg = aggregate(catalog, files)
        kept = json.loads(low)["answers"]
        assert agg.used == 1 and agg.rows[("A", "DLit100")].unanswered == (0 if kept else 1)


def test_table_rows_and_csv(catalog):
    files = [(f"{i}.json", staff("", "A1", {"DLit100": {"has": i == 0}}, mission=str(i))) for i in range(3)]
    agg = aggregate(catalog, files, anonymise=False)  # names kept: nothing suppressed
    rows = table_rows(agg)
    groups = {g.code: g.title_th for g in catalog.groups}
    dlit = next(r for r in rows if r[3] == "DLit100")
    assert dlit == ["A", groups["A"], ("ability", "ความสามารถ"), "DLit100", agg.rows[("A", "DLit100")].title_th,
                    3, 2, 67, 0, False]  # 2 of 3: a whole percent, as in every other table
    for keys, component, marker in ((False, "ความสามารถ", ""), (True, "ability", "0")):
        raw = aggregate_csv(agg, keys=keys)
        assert raw.startswith(codecs.BOM_UTF8) and b"\r\n" in raw and b"\n" not in raw.replace(b"\r\n", b"")
        parsed = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
        assert parsed[0] == [c.key if keys else c.th for c in GAP_COLUMNS]
        assert parsed[1 + rows.index(dlit)] == ["A", groups["A"], component, "DLit100", dlit[4], "3", "2", "67", "0",
                                                marker]
