"""Reading staff files from a .zip (core/hr/zip_input.py): members are read by the one listing of the zip, with the
checks zipfile makes; a damaged member is set aside with its reason and the others are still read; compressions other
than stored and deflated go through zipfile."""
from __future__ import annotations

import io
import zipfile

import pytest

from digiskill.core.hr.staff_facts import Rejected
from digiskill.core.hr.zip_input import ZipReader, open_zip, zip_files, zip_plan

TEXT = ('{"format": "digiskill-answers", "note": "' + "ทักษะด้านดิจิทัล " * 200 + '"}').encode("utf-8")


def build(members: dict[str, tuple[bytes, int]]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zf:
        for name, (data, method) in members.items():
            zf.writestr(name, data, compress_type=method)
    return out.getvalue()


@pytest.mark.parametrize("method", [zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED, zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA])
def test_each_compression_reads_back_the_same_bytes(method):
    files, rejected, skipped = zip_files(build({"staff/a.json": (TEXT, method), "b.json": (b"{}", method)}), "x.zip")
    assert files == [("a.json", TEXT), ("b.json", b"{}")] and rejected == [] and skipped == []


def damaged(source: bytes, name: str, change) -> bytes:
    """The zip with the bytes of member `name` (as stored: compressed) changed by `change(data) -> data`."""
    info = zipfile.ZipFile(io.BytesIO(source)).getinfo(name)
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    data = bytearray(source)
    data[start:start + info.compress_size] = change(bytes(data[start:start + info.compress_size]))
    return bytes(data)


@pytest.mark.parametrize("method", [zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED])
def test_a_damaged_member_is_set_aside_and_the_others_are_read(method):
    source = build({"a.json": (TEXT, method), "b.json": (TEXT, method), "c.json": (TEXT, method)})
    broken = damaged(source, "b.json", lambda data: data[:40] + bytes(b ^ 0x55 for b in data[40:80]) + data[80:])
    files, rejected, _ = zip_files(broken, "x.zip")
    assert [name for name, _ in files] == ["a.json", "c.json"]
    assert [r.file for r in rejected] == ["b.json"] and "เสียหาย" in rejected[0].reason_th


def test_a_member_inflating_beyond_its_declared_size_is_refused():
    """A zip whose list declares less than the member inflates to (a bomb's trick): never inflated past it."""
    source = build({"a.json": (TEXT, zipfile.ZIP_DEFLATED)})
    archive = open_zip(source, "x.zip")
    info = archive.getinfo("a.json")
    info.file_size = 100
    assert isinstance(ZipReader(io.BytesIO(source)).read(info), Rejected)


def test_a_wrong_header_offset_is_refused():
    source = build({"a.json": (TEXT, zipfile.ZIP_DEFLATED), "b.json": (TEXT, zipfile.ZIP_DEFLATED)})
    members, _, _ = zip_plan(open_zip(source, "x.zip"), "x.zip")
    members[1].header_offset += 7
    assert isinstance(ZipReader(io.BytesIO(source)).read(members[1]), Rejected)
    assert ZipReader(io.BytesIO(source)).read(members[0]) == TEXT


@pytest.mark.parametrize("method", [zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED])
def test_a_huge_declared_compressed_size_is_never_read_whole(method):
    """A listing may claim any compressed size (ZIP64 allows 2**64): the reader takes no more than the declared
    uncompressed size can need, and sets the member aside."""
    source = build({"a.json": (TEXT, method)})
    info = open_zip(source, "x.zip").getinfo("a.json")
    reads = []

    class Watched(io.BytesIO):
        def read(self, size=-1):
            reads.append(size)
            return super().read(size)

    info.compress_size = 2 ** 40
    ZipReader(Watched(source)).read(info)  # intact or set aside, but never a read of 2**40 bytes
    assert max(reads) <= len(TEXT) + len(TEXT) // 1000 + 1024


def test_many_bzip2_members_read_the_zip_list_once(monkeypatch):
    members = {f"s{n}.json": (TEXT, zipfile.ZIP_BZIP2) for n in range(30)}
    opened = []
    original = zipfile.ZipFile.__init__

    def counting(self, *args, **kwargs):
        opened.append(1)
        original(self, *args, **kwargs)

    source = build(members)
    monkeypatch.setattr(zipfile.ZipFile, "__init__", counting)
    files, rejected, _ = zip_files(source, "x.zip")
    assert len(files) == 30 and not rejected
    assert len(opened) == 2  # the listing, and one ZipFile for every bzip2 member
