"""Where the kit's data is found (checkout or installed wheel), the wheel's build step, `digiskill init`, and the two
workflows. The installed wheel itself is exercised end to end in test_installed_kit.py."""
from __future__ import annotations

import shutil

import pytest
import yaml

from conftest import ROOT
from digiskill.cli import main
from digiskill.site import kit_files
from digiskill.site.agency_project import PROJECT_FILES


def test_running_from_the_checkout_reads_its_own_folders():
    assert not kit_files.BUNDLE_DIR.exists()  # a wheel's build step never writes into the source tree
    assert kit_files.kit_path("catalog") == ROOT / "catalog"
    assert kit_files.kit_path("site_templates") == ROOT / "site_templates"
    assert kit_files.kit_path("browser_wheels") == ROOT / ".cache" / "browser-wheels"


def test_a_project_catalog_wins_over_the_kits(tmp_path):
    assert kit_files.project_catalog(tmp_path) == kit_files.kit_path("catalog")
    (tmp_path / "catalog").mkdir()
    assert kit_files.project_catalog(tmp_path) == tmp_path / "catalog"


def test_the_build_step_stops_with_a_clear_message_before_scripts_setup(tmp_path):
    checkout = tmp_path / "fresh-clone"  # the repository's own files, but no node_modules/ or .cache/
    for name in ("catalog", "content", "site_templates"):
        shutil.copytree(ROOT / name, checkout / name)
    shutil.copy(ROOT / "CHANGELOG.md", checkout)
    target = tmp_path / "build" / "_bundled"
    target.mkdir(parents=True)
    (target / "earlier.txt").write_text("from an earlier build", encoding="utf-8")
    with pytest.raises(kit_files.KitFilesMissing) as caught:
        kit_files.copy_kit(checkout, target)
    message = str(caught.value)
    assert "pyodide.asm.wasm (from `npm ci`" in message and "*.whl (from scripts/setup)" in message
    assert "Run scripts/setup first" in message
    assert (target / "earlier.txt").is_file()  # nothing was touched


def test_the_build_step_copies_the_kit_with_licences(tmp_path):
    target = tmp_path / "_bundled"
    kit_files.copy_kit(ROOT, target)
    assert (target / "catalog" / "units" / "dlit.yaml").read_bytes() == (ROOT / "catalog/units/dlit.yaml").read_bytes()
    assert sorted(p.name for p in (target / "node_modules" / "pyodide").iterdir()) == sorted(
        ["pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip", "pyodide-lock.json",
         "package.json", "README.md"])
    assert (target / "licenses" / "et_xmlfile-2.0.0" / "LICENCE.python").is_file()
    notice = (target / "NOTICE.txt").read_text(encoding="utf-8")
    assert "Pyodide 314.0.7" in notice and "Mozilla Public License 2.0" in notice and "SIL Open Font" in notice
    assert not list(target.rglob(".digiskill-installed"))  # setup's stamps stay out


def test_init_writes_a_project_and_never_overwrites(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert main(["init", "agency"]) == 0
    written = sorted(str(p.relative_to(tmp_path / "agency")) for p in (tmp_path / "agency").rglob("*") if p.is_file())
    assert written == sorted(PROJECT_FILES)
    config = (tmp_path / "agency" / "mkdocs.yml").read_text(encoding="utf-8")
    assert "agency_file: agency.yaml" in config and "site_templates" not in config  # no path into the package
    ignored = (tmp_path / "agency" / ".gitignore").read_text(encoding="utf-8").split()
    assert {"site/", ".cache/"} <= set(ignored)  # the built site and the build cache are never committed
    (tmp_path / "agency" / "agency.yaml").write_text("agency: {name_th: กรมของฉัน}\n", encoding="utf-8")
    capsys.readouterr()
    assert main(["init", "agency"]) == 2
    assert "already holds agency/agency.yaml" in capsys.readouterr().err
    assert (tmp_path / "agency" / "agency.yaml").read_text(encoding="utf-8") == "agency: {name_th: กรมของฉัน}\n"


def test_build_outside_a_project_says_how_to_start_one(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert main(["build"]) == 2
    assert "digiskill init DIR" in capsys.readouterr().err
    assert main(["validate"]) == 0  # the kit's catalog, as `idp` and `aggregate` use it here
    assert str(kit_files.kit_path("catalog")) in capsys.readouterr().out


def test_the_agency_workflow_installs_the_wheel_and_builds():
    workflow = yaml.safe_load((ROOT / "site_templates" / "agency_project" / "pages.yml").read_text(encoding="utf-8"))
    steps = " ".join(str(s.get("run", "")) for s in workflow["jobs"]["build"]["steps"])
    assert "pip install wheels/digiskill-*.whl" in steps and "digiskill build --out _site" in steps
    assert "npm" not in steps and "node" not in steps


def test_the_release_workflow_attaches_what_scripts_release_makes():
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "release.yml").read_text(encoding="utf-8"))
    assert workflow[True]["push"]["tags"] == ["v*"]  # YAML 1.1 reads the key `on` as true
    runs = [str(s["run"]).strip() for s in workflow["jobs"]["release"]["steps"] if "run" in s]
    assert "scripts/setup" in runs and "scripts/release dist" in runs
    assert any(r.startswith('gh release create "$GITHUB_REF_NAME" dist/* ') for r in runs)
    assert not any("pip wheel" in r or "digiskill build" in r for r in runs)  # the files are made in one place only


def test_an_agency_project_may_bring_its_own_catalog(tmp_path, monkeypatch):
    """A `catalog/` folder in the project replaces the kit's in the build (no option needed)."""
    from digiskill.cli import build_site

    monkeypatch.chdir(tmp_path)
    assert main(["init", "agency"]) == 0
    own = tmp_path / "agency" / "catalog"
    shutil.copytree(ROOT / "catalog", own)
    roles = own / "roles.yaml"
    roles.write_text(roles.read_text(encoding="utf-8").replace("title_th: ผู้นำด้านดิจิทัลภาครัฐ",
                                                               "title_th: ผู้นำดิจิทัลของกรมตัวอย่าง", 1),
                     encoding="utf-8")
    site = build_site(str(tmp_path / "agency" / "mkdocs.yml"), str(tmp_path / "site"))
    assert "ผู้นำดิจิทัลของกรมตัวอย่าง" in (tmp_path / site / "roles" / "e2" / "index.html").read_text(encoding="utf-8")


def test_the_wheel_carries_every_file_the_build_reads():
    """The font and Pyodide file lists of the build and of the wheel must not drift apart."""
    from digiskill.site.browser_bundle import PYODIDE_FILES
    from digiskill.site.site_assets import FONT_FILES, FONT_PACKAGE

    carried = kit_files.KIT["node_modules"][1]
    for name in PYODIDE_FILES + ["pyodide-lock.json"]:
        assert f"pyodide/{name}" in carried, name
    for name in FONT_FILES:
        assert f"{FONT_PACKAGE}/files/{name}" in carried, name
