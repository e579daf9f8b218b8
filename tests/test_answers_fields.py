"""The field readers the version-2 parts of the answers file use (choice, flag, whole number, list, code), each at
its edges, with the exact problem it records. Written to kill the mutants a mutation run left alive there."""
from __future__ import annotations

import pytest

from digiskill.core.answers.messages import message_th
from digiskill.core.answers.fields import FieldReader


@pytest.fixture
def reader(catalog):
    return FieldReader(catalog, "x.json")


def said(reader) -> list:
    return [(p.code, p.path, message_th(p.code, p.ctx)) for p in reader.problems]


def test_choice(reader):
    assert reader.choice(None, "p", ("a", "b")) == "" and reader.choice("", "p", ("a", "b"), "a") == "a"
    assert reader.choice("b", "p", ("a", "b")) == "b" and reader.problems == []
    assert reader.choice("c", "p", ("a", "b"), "a") == "a"
    assert said(reader) == [("not_a_choice", "p", "p เป็น c ซึ่งไม่ใช่ค่าที่ใช้ได้ (a, b)")]


def test_flag(reader):
    assert reader.flag(None, "f") is None and reader.flag(True, "f") is True and reader.flag(False, "f") is False
    assert reader.problems == []
    assert reader.flag(1, "f") is None and reader.flag("yes", "f") is None
    assert [(c, p) for c, p, _ in said(reader)] == [("wrong_type", "f"), ("wrong_type", "f")]
    assert said(reader)[0][2] == "ข้อมูล f ควรเป็น true หรือ false แต่พบ ตัวเลข"


@pytest.mark.parametrize("value,result,problem", [
    (None, None, None), (10, 10, None), (20, 20, None), (15, 15, None),
    (9, None, "out_of_range"), (21, None, "out_of_range"), (True, None, "wrong_type"), (12.0, None, "wrong_type"),
    ("12", None, "wrong_type")])
def test_whole_number_is_inclusive_at_both_ends(reader, value, result, problem):
    assert reader.whole_number(value, "n", 10, 20) == result
    assert [p.code for p in reader.problems] == ([problem] if problem else [])
    if problem == "out_of_range":
        assert said(reader)[0][2] == f"n ต้องอยู่ระหว่าง 10 ถึง 20 แต่พบ {value}"


def test_a_list(reader):
    assert reader.a_list(None, "l", 2) == [] and reader.a_list([1, 2], "l", 2) == [1, 2] and reader.problems == []
    assert reader.a_list([1, 2, 3], "l", 2) == []
    assert said(reader) == [("too_many", "l", "l มีรายการมากเกินไป (3 รายการ ไม่เกิน 2)")]
    assert reader.a_list({"a": 1}, "m", 2) == []
    assert said(reader)[1][:2] == ("wrong_type", "m")


def test_code(reader):
    known = {"A1", "A2"}
    assert reader.code(None, "c", known) is None and reader.code("", "c", known) is None
    assert reader.code("A2", "c", known) == "A2" and reader.problems == []
    assert reader.code("Z9", "c", known, "บทบาท") is None and reader.code(7, "d", known) is None
    assert said(reader) == [("unknown_code", "c", "ไม่รู้จักบทบาท Z9 ใน c"), ("unknown_code", "d", "ไม่รู้จักรหัส 7 ใน d")]
