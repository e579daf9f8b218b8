"""What a rebuild reuses from the builds before it, kept under the project's `.cache/` folder (never committed; the
agency project's .gitignore lists it). Every entry is keyed by the sha256 of everything its content depends on, so an
entry is either right or never looked up again; entries are written whole (a `.part` file renamed into place), so an
interrupted build never leaves a half-written one, and two builds at once (`serve` beside `build`) never trip over
each other's. Entries no build has used for PRUNE_DAYS days are deleted at the end of a build. Deleting `.cache/` is
always safe: the next build is just slower.

Three things are kept, each measured as a large part of the plugin's own build time (README "Performance"):
- compiled Jinja templates of the generated pages (Jinja's own `FileSystemBytecodeCache`, which checks each template's
  source checksum, in a folder per Jinja version and environment settings): about 0.1 s a build;
- the catalog's XLSX download (openpyxl takes about 0.09 s to write it), keyed by the catalog's JSON export and the
  code that writes it — which also keeps the file byte for byte the same while the catalog does not change;
- the `.gz`/`.br` copies of large files (precompress.py), seconds on a first build."""
from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
import time
from pathlib import Path
from typing import Callable

import jinja2


PRUNE_DAYS = 30
KINDS = ("precompressed", "qr", "xlsx", "jinja")  # the sub-folders entries are kept in


def digest_of(key_parts: list[bytes]) -> str:
    return hashlib.sha256(b"\0".join(hashlib.sha256(p).digest() for p in key_parts)).hexdigest()


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
        entry = self.part(kind) / digest_of(key_parts)
        if entry.is_file():
            used(entry)
            return entry.read_bytes()
        content = make()
        write_whole(entry, content)
        return content

    def template_bytecode(self, key_parts: list[bytes]) -> jinja2.BytecodeCache:
        """Jinja's cache checks each template's source but not the environment's settings or Jinja's version: those
        (`key_parts`) choose the folder."""
        return jinja2.FileSystemBytecodeCache(str(self.part(f"jinja/{digest_of(key_parts)[:16]}")))

    def place(self, entry: Path, target: Path) -> None:
        """Put a cached file at `target` as a hard link (no bytes copied; mkdocs clears the site folder by unlinking,
        which leaves the entry intact), or as a copy where links are not possible (another drive, FAT, some shares)."""
        used(entry)
        if target.exists():
            target.unlink()
        if entry.stat().st_mode & 0o777 != usual_mode():  # an entry from a kit that wrote them 0600 (#25)
            entry.chmod(usual_mode())
        try:
            os.link(entry, target)
        except OSError:
            shutil.copyfile(entry, target)

    def prune(self, days: int = PRUNE_DAYS) -> list[Path]:
        """Delete entries no build has used for `days` days (looked for at most once a day: listing the cache costs
        more than the rest of a rebuild's cache work); returns them. Only the build cache's own kinds: `.cache/` also
        holds what scripts/setup downloaded (browser-wheels/), which is never touched here."""
        now = time.time()
        marker = self.folder / "last-pruned"
        if marker.is_file() and marker.stat().st_mtime > now - 86400:
            return []
        self.folder.mkdir(parents=True, exist_ok=True)
        write_whole(marker, b"")
        limit = now - days * 86400
        old = [p for kind in KINDS if (self.folder / kind).is_dir() for p in (self.folder / kind).rglob("*")
               if p.is_file() and p.stat().st_mtime < limit]
        for path in old:
            path.unlink(missing_ok=True)
        return old


def used(entry: Path) -> None:
    """Mark an entry as used now (its modification time), so pruning keeps it."""
    try:
        os.utime(entry)
    except OSError:  # read-only cache: it still serves, it is only never pruned
        pass


def usual_mode() -> int:
    """The mode a plain `open()` would give a new file here (0644 under the usual umask 022). `mkstemp` makes its
    files 0600, which a web server running as another user cannot read (#25)."""
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


def write_whole(path: Path, content: bytes) -> None:
    """Write `path` whole: to a temporary file of this writer's own beside it, then renamed into place, with the
    mode a plain write would have given it."""
    fd, partial = tempfile.mkstemp(prefix=path.name + ".", suffix=".part", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(content)
            os.fchmod(handle.fileno(), usual_mode())
        os.replace(partial, path)
    except BaseException:
        Path(partial).unlink(missing_ok=True)
        raise


def source_of(module) -> bytes:
    """A module's source, for keys of entries that the module's code shapes."""
    return Path(module.__file__).read_bytes()
