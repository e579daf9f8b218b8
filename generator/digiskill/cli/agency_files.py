"""Which agency settings file (agency.yaml) `digiskill idp` and `aggregate` read (README "ไฟล์ของหน่วยงาน").

Inside an agency project (a folder holding agency.yaml, as `digiskill init` makes) the commands read ./agency.yaml as
they read ./catalog. Elsewhere a staff file made on an agency's site is recognised by the agency it carries
(`AgencyStamp`) and the command says, in one line in Thai and English, which `--agency` file to give: the
agency.yaml of that agency when one is found near the files or in this folder, else that agency's file by name.
"""
from __future__ import annotations

import sys
from pathlib import Path

PROJECT_FILE = "agency.yaml"


def project_agency(option: str | None) -> str | None:
    """The agency file a command reads: the one given, else ./agency.yaml inside an agency project, else none."""
    if option:
        return option
    if Path(PROJECT_FILE).is_file():
        print(f"  reading ./{PROJECT_FILE} (this agency project's settings; --agency FILE for another)",
              file=sys.stderr)
        return PROJECT_FILE
    return None


def agency_hint(agency_id: str, name: str, count: int, inputs: list[str]) -> str:
    """One line: which --agency file the files of this agency need."""
    found = find_agency_file(agency_id, inputs)
    given = f"--agency {found}" if found else "--agency with its agency.yaml"
    given_th = f"--agency {found}" if found else "--agency ตามด้วยไฟล์ agency.yaml ของหน่วยงานนั้น"
    files_en = "this file was" if count == 1 else f"{count} files were"
    files_th = "ไฟล์นี้" if count == 1 else f"ไฟล์ {count} ไฟล์"
    return (f"{files_th}ทำจากเว็บไซต์ของ{name} ({agency_id}) ให้ระบุ {given_th} · {files_en} made on the site of "
            f"{name} ({agency_id}): give {given}")


def find_agency_file(agency_id: str, inputs: list[str]) -> str | None:
    """An agency.yaml whose short name is `agency_id`: in this folder, its sub-folders, or a folder holding one of the
    inputs (up to three levels up). Only a hint: the file is checked in full when it is given."""
    import yaml

    places = [Path(".")] + sorted(p for p in Path(".").iterdir() if p.is_dir() and not p.name.startswith("."))
    for item in inputs:
        places += list(Path(item).resolve().parents)[:3]
    seen = set()
    for place in places:
        candidate = place / PROJECT_FILE
        key = candidate.resolve()
        if key in seen or not candidate.is_file():
            continue
        seen.add(key)
        try:
            data = yaml.safe_load(candidate.read_text(encoding="utf-8"))
            short_name = data["agency"]["short_name"]
        except Exception:  # any file that cannot be read as an agency file is simply not the one
            continue
        if short_name == agency_id:
            return str(candidate)
    return None


def other_agency_hints(rejected: list, inputs: list[str]) -> list[str]:
    """One hint line per agency whose files were set aside for want of its settings."""
    counts: dict = {}
    for item in rejected:
        if item.agency is not None:
            counts[tuple(item.agency)] = counts.get(tuple(item.agency), 0) + 1
    return [agency_hint(agency_id, name or agency_id, count, inputs) for (agency_id, name), count in counts.items()]


def settings_warning(stamp, agency) -> str | None:
    """A file of this agency saved under other settings than the agency.yaml given (edited since): one line to say
    the plan is read with the settings as they are now."""
    if stamp is None or agency is None or stamp.id != agency.id or not stamp.settings_version or \
            stamp.settings_version == agency.settings_version:
        return None
    return (f"ไฟล์นี้บันทึกด้วยการตั้งค่าของหน่วยงานรุ่น {stamp.settings_version} แต่ agency.yaml ที่ใช้เป็นรุ่น "
            f"{agency.settings_version} (แก้ไขภายหลัง) จึงอ่านตามการตั้งค่าปัจจุบัน · saved under settings version "
            f"{stamp.settings_version} of the agency; read with the agency.yaml as it is now ({agency.settings_version})")
