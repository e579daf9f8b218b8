"""The build writes compressed copies next to the large files, and `digiskill serve --site` sends them with the
original file's type, as nginx's gzip_static / brotli_static would."""
from __future__ import annotations

import gzip
import urllib.request

import brotli
import pytest

from digiskill.site.build_cache import BuildCache
from digiskill.site.precompress import MIN_BYTES, precompress
from digiskill.cli.static_server import accepted_encodings, serve_in_background

LARGE = ["assets/pyodide/pyodide.asm.wasm", "assets/pyodide/python_stdlib.zip", "assets/pyodide/pyodide.asm.mjs",
         "search/search_index.json", "data/catalog.json", "assessment/index.html"]


@pytest.mark.parametrize("path", LARGE)
def test_large_files_have_gzip_and_brotli_copies(built_site, path):
    original = (built_site / path).read_bytes()
    assert gzip.decompress((built_site / (path + ".gz")).read_bytes()) == original
    assert brotli.decompress((built_site / (path + ".br")).read_bytes()) == original


def test_small_files_are_left_alone(built_site):
    small = [p for p in built_site.rglob("*") if p.is_file() and p.stat().st_size < MIN_BYTES
             and p.suffix in (".js", ".json", ".html")]
    assert small and not any(p.with_name(p.name + ".gz").exists() for p in small)


def test_wasm_shrinks_to_under_a_third(built_site):
    wasm = built_site / "assets/pyodide/pyodide.asm.wasm"
    assert (built_site / "assets/pyodide/pyodide.asm.wasm.br").stat().st_size < wasm.stat().st_size / 3


def test_cache_gives_the_same_bytes(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    (site / "big.json").write_text('{"a": "' + "ทักษะ" * 10_000 + '"}', encoding="utf-8")
    first = precompress(site, BuildCache(tmp_path / "cache"))
    copies = {p.name: p.read_bytes() for p in first}
    assert sorted(copies) == ["big.json.br", "big.json.gz"]
    (site / "big.json.gz").unlink()
    precompress(site, BuildCache(tmp_path / "cache"))
    assert (site / "big.json.gz").read_bytes() == copies["big.json.gz"]


def fetch(url: str, accept: str | None):
    request = urllib.request.Request(url, headers={"Accept-Encoding": accept} if accept else {})
    with urllib.request.urlopen(request) as response:
        return response.headers, response.read()


@pytest.mark.parametrize("accept,coding", [("gzip, deflate, br", "br"), ("gzip", "gzip"), ("br;q=0, gzip", "gzip"),
                                           (None, None)])
def test_serve_site_sends_the_compressed_copy_with_the_right_type(built_site, accept, coding):
    server, url = serve_in_background(built_site)
    try:
        original = (built_site / "assets/pyodide/pyodide.asm.wasm").read_bytes()
        headers, body = fetch(url + "assets/pyodide/pyodide.asm.wasm", accept)
        assert headers["Content-Type"] == "application/wasm"
        assert headers.get("Content-Encoding") == coding
        decode = {"br": brotli.decompress, "gzip": gzip.decompress, None: lambda b: b}[coding]
        assert decode(body) == original
        headers, body = fetch(url + "assessment/", accept)  # a folder's index.html
        assert headers["Content-Type"].startswith("text/html") and headers.get("Content-Encoding") == coding
        assert "ds-assessment" in decode(body).decode("utf-8")
    finally:
        server.shutdown()
        server.server_close()


def test_accept_encoding_parsing():
    assert accepted_encodings("gzip, deflate, br") == {"gzip", "deflate", "br"}
    assert accepted_encodings("br;q=0, gzip;q=0.8") == {"gzip"}
    assert accepted_encodings("") == set()
