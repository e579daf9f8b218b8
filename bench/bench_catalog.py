"""How long loading and validating the full catalog takes, against a bare `yaml.safe_load` of the same files in the
same run (the ratio is what to watch; the absolute figure is for this machine only).

    .venv/bin/python bench/bench_catalog.py
"""
from __future__ import annotations

import statistics
import time
from pathlib import Path

import yaml

from digiskill.catalog.loader import load_catalog

CATALOG = Path(__file__).resolve().parent.parent / "catalog"


def timed(fn, repeat: int = 15) -> float:
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        runs.append(time.perf_counter() - start)
    return statistics.median(runs)


def bare_yaml():
    for path in sorted(CATALOG.rglob("*.yaml")):
        yaml.safe_load(path.read_text(encoding="utf-8"))


def main() -> None:
    baseline = timed(bare_yaml)
    full = timed(lambda: load_catalog(CATALOG))
    print(f"bare yaml.safe_load of catalog/     {baseline * 1000:8.1f} ms")
    print(f"load_catalog (parse+validate+model) {full * 1000:8.1f} ms   ratio {full / baseline:4.1f}x")


if __name__ == "__main__":
    main()
