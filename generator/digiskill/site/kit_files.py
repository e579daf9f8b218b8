"""Where the kit's own data lives — the catalog, the default prose pages, the templates and assets, the changelog, the
Thai font, the Pyodide runtime and the browser's wheels — and how a wheel comes to carry it.

One lookup, `kit_path(name)`, for two situations:

- **a checkout** (development, `pip install -e .`, the README's `scripts/serve` and `scripts/test`): the repository's
  own top-level folders, which stay the source of truth (`catalog/`, `content/`, `site_templates/`, `CHANGELOG.md`,
  `node_modules/` after `npm ci`, `.cache/browser-wheels/` after `scripts/setup`);
- **an installed wheel**: `digiskill/_bundled/<name>`, a copy of exactly the files a build needs, made when the wheel
  is built (`copy_kit`, called by the build step in `setup.py`).

Why copy at wheel-build time instead of moving the folders into the package: the repository keeps its plain layout (an
HR officer edits `catalog/` at the top, the two README commands are unchanged), the font and Pyodide stay pinned by
`package-lock.json` and the wheels by `browser-requirements.txt` (nothing vendored into git), and the wheel takes only
what a build uses (4 of Pyodide's files, 4 font files) with their licences — so it stays pure Python (`py3-none-any`).

Standard library only and no imports from the package: `setup.py` loads this file by its path before anything is
installed.
"""
from __future__ import annotations

import json
import shutil
import zipfile
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent.parent  # .../digiskill
BUNDLE_DIR = PACKAGE_DIR / "_bundled"  # present only in an installed wheel
CHECKOUT_DIR = PACKAGE_DIR.parent.parent  # generator/digiskill -> the repository, when running from a checkout

_FONT = "@fontsource/sarabun"
# name -> (its path in a checkout, the files of it a wheel carries (globs; None: it is one file), what puts them there)
KIT: dict[str, tuple[str, list[str] | None, str]] = {
    "catalog": ("catalog", ["**/*.yaml"], "the repository"),
    "content": ("content", ["**/*"], "the repository"),
    "site_templates": ("site_templates", ["**/*"], "the repository"),
    "CHANGELOG.md": ("CHANGELOG.md", None, "the repository"),
    "node_modules": ("node_modules", [
        "pyodide/pyodide.mjs", "pyodide/pyodide.asm.mjs", "pyodide/pyodide.asm.wasm", "pyodide/python_stdlib.zip",
        "pyodide/pyodide-lock.json", "pyodide/package.json", "pyodide/README.md",
        *(f"{_FONT}/files/sarabun-{subset}-{weight}-normal.woff2"
          for subset in ("thai", "latin") for weight in (400, 700)),
        f"{_FONT}/LICENSE", f"{_FONT}/package.json",
    ], "`npm ci` (run by scripts/setup)"),
    "browser_wheels": (".cache/browser-wheels", ["*.whl"], "scripts/setup"),
}
# Pyodide's npm package ships no licence file; its package.json names the licence. The notice below says so.
NOTICE = """Third-party files carried by this package (digiskill/_bundled/), each under its own licence:

- node_modules/pyodide/: Pyodide {pyodide} (the Python runtime of the self-assessment), Mozilla Public License 2.0
  (https://www.mozilla.org/MPL/2.0/; named in node_modules/pyodide/package.json; source:
  https://github.com/pyodide/pyodide).
  python_stdlib.zip is CPython's standard library, under the Python Software Foundation License.
- node_modules/@fontsource/sarabun/: the Sarabun font (npm package @fontsource/sarabun {sarabun}), SIL Open Font
  License 1.1 (LICENSE beside it).
- browser_wheels/*.whl: {wheels}; each wheel holds its licence in its .dist-info folder,
  copied to licenses/.
"""


class KitFilesMissing(Exception):
    """A file the wheel must carry is not in the checkout (scripts/setup has not run)."""


def kit_path(name: str) -> Path:
    """The kit's copy of `name` (a key of KIT): the installed package's bundle if there is one, else the checkout's."""
    checkout_path = KIT[name][0]
    return BUNDLE_DIR / name if BUNDLE_DIR.is_dir() else CHECKOUT_DIR / checkout_path


def project_catalog(project: Path) -> Path:
    """The catalog a command in `project` uses: its own `catalog/` folder if it has one, else the kit's."""
    own = project / "catalog"
    return own if own.is_dir() else kit_path("catalog")


def kit_source_files(checkout: Path) -> dict[str, Path]:
    """{path inside the bundle: file in the checkout} for everything a wheel carries; raises KitFilesMissing."""
    found: dict[str, Path] = {}
    missing = []
    for name, (checkout_path, patterns, installer) in KIT.items():
        source = checkout / checkout_path
        if patterns is None:
            if source.is_file():
                found[name] = source
            else:
                missing.append(f"{source} (from {installer})")
            continue
        for pattern in patterns:
            matches = [p for p in sorted(source.glob(pattern)) if p.is_file() and not p.name.startswith(".")]
            if not matches:
                missing.append(f"{source / pattern} (from {installer})")
            for path in matches:
                found[f"{name}/{path.relative_to(source).as_posix()}"] = path
    if missing:
        raise KitFilesMissing("the wheel must carry these files, which are not in the checkout: " + "; ".join(missing)
                              + ". Run scripts/setup first (it installs the pinned npm packages and downloads the "
                              "browser wheels), then build the wheel again.")
    return found


def copy_kit(checkout: Path, target: Path) -> None:
    """Fill `target` (digiskill/_bundled in a wheel's build folder) with the kit's files, their licences and a notice.
    Checks everything first, so a missing file leaves `target` untouched."""
    files = kit_source_files(checkout)
    if target.exists():
        shutil.rmtree(target)  # a stale file from an earlier build must not ride along
    for relative, source in files.items():
        (target / relative).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target / relative)
    wheels = sorted(p for p in files.values() if p.suffix == ".whl")
    for wheel in wheels:
        with zipfile.ZipFile(wheel) as archive:
            for member in archive.namelist():
                parts = member.split("/")
                if parts[0].endswith(".dist-info") and parts[-1].upper().startswith(("LICEN", "COPYING")):
                    out = target / "licenses" / parts[0].removesuffix(".dist-info") / parts[-1]
                    out.parent.mkdir(parents=True, exist_ok=True)
                    out.write_bytes(archive.read(member))
    versions = {pkg: _npm_version(checkout / "node_modules" / pkg) for pkg in ("pyodide", _FONT)}
    (target / "NOTICE.txt").write_text(NOTICE.format(pyodide=versions["pyodide"], sarabun=versions[_FONT],
                                                     wheels=", ".join(w.name for w in wheels)), encoding="utf-8")


def _npm_version(package_dir: Path) -> str:
    return json.loads((package_dir / "package.json").read_text(encoding="utf-8"))["version"]
