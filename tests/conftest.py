"""Shared fixtures: the real catalog (loaded once) and paths to the source material."""
from __future__ import annotations

import inspect
import shutil
from pathlib import Path

import pytest

from digiskill.catalog.loader import load_catalog

ROOT = Path(__file__).resolve().parent.parent
CATALOG_DIR = ROOT / "catalog"
SHARED = ROOT.parent / "shared"
SEED = SHARED / "seed" / "000_c3ed635f2163dee7.txt"
FRAMEWORK_NOTES = SHARED / "reference" / "framework.md"


# `scripts/test --quick` runs `-m "not slow"`. A test is slow when it builds a site or drives Chromium: it uses one of
# these fixtures (directly or through another fixture), is marked `browser` or `slow`, or it or one of its fixtures
# calls build_site() itself. Marked here, not file by file, so a new test of that kind is left out of quick mode too.
SLOW_FIXTURES = {"built_site", "site_url", "example_agency_site", "example_agency_url", "browser"}


def _calls_build_site(func) -> bool:
    try:
        return "build_site(" in inspect.getsource(func)
    except (OSError, TypeError):
        return False


def pytest_collection_modifyitems(config, items):
    for item in items:
        fixturedefs = getattr(item, "_fixtureinfo", None)
        funcs = [getattr(item, "function", None)]
        if fixturedefs is not None:
            funcs += [d.func for defs in fixturedefs.name2fixturedefs.values() for d in defs]
        if (SLOW_FIXTURES & set(getattr(item, "fixturenames", ()))
                or item.get_closest_marker("browser")
                or any(f is not None and _calls_build_site(f) for f in funcs)):
            item.add_marker(pytest.mark.slow)


@pytest.fixture(scope="session")
def catalog():
    return load_catalog(CATALOG_DIR)


@pytest.fixture
def catalog_copy(tmp_path, monkeypatch):
    """A writable copy of the real catalog at ./catalog inside a temporary working directory."""
    target = tmp_path / "catalog"
    shutil.copytree(CATALOG_DIR, target)
    monkeypatch.chdir(tmp_path)
    return target


@pytest.fixture(scope="session")
def built_site(tmp_path_factory):
    """The default site, built once per test run with the real mkdocs.yml (strict)."""
    from digiskill.cli import build_site

    site = tmp_path_factory.mktemp("site")
    build_site(str(ROOT / "mkdocs.yml"), str(site))
    return site


@pytest.fixture(scope="session")
def site_url(built_site):
    """The built default site served over HTTP on a free local port."""
    yield from serve(built_site)


def serve(site: Path):
    """Serve a built site on a free local port for the length of a fixture."""
    from digiskill.cli.static_server import serve_in_background

    server, url = serve_in_background(site)
    yield url
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    from browser import launch

    with sync_playwright() as playwright:
        chromium = launch(playwright)
        yield chromium
        chromium.close()


def source_text(path: Path) -> str:
    if not path.is_file():
        pytest.skip(f"source material not found at {path}")
    return path.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def example_agency_site(tmp_path_factory):
    """The site built for examples/agencies/developing-data (an added, a removed and a replaced unit, an adjusted
    behaviour), built once per test run."""
    from digiskill.cli import build_site

    site = tmp_path_factory.mktemp("agency-site")
    build_site(str(ROOT / "mkdocs.yml"), str(site), agency=str(ROOT / "examples" / "agencies" / "developing-data"
                                                                 / "agency.yaml"))
    return site


@pytest.fixture(scope="session")
def example_agency_url(example_agency_site):
    yield from serve(example_agency_site)
