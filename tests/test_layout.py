"""The package's rooms import only in the direction the data flows: site → catalog → core → root modules.

Read from the source with `ast` (no import runs), so a wrong import fails here even if nothing executes it.
"""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "generator" / "digiskill"
ROOT_MODULES = {"model", "agency_records", "errors", "dataclass_dict"}
# What each room may import from inside the package (besides its own modules).
ALLOWED = {
    "core": ROOT_MODULES,
    "catalog": ROOT_MODULES | {"core"},
    "site": ROOT_MODULES | {"core", "catalog", "__init__"},
    "root": ROOT_MODULES | {"__init__"},
}


def room_of(path: Path) -> str:
    relative = path.relative_to(PACKAGE)
    return relative.parts[0] if len(relative.parts) > 1 else "root"


def package_imports(path: Path) -> list[tuple[int, str]]:
    """(line, first package-level name) for every import of a digiskill module in the file."""
    own = path.relative_to(PACKAGE).with_suffix("").parts  # e.g. ("site", "plugin")
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                parts = list(own[: len(own) - node.level]) + (node.module.split(".") if node.module else [])
                if node.module is None:
                    parts.append(node.names[0].name)
            elif node.module and node.module.split(".")[0] == "digiskill":
                parts = node.module.split(".")[1:] or ["__init__"]
            else:
                continue
            found.append((node.lineno, "__init__" if parts[0] == "__version__" else parts[0]))
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.split(".")[0] == "digiskill":
                    found.append((node.lineno, (alias.name.split(".")[1:] or ["__init__"])[0]))
    return found


MODULES = sorted(p for p in PACKAGE.rglob("*.py") if "__pycache__" not in p.parts)


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_rooms_import_only_downstream(path):
    room = room_of(path)
    if path.name in ("cli.py", "__main__.py") and room == "root":
        return  # the entry points may use every room
    allowed = ALLOWED[room] | {room}
    wrong = [f"{path.relative_to(PACKAGE)}:{line} imports {name}" for line, name in package_imports(path)
             if name not in allowed]
    assert not wrong, f"{room}/ may import only {sorted(allowed)}: " + "; ".join(wrong)


def test_import_reader_sees_upward_imports():
    """The checker itself: a core module importing the site room is caught."""
    fake = PACKAGE / "core" / "_layout_probe.py"
    fake.write_text("from ..site.plugin import DigiskillPlugin\nfrom ..catalog import loader\n", encoding="utf-8")
    try:
        names = [name for _, name in package_imports(fake)]
    finally:
        fake.unlink()
    assert names == ["site", "catalog"]
    assert not {"site", "catalog"} <= ALLOWED["core"]


def test_package_root_stays_small_and_modules_short():
    loose = sorted(p.name for p in PACKAGE.glob("*.py"))
    assert len(loose) <= 7, loose
    for room in ("catalog", "core", "site"):
        doc = ast.get_docstring(ast.parse((PACKAGE / room / "__init__.py").read_text(encoding="utf-8")))
        assert doc and "import" in doc, f"{room}/__init__.py must say what the room does and may import"
    long = [f"{p.relative_to(PACKAGE)} ({n})" for p in MODULES
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > 400]
    assert not long, long
