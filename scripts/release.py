"""The files of a release (see scripts/release): the wheel, the default site as a zip, the Thai install guide and
SHA256SUMS. Everything is made in a temporary folder beside the output and moved in only when all of it worked, so a
failed run leaves no half release. Exit 2 when the output folder holds files that are not an earlier release's."""
from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GUIDE = ROOT / "docs" / "install-th.md"
GUIDE_NAME = "INSTALL-th.md"
RELEASE_FILE = re.compile(r"^(digiskill-[\w.]+-py3-none-any\.whl|digiskill-site-[\w.]+\.zip|SHA256SUMS|INSTALL-th\.md)$")


def version() -> str:
    text = (ROOT / "generator" / "digiskill" / "__init__.py").read_text(encoding="utf-8")
    return re.search(r'^__version__ = "([^"]+)"', text, flags=re.M).group(1)


def build_wheel(into: Path) -> Path:
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--disable-pip-version-check",
                    str(ROOT), "-w", str(into)], check=True)
    [wheel] = into.glob("digiskill-*.whl")
    return wheel


def build_site_zip(into: Path, name: str) -> Path:
    """The default site (the checkout's mkdocs.yml), zipped under one folder `name/`; entries in name order, files
    0644 and folders 0755 whatever the build folder's modes, so an unzipped copy is readable by a web server;
    files that are compressed already are stored as they are."""
    site = into / name
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    subprocess.run([sys.executable, "-m", "digiskill", "build", "--config", str(ROOT / "mkdocs.yml"),
                    "--out", str(site)], check=True, env=env, cwd=ROOT)
    archive = into / f"{name}.zip"
    now = time.localtime()[:6]
    with zipfile.ZipFile(archive, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=6) as out:
        for path in sorted(site.rglob("*")):
            arcname = f"{name}/{path.relative_to(site).as_posix()}" + ("/" if path.is_dir() else "")
            info = zipfile.ZipInfo(arcname, date_time=now)
            info.create_system = 3  # Unix, so the modes below are read by unzip
            if path.is_dir():
                info.external_attr = (0o40755 << 16) | 0x10
                out.writestr(info, b"")
            else:
                info.external_attr = 0o100644 << 16
                packed = path.suffix in (".br", ".gz", ".woff2", ".png", ".zip", ".whl", ".xlsx")
                info.compress_type = zipfile.ZIP_STORED if packed else zipfile.ZIP_DEFLATED
                out.writestr(info, path.read_bytes())
    shutil.rmtree(site)
    return archive


def write_guide(into: Path, release: str) -> Path:
    guide = into / GUIDE_NAME
    guide.write_text(GUIDE.read_text(encoding="utf-8").replace("<รุ่น>", release), encoding="utf-8")
    return guide


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def make_release(out: Path) -> list[Path]:
    """Write the four files into `out`; returns their paths (SHA256SUMS last)."""
    if out.exists() and not out.is_dir():
        raise SystemExit(f"release: {out} is a file, not a folder")
    others = sorted(p.name for p in out.iterdir() if not RELEASE_FILE.match(p.name)) if out.is_dir() else []
    if others:
        print(f"release: {out} holds files that are not a release's ({', '.join(others[:5])}); "
              "empty it or name another folder", file=sys.stderr)
        raise SystemExit(2)
    out.mkdir(parents=True, exist_ok=True)
    release = version()
    with tempfile.TemporaryDirectory(prefix=".release-", dir=out) as work:
        staging = Path(work)
        made = [build_wheel(staging / "wheel"), build_site_zip(staging, f"digiskill-site-{release}"),
                write_guide(staging, release)]
        sums = staging / "SHA256SUMS"
        sums.write_text("".join(f"{sha256(p)}  {p.name}\n" for p in made), encoding="utf-8")
        for old in out.iterdir():
            if old.is_file() and RELEASE_FILE.match(old.name):
                old.unlink()
        placed = []
        for path in [*made, sums]:
            target = out / path.name
            path.replace(target)
            target.chmod(0o644)
            placed.append(target)
    return placed


def main(argv: list[str]) -> int:
    out = Path(argv[0] if argv else "dist").resolve()
    for path in make_release(out):
        print(f"{path}  ({path.stat().st_size / 1e6:.1f} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
