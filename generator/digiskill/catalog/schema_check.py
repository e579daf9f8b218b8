"""Turn `jsonschema` validation errors into `Problem`s that name the file, line, key path, expected and found."""
from __future__ import annotations

import ast
import difflib

import jsonschema

from ..errors import Problem
from .messages import TYPES_TH, describe_th, hint_th
from .yamlsource import YamlDocument, describe, format_path

_JSON_TYPES = {"string": "text", "integer": "a whole number", "number": "a number", "array": "a list",
               "object": "a block of keys", "boolean": "yes or no"}


def check_schema(doc: YamlDocument, schema: dict) -> list[Problem]:
    validator = jsonschema.Draft202012Validator(schema)
    problems: list[Problem] = []
    for error in validator.iter_errors(doc.data):
        problems.extend(_problems_for(doc, error))
    return problems


def _problems_for(doc: YamlDocument, error: jsonschema.ValidationError) -> list[Problem]:
    path = tuple(error.absolute_path)
    schema = error.schema if isinstance(error.schema, dict) else {}
    found = describe(error.instance)
    found_th = describe_th(error.instance)
    expected_th = schema.get("x-expected-th") or TYPES_TH.get(str(schema.get("type", "")), "ค่าที่ถูกต้อง")

    def problem(at: tuple, code: str, message: str, **ctx) -> Problem:
        return Problem(doc.file, doc.line_of(at), format_path(at, doc.data), code, message, ctx)

    if error.validator == "additionalProperties" and isinstance(error.instance, dict):
        if isinstance(schema.get("additionalProperties"), dict):  # a mapping whose keys are free: shape error
            return []
        known = sorted(schema.get("properties", {}))
        out = []
        for key in sorted(k for k in error.instance if k not in known):
            hint = difflib.get_close_matches(str(key), known, n=1)
            tip = f"; did you mean '{hint[0]}'?" if hint else f" (allowed: {', '.join(known)})"
            out.append(problem(path + (key,), "unknown_key", f"unknown key '{key}'{tip}", key=key,
                               hint_th=hint_th(hint[0] if hint else None, known)))
        return out
    if error.validator == "required":
        missing = ast.literal_eval(str(error.message).rsplit(" is a required property", 1)[0])
        return [problem(path, "missing_key", f"the required key '{missing}' is missing", key=missing)]
    if "propertyNames" in error.relative_schema_path:  # a free-form key (e.g. a role code) of the wrong shape
        key = error.instance
        return [problem(path + (key,), "bad_key", f"expected {schema.get('x-expected', 'a valid key')} as the key, "
                                                  f"found {describe(key)}", found_th=describe_th(key),
                        expected_th=schema.get("x-expected-th", "รหัสที่ถูกต้อง"))]
    if error.validator == "type":
        wanted = _JSON_TYPES.get(str(error.validator_value), str(error.validator_value))
        expected = schema.get("x-expected", wanted)
        tip = tip_th = ""
        if wanted == "text" and not isinstance(error.instance, (list, dict)):
            tip, tip_th = "; put the value in quotes", " ให้ใส่ค่าในเครื่องหมายคำพูด"
        return [problem(path, "wrong_type", f"expected {expected}, found {found}{tip}", expected=expected,
                        expected_th=expected_th, found_th=found_th, tip_th=tip_th)]
    if error.validator == "enum":
        allowed = ", ".join(str(v) for v in error.validator_value)
        return [problem(path, "not_allowed", f"expected one of: {allowed}; found {found}", allowed=allowed,
                        found_th=found_th)]
    if error.validator == "pattern":
        expected = schema.get("x-expected", f"text matching {error.validator_value}")
        return [problem(path, "bad_value", f"expected {expected}, found {found}", expected=expected,
                        expected_th=expected_th, found_th=found_th)]
    if error.validator in ("minItems", "minProperties"):
        return [problem(path, "empty", f"expected at least {error.validator_value} entr"
                                       f"{'y' if error.validator_value == 1 else 'ies'}, found none",
                        least=error.validator_value)]
    if error.validator in ("minimum", "maximum"):
        expected = schema.get("x-expected", "a number in range")
        return [problem(path, "out_of_range", f"expected {expected}, found {found}", expected_th=expected_th,
                        found_th=found_th)]
    if error.validator == "anyOf" and "x-expected" in schema:  # one of several shapes (agency.yaml `adopt`)
        return [problem(path, "bad_value", f"expected {schema['x-expected']}, found {found}",
                        expected=schema["x-expected"], expected_th=expected_th, found_th=found_th)]
    return [problem(path, "invalid", f"{error.message}")]
