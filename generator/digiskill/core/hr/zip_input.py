"""Staff files in a .zip (standard library `zipfile`), for the CLI and the browser alike.

A zip is opened, its list of members checked, and members are then read one at a time (never all at once). Guards
against zip bombs and runaway archives (README "Giving staff files as a zip"): at most MAX_MEMBERS members and
MAX_TOTAL_BYTES uncompressed in all, or the whole zip is refused; a member larger than an answers file may be is set
aside with the reason; `zipfile` never inflates a member beyond the size its header declares. Members that are not
.json files (folders, other documents, zips inside the zip) are listed as skipped.

Members are read by the `ZipInfo` records of the one listing (`ZipReader`): `zipfile` reads the whole list again
each time a ZipFile is opened, which each of the CLI's worker processes would do (half a second for 100,000
members), and spends more on opening a member than on inflating it. So stored and deflated members — what every zip
tool writes — are read here in a few lines, with the checks `zipfile` makes (local header signature, sizes, CRC-32,
never inflating beyond the declared size); any other compression is left to `zipfile`.
"""
from __future__ import annotations

import io
import struct
import zipfile
import zlib

from ...errors import InputError, Problem
from ..answers.messages import message_th
from ..answers.record import MAX_FILE_BYTES
from .staff_facts import Rejected

MAX_MEMBERS = 250_000
MAX_TOTAL_BYTES = 2_000_000_000  # uncompressed, all members together


class ZipInputError(InputError):
    what = "zip file"

    def as_json(self) -> dict:
        return {"ok": False, "errors": [{"message": str(p), "message_th": p.ctx["th"]} for p in self.problems]}


def _refuse(label: str, en: str, th: str):
    raise ZipInputError([Problem(label, None, "", "bad_zip", en, {"th": f"{label}: {th}"})])


def open_zip(source, label: str) -> zipfile.ZipFile:
    """`source`: a path or the zip's bytes. Refuses what is not a zip, or is too big once unpacked."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(source) if isinstance(source, (bytes, bytearray)) else source)
    except (zipfile.BadZipFile, OSError, ValueError) as err:
        _refuse(label, f"not a readable zip file ({err})", "ไม่ใช่ไฟล์ zip ที่อ่านได้")
    infos = archive.infolist()
    if len(infos) > MAX_MEMBERS:
        _refuse(label, f"{len(infos):,} files inside; at most {MAX_MEMBERS:,}",
                f"มีไฟล์ข้างใน {len(infos):,} ไฟล์ รับได้ไม่เกิน {MAX_MEMBERS:,} ไฟล์")
    total = sum(i.file_size for i in infos)
    if total > MAX_TOTAL_BYTES:
        _refuse(label, f"unpacks to {total:,} bytes; at most {MAX_TOTAL_BYTES:,} (a zip bomb?)",
                f"เมื่อแตกไฟล์จะมีขนาด {total:,} ไบต์ เกินที่รับได้ {MAX_TOTAL_BYTES:,} ไบต์")
    return archive


def member_name(info: zipfile.ZipInfo) -> str:
    """The bare file name, as the browser sees a chosen file: what follows the last "/" (a zip's names always use "/";
    a string split, as `PurePosixPath(...).name` gives it for a file, in a twentieth of its time: 100,000 members)."""
    return info.filename.rpartition("/")[2]


def zip_plan(archive: zipfile.ZipFile, label: str) -> tuple[list, list, list]:
    """(members to read, set-aside Rejected, skipped (name, why)) in the zip's order."""
    members, rejected, skipped = [], [], []
    for info in archive.infolist():
        name = member_name(info)
        if info.is_dir():
            continue
        if not name.lower().endswith(".json"):
            skipped.append((f"{label}/{info.filename}", "not a .json file"))
        elif info.flag_bits & 0x1:
            rejected.append(Rejected(name, message_th("unreadable", {"detail_th": "ไฟล์ใน zip ถูกเข้ารหัสผ่าน"})))
        elif info.file_size > MAX_FILE_BYTES:
            rejected.append(Rejected(name, message_th("too_large", {"size": info.file_size, "limit": MAX_FILE_BYTES})))
        else:
            members.append(info)
    return members, rejected, skipped


LOCAL_HEADER = struct.Struct("<4s22xHH")  # signature, then the name and extra lengths at the end of 30 bytes
LOCAL_SIGNATURE = b"PK\x03\x04"
READ_ERRORS = (zipfile.BadZipFile, zlib.error, NotImplementedError, OSError, EOFError, MemoryError, OverflowError)


def deflated_bound(size: int) -> int:
    """The most bytes deflate ever needs for `size` bytes (zlib's deflateBound, rounded up generously): a member whose
    list declares more is never read past this, whatever its header says."""
    return size + size // 1000 + 1024


class ZipReader:
    """Reads members of one zip by the `ZipInfo` records of its one listing: `handle` is the zip opened in binary mode,
    or its bytes in a BytesIO. Members in any other compression than stored or deflated go to one `zipfile.ZipFile`
    made on first need (it reads the list again, once)."""

    def __init__(self, handle):
        self.handle = handle
        self._other = None

    def read(self, info: zipfile.ZipInfo) -> bytes | Rejected:
        """One member's bytes, or why not."""
        try:
            if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
                self._other = self._other or zipfile.ZipFile(self.handle)
                return self._other.read(info)
            handle = self.handle
            handle.seek(info.header_offset)
            header = handle.read(LOCAL_HEADER.size)
            if len(header) != LOCAL_HEADER.size or header[:4] != LOCAL_SIGNATURE:
                raise zipfile.BadZipFile("bad local file header")
            name_length, extra_length = LOCAL_HEADER.unpack(header)[1:]
            handle.seek(name_length + extra_length, io.SEEK_CUR)
            if info.compress_type == zipfile.ZIP_STORED:
                data = handle.read(min(info.compress_size, info.file_size + 1))
            else:
                data = handle.read(min(info.compress_size, deflated_bound(info.file_size)))
                data = zlib.decompressobj(-zlib.MAX_WBITS).decompress(data, info.file_size + 1)
            if len(data) != info.file_size or zlib.crc32(data) != info.CRC:
                raise zipfile.BadZipFile("size or CRC-32 differs from the zip's list")
            return data
        except READ_ERRORS as err:
            return Rejected(member_name(info), message_th("unreadable", {
                "detail_th": f"ไฟล์ใน zip เสียหาย ({type(err).__name__})"}))

    def close(self) -> None:
        self.handle.close()


def zip_files(source: bytes, label: str):
    """(name, bytes) for each readable .json member of the zip's bytes, plus what was set aside and skipped: the
    browser's way in."""
    members, rejected, skipped = zip_plan(open_zip(source, label), label)
    reader = ZipReader(io.BytesIO(source))
    files = []
    for info in members:
        data = reader.read(info)
        if isinstance(data, Rejected):
            rejected.append(data)
        else:
            files.append((member_name(info), data))
    return files, rejected, skipped
