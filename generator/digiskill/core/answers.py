"""The self-assessment file: what a civil servant answered and planned, as saved in the browser and exported as JSON.

    {"format": "digiskill-assessment", "schema_version": 1,
     "framework": {"id": "ocsc-2561", "data_version": "2561.1"},
     "role": "A1", "person": {"name": "", "position": "", "agency": "", "supervisor": ""}, "mission": "",
     "answers": {"DLit100": {"has": true, "note": "ใช้ระบบสารบรรณทุกวัน"}},
     "plan": {"DLit200": {"priority": 1, "methods": ["on-the-job"], "target_date": "2027-03-31",
                          "goal": "", "application": "", "support": ""}},
     "saved_at": "2026-11-24T10:00:00Z"}

`parse_assessment` checks a file (e.g. last year's, for Ind 4) and returns an `Assessment` or raises
`ImportFileError` with every problem, each with a Thai message for the browser.
"""
from __future__ import annotations

import datetime
import json
from dataclasses import dataclass, field

from ..errors import InputError, Problem
from ..model import Catalog

FORMAT = "digiskill-assessment"
SCHEMA_VERSION = 1
PERSON_FIELDS = ("name", "position", "agency", "supervisor")
PLAN_TEXT_FIELDS = ("goal", "application", "support")

# Thai messages, keyed by Problem.code. {…} placeholders come from Problem.ctx.
MESSAGES_TH = {
    "not_json": "ไฟล์นี้ไม่ใช่ไฟล์ JSON ที่อ่านได้ ({detail})",
    "not_object": "ไฟล์นี้ไม่ใช่ไฟล์ผลการประเมินของ digiskill",
    "foreign_file": "ไฟล์นี้ไม่ใช่ไฟล์ผลการประเมินของ digiskill (ไม่พบ \"format\": \"digiskill-assessment\")",
    "newer_version": "ไฟล์นี้สร้างจากเครื่องมือรุ่นใหม่กว่า (รุ่นไฟล์ {found}) เครื่องมือนี้อ่านได้ถึงรุ่น {supported} กรุณาใช้เว็บไซต์รุ่นล่าสุด",
    "other_framework": "ไฟล์นี้เป็นของกรอบทักษะ {found} ไม่ใช่ {expected} ที่เว็บไซต์นี้ใช้",
    "unknown_role": "ไม่รู้จักบทบาท {found} ในไฟล์",
    "wrong_type": "ข้อมูล {where} ควรเป็น{expected} แต่พบ {found}",
    "unknown_item": "ทักษะ {found} ในไฟล์ไม่ได้อยู่ในรายการของบทบาท {role}",
    "unknown_method": "ไม่รู้จักวิธีการพัฒนา {found}",
    "bad_date": "วันที่ {found} ไม่ถูกต้อง ควรเป็นรูปแบบ ปปปป-ดด-วว (ค.ศ.)",
}


class ImportFileError(InputError):
    what = "assessment file"

    def as_json(self) -> dict:
        """The browser's error shape: every problem with its Thai message."""
        return {"ok": False, "errors": [{"code": p.code, "path": p.path, "message": p.message,
                                         "message_th": MESSAGES_TH.get(p.code, p.message).format(**p.ctx)}
                                        for p in self.problems]}


@dataclass
class ItemAnswer:
    has: bool | None = None
    note: str = ""


@dataclass
class PlanEntry:
    priority: int | None = None
    methods: list = field(default_factory=list)
    target_date: str = ""
    goal: str = ""
    application: str = ""
    support: str = ""


@dataclass
class Assessment:
    role: str
    framework_id: str
    data_version: str
    person: dict = field(default_factory=dict)
    mission: str = ""
    answers: dict = field(default_factory=dict)  # code -> ItemAnswer
    plan: dict = field(default_factory=dict)  # code -> PlanEntry
    saved_at: str = ""

    def to_dict(self) -> dict:
        return {
            "format": FORMAT, "schema_version": SCHEMA_VERSION,
            "framework": {"id": self.framework_id, "data_version": self.data_version},
            "role": self.role, "person": {k: self.person.get(k, "") for k in PERSON_FIELDS},
            "mission": self.mission,
            "answers": {c: {"has": a.has, "note": a.note} for c, a in self.answers.items()},
            "plan": {c: {"priority": p.priority, "methods": list(p.methods), "target_date": p.target_date,
                         **{k: getattr(p, k) for k in PLAN_TEXT_FIELDS}} for c, p in self.plan.items()},
            "saved_at": self.saved_at,
        }


def parse_assessment(source: str | bytes | dict, catalog: Catalog, file: str = "assessment.json") -> Assessment:
    if isinstance(source, (str, bytes)):
        try:
            data = json.loads(source)
        except (ValueError, UnicodeDecodeError) as err:
            raise ImportFileError([Problem(file, None, "", "not_json", f"not readable JSON: {err}",
                                           {"detail": str(err)[:80]})]) from None
    else:
        data = source
    problems: list[Problem] = []

    def problem(path: str, code: str, message: str, **ctx) -> None:
        problems.append(Problem(file, None, path, code, message, ctx))

    if not isinstance(data, dict):
        raise ImportFileError([Problem(file, None, "", "not_object", "expected a JSON object at the top")])
    if data.get("format") != FORMAT:
        raise ImportFileError([Problem(file, None, "format", "foreign_file",
                                       f"expected \"format\": \"{FORMAT}\"; this is not a digiskill assessment")])
    version = data.get("schema_version")
    if not isinstance(version, int) or isinstance(version, bool) or version > SCHEMA_VERSION or version < 1:
        raise ImportFileError([Problem(file, None, "schema_version", "newer_version",
                                       f"schema_version {version!r} is not supported (this tool reads 1 to "
                                       f"{SCHEMA_VERSION})", {"found": version, "supported": SCHEMA_VERSION})])
    framework = data.get("framework")
    framework_id = framework.get("id") if isinstance(framework, dict) else None
    if framework_id != catalog.framework.id:
        raise ImportFileError([Problem(file, None, "framework.id", "other_framework",
                                       f"the file is for framework {framework_id!r}, not {catalog.framework.id!r}",
                                       {"found": framework_id, "expected": catalog.framework.id})])
    role = data.get("role")
    if role not in {r.code for r in catalog.roles}:
        raise ImportFileError([Problem(file, None, "role", "unknown_role", f"unknown role {role!r}",
                                       {"found": role})])
    required = catalog.required_codes(role)

    def text(value, path: str) -> str:
        if value is None:
            return ""
        if not isinstance(value, str):
            problem(path, "wrong_type", f"expected text, found {type(value).__name__}", where=path,
                    expected="ข้อความ", found=type(value).__name__)
            return ""
        return value

    def block(value, path: str) -> dict:
        if value is None:
            return {}
        if not isinstance(value, dict):
            problem(path, "wrong_type", f"expected an object, found {type(value).__name__}", where=path,
                    expected="กลุ่มข้อมูล (object)", found=type(value).__name__)
            return {}
        return value

    def per_item(key: str):
        """(code, path, block) for each entry under `key` whose code the role requires; reports the others."""
        for code, raw in block(data.get(key), key).items():
            path = f"{key}.{code}"
            if code not in required:
                problem(path, "unknown_item", f"{code} is not required by role {role}", found=code, role=role)
                continue
            yield code, path, raw if type(raw) is dict else block(raw, path)

    person_raw = block(data.get("person"), "person")
    person = {k: text(person_raw.get(k), f"person.{k}") for k in PERSON_FIELDS}
    answers = {}
    for code, path, raw in per_item("answers"):
        has = raw.get("has")
        if has is not None and not isinstance(has, bool):
            problem(path + ".has", "wrong_type", "expected true, false or null", where=path + ".has",
                    expected=" true หรือ false", found=repr(has))
            has = None
        note = raw.get("note")
        answers[code] = ItemAnswer(has=has, note=note if type(note) is str else text(note, path + ".note"))
    plan = {}
    for code, path, raw in per_item("plan"):
        priority = raw.get("priority")
        if priority is not None and (not isinstance(priority, int) or isinstance(priority, bool)):
            problem(path + ".priority", "wrong_type", "expected a whole number", where=path + ".priority",
                    expected="ตัวเลขจำนวนเต็ม", found=repr(priority))
            priority = None
        methods = raw.get("methods") or []
        if not isinstance(methods, list):
            problem(path + ".methods", "wrong_type", "expected a list", where=path + ".methods",
                    expected="รายการ (list)", found=type(methods).__name__)
            methods = []
        for method in methods:
            if not catalog.has_tool(method):
                problem(path + ".methods", "unknown_method", f"unknown development method {method!r}",
                        found=method)
        target = text(raw.get("target_date"), path + ".target_date")
        if target and not _is_iso_date(target):
            problem(path + ".target_date", "bad_date", f"expected YYYY-MM-DD, found {target!r}", found=target)
            target = ""
        plan[code] = PlanEntry(priority=priority, methods=[m for m in methods if catalog.has_tool(m)], target_date=target,
                               **{k: text(raw.get(k), f"{path}.{k}") for k in PLAN_TEXT_FIELDS})
    mission = text(data.get("mission"), "mission")
    saved_at = text(data.get("saved_at"), "saved_at")
    if problems:
        raise ImportFileError(problems)
    return Assessment(role=role, framework_id=framework_id, data_version=str(framework.get("data_version", "")),
                      person=person, mission=mission, answers=answers, plan=plan, saved_at=saved_at)


def _is_iso_date(value: str) -> bool:
    try:
        datetime.date.fromisoformat(value)
    except ValueError:
        return False
    return len(value) == 10
