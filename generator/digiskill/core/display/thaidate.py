"""Dates as Thai readers expect them: Thai month names and Buddhist-era years (พ.ศ. = ค.ศ. + 543)."""
from __future__ import annotations

import datetime

BE_OFFSET = 543
MONTHS_TH = ("มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน", "กรกฎาคม", "สิงหาคม", "กันยายน",
             "ตุลาคม", "พฤศจิกายน", "ธันวาคม")
MONTHS_TH_SHORT = ("ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.", "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.", "พ.ย.", "ธ.ค.")


def parse_iso(value: str | datetime.date) -> datetime.date:
    return value if isinstance(value, datetime.date) else datetime.date.fromisoformat(value)


def thai_date(value: str | datetime.date, short: bool = False) -> str:
    """'2017-09-26' -> '26 กันยายน 2560' (or '26 ก.ย. 2560' when short)."""
    day = parse_iso(value)
    months = MONTHS_TH_SHORT if short else MONTHS_TH
    return f"{day.day} {months[day.month - 1]} {day.year + BE_OFFSET}"


def buddhist_year(value: str | datetime.date) -> int:
    return parse_iso(value).year + BE_OFFSET


def is_iso_date(value) -> bool:
    """Whether `value` is a date as the files and the pages' date fields hold it (YYYY-MM-DD)."""
    try:
        datetime.date.fromisoformat(value)
        return True
    except (TypeError, ValueError):
        return False


def fiscal_year(day: datetime.date) -> int:
    """The Thai fiscal year `day` falls in (1 October to 30 September), in the Buddhist era."""
    return day.year + BE_OFFSET + (1 if day.month >= 10 else 0)
