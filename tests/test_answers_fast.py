"""The checker's fast paths (core/answers/fast.py) give exactly what the full checks give: the same assessment, the
same problems and the same warnings, for clean files and for files with every kind of flaw in their answers and plan
lines. Compared on generated files with the fast paths switched off."""
from __future__ import annotations

import json
import random

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from digiskill.core.answers import checker as answers_check, cycle_fields
from digiskill.core.answers.checker import check_answers
from staff_files import staff_file, version_1

ROLE = "A1"
CLEAN_TEXTS = st.sampled_from([None, "", "ใช้ตารางคำนวณ", "x" * 2000, "=SUM(A1)", " "])
BAD_TEXTS_VALUES = ["x" * 2001, "ก\x01ข", "\ud800", 5, ["x"], {"a": 1}, True]
BAD_TEXTS = st.sampled_from(BAD_TEXTS_VALUES)
CLEAN_DATES = st.sampled_from([None, "", "2027-09-30", "2026-02-28"])
BAD_DATES_VALUES = ["2570-09-30", "2027-02-30", "27-9-30", "2027-09-30T00", 20270930, "๒๕๖๙-๐๙-๓๐", [], {},
                    ["2027-09-30"]]
BAD_DATES = st.sampled_from(BAD_DATES_VALUES)
BAD_PRIORITIES_VALUES = [0, 100, -1, True, False, "1", 2.5]
BAD_PRIORITIES = st.sampled_from(BAD_PRIORITIES_VALUES)
BAD_METHODS_VALUES = ["x", [1], ["nope"], "DUPLICATE", [["online-course"]], [{}]]
BAD_METHODS = st.sampled_from(BAD_METHODS_VALUES)
BAD_LINES = st.sampled_from([None, 1, "x", [], True, {"has": {}}])


@st.composite
def sections(draw, catalog):
    """A clean "answers" and "plan" (what the fast paths accept), then none, one or a few flaws of every kind the
    full checks report or warn about: so the boundary of each fast-path condition is crossed on its own."""
    own = sorted(catalog.required_codes(ROLE))
    tools = [t.code for t in catalog.tools]
    chosen = draw(st.lists(st.sampled_from(own), unique=True, max_size=8))
    answers = {c: {"has": draw(st.sampled_from([True, False, None])), "note": draw(CLEAN_TEXTS)} for c in chosen}
    plan = {c: {"priority": draw(st.one_of(st.none(), st.integers(1, 99))),
                "methods": draw(st.one_of(st.none(), st.lists(st.sampled_from(tools), unique=True, max_size=3))),
                "target_date": draw(CLEAN_DATES), "goal": draw(CLEAN_TEXTS), "indicator": draw(CLEAN_TEXTS),
                "application": draw(CLEAN_TEXTS), "support": draw(CLEAN_TEXTS)} for c in chosen}
    for _ in range(draw(st.integers(0, 2))):
        section = answers if draw(st.sampled_from(["answers", "plan"])) == "answers" else plan
        flaw = draw(st.sampled_from(["field", "line", "code", "key", "too_many"]))
        if flaw == "code":  # a code outside the role (a warning) or unknown (a problem)
            other = sorted(catalog.all_codes() - catalog.required_codes(ROLE))[:3] + ["NoSuchCode"]
            section[draw(st.sampled_from(other))] = {"has": True} if section is answers else {"priority": 1}
        elif not section:
            continue
        elif flaw == "too_many":
            section.update({f"{code}-{n}": {} for code in list(section)[:1] for n in range(201)})
        else:
            lines = sorted(code for code, line in section.items() if isinstance(line, dict))
            if not lines:
                continue
            code = draw(st.sampled_from(lines))
            if flaw == "line":
                section[code] = draw(BAD_LINES)
            elif flaw == "key":
                section[code] = {**section[code], "unexpected": 1}
            elif section is answers:
                field = draw(st.sampled_from(["has", "note"]))
                section[code]["has" if field == "has" else "note"] = draw(
                    st.sampled_from([0, 1, "yes", "", []]) if field == "has" else BAD_TEXTS)
            else:
                field = draw(st.sampled_from(["priority", "methods", "target_date", "goal", "indicator", "application",
                                              "support"]))
                value = draw({"priority": BAD_PRIORITIES, "methods": BAD_METHODS, "target_date": BAD_DATES}.get(
                    field, BAD_TEXTS))
                section[code][field] = tools[:1] * 2 if value == "DUPLICATE" else value
    return answers, plan


def outcome(text, catalog) -> tuple:
    checked = check_answers(text, catalog, file="staff.json")
    return (checked.assessment.to_dict() if checked.assessment else None,
            [(p.code, p.path, p.message) for p in checked.problems],
            [(w.code, w.path, w.message) for w in checked.warnings])


def both_ways(text, catalog, monkeypatch) -> tuple:
    fast = outcome(text, catalog)
    with monkeypatch.context() as m:
        m.setattr(answers_check, "plain_answers", lambda *args: None)
        m.setattr(answers_check, "plain_plan", lambda *args: None)
        m.setattr(cycle_fields, "no_cycle", lambda *args: None)
        full = outcome(text, catalog)
    return fast, full


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_fast_and_full_checks_agree_on_any_answers_and_plan(catalog, monkeypatch, data):
    base = staff_file(catalog, ROLE, random.Random(1), "สมชาย ทดสอบ")
    base["answers"], base["plan"] = data.draw(sections(catalog))
    fast, full = both_ways(json.dumps(base, ensure_ascii=False), catalog, monkeypatch)
    assert fast == full


def one_flaw_cases():
    """Every bad value of every field, each alone in an otherwise clean file."""
    cases = [("answers", "has", v) for v in (0, 1, "yes", "", [])]
    cases += [("answers", "note", v) for v in BAD_TEXTS_VALUES]
    cases += [("plan", "priority", v) for v in BAD_PRIORITIES_VALUES]
    cases += [("plan", "methods", v) for v in BAD_METHODS_VALUES]
    cases += [("plan", "target_date", v) for v in BAD_DATES_VALUES]
    cases += [("plan", field, v) for field in ("goal", "indicator", "application", "support")
              for v in BAD_TEXTS_VALUES]
    return cases


@pytest.mark.parametrize("section,field,value", one_flaw_cases())
def test_fast_and_full_checks_agree_on_each_flaw_alone(catalog, monkeypatch, section, field, value):
    base = staff_file(catalog, ROLE, random.Random(5), "สมชาย ทดสอบ")
    tools = [t.code for t in catalog.tools]
    code = sorted(catalog.required_codes(ROLE))[0]
    base["answers"][code] = {"has": False, "note": ""}
    base["plan"][code] = {"priority": 1, "methods": tools[:1], "target_date": "2027-09-30", "goal": "ก"}
    base[section][code][field] = tools[:1] * 2 if value == "DUPLICATE" else value
    fast, full = both_ways(json.dumps(base, ensure_ascii=False), catalog, monkeypatch)
    assert fast == full and (full[1] or full[2])  # the flaw is reported either way


@pytest.mark.parametrize("answers,plan", [(None, None), ([], 5), ("x", {}), ({}, [])])
def test_fast_and_full_checks_agree_on_sections_of_the_wrong_kind(catalog, monkeypatch, answers, plan):
    base = staff_file(catalog, ROLE, random.Random(1), "สมชาย ทดสอบ")
    base["answers"], base["plan"] = answers, plan
    fast, full = both_ways(json.dumps(base, ensure_ascii=False), catalog, monkeypatch)
    assert fast == full


@pytest.mark.parametrize("seed", range(20))
def test_fast_and_full_checks_agree_on_realistic_files(catalog, monkeypatch, seed):
    role = random.Random(seed).choice([r.code for r in catalog.roles])
    text = json.dumps(staff_file(catalog, role, random.Random(seed), "มาลี ทดสอบ"), ensure_ascii=False)
    fast, full = both_ways(text, catalog, monkeypatch)
    assert fast == full and fast[0] is not None


@pytest.mark.parametrize("seed", range(10))
def test_fast_and_full_checks_agree_on_version_1_files(catalog, monkeypatch, seed):
    role = random.Random(seed).choice([r.code for r in catalog.roles])
    data = version_1(staff_file(catalog, role, random.Random(seed), "มาลี ทดสอบ"))
    fast, full = both_ways(json.dumps(data, ensure_ascii=False), catalog, monkeypatch)
    assert fast == full and fast[0] is not None and fast[2] == [("migrated", "schema_version",
                                                                 "converted from file version 1 to 2")]


@pytest.mark.parametrize("key,value", [("period", {}), ("future", []), ("review", {}), ("progress", []),
                                       ("history", "x"), ("review", 0), ("period", {"fiscal_year": 2570})])
def test_a_cycle_key_of_any_kind_takes_the_full_checks(catalog, monkeypatch, key, value):
    data = version_1(staff_file(catalog, "A1", random.Random(3), "มาลี ทดสอบ")) | {key: value}
    fast, full = both_ways(json.dumps(data, ensure_ascii=False), catalog, monkeypatch)
    assert fast == full


def test_a_version_1_file_takes_the_fast_paths(catalog, monkeypatch):
    """No cycle check runs for a version-1 file: the shortcut answers for all of them."""
    data = version_1(staff_file(catalog, "A1", random.Random(3), "มาลี ทดสอบ"))
    calls = []
    for name in ("period", "review", "progress", "history"):
        monkeypatch.setattr(answers_check._Checker, name, lambda self, *a, name=name: calls.append(name))
    assert check_answers(json.dumps(data, ensure_ascii=False), catalog).ok and calls == []


def test_the_fast_paths_are_taken_for_a_clean_file(catalog, monkeypatch):
    """Otherwise 100,000 files would quietly go the slow way (bench/bench_aggregate.py)."""
    taken = []

    def watching(name):
        original = getattr(answers_check, name)

        def watched(*args):
            result = original(*args)
            if result is not None:
                taken.append(name)
            return result
        return watched

    for name in ("plain_answers", "plain_plan"):
        monkeypatch.setattr(answers_check, name, watching(name))
    check_answers(json.dumps(staff_file(catalog, ROLE, random.Random(3), "สุดา")), catalog)
    assert {"plain_answers", "plain_plan"} <= set(taken)
