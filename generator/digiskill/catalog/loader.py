"""Load the catalog's YAML files, validate everything, and build the model.

The only module (with `yamlsource`) that knows about YAML. Every problem in every file is collected first; then
`CatalogError` is raised once with all of them, or the `Catalog` is returned.
"""
from __future__ import annotations

import os
from pathlib import Path

from .crosscheck import cross_check
from ..errors import CatalogError, Problem
from ..model import Catalog
from .schema_check import check_schema
from .source_schema import FILES, UNITS
from .yamlsource import YamlDocument, read_yaml


def display_path(path: Path) -> str:
    """The path as the user would type it: relative to the working directory when inside it."""
    try:
        rel = os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return str(path)
    return str(path) if rel.startswith("..") else rel.replace(os.sep, "/")


def read_checked_file(path: Path, schema: dict, missing: str) -> tuple[YamlDocument | None, list[Problem]]:
    """Read one YAML file and check it against its schema. Returns the document (None unless it passed) and every
    problem: missing file, not UTF-8, YAML syntax, empty file, schema. Used for the catalog and agency files."""
    shown = display_path(path)
    if not path.is_file():
        return None, [Problem(shown, None, "", "missing_file", missing)]
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as err:
        return None, [Problem(shown, None, "", "not_utf8", f"expected UTF-8 text, found bytes that are not UTF-8 "
                                                           f"(at byte {err.start}); save the file as UTF-8",
                                   {"position": err.start})]
    doc, problems = read_yaml(text, shown)
    if problems:
        return None, problems
    if doc.data is None:
        return None, [Problem(shown, 1, "", "empty_file", "the file is empty")]
    problems = check_schema(doc, schema)
    return (None if problems else doc), problems


def read_catalog_files(directory: str | os.PathLike) -> tuple[dict[str, YamlDocument], list[Problem]]:
    """Read and schema-check every catalog file. Returns the documents that passed and all problems."""
    root = Path(directory)
    problems: list[Problem] = []
    if not root.is_dir():
        raise CatalogError([Problem(display_path(root), None, "", "missing_dir",
                                    "the catalog folder does not exist; expected a folder holding framework.yaml, "
                                    "roles.yaml, units/ …")])
    wanted = [(name, root / name, schema) for name, schema in FILES.items()]
    unit_files = sorted((root / "units").glob("*.yaml"))
    if not unit_files:
        problems.append(Problem(display_path(root / "units"), None, "", "missing_file",
                                "no unit files found; expected units/<domain>.yaml files"))
    wanted += [(f"units/{p.name}", p, UNITS) for p in unit_files]
    docs: dict[str, YamlDocument] = {}
    for name, path, schema in wanted:
        doc, file_problems = read_checked_file(path, schema, "this catalog file is missing")
        problems += file_problems
        if doc is not None:
            docs[name] = doc
    return docs, problems


def load_catalog(directory: str | os.PathLike = "catalog") -> Catalog:
    docs, problems = read_catalog_files(directory)
    problems += cross_check(docs)
    if problems:
        raise CatalogError(problems)
    return Catalog.from_dict(resolve(docs))


def resolve(docs: dict[str, YamlDocument]) -> dict:
    """Shape the validated source data as the model's dict (the same shape as the JSON export)."""
    framework = docs["framework.yaml"].data
    domain_order = [d["code"] for d in docs["domains.yaml"].data["domains"]]
    unit_docs = sorted((d.data for n, d in docs.items() if n.startswith("units/")),
                       key=lambda data: domain_order.index(data["domain"]))
    roles = docs["roles.yaml"].data["roles"]
    table = docs["requirements.yaml"].data["requirements"]
    forms = docs["forms.yaml"].data
    return {
        **framework,
        "stages": docs["stages.yaml"].data["stages"],
        "groups": docs["groups.yaml"].data["groups"],
        "classification_rules": docs["groups.yaml"].data["classification_rules"],
        "roles": roles,
        "domains": docs["domains.yaml"].data["domains"],
        "units": [{**unit, "domain": data["domain"]} for data in unit_docs for unit in data["units"]],
        "items": docs["items.yaml"].data["items"],
        "requirements_rule_th": docs["requirements.yaml"].data["rule_th"],
        "requirements": [{"role": r["code"], **table[r["code"]]} for r in roles],
        "tools": docs["development.yaml"].data["tools"],
        "forms": [{"code": code, **forms[code]} for code in ("idp", "org_plan")],
        "data_changes": [{"from_version": c["from"], "to_version": c["to"], "source": c["source"],
                          "renamed": c.get("renamed", []), "removed": c.get("removed", []),
                          "added": c.get("added", []), "note_th": c.get("note_th", "")}
                         for c in docs["changes.yaml"].data["changes"]],
    }
