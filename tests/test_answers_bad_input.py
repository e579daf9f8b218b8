"""Bad answers files: each case in tests/bad_input/answers/ through the checker, `digiskill idp` and `digiskill
aggregate`; the CLI's path handling; and a property test that the checker never raises and that whatever it accepts
makes a well-formed DOCX and a formula-free XLSX."""
from __future__ import annotations

import io
import json
import shutil
import zipfile
from pathlib import Path
from xml.dom import minidom

import openpyxl
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from digiskill.cli import main
from digiskill.core.hr.aggregate import aggregate
from digiskill.core.answers.messages import message_th
from digiskill.core.answers.record import MAX_FILE_BYTES
from digiskill.core.answers.checker import check_answers
from digiskill.core.cycle.idp import build_idp
from digiskill.core.documents.idp_document import idp_docx, idp_xlsx
from staff_files import staff_file

CASES_DIR = Path(__file__).parent / "bad_input" / "answers"
EXPECTED = yaml.safe_load((CASES_DIR / "expected.yaml").read_text(encoding="utf-8"))
CASES = sorted(EXPECTED)
BAD = [c for c in CASES if not EXPECTED[c].get("ok")]


def test_the_corpus_is_big_enough_and_every_file_has_an_expectation():
    files = sorted(p.name for p in CASES_DIR.iterdir() if p.name != "expected.yaml")
    assert files == CASES
    assert len(BAD) >= 60


@pytest.mark.parametrize("name", CASES)
def test_checker_says_what_is_wrong(catalog, name):
    expect = EXPECTED[name]
    checked = check_answers((CASES_DIR / name).read_bytes(), catalog, name)
    assert checked.ok is bool(expect.get("ok"))
    warnings = [w for w in checked.warnings if w.code != "migrated"]  # the corpus is of version-1 files
    first = (warnings if expect.get("ok") else checked.problems)[:1]
    assert [(p.code, p.path, message_th(p.code, p.ctx)) for p in first] == \
        ([(expect["code"], expect["path"], expect["message_th"])] if "code" in expect else [])
    assert not [p for p in checked.problems if p.code == "internal_error"]


def test_an_oversized_file_is_refused_before_it_is_read(catalog):
    big = json.dumps({"format": "digiskill-assessment", "mission": "ก" * MAX_FILE_BYTES}).encode()
    checked = check_answers(big, catalog, "big.json")
    assert [p.code for p in checked.problems] == ["too_large"]


@pytest.mark.parametrize("name", CASES)
def test_idp_command_exits_2_naming_the_file(tmp_path, capsys, name):
    source = tmp_path / name
    shutil.copy(CASES_DIR / name, source)
    out = tmp_path / "plan.docx"
    code = main(["idp", str(source), "--out", str(out)])
    err = capsys.readouterr().err
    assert "Traceback" not in err
    if EXPECTED[name].get("ok"):
        assert code == 0 and out.exists()
    else:
        assert code == 2 and not out.exists()
        assert name in err and EXPECTED[name]["path"] in err


def test_aggregation_sets_every_bad_file_aside_and_goes_on(catalog):
    import random

    rng = random.Random(3)
    good = [(f"good-{i}.json", json.dumps(staff_file(catalog, "A1", rng, f"คนที่ {i}"), ensure_ascii=False))
            for i in range(3)]
    bad = [(name, (CASES_DIR / name).read_bytes()) for name in BAD]
    agg = aggregate(catalog, good + bad)
    assert agg.used == 3
    assert {r.file: r.reason_th for r in agg.rejected} == {name: EXPECTED[name]["message_th"] for name in BAD}


def test_aggregate_command_over_the_whole_corpus(tmp_path, capsys, catalog):
    import random

    folder = tmp_path / "staff"
    shutil.copytree(CASES_DIR, folder)
    (folder / "expected.yaml").unlink()
    rng = random.Random(4)
    (folder / "real-person.json").write_text(json.dumps(staff_file(catalog, "S2", rng, "ผู้ใช้จริง"),
                                                        ensure_ascii=False), encoding="utf-8")
    out = tmp_path / "gaps.csv"
    assert main(["aggregate", str(folder), "--out", str(out)]) == 0
    err = capsys.readouterr().err
    assert "Traceback" not in err and out.exists()
    for name in BAD:
        assert f"set aside {name}: {EXPECTED[name]['message_th']}" in err
    assert "88-ok-upper-case-extension.JSON" not in [line.split(":")[0] for line in err.splitlines()
                                                      if "skipped" in line]


# ---- the CLI's paths --------------------------------------------------------------------------------------------
GOOD_CASE = CASES_DIR / "83-ok-utf8-bom.json"


@pytest.mark.parametrize("command", ["idp", "aggregate"])
def test_output_path_problems_exit_2_and_write_nothing(tmp_path, capsys, command):
    ext = ".docx"
    folder_out = tmp_path / f"looks-like-a-file{ext}"
    folder_out.mkdir()
    existing = tmp_path / f"existing{ext}"
    existing.write_bytes(b"keep me")
    cases = [(folder_out, "is a folder"), (tmp_path / "missing" / f"plan{ext}", "does not exist"),
             (tmp_path / "plan.pdf", "expected a file name ending in")]
    for out, says in cases:
        assert main([command, str(GOOD_CASE), "--out", str(out)]) == 2
        assert says in capsys.readouterr().err
    # a bad input never touches an existing output
    assert main([command, str(CASES_DIR / "01-empty.json"), "--out", str(existing)]) == 2
    assert existing.read_bytes() == b"keep me"


def test_aggregate_scans_folders_reports_what_it_skipped(tmp_path, capsys):
    staff = tmp_path / "staff"
    (staff / "sub" / "trap.json").mkdir(parents=True)  # a folder named like a file
    shutil.copy(GOOD_CASE, staff / "sub" / "UPPER.JSON")
    (staff / "notes.txt").write_text("not a staff file", encoding="utf-8")
    out = tmp_path / "gaps.csv"
    assert main(["aggregate", str(staff), "--out", str(out)]) == 0
    err = capsys.readouterr().err
    assert "1 staff files used" in err
    assert "skipped" in err and "notes.txt" in err and "trap.json: a folder" in err


def test_aggregate_with_nothing_usable_exits_2(tmp_path, capsys):
    empty = tmp_path / "empty"
    empty.mkdir()
    assert main(["aggregate", str(empty), "--out", str(tmp_path / "g.csv")]) == 2
    assert "no .json staff files" in capsys.readouterr().err
    only_bad = tmp_path / "bad"
    only_bad.mkdir()
    shutil.copy(CASES_DIR / "01-empty.json", only_bad)
    assert main(["aggregate", str(only_bad), "--out", str(tmp_path / "g.csv")]) == 2
    assert "no usable staff file" in capsys.readouterr().err and not (tmp_path / "g.csv").exists()


def test_idp_of_a_folder_exits_2(tmp_path, capsys):
    assert main(["idp", str(tmp_path), "--out", str(tmp_path / "p.docx")]) == 2
    assert "is a folder" in capsys.readouterr().err


# ---- properties -------------------------------------------------------------------------------------------------
JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=30),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4),
    max_leaves=20)
CODES = ["DLit100", "DLit200", "DS300", "K01", "AT01", "XX9"]
TEXT = st.text(max_size=40)  # any characters: control characters, surrogates, formula starts
PLAUSIBLE = st.fixed_dictionaries({
    "format": st.just("digiskill-assessment"), "schema_version": st.just(1),
    "framework": st.just({"id": "ocsc-2561", "data_version": "2561.1"}),
    "role": st.sampled_from(["A1", "S2", "T3", "Z9", None]),
    "person": st.dictionaries(st.sampled_from(["name", "position", "agency", "supervisor"]), TEXT),
    "mission": TEXT,
    "answers": st.dictionaries(st.sampled_from(CODES), st.fixed_dictionaries(
        {"has": st.sampled_from([True, False, None, "yes"]), "note": TEXT})),
    "plan": st.dictionaries(st.sampled_from(CODES), st.fixed_dictionaries({
        "priority": st.one_of(st.none(), st.integers(-5, 120)),
        "methods": st.lists(st.sampled_from(["on-the-job", "coaching", "classroom", "x"]), max_size=3),
        "target_date": st.sampled_from(["", "2027-03-31", "2570-03-31", "2027-02-30"]),
        "goal": TEXT, "application": TEXT, "support": TEXT})),
})


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(value=JSON_VALUES)
def test_checker_never_raises_on_any_json_value(catalog, value):
    for source in (value, json.dumps(value), json.dumps(value).encode("utf-8")):
        checked = check_answers(source, catalog, "x.json")
        assert checked.ok or checked.problems
        assert not [p for p in checked.problems if p.code == "internal_error"]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=PLAUSIBLE)
def test_whatever_the_checker_accepts_makes_clean_documents(catalog, data):
    checked = check_answers(json.dumps(data), catalog, "x.json")
    assert not [p for p in checked.problems if p.code == "internal_error"]
    if not checked.ok:
        return
    idp = build_idp(catalog, checked.assessment)
    with zipfile.ZipFile(io.BytesIO(idp_docx(idp))) as package:
        for name in package.namelist():
            if name.endswith(".xml") or name.endswith(".rels"):
                minidom.parseString(package.read(name))  # raises on XML that is not well-formed
    book = openpyxl.load_workbook(io.BytesIO(idp_xlsx(idp)))
    assert not [c for ws in book.worksheets for row in ws.iter_rows() for c in row if c.data_type == "f"]


def test_a_file_cut_off_anywhere_is_called_incomplete_not_wrongly_encoded(catalog):
    """A download or copy that stopped part-way (inside a Thai letter's three bytes, a string, a word such as
    `false`, between keys) is said to be incomplete, with what to do: ask for a new copy, not re-save it (#24)."""
    from digiskill.core.answers.checker import check_answers
    from staff_files import staff_files

    [(_name, text)] = staff_files(catalog, 1, seed=11, extras=False)
    raw = text.encode("utf-8") if isinstance(text, str) else text
    thai = raw.index(b"\xe0")
    cuts = sorted({thai + 1, thai + 2, *range(1, len(raw) - 1, 5)})
    said = {n: [p["code"] for p in check_answers(raw[:n], catalog, "cut.json").as_json()["errors"]] for n in cuts}
    assert {n: codes for n, codes in said.items() if codes != ["truncated"]} == {}
    message = check_answers(raw[:thai + 1], catalog, "cut.json").as_json()["errors"][0]["message_th"]
    assert "ไม่ครบ" in message and "สำเนาใหม่" in message and "UTF-8" not in message
    broken_inside = raw[:thai] + b"\xff" + raw[thai + 1:]  # a bad byte in the middle is still an encoding problem
    assert [p["code"] for p in check_answers(broken_inside, catalog, "x.json").as_json()["errors"]] == ["not_text"]
