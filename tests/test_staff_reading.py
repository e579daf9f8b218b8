"""Reading staff files from disk for `digiskill aggregate` (cli/staff_reading.py): folders are listed as `rglob`
would list them, a sub-folder that cannot be read is reported and skipped, a broken link is set aside, and many
zips never hold many files open."""
from __future__ import annotations

import os
import resource
import zipfile
from pathlib import Path

import pytest

from digiskill.cli import staff_reading
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
    (root / "linked").symlink_to(root / "a", target_is_directory=True)
    return root


def test_folders_are_listed_as_rglob_lists_them(tree):
    tasks, skipped, rejected = gather([str(tree)])
    assert (tasks, skipped) == rglob_gather(tree) and rejected == []


def test_a_broken_link_is_set_aside_as_unreadable(tree, catalog):
    tasks, _skipped, _rejected = gather([str(tree)])
    reads = read_all(catalog, tasks, processes=1)
    assert [r.rejected.file for r in reads if r.rejected] == ["gone.json"]


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


def test_chunks_of_a_worker_that_dies_are_read_by_the_command_itself(tmp_path, catalog, monkeypatch):
    """A worker killed part-way (out of memory, a signal) costs time, never files: what it claimed and did not send
    is read in the command's own process."""
    monkeypatch.setattr(staff_reading, "PARALLEL_FROM", 50)
    monkeypatch.setattr(staff_reading, "CHUNK", 20)
    for name, text in staff_files(catalog, 300, extras=False):
        (tmp_path / name).write_text(text, encoding="utf-8")
    tasks, _skipped, _rejected = gather([str(tmp_path)])

    def dies_holding_a_chunk(chunks, counter, results):
        staff_reading._claim(counter)  # takes a chunk
        os._exit(9)  # and dies before sending it

    monkeypatch.setattr(staff_reading, "_work", dies_holding_a_chunk)
    reads = read_all(catalog, tasks, processes=2)
    assert [r.name for r in reads] == [name for name, _path, _member in tasks]
    assert [r.fact for r in reads] == [r.fact for r in read_all(catalog, tasks, processes=1)]


CTRL_C_MIDWAY = """
import os, signal, sys
from digiskill.cli import staff_reading
from digiskill.cli.commands import main
real, command = staff_reading._read_chunk, os.getpid()
def read_chunk(chunk):
    out = real(chunk)
    if os.getpid() == command:  # after the command's own first chunk, its worker busy too: Ctrl+C in the terminal
        os.killpg(0, signal.SIGINT)
    return out
staff_reading._read_chunk, staff_reading.PARALLEL_FROM, staff_reading.CHUNK = read_chunk, 50, 20
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
