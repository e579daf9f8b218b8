"""Reading staff files from disk for `digiskill aggregate`: files, folders and .zip files, read and checked in several
processes, one file at a time (the bytes are dropped as soon as the file is checked, so 100,000 files need little
memory). The browser does not use this module (it hands the files' bytes to `hr_calls.split_files`); both end in
`staff_facts.read_staff_file` and `aggregate.combine`, so they agree exactly.
"""
from __future__ import annotations

import multiprocessing
import os
from pathlib import Path

from ..errors import UsageError
from ..core.hr.aggregate import combine
from ..core.answers.messages import message_th
from ..core.hr.staff_facts import PlanLine, ReadFile, Rejected, StaffFact, collector_paused, read_staff_file
from ..core.hr.trend import Baseline, read_gap_csv
from ..core.hr.zip_input import ZipReader, member_name, open_zip, zip_plan
from .shared_reading import read_shared

PARALLEL_FROM = 2_000  # fewer files than this are read in this process (starting workers costs more)
_WORK: dict = {}  # what the worker processes read (set before they are forked)


def gather(inputs: list[str]) -> tuple[list[tuple], list[tuple[str, str]], list[Rejected]]:
    """(tasks, skipped, set aside). A task is (file name, path, zip member's ZipInfo or None); sorted like the browser sees the
    files. Folders are searched (sub-folders too); a .zip is opened and its list checked (not its contents yet). A
    path that does not exist stops the run (a typo, not a bad staff file)."""
    tasks, skipped, rejected = [], [], []

    def add_zip(path: Path):
        archive = open_zip(path, str(path))
        members, set_aside, passed = zip_plan(archive, str(path))
        tasks.extend((member_name(info), str(path), info) for info in members)
        rejected.extend(set_aside)
        skipped.extend(passed)

    for item in inputs:
        path = Path(item)
        if path.is_dir():
            for entry, name, is_dir, is_file in _walk(path, skipped):
                suffix = os.path.splitext(name)[1].lower()
                if suffix == ".zip" and is_file:
                    add_zip(Path(entry))
                elif suffix != ".json":
                    if is_file:
                        skipped.append((entry, "not a .json file"))
                elif is_dir:
                    skipped.append((entry, "a folder named like a .json file"))
                else:
                    tasks.append((name, entry, None))  # a broken link too: set aside as unreadable when read
        elif path.is_file() and path.suffix.lower() == ".zip":
            add_zip(path)
        elif path.exists():
            tasks.append((path.name, str(path), None))
        else:
            raise UsageError(f"{item}: no such file or folder")
    if not tasks and not rejected:
        raise UsageError(f"{', '.join(inputs)}: no .json staff files found (in folders or .zip files)")
    return tasks, skipped, rejected


def _walk(folder: Path, skipped: list) -> list[tuple[str, str, bool, bool]]:
    """(path, name, is a folder, is a file) for everything under `folder`, sub-folders too, in the order of
    `sorted(folder.rglob("*"))` (paths compared part by part: each folder's entries by name, a sub-folder's contents
    right after it); a sub-folder that cannot be listed goes to `skipped` with why. `os.scandir` knows each entry's
    kind from the folder listing itself, plain strings skip building a Path per file, and sorting each folder's names
    skips comparing whole paths: `rglob` and one sort took over a second for 100,000 files, this a fifth of it."""
    found: list = []
    pending = [_listing(str(folder), skipped)]  # a stack of folders' sorted entries (no recursion: any depth)
    while pending:
        entry = next(pending[-1], None)
        if entry is None:
            pending.pop()
            continue
        is_dir, is_file = _kind(entry)
        found.append((entry.path, entry.name, is_dir, is_file))
        if is_dir and not entry.is_symlink():
            pending.append(_listing(entry.path, skipped))  # its contents come right after it
    return found


def _kind(entry: os.DirEntry) -> tuple[bool, bool]:
    """(a folder, a file), each False when the system cannot tell (a link to itself, a link into a folder that may
    not be entered), as pathlib answers: such a .json is then set aside as unreadable when it is read."""
    try:
        return entry.is_dir(), entry.is_file()
    except OSError:
        return False, False


def _listing(folder: str, skipped: list):
    """A folder's entries sorted by name; none, and the folder in `skipped` with why, when it cannot be listed."""
    try:
        with os.scandir(folder) as listing:
            return iter(sorted(listing, key=lambda entry: entry.name))
    except OSError as err:
        skipped.append((folder, f"a folder that cannot be read ({err.strerror})"))
        return iter(())


def _read_chunk(chunk: list[tuple]) -> list[ReadFile]:
    catalog, keep_names = _WORK["catalog"], _WORK["keep_names"]
    zip_path, reader = None, None  # one zip open at a time: a task list holds each zip's members together
    out = []
    try:
        for name, path, member in chunk:
            if member is None:
                try:
                    with open(path, "rb") as handle:
                        content = handle.read()
                except OSError as err:
                    detail_th = "ไม่มีสิทธิ์อ่านไฟล์" if isinstance(err, PermissionError) else "ระบบไฟล์แจ้งว่าอ่านไม่ได้"
                    content = Rejected(name, message_th("unreadable", {"detail_th": detail_th}))
            else:
                if path != zip_path:
                    if reader is not None:
                        reader.close()
                    zip_path, reader = path, None
                    try:
                        reader = ZipReader(open(path, "rb"))
                    except OSError:  # the zip went away since it was listed: its members are set aside
                        pass
                content = reader.read(member) if reader is not None else Rejected(name, message_th(
                    "unreadable", {"detail_th": "ระบบไฟล์แจ้งว่าอ่านไม่ได้"}))
            out.append(ReadFile(name, rejected=content) if isinstance(content, Rejected) else
                       read_staff_file(catalog, name, content, keep_names))
    finally:
        if reader is not None:
            reader.close()
    return out


def read_all(catalog, tasks: list[tuple], keep_names: bool = False, processes: int | None = None) -> list[ReadFile]:
    """Every task read and checked, in task order; with many tasks this process and forked workers (one a core in
    all) share the work (shared_reading.py). Forked workers share the catalog and the hash seed (`ReadFile.content`
    is a hash compared across processes)."""
    _WORK.update(catalog=catalog, keep_names=keep_names)
    processes = processes or _cores()
    with collector_paused():  # the forked workers inherit the pause
        if len(tasks) < PARALLEL_FROM or processes < 2 or "fork" not in multiprocessing.get_all_start_methods():
            return _read_chunk(tasks)
        return read_shared(tasks, processes, _read_chunk, to_wire, from_wire)


def _cores() -> int:
    """The cores this process may run on (a container may be given fewer than the machine has)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on every system
        return os.cpu_count() or 1


def read_last_year(inputs: list[str], catalog, anonymise: bool = True):
    """(baseline, last year's aggregation or None) for the trend: one gap CSV exported last year, or last year's staff
    files, folders and zips."""
    if len(inputs) == 1 and inputs[0].lower().endswith(".csv"):
        try:
            raw = Path(inputs[0]).read_bytes()
        except OSError as err:
            raise UsageError(f"{inputs[0]}: cannot read last year's gap CSV ({err.strerror})") from err
        return read_gap_csv(raw, inputs[0]), None
    tasks, _skipped, _set_aside = gather(inputs)
    last = combine(catalog, read_all(catalog, tasks), anonymise=anonymise)
    return Baseline(agg=last, label=", ".join(inputs)), last


# Results cross from the workers as plain tuples: pickling slotted dataclasses or named tuples costs 25-40 µs a file
# each way, as much as checking the file, and the unpickling happens in the one parent process; plain tuples cost a
# fifth of that, and `_make` turns them back into the named tuples of staff_facts.py. shared_reading.py `marshal`s them
# (the workers are this very program, forked: nothing foreign is loaded), in two thirds of pickle's time.
_PLAN_AT = StaffFact._fields.index("plan")


def to_wire(read: ReadFile) -> tuple:
    fact = None
    if read.fact is not None:
        fact = tuple(read.fact)
        fact = fact[:_PLAN_AT] + (tuple(map(tuple, read.fact.plan)),) + fact[_PLAN_AT + 1:]
    rejected = (read.rejected.file, read.rejected.reason_th, read.rejected.agency) if read.rejected is not None \
        else None
    return read.name, fact, read.digest, read.content, read.person, rejected, read.saved, read.stage


def from_wire(wire: tuple) -> ReadFile:
    name, fact, digest, content, person, rejected, saved, stage = wire
    if fact is not None:
        fact = StaffFact._make(fact[:_PLAN_AT] + (tuple(map(PlanLine._make, fact[_PLAN_AT])),) + fact[_PLAN_AT + 1:])
    return ReadFile(name, fact, digest, content, person, Rejected(*rejected) if rejected is not None else None,
                    saved, stage)

