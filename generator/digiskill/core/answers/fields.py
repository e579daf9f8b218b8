"""Reading the fields of an answers file: the shared checks behind `checker.py` (the file and its first-year
parts) and `cycle_fields.py` (the supervisor review, progress reviews, the future role and past years).

A `FieldReader` collects problems (the file is not valid) and warnings (it is, but the user is told), each with a key
path; every reader returns a clean value (an empty one after a problem) so that a damaged draft keeps what was sound.
"""
from __future__ import annotations

import datetime
import json
import re

from ...errors import Problem
from ...model import Catalog
from .messages import message_en
from .record import MAX_PROBLEMS, MAX_TEXT_CHARS, PRIORITY_RANGE

XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
ISO_DATE_SHAPE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
JSON_TYPES_TH = {dict: "กลุ่มข้อมูล (object)", list: "รายการ (list)", str: "ข้อความ", bool: "true/false",
                 int: "ตัวเลข", float: "ตัวเลข", type(None): "null"}
JSON_TYPES_EN = {dict: "an object", list: "a list", str: "text", bool: "true/false", int: "a number",
                 float: "a number", type(None): "null"}


class Fatal(Exception):
    """The file cannot be used at all; the one problem that says why is already recorded."""


def json_type(value, table=JSON_TYPES_EN) -> str:
    return table.get(type(value), type(value).__name__)


def printable(value, limit: int = 40) -> str:
    """A value as it may appear in a message: short, with control characters made visible."""
    if isinstance(value, str):
        text = value
    elif isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > 300:
        text = "(a very long number)"
    elif isinstance(value, (bool, int, float, type(None))):
        text = json.dumps(value)[:limit]
    else:
        text = json_type(value)
    text = XML_FORBIDDEN.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
    return text if len(text) <= limit else text[:limit] + "…"


class FieldReader:
    def __init__(self, catalog: Catalog, file: str):
        self.catalog, self.file = catalog, file
        self.problems: list[Problem] = []
        self.warnings: list[Problem] = []
        self.codes = catalog.all_codes()

    # -- reporting ------------------------------------------------------------------------------------------------
    def problem(self, path: str, code: str, **ctx) -> None:
        if len(self.problems) < MAX_PROBLEMS:
            ctx.setdefault("where", path or "ไฟล์")
            self.problems.append(Problem(self.file, None, path, code, message_en(code, ctx), ctx))

    def warn(self, path: str, code: str, **ctx) -> None:
        if len(self.warnings) < MAX_PROBLEMS:
            ctx.setdefault("where", path)
            self.warnings.append(Problem(self.file, None, path, code, message_en(code, ctx), ctx))

    def fatal(self, path: str, code: str, **ctx):
        self.problem(path, code, **ctx)
        raise Fatal

    def wrong_type(self, path: str, value, expected_th: str, expected_en: str) -> None:
        self.problem(path, "wrong_type", expected=expected_th, expected_en=expected_en,
                     found=json_type(value, JSON_TYPES_TH))

    # -- fields ---------------------------------------------------------------------------------------------------
    def mapping(self, value, path: str) -> dict:
        if value is None:
            return {}
        if not isinstance(value, dict):
            self.wrong_type(path, value, "กลุ่มข้อมูล (object)", "an object")
            return {}
        return value

    def text(self, value, path: str) -> str:
        if value is None or value == "":  # most fields are empty: the fast path of the aggregation
            return ""
        if not isinstance(value, str):
            self.wrong_type(path, value, "ข้อความ", "text")
            return ""
        if len(value) > MAX_TEXT_CHARS:
            self.problem(path, "too_long", size=len(value), limit=MAX_TEXT_CHARS)
            return ""
        bad = XML_FORBIDDEN.search(value)
        if bad:
            self.problem(path, "bad_char", char=f"{ord(bad.group()):04X}", position=bad.start() + 1)
            return ""
        return value

    def known_keys(self, raw: dict, path: str, keys) -> None:
        for key in raw:
            if key not in keys:
                self.warn(f"{path}.{printable(key)}", "unknown_key")

    def priority(self, value, path: str):
        if value is None:
            return None
        if not isinstance(value, int) or isinstance(value, bool):
            self.wrong_type(path, value, "ตัวเลขจำนวนเต็ม", "a whole number")
            return None
        low, high = PRIORITY_RANGE
        if not low <= value <= high:
            self.problem(path, "priority_range", low=low, high=high, found=printable(value))
            return None
        return value

    def methods(self, value, path: str) -> list:
        if value is None:
            return []
        if not isinstance(value, list):
            self.wrong_type(path, value, "รายการ (list)", "a list")
            return []
        if len(value) > len(self.catalog.tools):
            self.problem(path, "too_many", size=len(value), limit=len(self.catalog.tools))
            return []
        methods = []
        for index, method in enumerate(value):
            if not isinstance(method, str):
                self.wrong_type(f"{path}[{index}]", method, "รหัสวิธีการพัฒนา (ข้อความ)", "a method code (text)")
            elif not self.catalog.has_tool(method):
                self.problem(f"{path}[{index}]", "unknown_method", found=printable(method))
            elif method in methods:
                self.warn(f"{path}[{index}]", "duplicate_method", found=method)
            else:
                methods.append(method)
        return methods

    def date(self, value, path: str) -> str:
        text = self.text(value, path)
        if not text:
            return ""
        shape = ISO_DATE_SHAPE.match(text)
        if shape and int(shape.group(1)) >= 2400:  # a Buddhist-era year typed into an ISO date
            suggest = f"{int(shape.group(1)) - 543}-{shape.group(2)}-{shape.group(3)}"
            self.problem(path, "buddhist_year", found=text, suggest=suggest)
            return ""
        try:
            datetime.date.fromisoformat(text)
        except ValueError:
            shape = None
        if not shape:
            self.problem(path, "bad_date", found=printable(text))
            return ""
        return text

    def choice(self, value, path: str, allowed: tuple, empty: str = "") -> str:
        """One of a few fixed words (a decision, a status); "" or null means not yet chosen."""
        if value is None or value == "":
            return empty
        if value not in allowed:
            self.problem(path, "not_a_choice", found=printable(value), allowed=", ".join(allowed))
            return empty
        return value

    def flag(self, value, path: str) -> bool | None:
        if value is None or isinstance(value, bool):
            return value
        self.wrong_type(path, value, " true หรือ false", "true, false or null")
        return None

    def whole_number(self, value, path: str, low: int, high: int):
        if value is None:
            return None
        if not isinstance(value, int) or isinstance(value, bool):
            self.wrong_type(path, value, "ตัวเลขจำนวนเต็ม", "a whole number")
            return None
        if not low <= value <= high:
            self.problem(path, "out_of_range", low=low, high=high, found=printable(value))
            return None
        return value

    def a_list(self, value, path: str, limit: int) -> list:
        if value is None:
            return []
        if not isinstance(value, list):
            self.wrong_type(path, value, "รายการ (list)", "a list")
            return []
        if len(value) > limit:
            self.problem(path, "too_many", size=len(value), limit=limit)
            return []
        return value

    def code(self, value, path: str, known, what_th: str = "รหัส"):
        """A unit, item or role code that must exist (null allowed)."""
        if value is None or value == "":
            return None
        if not isinstance(value, str) or value not in known:
            self.problem(path, "unknown_code", found=printable(value), what=what_th)
            return None
        return value
