"""The documentation names every CLI command and flag (README, for users) and every plugin option (CONTRIBUTING, the
site's reference), so the docs cannot silently drift."""
from __future__ import annotations

from conftest import ROOT
from digiskill.cli import build_parser
from digiskill.site.plugin import DigiskillConfig

README = (ROOT / "README.md").read_text(encoding="utf-8")
CONTRIBUTING = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")


def test_every_cli_command_is_in_the_readme():
    parser = build_parser()
    commands = next(a for a in parser._actions if a.dest == "command").choices
    for name, sub in commands.items():
        assert f"`digiskill {name}" in README, name
        for action in sub._actions:
            for flag in action.option_strings:
                if flag.startswith("--") and flag != "--help":
                    assert flag in README, (name, flag)


def test_the_engine_versions_pyproject_pins_are_the_ones_the_docs_name():
    import tomllib

    pins = [d for d in tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["dependencies"]
            if d.split(">")[0] in ("mkdocs", "mkdocs-material")]
    architecture = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    assert len(pins) == 2
    for pin in pins:
        assert f"`{pin}`" in README and f"`{pin}`" in architecture, pin
    assert "5 พฤษภาคม 2570" in README and "5 May 2027" in architecture


def test_every_plugin_option_is_in_contributing():
    for name, _option in DigiskillConfig._schema:
        assert f"`{name}`" in CONTRIBUTING, name


def test_readme_opens_with_the_two_commands():
    head = README.split("## สำหรับหน่วยงาน")[0]
    assert "scripts/serve" in head and "scripts/test" in head
    assert (ROOT / ".ci" / "run").read_text(encoding="utf-8").strip().endswith("exec scripts/test")


def test_maintainers_material_has_its_own_home():
    assert "## Mutation testing" in CONTRIBUTING and "mutmut run" in CONTRIBUTING
    assert "scripts/test --quick" in CONTRIBUTING
    bench = (ROOT / "bench" / "README.md").read_text(encoding="utf-8")
    for script in sorted((ROOT / "bench").glob("bench_*.py")):
        assert script.name in bench, script.name
