"""Site build time: the default site (digiskill plugin) against a bare `mkdocs build` of the same generated Markdown,
and against a synthetic catalog ten times larger — all in the same run, so the ratios are what to read.

    .venv/bin/python bench/bench_site.py
"""
from __future__ import annotations

import logging
import os
import shutil
import statistics
import tempfile
import time
from pathlib import Path

import yaml
from mkdocs.commands.build import build
from mkdocs.config import load_config

from digiskill.site.browser_bundle import bundle
from digiskill.catalog.loader import load_catalog
from digiskill.site.pages import render_pages, site_context, template_environment
from digiskill.site.site_assets import data_files, font_files, static_files

ROOT = Path(__file__).resolve().parent.parent
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
logging.basicConfig(level=logging.ERROR)


def timed_build(config_file: Path, site_dir: Path, repeat: int = 3) -> float:
    runs = []
    for _ in range(repeat):
        config = load_config(str(config_file), site_dir=str(site_dir))
        start = time.perf_counter()
        build(config)
        runs.append(time.perf_counter() - start)
    return statistics.median(runs)


def project_copy(work: Path, catalog_dir: Path) -> Path:
    project = work / "project"
    shutil.copytree(catalog_dir, project / "catalog")
    for name in ("content", "site_templates"):
        shutil.copytree(ROOT / name, project / name)
    for installed in ("node_modules", ".cache"):  # what scripts/setup installed: link, do not copy
        (project / installed).symlink_to(ROOT / installed)
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    shutil.copy(ROOT / "CHANGELOG.md", project / "CHANGELOG.md")
    return project


def bare_copy(work: Path) -> Path:
    """The same pages as plain Markdown files, and mkdocs.yml without the digiskill plugin."""
    catalog = load_catalog(ROOT / "catalog")
    docs = work / "bare" / "docs"
    shutil.copytree(ROOT / "content", docs)
    site_url = load_config(str(ROOT / "mkdocs.yml")).site_url or ""  # the same QR codes as the default build
    extra = site_context(catalog, site_url, ROOT / "CHANGELOG.md")
    for path, markdown in render_pages(catalog, template_environment([ROOT / "site_templates" / "pages"]),
                                       extra).items():
        (docs / path).parent.mkdir(parents=True, exist_ok=True)
        (docs / path).write_text(markdown, encoding="utf-8")
    python_copies, python_files = bundle(ROOT / "node_modules", ROOT / ".cache" / "browser-wheels")
    for path, content in {**data_files(catalog), **python_files}.items():
        (docs / path).parent.mkdir(parents=True, exist_ok=True)
        (docs / path).write_bytes(content)
    for path, source in {**static_files(ROOT / "site_templates"), **font_files(ROOT / "node_modules"),
                         **python_copies}.items():
        (docs / path).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(source, docs / path)
    shutil.copytree(ROOT / "site_templates" / "overrides", work / "bare" / "site_templates" / "overrides")
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    text = text.replace("docs_dir: content", "docs_dir: docs")
    text = text.split("  - digiskill:")[0] + "\nextra_css: [assets/digiskill/digiskill.css]\n" + \
        "markdown_extensions:" + text.split("markdown_extensions:")[1]
    (work / "bare" / "mkdocs.yml").write_text(text.replace("strict: true", "strict: false"), encoding="utf-8")
    return work / "bare"


def synthetic_catalog(work: Path, factor: int = 10) -> Path:
    """The real catalog with every unit and item repeated `factor` times (new codes) and required accordingly."""
    target = work / "catalog10x"
    shutil.copytree(ROOT / "catalog", target)
    renames: dict[str, list[str]] = {}
    for unit_file in (target / "units").glob("*.yaml"):
        data = yaml.safe_load(unit_file.read_text(encoding="utf-8"))
        copies = []
        for unit in data["units"]:
            renames[unit["code"]] = [unit["code"]]
            for n in range(1, factor):
                code = f"SYN-{unit['code'].upper()}-{n:03d}"
                renames[unit["code"]].append(code)
                copies.append({**unit, "code": code})
        data["units"] += copies
        unit_file.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    items = yaml.safe_load((target / "items.yaml").read_text(encoding="utf-8"))
    extra_items = []
    for item in list(items["items"]):
        renames[item["code"]] = [item["code"]]
        for n in range(1, factor):
            code = f"{item['code'].rstrip('0123456789')}{int(item['code'][len(item['code'].rstrip('0123456789')):]) + 100 * n}"
            renames[item["code"]].append(code)
            extra_items.append({**item, "code": code})
    items["items"] += extra_items
    (target / "items.yaml").write_text(yaml.safe_dump(items, allow_unicode=True, sort_keys=False), encoding="utf-8")
    reqs = yaml.safe_load((target / "requirements.yaml").read_text(encoding="utf-8"))
    for entry in reqs["requirements"].values():
        for component in ("ability", "knowledge", "experience", "attribute"):
            entry[component] = [code for original in entry[component] for code in renames[original]]
    (target / "requirements.yaml").write_text(yaml.safe_dump(reqs, allow_unicode=True, sort_keys=False),
                                               encoding="utf-8")
    return target


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        default = project_copy(work / "default", ROOT / "catalog")
        bare = bare_copy(work)
        big = project_copy(work / "big", synthetic_catalog(work))
        sizes = {name: len(load_catalog(p / "catalog").units) for name, p in (("default", default), ("10x", big))}
        t_bare = timed_build(bare / "mkdocs.yml", work / "site-bare")
        t_default = timed_build(default / "mkdocs.yml", work / "site-default")
        t_big = timed_build(big / "mkdocs.yml", work / "site-big")
    print(f"bare mkdocs build of the generated Markdown   {t_bare:6.2f} s")
    print(f"default site with the digiskill plugin        {t_default:6.2f} s   overhead ratio {t_default / t_bare:4.2f}x")
    print(f"synthetic catalog, {sizes['10x']} units (default {sizes['default']})  {t_big:6.2f} s   "
          f"ratio to default {t_big / t_default:4.2f}x")


if __name__ == "__main__":
    main()
