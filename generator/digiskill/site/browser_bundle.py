"""What the site needs to run Python in the browser, all served from the site itself (no CDN, no micropip):

- the Pyodide runtime files, copied from the npm package pinned in package.json;
- pure-Python wheels (openpyxl, et_xmlfile) downloaded with pinned hashes by scripts/setup;
- our own standard-library core as a wheel built here (`digiskill` with model, errors and core/ only);
- a Pyodide lock file listing exactly those three packages with their sha256. The worker fetches our core wheel itself
  while Pyodide starts (checked against this sha256) and unpacks it; openpyxl is installed by name with
  `loadPackage`, from the site's own folder, when an XLSX is first needed.
"""
from __future__ import annotations

import base64
import hashlib
import io
import json
import re
import zipfile
from pathlib import Path

from .. import __version__
from ..errors import DigiskillError

PACKAGE_DIR = Path(__file__).resolve().parent.parent  # the digiskill package
PYODIDE_FILES = ["pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip"]
SITE_DIR = "assets/pyodide"
# The browser core: what the worker imports. Everything here is standard-library only (tests check this).
ROOT_FILES = ["__init__.py", "errors.py", "model.py", "agency_records.py", "dataclass_dict.py", "formula_guard.py"]
CORE_FILES = [*ROOT_FILES, *(p.relative_to(PACKAGE_DIR).as_posix() for p in sorted((PACKAGE_DIR / "core").rglob("*.py"))
                             if "__pycache__" not in p.parts)]  # core/ and every room inside it
PURE_WHEELS = {  # wheel file prefix -> (lock name (PEP 503 normalised, as Pyodide expects), imports, dependencies)
    "openpyxl": ("openpyxl", ["openpyxl"], ["et-xmlfile"]),
    "et_xmlfile": ("et-xmlfile", ["et_xmlfile"], []),
}
CORE_PACKAGE = ("digiskill", ["digiskill"], [])  # openpyxl is loaded only when an XLSX is first asked for


class BrowserBundleError(DigiskillError):
    """A file the in-browser Python needs is missing (run scripts/setup)."""


def pyodide_runtime(node_modules: Path) -> dict[str, Path]:
    folder = node_modules / "pyodide"
    missing = [name for name in PYODIDE_FILES if not (folder / name).is_file()]
    if missing:
        raise BrowserBundleError(f"{folder}: missing {', '.join(missing)}; run `npm ci` (scripts/setup does) to "
                                 "install the pyodide package pinned in package.json")
    return {f"{SITE_DIR}/{name}": folder / name for name in PYODIDE_FILES}


def core_wheel() -> tuple[str, bytes]:
    """Build `digiskill-<version>-py3-none-any.whl` holding only the browser core, byte-identical for the same sources."""
    dist = f"digiskill-{__version__}"
    files = {f"digiskill/{name}": (PACKAGE_DIR / name).read_bytes() for name in CORE_FILES}
    files[f"{dist}.dist-info/METADATA"] = (f"Metadata-Version: 2.1\nName: digiskill\nVersion: {__version__}\n"
                                           "Summary: digiskill browser core (standard library only)\n").encode()
    files[f"{dist}.dist-info/WHEEL"] = b"Wheel-Version: 1.0\nGenerator: digiskill\nRoot-Is-Purelib: true\nTag: py3-none-any\n"
    files[f"{dist}.dist-info/top_level.txt"] = b"digiskill\n"
    record = []
    for name, data in files.items():
        digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
        record.append(f"{name},sha256={digest},{len(data)}")
    record.append(f"{dist}.dist-info/RECORD,,")
    files[f"{dist}.dist-info/RECORD"] = ("\n".join(record) + "\n").encode()
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            info = zipfile.ZipInfo(name, date_time=(2020, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, data)
    return f"digiskill-{__version__}-py3-none-any.whl", out.getvalue()


def pure_wheels(wheels_dir: Path) -> dict[str, Path]:
    found = {}
    for name in PURE_WHEELS:
        matches = sorted(wheels_dir.glob(f"{name}-*.whl"))
        if not matches:
            raise BrowserBundleError(f"{wheels_dir}: no {name} wheel; run scripts/setup (it downloads the wheels "
                                     "pinned in browser-requirements.txt)")
        found[name] = matches[-1]
    return found


def lock_file(node_modules: Path, wheels: dict[str, tuple[str, bytes]]) -> bytes:
    """A pyodide-lock.json with the npm package's `info` and only our packages, each with its sha256."""
    info = json.loads((node_modules / "pyodide" / "pyodide-lock.json").read_text(encoding="utf-8"))["info"]
    packages = {}
    for prefix, (file_name, data) in wheels.items():
        name, imports, depends = PURE_WHEELS.get(prefix, CORE_PACKAGE)
        version = re.match(rf"{prefix}-([^-]+)-", file_name).group(1)
        packages[name] = {"name": name, "version": version, "file_name": file_name, "install_dir": "site",
                          "sha256": hashlib.sha256(data).hexdigest(), "package_type": "package",
                          "imports": imports, "depends": depends, "unvendored_tests": False, "shared_library": False}
    return json.dumps({"info": info, "packages": packages}, indent=1).encode("utf-8")


def bundle(node_modules: Path, wheels_dir: Path) -> tuple[dict[str, Path], dict[str, bytes]]:
    """({site path: file to copy}, {site path: generated content}) for everything the worker loads."""
    copies = pyodide_runtime(node_modules)
    wheel_data = {name: (path.name, path.read_bytes()) for name, path in pure_wheels(wheels_dir).items()}
    wheel_data["digiskill"] = core_wheel()
    generated = {f"{SITE_DIR}/{file_name}": data for file_name, data in wheel_data.values()}
    generated[f"{SITE_DIR}/pyodide-lock.json"] = lock_file(node_modules, wheel_data)
    return copies, generated
