"""Text that a spreadsheet must never run as a formula, for every CSV and XLSX digiskill writes.

A cell starting with = + - @, a tab or a carriage return may be read by Excel or LibreOffice as a formula. The catalog
exports (`catalog/export.py`) and the core's documents and HR tables (`core/`) all go through these two functions.
Standard library only (openpyxl cells are passed in, never imported), so the browser core can carry it.
"""
from __future__ import annotations

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value):
    """For CSV: text that a spreadsheet would run as a formula (= + - @, tab, CR) gets a leading apostrophe (CSV has
    no cell types, so that is the only safe form). Used for every CSV digiskill writes."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def text_cell(cell, value):
    """Put `value` into an openpyxl cell so that text stays text. openpyxl stores any string starting with "=" as a
    formula, so such text (and + - @ tab CR, which Excel would read as one when the cell is edited) becomes a plain
    string cell with Excel's quote-prefix style: shown as typed, without an apostrophe, and never run."""
    cell.value = value
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        cell.data_type = "s"
        cell.quotePrefix = True
    return cell
