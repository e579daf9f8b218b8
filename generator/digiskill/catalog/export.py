"""The resolved catalog as open data: JSON (with a JSON Schema generated from the model), CSV and XLSX."""
from __future__ import annotations

import csv
import dataclasses
import io
import json
import types
import typing

from ..formula_guard import neutralise, text_cell
from ..model import COMPONENTS, Catalog, Requirement

EXPORT_SCHEMA_VERSION = 1
SCHEMA_ID = "https://digiskill.example/schemas/catalog.schema.json"
def catalog_document(catalog: Catalog) -> dict:
    return {"schema_version": EXPORT_SCHEMA_VERSION, **catalog.to_dict()}


def export_json(catalog: Catalog) -> bytes:
    return (json.dumps(catalog_document(catalog), ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def json_schema() -> dict:
    """JSON Schema (2020-12) of `export_json`, derived from the model so the two cannot drift apart."""
    definitions: dict[str, dict] = {}
    root = _schema_for(Catalog, definitions)
    root["properties"] = {"schema_version": {"const": EXPORT_SCHEMA_VERSION}, **root["properties"]}
    root["required"] = ["schema_version", *root["required"]]
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": SCHEMA_ID,
            "title": "digiskill catalog export", **root, "$defs": definitions}


def _schema_for(cls, definitions: dict) -> dict:
    hints = typing.get_type_hints(cls)
    props, required = {}, []
    for f in dataclasses.fields(cls):
        if not f.init:
            continue
        props[f.name] = _type_schema(hints[f.name], definitions)
        if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING:
            required.append(f.name)
    return {"type": "object", "properties": props, "required": required, "additionalProperties": False}


def _type_schema(hint, definitions: dict) -> dict:
    if typing.get_origin(hint) in (typing.Union, types.UnionType):  # `X | None`
        inner = next(arg for arg in typing.get_args(hint) if arg is not type(None))
        return {"anyOf": [_type_schema(inner, definitions), {"type": "null"}]}
    if typing.get_origin(hint) is tuple:
        return {"type": "array", "items": _type_schema(typing.get_args(hint)[0], definitions)}
    if dataclasses.is_dataclass(hint):
        if hint.__name__ not in definitions:
            definitions[hint.__name__] = {}  # placeholder against recursion
            definitions[hint.__name__] = _schema_for(hint, definitions)
        return {"$ref": f"#/$defs/{hint.__name__}"}
    return {str: {"type": "string"}, int: {"type": "integer"}}[hint]


def requirement_rows(catalog: Catalog) -> list[dict]:
    """One row per role × required unit or item, in catalog order."""
    rows = []
    for role in catalog.roles:
        requirement: Requirement = catalog.requirement(role.code)
        for component in COMPONENTS:
            for code in requirement.codes(component):
                entry = catalog.unit(code) if component == "ability" else catalog.item(code)
                rows.append({
                    "role": role.code, "role_title_th": role.title_th, "group": role.group, "stage": role.stage,
                    "component": component, "code": code, "title_th": entry.title_th, "title_en": entry.title_en,
                    "domain": getattr(entry, "domain", ""), "item_status": entry.status,
                    "requirement_status": "agency" if entry.status == "agency" else requirement.status,
                })
    return rows


def export_csv(catalog: Catalog) -> bytes:
    rows = requirement_rows(catalog)
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\r\n")
    writer.writeheader()
    writer.writerows({k: neutralise(v) for k, v in row.items()} for row in rows)
    return out.getvalue().encode("utf-8-sig")  # the BOM makes Excel read the Thai text as UTF-8


def tables(catalog: Catalog) -> dict[str, list[dict]]:
    """Every table of the catalog as flat rows (nested records become their own table, keyed by the parent)."""
    result: dict[str, list[dict]] = {"framework": [_flat(catalog.framework)]}
    for f in dataclasses.fields(Catalog):
        value = getattr(catalog, f.name) if f.init and f.name != "requirements" else None
        if isinstance(value, tuple) and value and dataclasses.is_dataclass(value[0]):
            for record in value:
                _add_rows(result, f.name, record)
    result["learning_model"] = [_flat(p) for p in catalog.learning_model.parts]
    result["requirements"] = requirement_rows(catalog)
    return result


def _add_rows(result: dict, table: str, record) -> None:
    row = {}
    for f in dataclasses.fields(record):
        value = getattr(record, f.name)
        if isinstance(value, tuple) and value and dataclasses.is_dataclass(value[0]):
            key = getattr(record, "code", None) or getattr(record, "id", None)
            for child in value:
                _add_rows(result, f"{table}.{f.name}", child)
                result[f"{table}.{f.name}"][-1] = {table.rstrip("s"): key, **result[f"{table}.{f.name}"][-1]}
        else:
            row.update(_flat(value, f.name) if dataclasses.is_dataclass(value) else {f.name: _cell(value)})
    result.setdefault(table, []).append(row)


def _flat(record, prefix: str = "") -> dict:
    return {(f"{prefix}.{f.name}" if prefix else f.name): _cell(getattr(record, f.name))
            for f in dataclasses.fields(record)}


def _cell(value):
    if isinstance(value, tuple):
        return ", ".join(str(v) for v in value)
    return value


def export_xlsx(catalog: Catalog) -> bytes:
    from openpyxl import Workbook  # imported here: the browser core never needs it for the catalog
    from openpyxl.cell import WriteOnlyCell

    book = Workbook(write_only=True)
    for name, rows in tables(catalog).items():
        sheet = book.create_sheet(title=name[:31])
        if not rows:
            continue
        headers = list(dict.fromkeys(k for row in rows for k in row))
        sheet.append(headers)
        for row in rows:
            sheet.append([text_cell(WriteOnlyCell(sheet), row.get(h, "")) for h in headers])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def export_schema(_catalog: Catalog | None = None) -> bytes:
    return (json.dumps(json_schema(), ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def export_answers_schema(catalog: Catalog) -> bytes:
    """The answers file's JSON Schema with this catalog's codes (roles, units, items, methods)."""
    from ..core.answers.schema import answers_schema

    return (json.dumps(answers_schema(catalog), ensure_ascii=False, indent=1) + "\n").encode("utf-8")


EXPORTERS = {"json": export_json, "csv": export_csv, "xlsx": export_xlsx, "schema": export_schema,
             "answers-schema": export_answers_schema}
