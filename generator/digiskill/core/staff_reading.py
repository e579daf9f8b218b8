"""Reading staff files from disk for `digiskill aggregate`: files, folders and .zip files, read and checked in several
processes, one file at a time (the bytes are dropped as soon as the file is checked, so 100,000 files need little
memory). The browser does not use this module (it hands the files' bytes to `hr_calls.split_files`); both end in
`staff_facts.read_staff_file` and `aggregate.combine`, so they agree exactly.
"""
from __future__ import annotations

import multiprocessing
import os
from pathlib import Path

from ..errors import ExportError
from .answer_messages import message_th
from .staff_facts import ReadFile, Rejected, read_staff_file
from .zip_input import member_name, open_zip, read_member, zip_plan

PARALLEL_FROM = 2_000  # fewer files than this are read in this process (starting workers costs more)
_WORK: dict = {}  # what the worker processes read (set before they are forked)


def gather(inputs: list[str]) -> tuple[list[tuple], list[tuple[str, str]], list[Rejected]]:
    """(tasks, skipped, set aside). A task is (file name, path, zip member or None); sorted like the browser sees the
    files. Folders are searched (sub-folders too); a .zip is opened and its list checked (not its contents yet). A
    path that does not exist stops the run (a typo, not a bad staff file)."""
    tasks, skipped, rejected = [], [], []

    def add_zip(path: Path):
        archive = open_zip(path, str(path))
        members, set_aside, passed = zip_plan(archive, str(path))
        tasks.extend((member_name(info), str(path), info.filename) for info in members)
        rejected.extend(set_aside)
        skipped.extend(passed)

    for item in inputs:
        path = Path(item)
        if path.is_dir():
            for entry in sorted(path.rglob("*")):
                suffix = entry.suffix.lower()
                if suffix == ".zip" and entry.is_file():
                    add_zip(entry)
                elif suffix != ".json":
                    if entry.is_file():
                        skipped.append((str(entry), "not a .json file"))
                elif entry.is_dir():
                    skipped.append((str(entry), "a folder named like a .json file"))
                else:
                    tasks.append((entry.name, str(entry), None))
        elif path.is_file() and path.suffix.lower() == ".zip":
            add_zip(path)
        elif path.exists():
            tasks.append((path.name, str(path), None))
        else:
            raise ExportError(f"{item}: no such file or folder")
    if not tasks and not rejected:
        raise ExportError(f"{', '.join(inputs)}: no .json staff files found (in folders or .zip files)")
    return tasks, skipped, rejected


def _read_chunk(chunk: list[tuple]) -> list[ReadFile]:
    catalog, keep_names = _WORK["catalog"], _WORK["keep_names"]
    archives: dict = {}
    out = []
    for name, path, member in chunk:
        if member is None:
            try:
                with open(path, "rb") as handle:
                    content = handle.read()
            except OSError as err:
                detail_th = "ไม่มีสิทธิ์อ่านไฟล์" if isinstance(err, PermissionError) else "ระบบไฟล์แจ้งว่าอ่านไม่ได้"
                out.append(ReadFile(name, rejected=Rejected(name, message_th("unreadable", {"detail_th": detail_th}))))
                continue
        else:
            archive = archives.get(path)
            if archive is None:
                archive = archives[path] = open_zip(path, path)
            content = read_member(archive, archive.getinfo(member))
            if isinstance(content, Rejected):
                out.append(ReadFile(name, rejected=content))
                continue
        out.append(read_staff_file(catalog, name, content, keep_names))
    return out


def read_all(catalog, tasks: list[tuple], keep_names: bool = False, processes: int | None = None) -> list[ReadFile]:
    """Every task read and checked; in worker processes (one per core) when there are many."""
    _WORK.update(catalog=catalog, keep_names=keep_names)
    processes = processes or os.cpu_count() or 1
    if len(tasks) < PARALLEL_FROM or processes < 2 or "fork" not in multiprocessing.get_all_start_methods():
        return _read_chunk(tasks)
    # Forked workers share the catalog and the hash seed (`ReadFile.content` is a hash compared across workers).
    size = max(200, len(tasks) // (processes * 8))
    chunks = [tasks[i:i + size] for i in range(0, len(tasks), size)]
    with multiprocessing.get_context("fork").Pool(processes) as pool:
        return [read for part in pool.imap(_read_chunk, chunks) for read in part]
