"""Aggregating 10,000 staff files: in the browser (Pyodide in the worker) and with the CLI, in the same run.
Goals on this machine: ≤ 5 s in the browser, ≤ 1 s for the CLI's aggregation. Also reports memory.

    .venv/bin/python bench/bench_aggregate.py [COUNT]
"""
from __future__ import annotations

import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
from browser import launch  # noqa: E402
from staff_files import staff_files  # noqa: E402

from digiskill.cli import build_site  # noqa: E402
from digiskill.core.aggregate import aggregate  # noqa: E402
from digiskill.catalog.loader import load_catalog  # noqa: E402
from digiskill.site.static_server import serve_in_background  # noqa: E402


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    catalog = load_catalog(ROOT / "catalog")
    files = staff_files(catalog, count)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "staff"
        folder.mkdir()
        for name, text in files:
            (folder / name).write_text(text, encoding="utf-8")
        size = sum(p.stat().st_size for p in folder.iterdir())

        loaded = [(p.name, p.read_bytes()) for p in sorted(folder.iterdir())]
        runs = []
        for _ in range(3):
            start = time.perf_counter()
            agg = aggregate(catalog, loaded)
            runs.append(time.perf_counter() - start)
        cli_aggregate = sorted(runs)[1]
        tracemalloc.start()  # a separate run: tracing slows Python down several times
        aggregate(catalog, loaded)
        _current, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        start = time.perf_counter()
        subprocess.run([str(ROOT / ".venv" / "bin" / "digiskill"), "aggregate", str(folder), "--out",
                        str(Path(tmp) / "plan.xlsx")], check=True, capture_output=True, cwd=ROOT)
        cli_total = time.perf_counter() - start

        site = Path(tmp) / "site"
        build_site(str(ROOT / "mkdocs.yml"), str(site))
        server, base = serve_in_background(site)
        with sync_playwright() as playwright:
            browser = launch(playwright)
            page = browser.new_page()
            page.goto(base + "gap-analysis/")
            page.wait_for_selector("#ds-gap[data-python-ready=true]", timeout=120_000)
            start = time.perf_counter()
            page.set_input_files('input[data-action="files"]', [str(p) for p in sorted(folder.iterdir())])
            page.wait_for_selector("#results:not([hidden])", timeout=300_000)
            with_upload = time.perf_counter() - start
            in_worker = page.evaluate("() => performance.getEntriesByName('digiskill:aggregate')[0].duration") / 1000
            browser_total = page.evaluate("() => performance.getEntriesByName('digiskill:files-to-results')[0]"
                                          ".duration") / 1000
            reading = page.evaluate("() => performance.getEntriesByName('digiskill:files-read')[0].startTime - "
                                    "performance.getEntriesByName('digiskill:files-chosen')[0].startTime") / 1000
            heap = page.evaluate("() => performance.memory ? performance.memory.usedJSHeapSize : 0")
            used = page.get_attribute("#ds-gap", "data-used")
            browser.close()
        server.shutdown()
        server.server_close()
    print(f"{count} staff files ({size / 1e6:.1f} MB), {agg.used} used, {len(agg.rejected)} set aside")
    print(f"CLI: aggregation {cli_aggregate:.2f} s (goal ≤ 1 s), peak Python memory {peak / 1e6:.0f} MB; "
          f"whole command with XLSX {cli_total:.2f} s")
    print(f"browser: aggregation in the worker {in_worker:.2f} s; from choosing the files to the results shown "
          f"{browser_total:.2f} s (goal ≤ 5 s), of which reading the files {reading:.2f} s; page JS heap "
          f"{heap / 1e6:.0f} MB; used {used}")
    print(f"         (with Playwright handing the {count} files to the browser: {with_upload:.2f} s)")


if __name__ == "__main__":
    main()
