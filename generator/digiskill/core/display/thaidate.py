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


def fiscal_year_bounds(year: int) -> tuple[str, str]:
    """A Buddhist-era fiscal year's first and last day, ISO: 2570 -> ('2026-10-01', '2027-09-30')."""
    return f"{year - BE_OFFSET - 1}-10-01", f"{year - BE_OFFSET}-09-30"


def as_buddhist_era(year: int) -> tuple[int, str]:
    """A year as a person typed it -> (the Buddhist-era year, the Thai note saying a Common-Era year (1900-2299) was
    converted, "" otherwise). One rule for the fiscal-year field and the date fields."""
    if 1900 <= year < 2300:
        return year + BE_OFFSET, f"ปี {year} เป็นปี ค.ศ. จึงแปลงเป็นปี พ.ศ. {year + BE_OFFSET} ให้แล้ว"
    return year, ""


DATE_PARTS = ("day", "month", "year")  # a date as the pages ask for it: day, month (Thai name), year in พ.ศ.


def date_parts(value: str) -> dict:
    """'2027-03-31' -> {"day": "31", "month": "3", "year": "2570"}: what the three controls of a date show."""
    if not is_iso_date(value):
        return {part: "" for part in DATE_PARTS}
    day = parse_iso(value)
    return {"day": str(day.day), "month": str(day.month), "year": str(day.year + BE_OFFSET)}


def read_date_parts(parts: dict) -> tuple[str | None, str, str]:
    """A date typed as day, month and Buddhist-era year -> (ISO date, or "" when all three are empty, or None to keep
    the date as it was while it is incomplete or wrong; the message's kind; the Thai message, "" for none).
    A Common-Era year (1900-2299) is taken as such, converted, and said."""
    day, month, year = (str(parts.get(p) or "").strip() for p in DATE_PARTS)
    if not (day or month or year):
        return "", "", ""
    if year and not year.isdigit():
        return None, "error", "ปีต้องเป็นตัวเลขปี พ.ศ. 4 หลัก เช่น 2570"
    if len(year) < 4:
        return None, "info", "เลือกวันและเดือน แล้วใส่ปี พ.ศ. 4 หลัก เช่น 2570"
    number, note = as_buddhist_era(int(year))
    if not 2400 <= number <= 2800:
        return None, "error", f"ปี {year} ไม่ใช่ปี พ.ศ. ที่ใช้ได้ ใส่ปี พ.ศ. 4 หลัก เช่น 2570"
    if not (day.isdigit() and month.isdigit()):
        return None, "info", "เลือกวันและเดือนด้วย"
    try:
        value = datetime.date(number - BE_OFFSET, int(month), int(day))
    except ValueError:
        return None, "error", f"ไม่มีวันที่ {day} {MONTHS_TH[int(month) - 1] if 1 <= int(month) <= 12 else month} " \
                              f"{number} ในปฏิทิน"
    return value.isoformat(), "info" if note else "", note
