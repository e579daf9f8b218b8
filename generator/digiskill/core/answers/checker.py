"""Read an answers file: decode → migrate → validate. The one checker behind the page, the worker, the CLI and the
aggregation.

`check_answers` never raises, whatever it is given (bytes, text or an already-parsed JSON value): it returns a
`Checked` holding the cleaned `Assessment` (None when the file cannot be used at all), the problems (each with a key
path and an English and a Thai message) and warnings (the file is used, the user is told: unknown keys, a TIS-620
file converted, answers outside the role). `parse_assessment` is the strict form: it raises `ImportFileError` unless
the file is fully valid.

Choices: characters XML 1.0 forbids (U+0000–U+0008, U+000B, U+000C, U+000E–U+001F, lone surrogates, U+FFFE/U+FFFF)
are refused with the field and position rather than silently removed, so nothing a person wrote changes without them
knowing; a Buddhist-era year in an ISO date is refused with the Common-Era date as a hint.
"""
from __future__ import annotations

import codecs
import copy
import datetime
import itertools
import json
import re
from dataclasses import dataclass, field

from ...errors import InputError, Problem
from ...model import Catalog
from .messages import message_en, message_th
from .fast import plain_answers, plain_plan
from .versions import carry_over, change_path
from .fields import JSON_TYPES_TH, XML_FORBIDDEN, Fatal, json_type, printable
from .cycle_fields import CycleReader
from .record import (AGENCY_FIELDS, FORMAT, MAX_DEPTH, MAX_ENTRIES, MAX_FILE_BYTES, MAX_PROBLEMS, MAX_TEXT_CHARS, PERSON_FIELDS,
                     PLAN_TEXT_FIELDS, PRIORITY_RANGE, SCHEMA_VERSION, TOP_KEYS, AgencyStamp, Assessment, ItemAnswer,
                     PlanEntry, migrate)

NOT_BRACKETS = re.compile(r"[^\[\]{}]+")
BRACKET_STEP = {"[": 1, "{": 1, "]": -1, "}": -1}
THAI_LETTER = re.compile("[\u0e01-\u0e5b]")


class ImportFileError(InputError):
    what = "answers file"

    def as_json(self) -> dict:
        return {"ok": False, "errors": [problem_json(p) for p in self.problems]}


def problem_json(p: Problem) -> dict:
    return {"code": p.code, "path": p.path, "message": p.message, "message_th": message_th(p.code, p.ctx)}


@dataclass
class Checked:
    file: str
    assessment: Assessment | None = None
    problems: list = field(default_factory=list)
    warnings: list = field(default_factory=list)
    migrated_from: list = field(default_factory=list)  # schema versions the file was converted from
    agency: AgencyStamp | None = None  # the site the file was made on, read even when the file has problems

    @property
    def ok(self) -> bool:
        return self.assessment is not None and not self.problems

    def reason_th(self) -> str:
        """The first problem in plain Thai: why a file was set aside."""
        return message_th(self.problems[0].code, self.problems[0].ctx) if self.problems else ""

    def as_json(self) -> dict:
        return {"ok": self.ok, "assessment": self.assessment.to_dict() if self.assessment else None,
                "errors": [problem_json(p) for p in self.problems],
                "warnings": [problem_json(p) for p in self.warnings], "migrated_from": self.migrated_from}


def check_answers(source, catalog: Catalog, file: str = "answers.json", *, draft: bool = False) -> Checked:
    """`draft`: the browser's autosave, which may have no role yet and keeps what it can of a damaged draft."""
    checker = _Checker(catalog, file, draft)
    try:
        checker.run(source)
    except Fatal:
        checker.result.assessment = None
    except Exception as err:  # a bug of ours: still an answer, never a traceback (tests assert it never happens)
        checker.result.assessment = None
        checker.result.problems = [Problem(file, None, "", "internal_error", message_en(
            "internal_error", {"detail": type(err).__name__}), {"detail": type(err).__name__})]
    return checker.result


def parse_assessment(source, catalog: Catalog, file: str = "answers.json") -> Assessment:
    checked = check_answers(source, catalog, file)
    if not checked.ok:
        raise ImportFileError(checked.problems)
    return checked.assessment


class _Checker(CycleReader):
    def __init__(self, catalog: Catalog, file: str, draft: bool):
        super().__init__(catalog, file)
        self.draft = draft
        self.result = Checked(file, problems=self.problems, warnings=self.warnings)

    # -- decode ---------------------------------------------------------------------------------------------------
    def decode(self, raw: bytes) -> str:
        if len(raw) > MAX_FILE_BYTES:
            self.fatal("", "too_large", size=len(raw), limit=MAX_FILE_BYTES)
        if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            try:
                text = raw.decode("utf-16")
            except UnicodeDecodeError as err:
                self.fatal("", "not_text", position=err.start + 1)
            self.warn("", "converted_encoding", encoding="UTF-16")
            return text
        try:
            return raw.decode("utf-8-sig")
        except UnicodeDecodeError as err:
            position = err.start + 1
            if err.end == len(raw) and err.reason == "unexpected end of data":  # cut off inside a Thai letter
                self.fatal("", "truncated", position=len(raw))
        try:  # Thai Windows PCs often save TIS-620 (cp874): accept it when it decodes cleanly into Thai text
            text = raw.decode("cp874")
        except UnicodeDecodeError:
            self.fatal("", "not_text", position=position)
        if not THAI_LETTER.search(text) or XML_FORBIDDEN.search(text):
            self.fatal("", "not_text", position=position)
        self.warn("", "converted_encoding", encoding="TIS-620 (cp874)")
        return text

    def load_json(self, text: str):
        if len(text) > MAX_FILE_BYTES:
            self.fatal("", "too_large", size=len(text), limit=MAX_FILE_BYTES)
        if not text.strip():
            self.fatal("", "empty_file")
        if text.count("[") + text.count("{") > MAX_DEPTH and \
                max(itertools.accumulate(map(BRACKET_STEP.__getitem__, NOT_BRACKETS.sub("", text)))) > MAX_DEPTH:
            self.fatal("", "too_deep")
        try:
            if text.startswith("\ufeff"):  # what json.loads says of a BOM left in text
                raise json.JSONDecodeError("Unexpected UTF-8 BOM (decode using utf-8-sig)", text, 0)
            return JSON_READER.decode(text)
        except json.JSONDecodeError as err:
            rest = text[err.pos:].rstrip()
            stops = (not rest or err.msg.startswith("Unterminated string")  # the parser reached the end of the text
                     or any(word.startswith(rest) for word in ("true", "false", "null")))  # or a word cut short
            if stops and text.lstrip().startswith(("{", "[")):  # the file stops in the middle of its JSON
                self.fatal("", "truncated", position=len(text.encode("utf-8")))
            self.fatal("", "not_json", detail=err.msg, line=err.lineno, column=err.colno)
        except RecursionError:
            self.fatal("", "too_deep")
        except ValueError:  # NaN / Infinity, or an integer longer than Python converts
            found = re.search(r"NaN|-?Infinity|\d{4000}", text)
            position = found.start() if found else 0
            self.fatal("", "not_json", detail="a value JSON does not allow", line=text.count("\n", 0, position) + 1,
                       column=position - (text.rfind("\n", 0, position) + 1) + 1)

    # -- the whole file -------------------------------------------------------------------------------------------
    def run(self, source) -> None:
        if isinstance(source, (bytes, bytearray, memoryview)):
            source = self.decode(bytes(source))
        data = self.load_json(source) if isinstance(source, str) else source
        if not isinstance(data, dict):
            self.fatal("", "not_object", found=json_type(data), found_th=json_type(data, JSON_TYPES_TH))
        if "format" not in data:
            self.fatal("format", "format_missing")
        if data["format"] != FORMAT:
            self.fatal("format", "foreign_file", found=printable(data["format"]))
        if "schema_version" not in data:
            self.fatal("schema_version", "version_missing")
        version = data["schema_version"]
        if not isinstance(version, int) or isinstance(version, bool) or version < 1:
            found = json.dumps(version, ensure_ascii=False)[:40] if isinstance(version, str) else printable(version)
            self.fatal("schema_version", "bad_version", found=found)
        if version > SCHEMA_VERSION:
            self.fatal("schema_version", "newer_version", found=version, supported=SCHEMA_VERSION)
        self.result.agency = self.agency(data.get("agency"))
        data, self.result.migrated_from = migrate(data, version)
        if self.result.migrated_from:
            self.warn("schema_version", "migrated", found=version, supported=SCHEMA_VERSION)
        framework = data.get("framework")
        if not isinstance(framework, dict):
            self.fatal("framework", "other_framework", found="(ไม่ระบุ)" if framework is None else
                       json_type(framework, JSON_TYPES_TH), expected=self.catalog.framework.id)
        if framework.get("id") != self.catalog.framework.id:
            self.fatal("framework.id", "other_framework", found=printable(framework.get("id")),
                       expected=self.catalog.framework.id)
        data_version = framework.get("data_version", "")
        if not isinstance(data_version, str):
            self.wrong_type("framework.data_version", data_version, "ข้อความ", "text")
            data_version = ""
        current = self.catalog.framework.data_version
        path = change_path(self.catalog.data_changes, data_version, current) if data_version != current else None
        if path:  # a file of an older catalog version: carried over through changes.yaml, and the user told so
            data, dropped = carry_over(copy.deepcopy(data), path)
            self.warn("framework.data_version", "data_version_converted", found=data_version, expected=current)
            for code in dropped:
                self.warn(code, "not_carried_over", found=code)
            data_version = current
        for key in data:
            if key not in TOP_KEYS:
                self.warn(printable(key), "unknown_key")
        self.result.assessment = self.assessment(data, data_version)

    def assessment(self, data: dict, data_version: str) -> Assessment:
        role, group, stage = self.role(data)
        person_raw = self.mapping(data.get("person"), "person")
        for key in person_raw:
            if key not in PERSON_FIELDS:
                self.warn(f"person.{printable(key)}", "unknown_key")
        return Assessment(
            role=role, group=group, stage=stage, framework_id=self.catalog.framework.id, data_version=data_version,
            person={k: self.text(person_raw.get(k), f"person.{k}") for k in PERSON_FIELDS},
            mission=self.text(data.get("mission"), "mission"),
            answers=self.answers(data.get("answers"), role), plan=self.plan(data.get("plan"), role),
            finder=self.finder(data.get("finder")), saved_at=self.saved_at(data.get("saved_at")),
            agency=self.result.agency, **self.cycle(data, role))

    def role(self, data: dict) -> tuple:
        catalog = self.catalog
        group, stage = data.get("group"), data.get("stage")
        if group is not None and (not isinstance(group, str) or group not in {g.code for g in catalog.groups}):
            self.problem("group", "unknown_group", found=printable(group))
            group = None
        if stage is not None and (not isinstance(stage, str) or stage not in {s.code for s in catalog.stages}):
            self.problem("stage", "unknown_stage", found=printable(stage))
            stage = None
        role = data.get("role")
        if role is None:
            if not self.draft:
                self.problem("role", "role_missing")
            return None, group, stage
        if not isinstance(role, str):
            self.wrong_type("role", role, "รหัสบทบาท (ข้อความ เช่น A1)", "a role code (text such as A1)")
            return None, group, stage
        if role not in {r.code for r in catalog.roles}:
            self.problem("role", "unknown_role", found=printable(role))
            return None, group, stage
        record = catalog.role(role)
        if (group is not None and group != record.group) or (stage is not None and stage != record.stage):
            self.problem("role", "role_mismatch", role=role, group=group or "-", stage=stage or "-")
        return role, record.group, record.stage

    # -- parts ----------------------------------------------------------------------------------------------------
    def entries(self, value, path: str, role: str | None, plain: bool = False):
        """(code, path, value) for each line under a code-keyed object (answers, plan, review lines…) whose code the
        catalog knows; the value must be an object unless `plain`."""
        lines = self.mapping(value, path)
        if len(lines) > MAX_ENTRIES:
            self.problem(path, "too_many", size=len(lines), limit=MAX_ENTRIES)
            return
        required = self.catalog.required_codes(role) if role else None
        for code, raw in lines.items():
            if code not in self.codes:
                self.problem(f"{path}.{printable(code)}", "unknown_item", found=printable(code))
                continue
            where = f"{path}.{code}"  # a catalog code is short and plain: printable(code) == code
            if required is not None and code not in required:
                self.warn(where, "not_for_role", found=code, role=role)
            yield code, where, raw if plain else self.mapping(raw, where)

    def allowed_codes(self, role: str | None) -> frozenset:
        """Codes a line may have without a problem or a warning: the role's, or any the catalog knows without a role."""
        return self.catalog.required_codes(role) if role else self.codes

    def answers(self, value, role) -> dict:
        fast = plain_answers(value, self.allowed_codes(role))
        if fast is not None:
            return fast
        answers = {}
        for code, path, raw in self.entries(value, "answers", role):
            self.known_keys(raw, path, ("has", "note"))
            has = raw.get("has")
            if has is not None and not isinstance(has, bool):
                self.wrong_type(path + ".has", has, " true หรือ false", "true, false or null")
                has = None
            answers[code] = ItemAnswer(has=has, note=self.text(raw.get("note"), path + ".note"))
        return answers

    def plan(self, value, role, where: str = "plan") -> dict:
        fast = plain_plan(value, self.allowed_codes(role), self.catalog.has_tool, len(self.catalog.tools))
        if fast is not None:
            return fast
        plan = {}
        for code, path, raw in self.entries(value, where, role):
            self.known_keys(raw, path, ("priority", "methods", "target_date", *PLAN_TEXT_FIELDS))
            plan[code] = PlanEntry(priority=self.priority(raw.get("priority"), path + ".priority"),
                                   methods=self.methods(raw.get("methods"), path + ".methods"),
                                   target_date=self.date(raw.get("target_date"), path + ".target_date"),
                                   **{k: self.text(raw.get(k), f"{path}.{k}") for k in PLAN_TEXT_FIELDS})
        return plan

    def saved_at(self, value) -> str:
        text = self.text(value, "saved_at")
        if text:
            try:
                datetime.datetime.fromisoformat(text.replace("Z", "+00:00"))
            except ValueError:
                self.problem("saved_at", "bad_datetime", found=printable(text))
                return ""
        return text

    def agency(self, value) -> AgencyStamp | None:
        """The "agency" block (where the file was made), read before anything else of the file so that the HR page
        and the CLI can say which agency's settings a file needs even when its codes are unknown here."""
        if value is None:
            return None
        raw = self.mapping(value, "agency")
        self.known_keys(raw, "agency", AGENCY_FIELDS)
        stamp = AgencyStamp(**{k: self.text(raw.get(k), f"agency.{k}") for k in AGENCY_FIELDS})
        return stamp if stamp.id else None

    def finder(self, value) -> dict:
        raw = self.mapping(value, "finder")
        self.known_keys(raw, "finder", ("shares", "career"))
        groups = {g.code for g in self.catalog.groups}
        shares = {}
        for code, share in self.mapping(raw.get("shares"), "finder.shares").items():
            if code not in groups:
                self.warn(f"finder.shares.{printable(code)}", "unknown_key")
            elif share == "" or share is None:
                continue
            elif not isinstance(share, (int, float)) or isinstance(share, bool):
                self.wrong_type(f"finder.shares.{code}", share, "ตัวเลข", "a number")
            else:
                shares[code] = share
        career = self.text(raw.get("career"), "finder.career")
        if career and career not in groups:
            self.problem("finder.career", "unknown_group", found=printable(career))
            career = ""
        return {"shares": shares, "career": career}


def _refuse_constant(name: str):
    raise ValueError(f"{name} is not JSON")


# Made once: json.loads with an option builds a new decoder for every file (1.6 µs of about 90 per file aggregated).
JSON_READER = json.JSONDecoder(parse_constant=_refuse_constant)
