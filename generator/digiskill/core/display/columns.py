"""The columns of the tables people read (HR's CSV files, the workbook's sheets, the page's tables), defined once so
that every form shows the same figures under the same Thai header.

A table is a list of `Column`s and rows of plain values: numbers as int, percents as whole percents (int), a
hidden figure as None (never text in a numeric column), a coded value as `Coded` (the code for scripts, the Thai
words for people) and a marker column as True/False. Each form then writes a cell its own way:

- CSV, Thai headers (the default): whole percents under a header saying "(%)", hidden cells empty, the marker
  column "ซ่อน" where the row's figures are hidden, coded values in Thai.
- CSV with machine keys (`digiskill aggregate --keys`, for scripts): the snake_case keys as headers, codes, the
  marker column 1/0; the numbers are the same.
- XLSX (`core/hr/org_plan.py` through `documents/xlsx_writer.py`): numbers as numbers, percents as real numbers
  with a % number format (27 → 0.27 shown as 27%), hidden cells empty and the marker column "ซ่อน".
- The page: the Thai form of the CSV.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

HIDDEN_TH = "ซ่อน"
HOWTO_TITLE_TH = "อ่านตารางนี้อย่างไร"


@dataclass(frozen=True)
class Column:
    key: str  # the machine key (`--keys`), also how the page and the tests find a column
    th: str  # the header people read
    kind: str = "text"  # text / number / percent / marker
    page: bool = True  # shown on the page (a code the next column spells out in Thai is left out there)


class Coded(NamedTuple):
    """A value with a code for scripts and words for people (a component, a method, a date)."""
    code: str
    th: str

    def __str__(self) -> str:
        return self.th


def header(columns: list, keys: bool = False) -> list:
    return [c.key if keys else c.th for c in columns]


def csv_cell(value, column: Column, keys: bool = False):
    """One CSV cell: None (hidden or not applicable) is empty, a marker is ซ่อน / "" (1 / 0 with keys)."""
    if column.kind == "marker":
        return (1 if value else 0) if keys else (HIDDEN_TH if value else "")
    if value is None:
        return ""
    if isinstance(value, Coded):
        return value.code if keys else value.th
    return value


def page_cell(value, column: Column):
    """What the page shows: the Thai CSV cell."""
    return csv_cell(value, column)
