"""The build cache (site/build_cache.py): a rebuild reuses the XLSX download, the QR codes, the compiled page templates
and the compressed copies, and never serves a stale one when what it depends on changed."""
from __future__ import annotations

import io
import os
import threading
import time
from pathlib import Path

import jinja2

import openpyxl
import pytest

from digiskill.catalog.loader import load_catalog
from digiskill.site.build_cache import BuildCache
from digiskill.site.pages import template_environment
from digiskill.site.precompress import precompress
from digiskill.site.qr import qr_svg
from digiskill.site.site_assets import data_files


def sheet_texts(xlsx: bytes) -> set:
    book = openpyxl.load_workbook(io.BytesIO(xlsx), read_only=True)
    return {cell for sheet in book for row in sheet.iter_rows(values_only=True) for cell in row if cell}


def test_the_xlsx_is_reused_while_the_catalog_is_the_same(catalog, tmp_path):
    cache = BuildCache(tmp_path / "cache")
    first = data_files(catalog, cache)["data/catalog.xlsx"]
    assert data_files(catalog, cache)["data/catalog.xlsx"] == first  # byte for byte: nothing written again
    assert sheet_texts(first) == sheet_texts(data_files(catalog)["data/catalog.xlsx"])


def test_a_changed_catalog_gets_a_new_xlsx(catalog, catalog_copy, tmp_path):
    cache = BuildCache(tmp_path / "cache")
    data_files(catalog, cache)
    unit_file = next((catalog_copy / "units").glob("*.yaml"))
    title = catalog.units_of_domain(unit_file.stem.upper())[0].title_th
    unit_file.write_text(unit_file.read_text(encoding="utf-8").replace(title, title + " (ปรับ)", 1), encoding="utf-8")
    changed = data_files(load_catalog(catalog_copy), cache)["data/catalog.xlsx"]
    assert title + " (ปรับ)" in sheet_texts(changed)


def test_qr_codes_come_from_the_cache_for_the_same_address_only(tmp_path):
    cache = BuildCache(tmp_path / "cache")
    url = "https://hr.example.go.th/skills/dlit100/"
    assert qr_svg(url, cache) == qr_svg(url) == qr_svg(url, cache)
    other = "https://hr.example.go.th/skills/dlit101/"
    assert qr_svg(other, cache) == qr_svg(other) != qr_svg(url)


def test_an_edited_template_is_compiled_again(tmp_path):
    templates = tmp_path / "pages"
    templates.mkdir()
    (templates / "page.md.j2").write_text("# {{ title }}\n", encoding="utf-8")
    cache = BuildCache(tmp_path / "cache")
    assert template_environment([templates], cache.template_bytecode([b"settings"])).get_template("page.md.j2").render(
        title="ก") == "# ก\n"
    assert any((tmp_path / "cache" / "jinja").iterdir())  # compiled once, kept for the next build
    (templates / "page.md.j2").write_text("## {{ title }}\n", encoding="utf-8")
    assert template_environment([templates], cache.template_bytecode([b"settings"])).get_template("page.md.j2").render(
        title="ก") == "## ก\n"


def big_site(tmp_path: Path) -> Path:
    site = tmp_path / "site"
    site.mkdir(exist_ok=True)
    (site / "big.json").write_text('{"a": "' + "ทักษะ" * 10_000 + '"}', encoding="utf-8")
    return site


def test_compressed_copies_are_linked_and_survive_clearing_the_site(tmp_path):
    cache = BuildCache(tmp_path / "cache")
    site = big_site(tmp_path)
    written = precompress(site, cache)
    entries = sorted((tmp_path / "cache" / "precompressed").iterdir())
    assert len(entries) == len(written) == 2
    assert all(any(os.path.samefile(copy, entry) for entry in entries) for copy in written)  # links, no bytes copied
    expected = {p.name: p.read_bytes() for p in written}
    for path in site.iterdir():  # what mkdocs does to the site folder before the next build
        path.unlink()
    assert all(entry.stat().st_size for entry in entries)
    precompress(big_site(tmp_path), cache)
    assert {p.name: p.read_bytes() for p in written} == expected


def test_compressed_copies_are_copied_where_links_are_impossible(tmp_path, monkeypatch):
    def no_links(*_args):
        raise OSError("links are not supported here")

    monkeypatch.setattr(os, "link", no_links)
    cache = BuildCache(tmp_path / "cache")
    written = precompress(big_site(tmp_path), cache)
    assert len(written) == 2 and all(p.stat().st_nlink == 1 and p.stat().st_size for p in written)


def test_no_half_written_entry_is_left(tmp_path):
    cache = BuildCache(tmp_path / "cache")
    assert cache.bytes_for("thing", [b"key"], lambda: b"content") == b"content"
    assert cache.bytes_for("thing", [b"key"], lambda: b"other") == b"content"
    assert cache.bytes_for("thing", [b"key", b"more"], lambda: b"other") == b"other"
    assert not list((tmp_path / "cache").rglob("*.part"))


def test_other_template_settings_never_reuse_compiled_templates(tmp_path):
    """Jinja's cache checks a template's source only: settings (here trim_blocks) or another Jinja version choose
    another folder, else the old compiled form would be served."""
    templates = tmp_path / "pages"
    templates.mkdir()
    (templates / "page.md.j2").write_text("{% if true %}\nx\n{% endif %}\n", encoding="utf-8")
    cache = BuildCache(tmp_path / "cache")

    def render(trim: bool) -> str:
        env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(templates)), trim_blocks=trim,
                                 bytecode_cache=cache.template_bytecode([b"trim" if trim else b"keep"]))
        return env.get_template("page.md.j2").render()

    assert render(False) == "\nx\n"
    assert render(True) == "x\n"


def test_entries_unused_for_a_month_are_pruned_and_nothing_else(tmp_path):
    cache = BuildCache(tmp_path / ".cache")
    cache.bytes_for("qr", [b"old"], lambda: b"old")
    cache.bytes_for("qr", [b"kept"], lambda: b"kept")
    wheels = tmp_path / ".cache" / "browser-wheels"
    wheels.mkdir()
    (wheels / "openpyxl.whl").write_bytes(b"wheel")
    month_ago = time.time() - 31 * 86400
    for path in [*(tmp_path / ".cache" / "qr").iterdir(), wheels / "openpyxl.whl"]:
        os.utime(path, (month_ago, month_ago))
    assert cache.bytes_for("qr", [b"kept"], lambda: b"made again") == b"kept"  # used now: kept
    pruned = cache.prune()
    assert [p.read_bytes() for p in (tmp_path / ".cache" / "qr").iterdir()] == [b"kept"] and len(pruned) == 1
    assert (wheels / "openpyxl.whl").is_file()  # what scripts/setup downloaded is never pruned
    os.utime(next((tmp_path / ".cache" / "qr").iterdir()), (month_ago, month_ago))
    assert cache.prune() == []  # looked for once a day at most


def test_two_builds_writing_the_same_entry_at_once(tmp_path):
    cache = BuildCache(tmp_path / "cache")
    content = os.urandom(4_000_000)
    errors = []

    def write():
        try:
            cache.bytes_for("xlsx", [b"same"], lambda: content)
        except Exception as err:  # noqa: BLE001 (the test is that nothing is raised)
            errors.append(err)

    threads = [threading.Thread(target=write) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == [] and cache.bytes_for("xlsx", [b"same"], lambda: b"") == content
    assert not list((tmp_path / "cache").rglob("*.part"))


def test_files_written_whole_have_the_usual_mode_so_a_web_server_can_read_them(tmp_path):
    """mkstemp makes 0600 files: copied to nginx running as www-data, every .gz/.br copy was refused (#25). A file
    written whole gets what a plain write gives (0644 under umask 022), and so does a cached entry linked into a
    site, even one an older kit left at 0600."""

    from digiskill.site.build_cache import BuildCache, usual_mode, write_whole

    old = os.umask(0o022)
    try:
        target = tmp_path / "plain.txt"
        write_whole(target, b"x")
        assert target.stat().st_mode & 0o777 == 0o644 == usual_mode()
        cache = BuildCache(tmp_path / "cache")
        entry = cache.part("gz") / "entry"
        entry.write_bytes(b"y")
        entry.chmod(0o600)
        cache.place(entry, tmp_path / "site.gz")
        assert (tmp_path / "site.gz").stat().st_mode & 0o777 == 0o644
    finally:
        os.umask(old)


@pytest.mark.slow
def test_every_file_of_a_fresh_build_is_readable_by_a_web_server_of_another_user(built_site):
    unreadable = [str(p.relative_to(built_site)) for p in built_site.rglob("*")
                  if (p.stat().st_mode & (0o005 if p.is_dir() else 0o004)) == 0]
    assert unreadable == []
