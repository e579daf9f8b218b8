"""The package's rooms import only in the direction the data flows: cli → site → catalog → core → root modules,
and inside core: worker → hr → documents → cycle → answers → display (docs/architecture.md).

Read from the source with `ast` (no import runs), so a wrong import fails here even if nothing executes it.
"""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "generator" / "digiskill"
ROOT_MODULES = {"model", "agency_records", "errors", "dataclass_dict", "formula_guard"}
CORE_ROOMS = ("core/display", "core/answers", "core/cycle", "core/documents", "core/hr", "core/worker")
# What each room may import from inside the package (besides its own modules). A core room may import only the
# core rooms before it in CORE_ROOMS (downstream), never `core` itself as a whole.
ALLOWED = {
    "core/display": ROOT_MODULES,
    "core/answers": ROOT_MODULES | {"core/display"},
    "core/cycle": ROOT_MODULES | {"core/display", "core/answers"},
    "core/documents": ROOT_MODULES | {"core/display", "core/answers", "core/cycle"},
    "core/hr": ROOT_MODULES | {"core/display", "core/answers", "core/cycle", "core/documents"},
    "core/worker": ROOT_MODULES | {"core/display", "core/answers", "core/cycle", "core/documents", "core/hr"},
    "core": ROOT_MODULES,  # core/__init__.py
    "catalog": ROOT_MODULES | {"core", *CORE_ROOMS},
    "site": ROOT_MODULES | {"core", *CORE_ROOMS, "catalog", "__init__"},
    "cli": ROOT_MODULES | {"core", *CORE_ROOMS, "catalog", "site", "__init__"},
    "root": ROOT_MODULES | {"__init__"},
}
MAX_LINES = 400
MAX_ROOM_MODULES = 12


def room_of(path: Path) -> str:
    relative = path.relative_to(PACKAGE)
    if len(relative.parts) == 1:
        return "root"
    if relative.parts[0] == "core" and len(relative.parts) > 2:
        return f"core/{relative.parts[1]}"
    return relative.parts[0]


def room_of_name(parts: list[str]) -> str:
    """The room an imported module path (["core", "answers", "record"]) lies in: "core/answers"."""
    if parts[0] == "core" and len(parts) > 1:
        return f"core/{parts[1]}" if f"core/{parts[1]}" in CORE_ROOMS else "core"
    return "__init__" if parts[0] == "__version__" else parts[0]


def package_imports(path: Path) -> list[tuple[int, str]]:
    """(line, room) for every import of a digiskill module in the file: "site", "core/answers", "__init__"…"""
    own = path.relative_to(PACKAGE).with_suffix("").parts  # e.g. ("site", "plugin")
    if path.name == "__init__.py":
        own = own[:-1] + ("__init__",)  # a package's __init__ sits inside its own folder
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                parts = list(own[: len(own) - node.level]) + (node.module.split(".") if node.module else [])
            elif node.module and node.module.split(".")[0] == "digiskill":
                parts = node.module.split(".")[1:]
            else:
                continue
            if len(parts) < 2 or parts == ["core"]:
                parts = parts + [node.names[0].name]  # `from .. import x`, `from ..core import answers`
            found.append((node.lineno, room_of_name(parts or ["__init__"])))
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.split(".")[0] == "digiskill":
                    found.append((node.lineno, room_of_name(alias.name.split(".")[1:] or ["__init__"])))
    return found


MODULES = sorted(p for p in PACKAGE.rglob("*.py") if "__pycache__" not in p.parts)


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_rooms_import_only_downstream(path):
    room = room_of(path)
    if path.name == "__main__.py" and room == "root":
        return  # the entry point may use every room
    allowed = ALLOWED[room] | {room}
    wrong = [f"{path.relative_to(PACKAGE)}:{line} imports {name}" for line, name in package_imports(path)
             if name not in allowed]
    assert not wrong, f"{room}/ may import only {sorted(allowed)}: " + "; ".join(wrong)


def test_every_room_is_pinned():
    """A new folder under core/ (or anywhere) needs its place in ALLOWED, so its direction is decided, not guessed."""
    rooms = {room_of(p) for p in MODULES}
    assert rooms <= set(ALLOWED), rooms - set(ALLOWED)
    assert {f"core/{p.name}" for p in (PACKAGE / "core").iterdir() if (p / "__init__.py").is_file()} == set(CORE_ROOMS)
    for i, room in enumerate(CORE_ROOMS):  # downstream only: each core room may import just the ones before it
        assert ALLOWED[room] - ROOT_MODULES == set(CORE_ROOMS[:i]), room


@pytest.mark.parametrize("probe, imports, upstream", [
    ("from ..site.plugin import DigiskillPlugin\nfrom ..catalog import loader\n", ["site", "catalog"], "core"),
    ("from ..hr.aggregate import combine\nfrom ...core.worker import staff_session\n", ["core/hr", "core/worker"],
     "core/answers"),
    ("from digiskill.core.documents.docx_writer import render_docx\n", ["core/documents"], "core/cycle"),
])
def test_import_reader_sees_upward_imports(probe, imports, upstream):
    """The checker itself: a core module importing the site room, and a core room importing one upstream, are caught."""
    folder = PACKAGE / upstream
    fake = folder / "_layout_probe.py"
    fake.write_text(probe, encoding="utf-8")
    try:
        names = [name for _, name in package_imports(fake)]
        room = room_of(fake)
    finally:
        fake.unlink()
    assert room == upstream and names == imports
    assert not set(imports) & ALLOWED[room]


def test_package_root_stays_small():
    loose = sorted(p.name for p in PACKAGE.glob("*.py"))
    assert len(loose) <= 7, loose


def test_every_room_says_what_it_holds_and_may_import():
    folders = sorted(p.parent for p in PACKAGE.rglob("__init__.py")
                     if p.parent != PACKAGE and "__pycache__" not in p.parts)
    assert len(folders) >= 9, folders
    for folder in folders:
        doc = ast.get_docstring(ast.parse((folder / "__init__.py").read_text(encoding="utf-8")))
        where = folder.relative_to(PACKAGE)
        assert doc and "import" in doc, f"{where}/__init__.py must say what the room holds and may import"


def test_no_module_is_over_the_line_limit():
    long = [f"{p.relative_to(PACKAGE)} ({n})" for p in MODULES
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES]
    assert not long, long


def test_no_room_holds_more_than_twelve_modules():
    folders = {p.parent for p in MODULES} - {PACKAGE}
    crowded = {str(f.relative_to(PACKAGE)): n for f in folders
               if (n := len([p for p in f.glob("*.py") if p.name != "__init__.py"]))
               > MAX_ROOM_MODULES}
    assert not crowded, crowded


def test_no_core_room_imports_its_modules_at_package_import():
    """The browser imports only what a page uses: importing `core.hr` for one module must not load the whole room."""
    for name in ("core", *CORE_ROOMS):
        tree = ast.parse((PACKAGE / name / "__init__.py").read_text(encoding="utf-8"))
        assert not [n for n in ast.walk(tree) if isinstance(n, (ast.Import, ast.ImportFrom))], name
