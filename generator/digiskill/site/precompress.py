"""Compressed copies of the site's large files, written next to them (`file.gz`, and `file.br` when the `brotli`
package from PyPI is installed), so a web server sends them as they are (nginx `gzip_static`, Apache's rewrite
to the copy, IIS on /hosting/, `digiskill serve --site`) instead of compressing on every request or not at all.
Pyodide's WebAssembly alone goes from 9.6 MB to 3.1 MB (brotli) or 3.5 MB (gzip).

Compressing the runtime takes seconds, so results are kept in the build cache (build_cache.py) keyed by the
content's sha256: a rebuild only reads, hashes and links."""
from __future__ import annotations

import gzip
import hashlib
from pathlib import Path

from .build_cache import BuildCache, write_whole

try:
    import brotli
except ImportError:  # optional: `pip install digiskill[brotli]`
    brotli = None

SUFFIXES = {".wasm", ".mjs", ".js", ".json", ".zip", ".whl", ".css", ".html", ".svg", ".csv"}
MIN_BYTES = 20_000  # below this a compressed copy saves less than a round trip is worth
BROTLI_QUALITY = 9  # quality 11 is 8 % smaller on the .wasm but takes over a minute


def encoders() -> dict[str, callable]:
    """{file suffix: compress function} for the encodings this build can write."""
    found = {".gz": lambda data: gzip.compress(data, compresslevel=9, mtime=0)}
    if brotli is not None:
        found[".br"] = lambda data: brotli.compress(data, quality=BROTLI_QUALITY)
    return found


def wanted(path: Path) -> bool:
    return path.suffix in SUFFIXES and path.stat().st_size >= MIN_BYTES


def precompress(site_dir: Path, cache: BuildCache) -> list[Path]:
    """Write the compressed copies of every large file under `site_dir`; returns the files written."""
    written = []
    folder = cache.part("precompressed")
    targets = [p for p in sorted(site_dir.rglob("*")) if p.is_file() and wanted(p)]
    for path in targets:
        data = path.read_bytes()
        digest = hashlib.sha256(data).hexdigest()
        for suffix, compress in encoders().items():
            cached = folder / f"{digest}{suffix}"
            if not cached.is_file():
                write_whole(cached, compress(data))
            target = path.with_name(path.name + suffix)
            cache.place(cached, target)
            written.append(target)
    return written
