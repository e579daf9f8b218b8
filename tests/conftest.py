"""Shared fixtures: the real catalog (loaded once) and paths to the source material."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from digiskill.loader import load_catalog

ROOT = Path(__file__).resolve().parent.parent
CATALOG_DIR = ROOT / "catalog"
SHARED = ROOT.parent / "shared"
SEED = SHARED / "seed" / "000_c3ed635f2163dee7.txt"
FRAMEWORK_NOTES = SHARED / "reference" / "framework.md"


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


def source_text(path: Path) -> str:
    if not path.is_file():
        pytest.skip(f"source material not found at {path}")
    return path.read_text(encoding="utf-8")
