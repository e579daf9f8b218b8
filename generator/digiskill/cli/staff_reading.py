"""Reading staff files from disk for `digiskill aggregate`: files, folders and .zip files, read and checked in several
processes, one file at a time (the bytes are dropped as soon as the file is checked, so 100,000 files need little
memory). The browser does not use this module (it hands the files' bytes to `hr_calls.split_files`); both end in
`staff_facts.read_staff_file` and `aggregate.combine`, so they agree exactly.
"""
from __future__ import annotations

import marshal
import multiprocessing
import os
import queue
import signal
import threading
from pathlib import Path

from ..errors import UsageError
from ..core.hr.aggregate import combine
from ..core.answers.messages import message_th
from ..core.hr.staff_facts import PlanLine, ReadFile, Rejected, StaffFact, collector_paused, read_staff_file
from ..core.hr.trend import Baseline, read_gap_csv
from ..core.hr.zip_input import ZipReader, member_name, open_zip, zip_plan

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
        is_dir = entry.is_dir()
        found.append((entry.path, entry.name, is_dir, entry.is_file()))
        if is_dir and not entry.is_symlink():
            pending.append(_listing(entry.path, skipped))  # its contents come right after it
    return found


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
    all) share the work (`_read_shared`)."""
    _WORK.update(catalog=catalog, keep_names=keep_names)
    processes = processes or os.cpu_count() or 1
    with collector_paused():  # the forked workers inherit the pause
        if len(tasks) < PARALLEL_FROM or processes < 2 or "fork" not in multiprocessing.get_all_start_methods():
            return _read_chunk(tasks)
        return _read_shared(tasks, processes)


def _read_shared(tasks: list[tuple], processes: int) -> list[ReadFile]:
    """The tasks in chunks that this process and `processes - 1` forked workers take one at a time from a shared
    counter, so all finish together whatever each chunk costs. This process reads chunks too (a pool of one worker
    a core left it idle but for taking in the results, which then competed with the workers for the cores: 1.4×
    a single process on two cores, now 1.8×); what it reads itself never crosses a pipe. A worker sends each chunk
    back as it is done (a queue's feeder thread, so it never waits for this process), which takes it in between its
    own chunks. A worker that dies leaves its chunks to this process. Forked workers share the catalog and the hash
    seed (`ReadFile.content` is a hash compared across processes)."""
    context = multiprocessing.get_context("fork")
    size = max(100, min(CHUNK, len(tasks) // (processes * 8)))
    chunks = [tasks[i:i + size] for i in range(0, len(tasks), size)]
    counter, results = context.Value("i", 0), context.Queue()
    workers = [context.Process(target=_work, args=(chunks, counter, results), daemon=True)
               for _ in range(processes - 1)]
    _start(workers)
    out: list = [None] * len(chunks)
    while (index := _claim(counter)) < len(chunks):
        out[index] = _read_chunk(chunks[index])
        _take_in(results, out, wait=False)
    while any(part is None for part in out):
        alive = any(worker.is_alive() for worker in workers)
        if not _take_in(results, out, wait=alive) and not alive:
            break
    for index, part in enumerate(out):
        if part is None:  # claimed by a worker that died before sending it
            out[index] = _read_chunk(chunks[index])
    for worker in workers:
        worker.join()
    results.close()
    return [read for part in out for read in part]


CHUNK = 500  # files a chunk: about 50 ms of work, so the processes end within that of each other


def _start(workers: list) -> None:
    """Forked with Ctrl+C ignored, which they keep: Ctrl+C is the command's to answer (it stops its daemon workers on
    its way out), not each worker's with a traceback of its own. Set around the fork, not first thing in the worker,
    which a Ctrl+C could reach before."""
    here = threading.current_thread() is threading.main_thread()  # only the main thread may set a handler
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN) if here else None
    try:
        for worker in workers:
            worker.start()
    finally:
        if here:
            signal.signal(signal.SIGINT, previous)


def _claim(counter) -> int:
    with counter.get_lock():
        index = counter.value
        counter.value = index + 1
    return index


def _work(chunks: list, counter, results) -> None:
    """A forked worker: chunks until none is left, each sent back as soon as it is read."""
    while (index := _claim(counter)) < len(chunks):
        results.put((index, marshal.dumps([to_wire(read) for read in _read_chunk(chunks[index])])))
    results.close()
    results.join_thread()  # everything sent before the worker ends


def _take_in(results, out: list, wait: bool) -> bool:
    """Every chunk the workers have sent so far into `out` (with `wait`, at least one, unless none comes within a
    second); False when nothing came."""
    came = False
    while True:
        try:
            index, data = results.get(timeout=1) if wait and not came else results.get_nowait()
        except queue.Empty:
            return came
        out[index] = [from_wire(wire) for wire in marshal.loads(data)]
        came = True


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
# fifth of that, and `_make` turns them back into the named tuples of staff_facts.py. `marshal` (the workers are this
# very program, forked: nothing foreign is loaded) writes them in two thirds of pickle's time.
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

