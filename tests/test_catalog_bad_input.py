"""Each file in tests/bad_input/catalog/ breaks the real catalog in one way; `digiskill validate` must exit 2 and
name the right file, line and key path. Plus: random YAML never produces a traceback."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import CATALOG_DIR
from digiskill.cli import main
from digiskill.errors import CatalogError
from digiskill.catalog.loader import load_catalog

CASES = sorted((Path(__file__).parent / "bad_input" / "catalog").glob("*.yaml"))


def line_of(text: str, fragment: str) -> int:
    index = text.index(fragment)
    return text.count("\n", 0, index) + 1


def apply_case(case: dict, catalog_dir: Path) -> int | None:
    """Break the catalog copy as the case says; return the line the expected problem must point at."""
    target = catalog_dir / case["file"]
    expect = case["expect"]
    if case.get("delete"):
        target.unlink()
        return None
    original = target.read_text(encoding="utf-8")
    if case["find"] == "ALL":
        target.write_text(case["replace"], encoding="utf-8")
    else:
        assert case["find"] in original, f"case no longer applies: {case['find']!r} not in {case['file']}"
        target.write_text(original.replace(case["find"], case["replace"], 1), encoding="utf-8")
    if "anchor" in expect:
        return line_of(original, expect["anchor"])
    if expect["line"] is None or case["find"] == "ALL":
        return expect["line"]
    return line_of(original, case["find"]) + expect["line"]


def test_the_corpus_is_big_enough():
    assert len(CASES) >= 25


@pytest.mark.parametrize("case_file", CASES, ids=[c.stem for c in CASES])
def test_broken_catalog_is_refused_with_file_line_and_path(case_file, catalog_copy, capsys):
    case = yaml.safe_load(case_file.read_text(encoding="utf-8"))
    line = apply_case(case, catalog_copy)
    expect = case["expect"]

    with pytest.raises(CatalogError) as caught:
        load_catalog("catalog")
    matching = [p for p in caught.value.problems if p.code == expect["code"] and p.path == expect["path"]
                and p.file == f"catalog/{expect['file']}"]
    assert matching, "\n".join(str(p) for p in caught.value.problems)
    problem = matching[0]
    assert problem.line == line
    assert expect["says"] in problem.message

    assert main(["validate", "catalog"]) == 2
    err = capsys.readouterr().err
    where = f"catalog/{expect['file']}:{line}" if line else f"catalog/{expect['file']}"
    assert f"{where}: {expect['path']}: " in err or f"{where}: {problem.message}" in err


def test_every_problem_is_reported_at_once(catalog_copy):
    roles = catalog_copy / "roles.yaml"
    roles.write_text(roles.read_text(encoding="utf-8").replace("    group: M\n", "    group: X\n", 1)
                     .replace("    title_en: Digital awareness champion\n", "    titel_en: x\n"), encoding="utf-8")
    items = catalog_copy / "items.yaml"
    items.write_text(items.read_text(encoding="utf-8").replace("    status: provisional\n", "    status: draft\n", 1),
                     encoding="utf-8")
    with pytest.raises(CatalogError) as caught:
        load_catalog("catalog")
    files = {p.file for p in caught.value.problems}
    assert files == {"catalog/roles.yaml", "catalog/items.yaml"}
    assert "problems in the catalog" in str(caught.value)


def test_the_shipped_catalog_validates(capsys, monkeypatch):
    monkeypatch.chdir(CATALOG_DIR.parent)
    assert main(["validate", "catalog"]) == 0
    assert "18 roles" in capsys.readouterr().out


def test_missing_catalog_folder(tmp_path, capsys):
    assert main(["validate", str(tmp_path / "nowhere")]) == 2
    assert "does not exist" in capsys.readouterr().err


# Random YAML -------------------------------------------------------------------------------------------------------
scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text(max_size=12),
                    st.sampled_from(["A1", "DLit100", "early", "official", "K01", "70", "E", "2017-09-26"]))
keys = st.one_of(st.text(max_size=8), st.sampled_from(["code", "title_th", "roles", "units", "domain", "stages",
                                                        "groups", "requirements", "ability", "status", "source"]))
values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(keys, inner, max_size=4),
                      max_leaves=12)
FILES = ["roles.yaml", "stages.yaml", "groups.yaml", "requirements.yaml", "units/dg.yaml", "items.yaml",
         "framework.yaml", "domains.yaml", "development.yaml", "forms.yaml"]


def mutate(data, path_choices, value):
    """Replace one node of real catalog data, chosen by the drawn indexes, with `value`."""
    node = data
    for choice in path_choices:
        children = list(node.items()) if isinstance(node, dict) else list(enumerate(node)) if isinstance(node, list) else []
        if not children:
            break
        key, child = children[choice % len(children)]
        if not isinstance(child, (dict, list)) or choice % 3 == 0:
            node[key] = value
            return data
        node = child
    return value if node is data else data


@pytest.fixture(scope="module")
def fuzz_dir(tmp_path_factory):
    target = tmp_path_factory.mktemp("fuzz") / "catalog"
    shutil.copytree(CATALOG_DIR, target)
    return target


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(file=st.sampled_from(FILES), how=st.sampled_from(["value", "mutate", "text"]), value=values,
       path=st.lists(st.integers(min_value=0, max_value=50), min_size=1, max_size=6), text=st.text(max_size=80))
def test_random_yaml_never_crashes_the_loader(fuzz_dir, file, how, value, path, text):
    target = fuzz_dir / file
    original = (CATALOG_DIR / file).read_text(encoding="utf-8")
    if how == "text":
        broken = text
    elif how == "value":
        broken = yaml.safe_dump(value, allow_unicode=True)
    else:
        broken = yaml.safe_dump(mutate(yaml.safe_load(original), path, value), allow_unicode=True)
    target.write_text(broken, encoding="utf-8")
    try:
        load_catalog(fuzz_dir)
    except CatalogError as err:
        assert err.problems and all(p.file and p.message for p in err.problems)
    finally:
        target.write_text(original, encoding="utf-8")
