"""Reading staff files from disk for `digiskill aggregate` (cli/staff_reading.py): folders are listed as `rglob`
would list them, a sub-folder that cannot be read is reported and skipped, a broken link is set aside, and many
zips never hold many files open."""
from __future__ import annotations

import os
import resource
import zipfile
from pathlib import Path

import pytest

from digiskill.cli import shared_reading, staff_reading
from digiskill.cli.staff_reading import gather, read_all
from staff_files import staff_files


def rglob_gather(folder: Path):
    """The listing before os.scandir (pathlib's rglob): (tasks, skipped) for a folder without zips."""
    tasks, skipped = [], []
    for entry in sorted(folder.rglob("*")):
        suffix = entry.suffix.lower()
        if suffix != ".json":
            if entry.is_file():
                skipped.append((str(entry), "not a .json file"))
        elif entry.is_dir():
            skipped.append((str(entry), "a folder named like a .json file"))
        else:
            tasks.append((entry.name, str(entry), None))
    return tasks, skipped


@pytest.fixture
def tree(tmp_path, catalog):
    root = tmp_path / "staff"
    files = staff_files(catalog, 12, extras=False)
    for n, (name, text) in enumerate(files):
        folder = root / ["", "ฝ่าย ก", "ฝ่าย-ข/ย่อย", "a-b", "a"][n % 5]
        folder.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text, encoding="utf-8")
    (root / "notes.txt").write_text("x", encoding="utf-8")
    (root / "odd.json").mkdir()
    (root / "gone.json").symlink_to(root / "nowhere.json")
    (root / "loop.json").symlink_to(root / "loop.json")  # a link to itself: asking its kind fails (ELOOP)
    (root / "linked").symlink_to(root / "a", target_is_directory=True)
    return root


def test_folders_are_listed_as_rglob_lists_them(tree):
    tasks, skipped, rejected = gather([str(tree)])
    assert (tasks, skipped) == rglob_gather(tree) and rejected == []


def test_a_broken_link_or_a_link_loop_is_set_aside_as_unreadable(tree, catalog):
    tasks, _skipped, _rejected = gather([str(tree)])
    reads = read_all(catalog, tasks, processes=1)
    assert [r.rejected.file for r in reads if r.rejected] == ["gone.json", "loop.json"]


def test_a_folder_that_cannot_be_read_is_skipped_with_why(tree, monkeypatch):
    real = os.scandir

    def scandir(path):
        if str(path).endswith("ย่อย"):
            raise PermissionError(13, "Permission denied")
        return real(path)

    monkeypatch.setattr(staff_reading.os, "scandir", scandir)
    tasks, skipped, _ = gather([str(tree)])
    assert (str(tree / "ฝ่าย-ข" / "ย่อย"), "a folder that cannot be read (Permission denied)") in skipped
    assert not any("ย่อย" in path for _name, path, _member in tasks)


@pytest.mark.parametrize("processes", [1, 2])
def test_many_zips_never_hold_many_files_open(tmp_path, catalog, monkeypatch, processes):
    """Each zip is open only while its members are read: 120 zips under a limit of a few dozen open files."""
    monkeypatch.setattr(staff_reading, "PARALLEL_FROM", 50)
    files = staff_files(catalog, 120, extras=False)
    for n, (name, text) in enumerate(files):
        with zipfile.ZipFile(tmp_path / f"{n:03d}.zip", "w") as zf:
            zf.writestr(name, text)
    tasks, _skipped, _rejected = gather([str(tmp_path)])
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (len(os.listdir("/proc/self/fd")) + 24, hard))
    try:
        reads = read_all(catalog, tasks, processes=processes)
    finally:
        resource.setrlimit(resource.RLIMIT_NOFILE, (soft, hard))
    assert len(reads) == 120 and not [r.rejected for r in reads if r.rejected]


@pytest.fixture
def many(tmp_path, catalog):
    """300 staff files as tasks, read in parallel from 50 on (six chunks of 50: one worker holds three)."""
    for name, text in staff_files(catalog, 300, extras=False):
        (tmp_path / name).write_text(text, encoding="utf-8")
    tasks, _skipped, _rejected = gather([str(tmp_path)])
    return tasks


def dies_holding_its_chunks(pipe, ours, chunks, read_chunk, to_wire):
    os._exit(9)  # killed (out of memory, kill -9) before sending anything back


def dies_half_way_through_sending(pipe, ours, chunks, read_chunk, to_wire):
    import struct

    os.write(pipe.fileno(), struct.pack("!i", 1_000_000) + b"x" * 70_000)  # a message's first 70 KB of 1 MB
    os._exit(9)


@pytest.mark.parametrize("death", [dies_holding_its_chunks, dies_half_way_through_sending])
def test_chunks_of_a_worker_that_dies_are_read_by_the_command_itself(many, catalog, monkeypatch, death):
    """A worker killed part-way costs time, never files, and never stalls the command: what it held and did not
    send back whole is read in the command's own process."""
    monkeypatch.setattr(staff_reading, "PARALLEL_FROM", 50)
    monkeypatch.setattr(shared_reading, "_work", death)
    reads = read_all(catalog, many, processes=2)
    assert [r.name for r in reads] == [name for name, _path, _member in many]
    assert [r.fact for r in reads] == [r.fact for r in read_all(catalog, many, processes=1)]


def test_a_command_that_fails_leaves_no_worker_behind(many, catalog, monkeypatch):
    import multiprocessing

    monkeypatch.setattr(staff_reading, "PARALLEL_FROM", 50)
    command, real = os.getpid(), staff_reading._read_chunk

    def read_chunk(chunk):
        if os.getpid() == command:
            raise MemoryError("the command's own chunk")
        return real(chunk)

    monkeypatch.setattr(staff_reading, "_read_chunk", read_chunk)
    with pytest.raises(MemoryError):
        read_all(catalog, many, processes=2)
    assert multiprocessing.active_children() == []


KILLED_MIDWAY = """
import multiprocessing, os, signal, sys, time
from digiskill.cli import staff_reading
command = os.getpid()
def read_chunk(chunk):
    if os.getpid() == command:  # the command, killed (kill -9, out of memory) while its workers have chunks
        print(*[p.pid for p in multiprocessing.active_children()], flush=True)
        os.kill(command, signal.SIGKILL)
    time.sleep(0.05)
    return []
staff_reading._read_chunk, staff_reading.PARALLEL_FROM = read_chunk, 50
staff_reading.read_all(None, [(f"{i}.json", "x", None) for i in range(2000)], processes=3)
"""


def running(pid: int) -> bool:
    """Alive, not a zombie waiting to be reaped (by whatever reaps orphans here)."""
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] not in ("Z", "X")
    except OSError:
        return False


def test_workers_end_when_the_command_is_killed(tmp_path):
    """Nothing is left running, waiting for a command that has gone."""
    import signal
    import subprocess
    import sys
    import time

    with open(tmp_path / "workers", "w") as out:  # a file, not a pipe: a worker left running would hold a pipe open
        code = subprocess.run([sys.executable, "-c", KILLED_MIDWAY], stdout=out, timeout=60).returncode
    workers = [int(pid) for pid in (tmp_path / "workers").read_text().split()]
    try:
        assert code == -9 and len(workers) == 2
        deadline = time.monotonic() + 20
        while any(map(running, workers)) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not [pid for pid in workers if running(pid)]
    finally:
        for pid in workers:  # the test leaves nothing behind either
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass


CTRL_C_MIDWAY = """
import os, signal, sys
from digiskill.cli import shared_reading, staff_reading
from digiskill.cli.commands import main
real, command = staff_reading._read_chunk, os.getpid()
def read_chunk(chunk):
    out = real(chunk)
    if os.getpid() == command:  # after the command's own first chunk, its worker busy too: Ctrl+C in the terminal
        os.killpg(0, signal.SIGINT)
    return out
staff_reading._read_chunk, staff_reading.PARALLEL_FROM = read_chunk, 50
sys.exit(main(["aggregate", sys.argv[1], "--out", sys.argv[2]]))
"""


def test_ctrl_c_while_reading_stops_with_a_line_and_writes_nothing(tmp_path, catalog):
    import subprocess
    import sys

    folder = tmp_path / "staff"
    folder.mkdir()
    for name, text in staff_files(catalog, 400, extras=False):
        (folder / name).write_text(text, encoding="utf-8")
    out = tmp_path / "gaps.csv"
    done = subprocess.run([sys.executable, "-c", CTRL_C_MIDWAY, str(folder), str(out)], capture_output=True,
                          text=True, timeout=120, start_new_session=True)  # the signal reaches this group only
    assert (done.returncode, done.stderr) == (130, "digiskill: stopped (Ctrl+C)\n")
    assert list(tmp_path.iterdir()) == [folder]
