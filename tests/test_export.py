"""The open-data exports: JSON valid against the published schema, CSV and XLSX readable by real readers."""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import jsonschema
import openpyxl
import pytest

from conftest import ROOT
from digiskill.cli import main
from digiskill.catalog.export import json_schema
from digiskill.model import Catalog

SCHEMA_FILE = ROOT / "generator" / "digiskill" / "catalog" / "schemas" / "catalog.schema.json"


def test_published_schema_is_current():
    assert json.loads(SCHEMA_FILE.read_text(encoding="utf-8")) == json_schema(), \
        "regenerate: digiskill export --format schema --out generator/digiskill/catalog/schemas/catalog.schema.json"


def test_json_export_validates_and_round_trips(tmp_path, catalog, monkeypatch):
    monkeypatch.chdir(ROOT)
    out = tmp_path / "catalog.json"
    assert main(["export", "--format", "json", "--out", str(out)]) == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))).validate(data)
    assert data["schema_version"] == 1
    data.pop("schema_version")
    assert Catalog.from_dict(data) == catalog


def test_schema_rejects_a_broken_export(catalog):
    data = {"schema_version": 1, **catalog.to_dict()}
    data["roles"][0]["code"] = 7
    errors = list(jsonschema.Draft202012Validator(json_schema()).iter_errors(data))
    assert errors


def test_csv_export_has_one_row_per_role_and_requirement(tmp_path, catalog, monkeypatch):
    monkeypatch.chdir(ROOT)
    out = tmp_path / "catalog.csv"
    assert main(["export", "--format", "csv", "--out", str(out)]) == 0
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # BOM, so Excel reads Thai
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    a1_units = [r["code"] for r in rows if r["role"] == "A1" and r["component"] == "ability"]
    assert a1_units == list(catalog.requirement("A1").ability)
    total = sum(len(catalog.requirement(r.code).codes(c)) for r in catalog.roles
                for c in ("ability", "knowledge", "experience", "attribute"))
    assert len(rows) == total
    assert {"role", "component", "code", "title_th", "requirement_status"} <= set(rows[0])


def test_xlsx_export_opens_in_openpyxl_with_a_sheet_per_table(tmp_path, catalog, monkeypatch):
    monkeypatch.chdir(ROOT)
    out = tmp_path / "catalog.xlsx"
    assert main(["export", "--format", "xlsx", "--out", str(out)]) == 0
    book = openpyxl.load_workbook(out, read_only=True)
    for sheet in ("roles", "units", "stages", "groups", "domains", "items", "requirements", "tools"):
        assert sheet in book.sheetnames
    roles = list(book["roles"].iter_rows(values_only=True))
    assert roles[0][0] == "code" and len(roles) == 19
    assert roles[1][3] == catalog.roles[0].title_th


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_formula_like_text_is_neutralised_in_csv_and_kept_as_text_in_xlsx(start):
    import openpyxl

    from digiskill.catalog.export import neutralise
    from digiskill.core.documents.xlsx_writer import text_cell

    value = start + "HYPERLINK(1)"
    assert neutralise(value) == "'" + value
    book = openpyxl.Workbook()
    cell = text_cell(book.active["A1"], value)
    out = io.BytesIO()
    book.save(out)
    again = openpyxl.load_workbook(io.BytesIO(out.getvalue())).active["A1"]
    assert (again.value, again.data_type, again.quotePrefix) == (value, "s", True)
    assert cell.value == value


def test_ordinary_values_are_left_alone():
    from digiskill.catalog.export import neutralise
    assert neutralise("ok") == "ok" and neutralise(3) == 3 and neutralise("a=b") == "a=b"


def test_xlsx_needs_an_output_file(capsys, monkeypatch):
    monkeypatch.chdir(ROOT)
    assert main(["export", "--format", "xlsx"]) == 2
    assert "--out" in capsys.readouterr().err


def test_failed_export_leaves_no_file(tmp_path, monkeypatch):
    monkeypatch.chdir(ROOT)
    missing_dir = tmp_path / "no" / "such" / "dir" / "out.json"
    assert main(["export", "--format", "json", "--out", str(missing_dir)]) == 2
    assert not missing_dir.exists()


def test_an_export_that_fails_while_writing_says_why_and_leaves_nothing(tmp_path, monkeypatch, capsys):
    """A full disk: the message names the file and the cause (exit 2, not a traceback), and no part file stays."""
    import errno
    import os

    monkeypatch.chdir(ROOT)

    def full_disk(src, dst):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "replace", full_disk)
    out = tmp_path / "out.json"
    assert main(["export", "--format", "json", "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert str(out) in err and os.strerror(errno.ENOSPC) in err
    assert list(tmp_path.iterdir()) == []


def test_broken_catalog_writes_nothing(catalog_copy, tmp_path):
    (catalog_copy / "roles.yaml").write_text("roles: []\n", encoding="utf-8")
    out = tmp_path / "x.json"
    assert main(["export", "--format", "json", "--out", str(out)]) == 2
    assert not out.exists()


ANSWERS_SCHEMA_FILE = SCHEMA_FILE.parent / "answers.schema.json"


def test_published_answers_schema_is_current(catalog):
    from digiskill.core.answers.schema import answers_schema

    assert json.loads(ANSWERS_SCHEMA_FILE.read_text(encoding="utf-8")) == answers_schema(catalog), \
        "regenerate: digiskill export --format answers-schema --out " \
        "generator/digiskill/catalog/schemas/answers.schema.json"


def test_answers_schema_and_checker_agree_on_the_corpus(catalog):
    """Every file the checker accepts fits the schema; the schema refuses the type and range cases it can express."""
    import yaml

    from digiskill.core.answers.checker import check_answers

    validator = jsonschema.Draft202012Validator(json.loads(ANSWERS_SCHEMA_FILE.read_text(encoding="utf-8")))
    cases = ROOT / "tests" / "bad_input" / "answers"
    expected = yaml.safe_load((cases / "expected.yaml").read_text(encoding="utf-8"))
    schema_catches = {"wrong_type", "priority_range", "unknown_item", "unknown_method", "unknown_role", "too_long",
                      "bad_char", "too_many", "foreign_file", "bad_version", "newer_version", "format_missing",
                      "version_missing", "unknown_stage"}
    for name, expect in expected.items():
        checked = check_answers((cases / name).read_bytes(), catalog, name)
        if checked.ok:
            assert validator.is_valid(checked.assessment.to_dict()), name
        elif expect["code"] in schema_catches and not any(k in name for k in ("-lone-surrogate", "-float")):
            # (JSON Schema counts 1.0 as an integer; a lone surrogate cannot be held by a schema validator's str)
            assert not validator.is_valid(json.loads((cases / name).read_bytes())), name
