"""Write the IDP blocks as an .xlsx with openpyxl (a pure-Python wheel that Pyodide loads from the site itself).

The IDP: sheet 1 "แผนพัฒนา (IDP)" has the person, the role and the plan; sheet 2 "ผลการประเมิน" the full assessment.
The organisation plan: the plan first, then the full gap table (and the staff list when names are kept).
"""
from __future__ import annotations

import io

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


def render_xlsx(blocks: list[dict], first_sheet: str = "แผนพัฒนา (IDP)") -> bytes:
    """Tables with a "sheet" key go to a sheet of that name (a header row, then the rows); everything else goes,
    in order, to the first sheet."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

    thin = Side(style="thin", color="000000")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    wrap = Alignment(wrap_text=True, vertical="top")
    bold = Font(bold=True)
    head_fill = PatternFill("solid", fgColor="E8EAF6")

    book = Workbook()
    plan = book.active
    plan.title = first_sheet
    sheets = {}

    def sheet_for(name: str):
        if name not in sheets:
            sheets[name] = book.create_sheet(name[:31])
        return sheets[name]

    def put(sheet, row: int, values, *, header=False, border=True):
        for col, value in enumerate(values, start=1):
            cell = text_cell(sheet.cell(row=row, column=col), value)
            cell.alignment = wrap
            if border:
                cell.border = box
            if header:
                cell.font = bold
                cell.fill = head_fill

    row = 1
    for block in blocks:
        kind = block["type"]
        target = sheet_for(block["sheet"]) if block.get("sheet") else plan
        if kind == "table":
            start = target.max_row + 2 if target is plan else 1
            put(target, start, block["headers"], header=True)
            for offset, values in enumerate(block["rows"], start=1):
                put(target, start + offset, values)
            for col, width in enumerate(block["widths"], start=1):
                letter = target.cell(row=1, column=col).column_letter
                target.column_dimensions[letter].width = max(target.column_dimensions[letter].width or 0,
                                                             width * 1.1)
            target.freeze_panes = target.cell(row=start + 1, column=1) if target is not plan else None
            continue
        row = plan.max_row + (2 if kind == "heading" else 1) if plan.max_row > 1 or plan["A1"].value else 1
        if kind in ("title", "heading", "meta", "paragraph"):
            cell = text_cell(plan.cell(row=row, column=1), block["text"])
            cell.font = Font(bold=kind in ("title", "heading"), size=14 if kind == "title" else 11)
        elif kind == "fields":
            for offset, (label, value) in enumerate(block["rows"]):
                put(plan, row + offset, [label, value])
                plan.cell(row=row + offset, column=1).font = bold
        elif kind == "signatures":
            for offset, label in enumerate(block["rows"]):
                put(plan, row + offset, [label, "ลงชื่อ ..............................  วันที่ ..............."])
    plan.column_dimensions["A"].width = max(plan.column_dimensions["A"].width or 0, 24)
    plan.column_dimensions["B"].width = max(plan.column_dimensions["B"].width or 0, 40)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
