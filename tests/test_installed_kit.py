"""The release as an agency's IT officer takes it (#25): scripts/release's files checked against SHA256SUMS; the site
zip unzipped and served; the wheel from the same folder installed into a fresh virtual environment, used from an
empty folder on a machine with no Node.js or npm — init, build, idp, aggregate, then the built site served and an
assessment completed in headless Chromium."""
from __future__ import annotations

import csv
import io
import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
import zipfile
from pathlib import Path

import docx
import pytest

from conftest import ROOT
from test_browser_assessment import FLOWS, READY, answer, download, plan, start

pytestmark = pytest.mark.browser
OWN_PAGE = """---
title: การติดตั้งของกรมตัวอย่าง
---

# การติดตั้งของกรมตัวอย่าง

ติดต่อกองเทคโนโลยีสารสนเทศ ห้อง 501 เพื่อขอพื้นที่บนเว็บเซิร์ฟเวอร์ภายใน
"""


def run(command, **options) -> subprocess.CompletedProcess:
    result = subprocess.run(command, capture_output=True, text=True, **options)
    assert result.returncode == 0, f"{command}: exit {result.returncode}\n{result.stdout}\n{result.stderr}"
    return result


@pytest.fixture(scope="module")
def dist(tmp_path_factory) -> Path:
    """What `scripts/release` writes (its Python part: scripts/setup has run), into an empty folder."""
    out = tmp_path_factory.mktemp("dist")
    run([sys.executable, str(ROOT / "scripts" / "release.py"), str(out)], cwd=ROOT)
    return out


@pytest.fixture(scope="module")
def wheel(dist) -> Path:
    [built] = dist.glob("digiskill-*.whl")
    return built


@pytest.fixture(scope="module")
def kit_env(wheel, tmp_path_factory) -> dict:
    """A fresh virtual environment with only the wheel (and its dependencies) installed. Returns the environment its
    commands run in: PATH is the venv's bin/ alone, so node and npm cannot be found."""
    venv = tmp_path_factory.mktemp("venv")
    run([sys.executable, "-m", "venv", "--without-pip", str(venv)])  # pip below installs into it (quicker)
    run([sys.executable, "-m", "pip", "--python", str(venv / "bin" / "python"), "install", "--quiet", "--no-compile",
         "--disable-pip-version-check", str(wheel)])
    env = {"PATH": str(venv / "bin"), "HOME": str(venv), "LANG": "C.UTF-8", "NO_MKDOCS_2_WARNING": "1"}
    assert shutil.which("node", path=env["PATH"]) is None and shutil.which("npm", path=env["PATH"]) is None
    assert shutil.which("digiskill", path=env["PATH"])
    return env


def digiskill(env: dict, cwd: Path, *args: str) -> subprocess.CompletedProcess:
    return run([shutil.which("digiskill", path=env["PATH"]), *args], cwd=cwd, env=env)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def serve(env: dict, site: Path) -> tuple[subprocess.Popen, str]:
    port = free_port()
    server = subprocess.Popen([shutil.which("digiskill", path=env["PATH"]), "serve", "--site", str(site),
                               "--port", str(port)], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}/"
    for _ in range(100):
        try:
            urllib.request.urlopen(url, timeout=1).close()
            return server, url
        except OSError:
            time.sleep(0.1)
    server.kill()
    pytest.fail(f"digiskill serve --site did not answer on {url}")


def test_the_release_is_four_files_that_match_their_checksums(dist):
    import digiskill

    version = digiskill.__version__
    names = {f"digiskill-{version}-py3-none-any.whl", f"digiskill-site-{version}.zip", "INSTALL-th.md", "SHA256SUMS"}
    assert {p.name for p in dist.iterdir()} == names
    assert all(p.stat().st_mode & 0o777 == 0o644 for p in dist.iterdir())
    sums = run(["sha256sum", "-c", "SHA256SUMS"], cwd=dist).stdout
    assert sorted(sums.splitlines()) == sorted(f"{n}: OK" for n in names - {"SHA256SUMS"})
    guide = (dist / "INSTALL-th.md").read_text(encoding="utf-8")
    assert guide.startswith(f"# ติดตั้ง digiskill {version} ใน 10 นาที") and "<รุ่น>" not in guide
    for needed in ("## ทางที่ 1", "## ทางที่ 2", f"digiskill-site-{version}.zip", "sha256sum -c SHA256SUMS",
                   f"python -m pip install digiskill-{version}-py3-none-any.whl", "digiskill init my-agency",
                   "digiskill build --out site", "application/wasm"):
        assert needed in guide, needed
    # a folder holding anything else is refused (exit 2) before any work, and left as it was
    (dist / "notes.txt").write_text("mine", encoding="utf-8")
    refused = subprocess.run([sys.executable, str(ROOT / "scripts" / "release.py"), str(dist)], capture_output=True,
                             text=True)
    (dist / "notes.txt").unlink()
    assert refused.returncode == 2 and "notes.txt" in refused.stderr
    assert {p.name for p in dist.iterdir()} == names


def test_the_site_zip_unzipped_is_the_default_site_ready_to_serve(dist, kit_env, tmp_path):
    [archive] = dist.glob("digiskill-site-*.zip")
    run(["unzip", "-q", str(archive), "-d", str(tmp_path)])  # as an administrator unpacks it (modes applied)
    [site] = tmp_path.iterdir()
    assert site.name == archive.stem
    modes = {p.stat().st_mode & 0o777 for p in site.rglob("*")}
    assert modes == {0o644, 0o755}, modes  # readable by the web server's user
    assert (site / "assets" / "pyodide" / "pyodide.asm.wasm.gz").is_file() and (site / "csp.txt").is_file()
    server, url = serve(kit_env, site)
    try:
        for path in ("", "assessment/", "roles/a1/", "skills/dlit100/", "hosting/", "data/catalog.json",
                     "assets/pyodide/pyodide.asm.wasm"):
            with urllib.request.urlopen(url + path, timeout=30) as response:
                assert response.status == 200, path
                if path.endswith(".wasm"):
                    assert response.headers["Content-Type"] == "application/wasm"
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_the_wheel_is_pure_python_and_carries_the_kit(wheel):
    assert wheel.name.endswith("-py3-none-any.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    bundled = "digiskill/_bundled/"
    for needed in ("catalog/roles.yaml", "content/guideline/org-1.md", "site_templates/pages/unit.md.j2",
                   "site_templates/overrides/python-page.html", "CHANGELOG.md", "NOTICE.txt",
                   "node_modules/pyodide/pyodide.asm.wasm", "node_modules/@fontsource/sarabun/LICENSE",
                   "node_modules/@fontsource/sarabun/files/sarabun-thai-400-normal.woff2",
                   "licenses/openpyxl-3.1.5/LICENCE.rst"):
        assert bundled + needed in names, needed
    assert any(n.startswith(bundled + "browser_wheels/openpyxl-") for n in names)
    assert any(n.endswith((".dist-info/licenses/LICENSE", ".dist-info/LICENSE")) for n in names)  # digiskill's own MIT
    assert not any(n.endswith((".so", ".pyd", ".dylib")) for n in names)
    assert wheel.stat().st_size < 10_000_000  # README states the size


def test_an_agency_builds_and_uses_its_site_with_python_alone(kit_env, browser, tmp_path):
    empty = tmp_path / "work"
    empty.mkdir()
    digiskill(kit_env, empty, "init", "my-agency")
    project = empty / "my-agency"
    for path in ("agency.yaml", "mkdocs.yml", ".github/workflows/pages.yml", "README.md"):
        assert (project / path).is_file(), path
    assert [p.name for p in (project / "content").iterdir()] == [".gitkeep"]
    (project / "content" / "hosting.md").write_text(OWN_PAGE, encoding="utf-8")  # replaces the kit's page

    digiskill(kit_env, project, "validate", "--agency", "agency.yaml")
    digiskill(kit_env, project, "build", "--out", "site")
    assert (project / ".cache" / "precompressed").is_dir()  # the build cache sits in the project (.gitignore lists it)
    site = project / "site"
    hosting = (site / "hosting" / "index.html").read_text(encoding="utf-8")
    assert "ห้อง 501" in hosting and "nginx" not in hosting  # the agency's page, not the kit's
    assert "ข้อกำหนดที่เกี่ยวข้อง" in (site / "guideline" / "org-1" / "index.html").read_text(encoding="utf-8")  # kit page kept
    assert "กรมตัวอย่าง" in (site / "index.html").read_text(encoding="utf-8")  # agency.yaml is used

    server, url = serve(kit_env, site)
    try:
        role, _how, answers, plans = FLOWS[0]
        recorded = start(browser, url, f"?role={role.lower()}")
        page = recorded.page
        page.wait_for_selector(READY, timeout=60_000)  # Python loaded from the site itself
        for code, has in answers.items():
            answer(page, code, has)
        for code, (priority, methods, date, goal) in plans.items():
            plan(page, code, priority, methods, date, goal)
        saved = download(page, "json").path().read_bytes()
        document = docx.Document(io.BytesIO(download(page, "docx").path().read_bytes()))
        planned = [row.cells[1].text.split()[0] for row in document.tables[3].rows][1:]
        assert sorted(planned) == sorted(c for c, has in answers.items() if not has)
        assert recorded.foreign(url) == []
        page.context.close()
    finally:
        server.terminate()
        server.wait(timeout=10)

    elsewhere = tmp_path / "elsewhere"  # no project, no catalog: the packaged catalog is used
    elsewhere.mkdir()
    (elsewhere / "answers.json").write_bytes(saved)  # made on the agency's site: it carries the agency
    digiskill(kit_env, elsewhere, "idp", "answers.json", "--agency", str(project / "agency.yaml"), "--out", "plan.docx")
    cli_plan = docx.Document(str(elsewhere / "plan.docx"))
    assert [row.cells[1].text.split()[0] for row in cli_plan.tables[3].rows][1:] == planned
    # one staff file: with names dropped every count would be hidden (privacy), so keep names to see them
    digiskill(kit_env, elsewhere, "aggregate", "answers.json", "--keep-names", "--keys", "--out", "gaps.csv",
              "--agency", str(project / "agency.yaml"))
    digiskill(kit_env, elsewhere, "export", "--format", "json", "--out", "catalog.json")
    assert len(json.loads((elsewhere / "catalog.json").read_text(encoding="utf-8"))["roles"]) == 18
    rows = list(csv.DictReader(io.StringIO((elsewhere / "gaps.csv").read_text(encoding="utf-8-sig"))))
    lacking = {r["code"] for r in rows if r["group"] == "A" and r["staff_lacking"] == "1"}
    assert lacking == {c for c, has in answers.items() if not has}
    assert json.loads(saved)["role"] == role
