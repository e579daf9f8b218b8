"""Aggregating many staff files, with ratios against a bare `json.loads` of the same files in the same run.

    .venv/bin/python bench/bench_aggregate.py [CLI_COUNT [BROWSER_COUNT]]      (defaults: 100000 and 10000)

CLI goals (issue #12): 100,000 staff files, given as a folder and as one .zip, aggregated by `digiskill aggregate`
(the whole command: reading, checking every file with the one answers checker, the tables, the CSV) in ≤ 10 s with
peak memory ≤ 1 GB (the command and its worker processes together, sampled from /proc). Issue #24: the same
100,000 people as version-1 files (what the first sites wrote) too, each version ≤ 2× a bare json.loads of its own
files in the same run (the quicker of two runs on each side). Browser goal: 10,000 files from choosing them to the
results shown in ≤ 5 s.
"""
from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import tempfile
import threading
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
from staff_files import staff_files  # noqa: E402

from digiskill.catalog.loader import load_catalog  # noqa: E402

PAGE = os.sysconf("SC_PAGE_SIZE")


def tree_rss(pid: int) -> int:
    """Resident memory of a process and all its descendants, in bytes (Linux /proc)."""
    children: dict = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as handle:
                    parent = int(handle.read().rsplit(")", 1)[1].split()[1])
                children.setdefault(parent, []).append(int(entry))
            except (OSError, ValueError, IndexError):
                continue
    total, todo = 0, [pid]
    while todo:
        current = todo.pop()
        try:
            with open(f"/proc/{current}/statm") as handle:
                total += int(handle.read().split()[1]) * PAGE
        except OSError:
            pass
        todo += children.get(current, [])
    return total


def run_measured(command: list[str]) -> tuple[float, int, float]:
    """(seconds, peak resident bytes of the command's process tree, processor seconds of the command and its worker
    processes: on a machine other work shares, the wall time varies with it, the processor time much less)."""
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak = [0]

    def sample():
        while process.poll() is None:
            peak[0] = max(peak[0], tree_rss(process.pid))
            time.sleep(0.05)

    sampler = threading.Thread(target=sample)
    sampler.start()
    _out, err = process.communicate()
    elapsed = time.perf_counter() - start
    sampler.join()
    if process.returncode:
        raise SystemExit(err.decode("utf-8", "replace"))
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return elapsed, peak[0], (after.ru_utime + after.ru_stime) - (used.ru_utime + used.ru_stime)


def json_baseline(folder: Path) -> float:
    """Read every file and json.loads it, nothing else: the floor any checker stands on."""
    return json_baseline_times(folder)[0]


def json_baseline_times(folder: Path) -> tuple[float, float]:
    """(seconds, processor seconds) of reading and json.loads-ing every file once."""
    start, cpu = time.perf_counter(), time.process_time()
    for path in sorted(folder.iterdir()):
        try:
            json.loads(path.read_bytes())
        except ValueError:  # the broken files among the staff set
            pass
    return time.perf_counter() - start, time.process_time() - cpu


def write_set(catalog, count: int, tmp: Path, version: int) -> tuple[Path, Path]:
    """`count` staff files of one answers-file version, as a folder and as one .zip of the same files."""
    folder = tmp / f"staff-v{version}"
    folder.mkdir()
    archive = tmp / f"staff-v{version}.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as zf:
        for name, text in staff_files(catalog, count, extras=False, version=version):
            data = text.encode("utf-8")
            (folder / name).write_bytes(data)
            zf.writestr(name, data)
    return folder, archive


def cli_bench(catalog, count: int, tmp: Path) -> None:
    """Version 2 (what the site writes now) through every table and the XLSX; then the same people as version-1
    files (what the first sites wrote), which must be checked as fast: each against its own bare json.loads."""
    digiskill = str(ROOT / ".venv" / "bin" / "digiskill")
    sets = {version: write_set(catalog, count, tmp, version) for version in (2, 1)}
    os.sync()  # the 600 MB just written are flushed now, not while the first run is timed (seen: +0.9 s)
    for version, (folder, archive) in sets.items():
        size = sum(p.stat().st_size for p in folder.iterdir())
        baseline, base_cpu = min(json_baseline_times(folder) for _ in range(2))  # the quicker of two
        print(f"{count:,} version-{version} staff files ({size / 1e6:.0f} MB; zip {archive.stat().st_size / 1e6:.0f} MB); "
              f"bare read + json.loads of every file: {baseline:.2f} s, processor {base_cpu:.2f} s (1.0×)")
        tables = ("gaps", "coverage") if version == 2 else ("gaps",)
        for label, source in (("folder", folder), ("zip", archive)):
            for table in tables:  # the quicker of two runs, as for the bare json.loads; the higher peak
                runs = [run_measured([digiskill, "aggregate", str(source), "--table", table,
                                      "--out", str(tmp / f"{label}-{table}.csv")]) for _ in range(2)]
                seconds, _peak, cpu = min(runs)
                peak = max(run[1] for run in runs)
                print(f"  CLI aggregate v{version} {label:6} --table {table:8}: {seconds:5.2f} s "
                      f"({seconds / baseline:.2f}× json.loads; goal ≤ 2× and ≤ 10 s), processor {cpu:5.2f} s "
                      f"({cpu / base_cpu:.2f}×), peak memory {peak / 1e6:.0f} MB (goal ≤ 1000 MB)")
        if version == 2:
            seconds, peak, cpu = run_measured([digiskill, "aggregate", str(archive), "--out", str(tmp / "plan.xlsx")])
            print(f"  CLI aggregate v2 zip → plan.xlsx          : {seconds:5.2f} s ({seconds / baseline:.2f}×), "
                  f"processor {cpu:5.2f} s ({cpu / base_cpu:.2f}×), peak memory {peak / 1e6:.0f} MB")


def browser_bench(catalog, count: int, tmp: Path) -> None:
    from playwright.sync_api import sync_playwright

    from browser import launch
    from digiskill.cli import build_site
    from digiskill.cli.static_server import serve_in_background

    folder = tmp / "browser-staff"
    folder.mkdir()
    for name, text in staff_files(catalog, count):
        (folder / name).write_text(text, encoding="utf-8")
    baseline = json_baseline(folder)
    site = tmp / "site"
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
        in_worker = page.evaluate("() => ['hr_start', 'hr_add', 'hr_done'].map(n => performance.getEntriesByName("
                                  "'digiskill:' + n).reduce((sum, e) => sum + e.duration, 0)).reduce((a, b) => a + b)") / 1000
        total = page.evaluate("() => performance.getEntriesByName('digiskill:files-to-results')[0].duration") / 1000
        heap = page.evaluate("() => performance.memory ? performance.memory.usedJSHeapSize : 0")
        used = page.get_attribute("#ds-gap", "data-used")
        browser.close()
    server.shutdown()
    server.server_close()
    print(f"browser, {count:,} files ({used} used): from choosing the files to the results shown {total:.2f} s "
          f"({total / baseline:.1f}× CPython json.loads {baseline:.2f} s; goal ≤ 5 s); aggregation in the worker "
          f"{in_worker:.2f} s (in batches of 500, overlapping the browser's reading); page JS heap {heap / 1e6:.0f} MB (Playwright handing over the files: {with_upload:.2f} s)")


def main() -> None:
    cli_count = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    browser_count = int(sys.argv[2]) if len(sys.argv) > 2 else 10_000
    catalog = load_catalog(ROOT / "catalog")
    print(f"machine: {os.cpu_count()} cores")
    if cli_count:
        with tempfile.TemporaryDirectory() as tmp:
            cli_bench(catalog, cli_count, Path(tmp))
    if browser_count:
        with tempfile.TemporaryDirectory() as tmp:
            browser_bench(catalog, browser_count, Path(tmp))


if __name__ == "__main__":
    main()
