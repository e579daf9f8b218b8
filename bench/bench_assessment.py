"""The self-assessment as a user meets it, in headless Chromium, cold cache, on this machine:

- time to the first answerable question, against the load of a plain guideline page (goal: ≤ 1.1×, #22);
- time until Python is ready in the worker, against a bare Pyodide start (`loadPyodide()` alone in a module worker,
  from the same files on the same server; goal ≤ 1.1×); and, to tell the two costs apart, against the assessment page
  itself starting that bare worker instead of ours (the page's own work on this machine's cores, with no digiskill
  Python: "floor");
- time to produce DOCX + XLSX for the largest role with every item answered "not yet" (goal: ≤ 0.3 s),
  in the browser and with CPython;
- bytes on the wire for a first visit of the assessment page (everything, including Python), served with the
  build's precompressed copies as /hosting/ documents (`digiskill serve --site` sends them; goal ≤ 7 MB), and the
  same files' full size; and for a plain page.

    .venv/bin/python bench/bench_assessment.py      (builds the site into a temporary folder first)
"""
from __future__ import annotations

import json
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
from browser import launch  # noqa: E402

from digiskill.cli import build_site  # noqa: E402
from digiskill.core.worker.assessment_session import AssessmentSession  # noqa: E402
from digiskill.catalog.export import export_json  # noqa: E402
from digiskill.catalog.loader import load_catalog  # noqa: E402
from digiskill.cli.static_server import serve_in_background  # noqa: E402

# Waited for as the bare start's page is (wait_for_selector): Playwright's wait_for_function polls on every animation
# frame, which keeps the page drawing 60 frames a second on the same two cores while Pyodide starts.
PYTHON_READY = "#ds-assessment[data-python-ready=true]"
RUNS = 15  # one run varies by ±10% (more on two busy cores): medians of 15 keep the ratios within a few per cent
BARE_PAGE = """<!doctype html><meta charset="utf-8"><title>bare Pyodide</title><script>
const worker = new Worker("bare-worker.js", {type: "module"});
worker.onmessage = () => { performance.mark("bare:python-ready"); document.body.dataset.ready = "true"; };
worker.postMessage(new URL("../assets/pyodide/", location.href).href);
</script><body></body>"""
BARE_WORKER = """self.onmessage = async (event) => {
  const { loadPyodide } = await import(event.data + "pyodide.mjs");
  await loadPyodide({ indexURL: event.data, lockFileURL: event.data + "pyodide-lock.json" });
  self.postMessage("ready");
};"""


FLOOR_WORKER = """self.onmessage = async (event) => {
  if (event.data.type !== "init") return;
  const { loadPyodide } = await import(event.data.pyodideURL + "pyodide.mjs");
  await loadPyodide({ indexURL: event.data.pyodideURL, lockFileURL: event.data.pyodideURL + "pyodide-lock.json" });
  self.postMessage({ type: "ready", python: "floor" });
};"""


def floor_page(site: Path) -> None:
    """bench-floor/: the built assessment page, unchanged but for its worker, which only runs `loadPyodide()`."""
    page = (site / "assessment" / "index.html").read_text(encoding="utf-8")
    worker = 'data-worker="../assets/digiskill/python-worker.js"'
    assert worker in page, "the assessment page no longer names its worker as the bench expects"
    (site / "bench-floor").mkdir()
    (site / "bench-floor" / "index.html").write_text(page.replace(worker, 'data-worker="floor-worker.js"'),
                                                     encoding="utf-8")
    (site / "bench-floor" / "floor-worker.js").write_text(FLOOR_WORKER, encoding="utf-8")


def marks_ms(browser, url: str) -> dict[str, float]:
    """Open url in a new context (cold cache), wait until the page says Python is ready; its performance marks
    ({name: ms from navigation start}). Nothing listens to the page's requests here: reading each response would take
    processor time from the start-up being timed (the 9.6 MB .wasm alone is copied to this process once more)."""
    context = browser.new_context()
    page = context.new_page()
    page.goto(url)
    page.wait_for_selector(PYTHON_READY, state="attached", timeout=120_000)
    marks = page.evaluate("() => Object.fromEntries(performance.getEntriesByType('mark')"
                          ".map(m => [m.name, m.startTime]))")
    context.close()
    return marks


def bare_pyodide_ms(browser, url: str) -> float:
    """Navigation start to `loadPyodide()` resolved in a module worker, nothing else loaded (cold cache)."""
    context = browser.new_context()
    page = context.new_page()
    page.goto(url)
    page.wait_for_selector("body[data-ready=true]", state="attached", timeout=120_000)
    ms = page.evaluate("() => performance.getEntriesByName('bare:python-ready')[0].startTime")
    context.close()
    return ms


def plain_load_ms(browser, url: str) -> float:
    context = browser.new_context()
    page = context.new_page()
    page.goto(url)
    page.wait_for_load_state("load")
    ms = page.evaluate("() => performance.getEntriesByType('navigation')[0].loadEventEnd")
    context.close()
    return ms


def page_bytes(browser, url: str, python: bool) -> tuple[int, int]:
    """(bytes on the wire, the same files' full size) of a first visit, once the page is quiet (Python ready)."""
    context = browser.new_context()
    page = context.new_page()
    sizes, full = [], []
    page.on("requestfinished", lambda request: sizes.append(request.sizes()["responseBodySize"]))
    page.on("requestfinished", lambda request: full.append(full_size(request)))
    page.goto(url)
    if python:
        page.wait_for_selector(PYTHON_READY, state="attached", timeout=120_000)
    page.wait_for_load_state("networkidle")
    context.close()
    return sum(sizes), sum(full)


def files_seconds(browser, url: str, state: dict) -> float:
    """Seconds of worker calls for the DOCX and the XLSX of `state`, as a person gets them after reading a while."""
    context = browser.new_context(accept_downloads=True)
    page = context.new_page()
    page.goto(url)
    page.evaluate("(state) => localStorage.setItem(document.getElementById('ds-assessment').dataset.storageKey, "
                  "JSON.stringify(state))", state)
    page.reload()
    page.wait_for_selector(PYTHON_READY, state="attached", timeout=120_000)
    page.wait_for_timeout(3000)  # as a person would read or answer; openpyxl loads meanwhile
    page.click('.ds-stepper [data-step-link="download"]')  # the step the buttons are on
    for action in ("docx", "xlsx"):
        with page.expect_download():
            page.click(f'button[data-kind="{action}"]')
    spent = page.evaluate("() => performance.getEntriesByType('measure').filter(m => "
                          "m.name === 'digiskill:file')"
                          ".reduce((total, m) => total + m.duration, 0)")
    context.close()
    return spent / 1000


def full_size(request) -> int:
    response = request.response()
    length = response.headers.get("content-length") if response else None
    if response and response.headers.get("content-encoding"):
        return len(response.body())  # decoded
    return int(length) if length else request.sizes()["responseBodySize"]


def largest_role(catalog):
    return max(catalog.roles, key=lambda r: sum(len(catalog.requirement(r.code).codes(c))
                                                for c in ("ability", "knowledge", "experience", "attribute")))


def all_gaps_state(catalog, role) -> dict:
    req = catalog.requirement(role.code)
    codes = [c for comp in ("ability", "knowledge", "experience", "attribute") for c in req.codes(comp)]
    return {"format": "digiskill-assessment", "schema_version": 1,
            "framework": {"id": catalog.framework.id, "data_version": catalog.framework.data_version},
            "role": role.code, "answers": {c: {"has": False, "note": "หมายเหตุ"} for c in codes},
            "plan": {c: {"priority": i + 1, "methods": ["on-the-job", "coaching"], "target_date": "2027-09-30",
                         "goal": "เป้าหมาย", "application": "การนำไปใช้", "support": "การสนับสนุน"}
                     for i, c in enumerate(codes)}}


def main() -> None:
    catalog = load_catalog(ROOT / "catalog")
    role = largest_role(catalog)
    state = all_gaps_state(catalog, role)
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        build_site(str(ROOT / "mkdocs.yml"), str(site))
        (site / "bench-bare").mkdir()
        (site / "bench-bare" / "index.html").write_text(BARE_PAGE, encoding="utf-8")
        (site / "bench-bare" / "bare-worker.js").write_text(BARE_WORKER, encoding="utf-8")
        floor_page(site)
        server, base = serve_in_background(site)
        assessment = base + f"assessment/?role={role.slug}"
        plain, assess, browser_files, bare, floor = [], [], [], [], []
        with sync_playwright() as playwright:
            browser = launch(playwright)
            for _ in range(RUNS):  # interleaved, so that a slow moment of the machine falls on every measure
                bare.append(bare_pyodide_ms(browser, base + "bench-bare/"))
                floor.append(marks_ms(browser, base + f"bench-floor/?role={role.slug}")["digiskill:python-ready"])
                plain.append(plain_load_ms(browser, base + "guideline/org-1/"))
                assess.append(marks_ms(browser, assessment))
            # Bytes and files are measured in runs of their own: reading every response slows the page it measures.
            plain_bytes = [page_bytes(browser, base + "guideline/org-1/", python=False) for _ in range(2)]
            assess_bytes = [page_bytes(browser, assessment, python=True) for _ in range(2)]
            for _ in range(3):
                browser_files.append(files_seconds(browser, assessment,
                                                   {**state, "group": role.group, "stage": role.stage}))
            browser.close()
        server.shutdown()
        server.server_close()
    session = AssessmentSession(export_json(catalog).decode("utf-8"))
    session.start(json.dumps(state, ensure_ascii=False), "[]")
    cpython = []
    for _ in range(5):
        start = time.perf_counter()
        session.file("docx")
        session.file("xlsx")
        cpython.append(time.perf_counter() - start)

    med = statistics.median
    plain_load = med(plain)
    questions = med(a["digiskill:questions-ready"] for a in assess)
    python = med(a["digiskill:python-ready"] for a in assess)
    print(f"plain guideline page load (cold)            {plain_load:8.0f} ms")
    print(f"assessment: first answerable question       {questions:8.0f} ms   ratio {questions / plain_load:4.2f}x "
          f"(goal ≤ 1.1x)")
    bare_ms = med(bare)
    print(f"bare Pyodide start (loadPyodide only)       {bare_ms:8.0f} ms")
    floor_med = med(floor)
    print(f"the same page starting a bare Pyodide       {floor_med:8.0f} ms   ratio {floor_med / bare_ms:4.2f}x "
          f"(the page's own work; no digiskill Python)")
    print(f"assessment: Python ready in the worker      {python:8.0f} ms   ratio {python / bare_ms:4.2f}x "
          f"(goal ≤ 1.1x); {python / floor_med:4.2f}x the same page with a bare Pyodide (what digiskill's Python adds)")
    print(f"DOCX + XLSX, largest role {role.code} ({len(state['answers'])} gaps): "
          f"browser {med(browser_files):.3f} s (worker calls), CPython {med(cpython):.3f} s (goal ≤ 0.3 s)")
    print(f"first visit, bytes on the wire (precompressed copies): assessment page "
          f"{med(b for b, _ in assess_bytes) / 1e6:6.2f} MB (goal ≤ 7 MB; files' full size "
          f"{med(f for _, f in assess_bytes) / 1e6:6.2f} MB), plain page {med(b for b, _ in plain_bytes) / 1e6:6.2f} MB")


if __name__ == "__main__":
    main()
