"""What a rebuild reuses from the builds before it, kept under the project's `.cache/` folder (never committed; the
agency project's .gitignore lists it). Every entry is keyed by the sha256 of everything its content depends on, so an
entry is either right or never looked up again; entries are written whole (a `.part` file renamed into place), so an
interrupted build never leaves a half-written one. Deleting `.cache/` is always safe: the next build is just slower.

Three things are kept, each measured as a large part of the plugin's own build time (README "Performance"):
- compiled Jinja templates of the generated pages (Jinja's own `FileSystemBytecodeCache`, which checks each template's
  source checksum): about 0.1 s a build;
- the catalog's XLSX download (openpyxl takes about 0.09 s to write it), keyed by the catalog's JSON export and the
  code that writes it — which also keeps the file byte for byte the same while the catalog does not change;
- the `.gz`/`.br` copies of large files (precompress.py), seconds on a first build."""
from __future__ import annotations

import hashlib
import os
import shutil
from pathlib import Path
from typing import Callable

import jinja2


class BuildCache:
    def __init__(self, folder: Path):
        self.folder = Path(folder)

    def part(self, name: str) -> Path:
        """The sub-folder for one kind of entry, created on first use."""
        path = self.folder / name
        path.mkdir(parents=True, exist_ok=True)
        return path

    def bytes_for(self, kind: str, key_parts: list[bytes], make: Callable[[], bytes]) -> bytes:
        """The content for `key_parts`, made by `make()` only when no earlier build made it."""
        digest = hashlib.sha256(b"\0".join(hashlib.sha256(p).digest() for p in key_parts)).hexdigest()
        entry = self.part(kind) / digest
        if entry.is_file():
            return entry.read_bytes()
        content = make()
        write_whole(entry, content)
        return content

    def template_bytecode(self) -> jinja2.BytecodeCache:
        return jinja2.FileSystemBytecodeCache(str(self.part("jinja")))

    def place(self, entry: Path, target: Path) -> None:
        """Put a cached file at `target` as a hard link (no bytes copied; mkdocs clears the site folder by unlinking,
        which leaves the entry intact), or as a copy where links are not possible (another drive, FAT, some shares)."""
        if target.exists():
            target.unlink()
        try:
            os.link(entry, target)
        except OSError:
            shutil.copyfile(entry, target)


def write_whole(path: Path, content: bytes) -> None:
    partial = path.with_name(path.name + ".part")
    partial.write_bytes(content)
    partial.replace(path)


def source_of(module) -> bytes:
    """A module's source, for keys of entries that the module's code shapes."""
    return Path(module.__file__).read_bytes()
