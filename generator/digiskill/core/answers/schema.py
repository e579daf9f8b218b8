"""The answers file as JSON Schema (draft 2020-12), made from the same constants the checker uses, for anyone who
writes or reads these files with other tools. Published as `catalog/schemas/answers.schema.json` (with the catalog's
codes) and on every built site as `data/answers.schema.json` (with that site's codes, agency additions included).

The checker (`checker.py`) stays the authority: it also knows what a schema cannot say well (a Buddhist-era
year in a date, a role that contradicts its group, Thai messages). Tests check that the two agree on the corpus.
"""
from __future__ import annotations

from ...model import Catalog
from .record import (AGENCY_FIELDS, FORMAT, LINE_DECISIONS, MAX_ENTRIES, MAX_HISTORY_YEARS, MAX_PROGRESS_REVIEWS,
                     MAX_TEXT_CHARS, NEXT_LEVEL_OPINIONS, OUTCOMES, PERSON_FIELDS, PLAN_STATUSES, PLAN_TEXT_FIELDS, PRIORITY_RANGE,
                     ROLE_DECISIONS, SCHEMA_VERSION)

SCHEMA_ID = "https://digiskill.example/schemas/answers.schema.json"
# Text as the checker allows it: no character XML 1.0 forbids (JSON Schema patterns are ECMA-262 regexes).
TEXT = {"type": "string", "maxLength": MAX_TEXT_CHARS,
        "pattern": "^[^\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\uFFFE\\uFFFF]*$"}


def answers_schema(catalog: Catalog) -> dict:
    codes = sorted({u.code for u in catalog.units} | {i.code for i in catalog.items})
    tools = [t.code for t in catalog.tools]
    text_or_null = {"anyOf": [TEXT, {"type": "null"}]}
    date = {"anyOf": [{"type": "string", "pattern": "^(\\d{4}-\\d{2}-\\d{2})?$"}, {"type": "null"}]}
    signer = nullable({"type": "object", "properties": {"name": text_or_null, "position": text_or_null, "date": date}})
    answer = {"type": "object", "properties": {"has": {"type": ["boolean", "null"]}, "note": text_or_null}}
    plan_line = {"type": "object", "properties": {
        "priority": {"anyOf": [{"type": "integer", "minimum": PRIORITY_RANGE[0], "maximum": PRIORITY_RANGE[1]},
                               {"type": "null"}]},
        "methods": {"anyOf": [{"type": "array", "items": {"enum": tools}, "maxItems": len(tools)}, {"type": "null"}]},
        "target_date": {"anyOf": [{"type": "string", "pattern": "^(\\d{4}-\\d{2}-\\d{2})?$"}, {"type": "null"}]},
        **{k: text_or_null for k in PLAN_TEXT_FIELDS}}}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema", "$id": SCHEMA_ID,
        "title": "digiskill answers file (self-assessment and plan)",
        "description": f"schema_version {SCHEMA_VERSION}; keys not listed here are reported and not kept.",
        "type": "object",
        "required": ["format", "schema_version", "framework"],
        "properties": {
            "format": {"const": FORMAT},
            "schema_version": {"type": "integer", "minimum": 1, "maximum": SCHEMA_VERSION},
            "framework": {"type": "object", "required": ["id"], "properties": {
                "id": {"const": catalog.framework.id}, "data_version": {"type": "string"}}},
            "role": {"enum": [r.code for r in catalog.roles] + [None]},
            "group": {"enum": [g.code for g in catalog.groups] + [None]},
            "stage": {"enum": [s.code for s in catalog.stages] + [None]},
            "person": {"anyOf": [{"type": "object", "properties": {k: text_or_null for k in PERSON_FIELDS}},
                                 {"type": "null"}]},
            "mission": text_or_null,
            "answers": {"anyOf": [{"type": "object", "maxProperties": MAX_ENTRIES, "propertyNames": {"enum": codes},
                                   "additionalProperties": answer}, {"type": "null"}]},
            "plan": {"anyOf": [{"type": "object", "maxProperties": MAX_ENTRIES, "propertyNames": {"enum": codes},
                                "additionalProperties": plan_line}, {"type": "null"}]},
            "finder": {"anyOf": [{"type": "object", "properties": {
                "shares": {"type": "object", "additionalProperties": {"anyOf": [{"type": ["number", "null"]}, {"const": ""}]}},
                "career": {"enum": [g.code for g in catalog.groups] + ["", None]}}}, {"type": "null"}]},
            "saved_at": text_or_null,
            "period": nullable({"type": "object", "properties": {
                "fiscal_year": nullable({"type": "integer"}), "start": date, "end": date}}),
            "future": nullable({"type": "object", "properties": {
                "role": {"enum": [r.code for r in catalog.roles] + [None]},
                "plan": nullable({"type": "object", "propertyNames": {"enum": codes},
                                  "additionalProperties": plan_line})}}),
            "review": nullable({"type": "object", "properties": {
                "role_decision": choice(ROLE_DECISIONS), "proposed_role": {"enum": [r.code for r in catalog.roles] + [None, ""]},
                "reason": text_or_null, "multi_group": {"type": ["boolean", "null"]},
                "lines": nullable({"type": "object", "propertyNames": {"enum": codes}, "additionalProperties": {
                    "type": "object", "properties": {"decision": choice(LINE_DECISIONS),
                                                     "priority": plan_line["properties"]["priority"],
                                                     "methods": plan_line["properties"]["methods"],
                                                     "target_date": date, "comment": text_or_null}}}),
                "support": text_or_null, "opinion": text_or_null, "supervisor": signer, "next_level": signer,
                "next_level_opinion": choice(NEXT_LEVEL_OPINIONS), "next_level_comment": text_or_null,
                "acknowledged": signer}}),
            "progress": nullable({"type": "array", "maxItems": MAX_PROGRESS_REVIEWS, "items": {
                "type": "object", "properties": {
                    "date": date, "feedback": text_or_null, "supervisor": signer,
                    "reanswers": nullable({"type": "object", "propertyNames": {"enum": codes},
                                           "additionalProperties": {"type": ["boolean", "null"]}}),
                    "lines": nullable({"type": "object", "propertyNames": {"enum": codes}, "additionalProperties": {
                        "type": "object", "properties": {"status": choice(PLAN_STATUSES), "reason": text_or_null,
                                                         "outcome": choice(OUTCOMES), "evidence": text_or_null,
                                                         "applied": text_or_null}}})}}}),
            "agency": nullable({"type": "object", "description": "the agency whose site last saved the file "
                                "(its short name as id, its name, a digest of its agency.yaml); absent on the kit's "
                                "own site", "properties": {k: text_or_null for k in AGENCY_FIELDS}}),
            "history": nullable({"type": "array", "maxItems": MAX_HISTORY_YEARS, "items": {
                "type": "object", "properties": {
                    "fiscal_year": nullable({"type": "integer"}),
                    "role": {"enum": [r.code for r in catalog.roles] + [None]}, "data_version": text_or_null,
                    "answers": nullable({"type": "object", "propertyNames": {"enum": codes},
                                         "additionalProperties": {"type": ["boolean", "null"]}}),
                    "open_lines": nullable({"type": "array", "items": {"enum": codes}}),
                    "deferred": nullable({"type": "object", "propertyNames": {"enum": codes},
                                          "additionalProperties": text_or_null})}}}),
        },
    }


def nullable(schema: dict) -> dict:
    return {"anyOf": [schema, {"type": "null"}]}


def choice(words: tuple) -> dict:
    return {"enum": [*words, "", None]}
