"""Write the IDP blocks as an .xlsx with openpyxl (a pure-Python wheel that Pyodide loads from the site itself).

The IDP: sheet 1 "แผนพัฒนา (IDP)" has the person, the role and the plan; sheet 2 "ผลการประเมิน" the full assessment.
The organisation plan: the plan first, then the full gap table (and the staff list when names are kept).
"""
from __future__ import annotations

import io

from ...formula_guard import text_cell

# Thai Buddhist-era dates: locale 041E (Thai) with calendar 07 (Thai Buddhist) in Excel's [$-…] prefix; Excel and
# LibreOffice both show 31 มีนาคม 2570 for the date 2027-03-31 (tests/test_documents.py converts with LibreOffice).
THAI_DATE_FORMAT = "[$-107041E]d mmmm yyyy"
# The font Thai office PCs have (government documents use it); Calibri has no Thai letters, so Excel drew them in a
# fallback font. Sizes in points: TH Sarabun New is small for its size, 14 pt reads as Calibri 11 pt.
FONT_NAME, FONT_SIZE, TITLE_SIZE, NOTE_SIZE = "TH Sarabun New", 14, 18, 12
LINE_HEIGHT = 22  # points per line of 14 pt TH Sarabun New (its Thai marks above and below need the room)


def _typed(value, kind: str):
    """The cell value for a column kind: dates as real dates, numbers as numbers, the rest as text."""
    import datetime

    if kind == "date":
        return datetime.date.fromisoformat(value) if value else None
    if kind == "number":
        return value if isinstance(value, (int, float)) and not isinstance(value, bool) else None
    if kind == "percent":  # a whole percent (27) becomes the number 0.27 shown with the format '0%'
        return value / 100 if isinstance(value, (int, float)) and not isinstance(value, bool) else None
    return value


def _lines(text, width: float) -> int:
    """About how many lines `text` takes in a column `width` characters wide (Thai vowel and tone marks above or
    below a letter take no width; lines wrap at word ends, so they are not full)."""
    import unicodedata

    count = 0
    for part in str(text).split("\n"):
        visible = sum(1 for ch in part if unicodedata.category(ch) != "Mn")
        count += max(1, -(-int(visible * 1.2) // max(int(width), 1)))
    return count


def _fit_rows(sheet, merged_rows: dict, field_rows: frozenset = frozenset(), pair_rows: frozenset = frozenset()) -> None:
    """Row heights from the wrapped text, so printed rows are tall enough in every reader (LibreOffice keeps the
    default height of a row openpyxl wrote). A merged text line counts the merged width, a field's value the width of
    C to the last column; other rows their cells."""
    from openpyxl.utils import get_column_letter

    widths = {c: sheet.column_dimensions[get_column_letter(c)].width or 13 for c in range(1, sheet.max_column + 1)}
    for row in sheet.iter_rows():
        number = row[0].row
        if number in merged_rows:
            lines = _lines(merged_rows[number], sum(widths.values()))
        elif number in field_rows:
            lines = max(_lines(row[0].value or "", widths[1] + widths[2]),
                        _lines(row[2].value or "", sum(widths.values()) - widths[1] - widths[2]))
        elif number in pair_rows:
            lines = max([_lines(row[0].value or "", widths[1] + widths[2])]
                        + [_lines(c.value, widths[c.column]) for c in row[2:] if isinstance(c.value, str)])
        else:
            lines = max((_lines(c.value, widths[c.column]) for c in row if isinstance(c.value, str)), default=1)
        tallest = max((c.font.sz or FONT_SIZE for c in row if c.value is not None), default=FONT_SIZE)
        sheet.row_dimensions[number].height = LINE_HEIGHT * tallest / FONT_SIZE * lines


def _wrap_across(sheet, texts: list, wrap) -> None:
    """Text lines are merged across the widest table's columns and wrapped, so a long sentence neither runs off the
    printed page nor widens it (fit-to-width would shrink everything to fit such a line)."""
    span = max(sheet.max_column, 2)
    for row, text in texts:
        if span > 1:
            sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=span)
        sheet.cell(row=row, column=1).alignment = wrap


def _merge_fields(sheet, fields: list) -> None:
    """A field's label over A:B, its value over C to the last column (at least C:D)."""
    span = max(sheet.max_column, 4)
    for row, value in fields:
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=2)
        sheet.merge_cells(start_row=row, start_column=3, end_row=row, end_column=span)


def render_xlsx(blocks: list[dict], first_sheet: str = "แผนพัฒนา (IDP)", properties: dict | None = None) -> bytes:
    """Tables with a "sheet" key go to a sheet of that name (a header row, then the rows, then the lines of its
    "notes", if any: "อ่านตารางนี้อย่างไร"); everything else goes,
    in order, to the first sheet. Every sheet prints on A4 landscape, one page wide, with its table's header row
    repeated on each page."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

    from .form_blocks import choice_line, signoff_lines

    thin = Side(style="thin", color="000000")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    wrap = Alignment(wrap_text=True, vertical="top")
    middle = Alignment(horizontal="center", vertical="top")
    plain = Font(name=FONT_NAME, size=FONT_SIZE)
    bold = Font(name=FONT_NAME, size=FONT_SIZE, bold=True)
    head_fill = PatternFill("solid", fgColor="E8EAF6")

    book = Workbook()
    # The workbook's default font (empty cells, row heights) as well as each written cell's.
    book._fonts[0] = plain  # noqa: SLF001 - openpyxl has no public setter for the Normal style's font
    plan = book.active
    plan.title = first_sheet
    sheets = {}
    notes = []
    for key, value in (properties or {}).items():
        setattr(book.properties, key, value)
    book.properties.creator = "digiskill"

    def sheet_for(name: str):
        if name not in sheets:
            sheets[name] = book.create_sheet(name[:31])
        return sheets[name]

    def put(sheet, row: int, values, *, header=False, border=True, kinds=None):
        for col, value in enumerate(values, start=1):
            kind = "text" if header or not kinds else kinds[col - 1]
            cell = text_cell(sheet.cell(row=row, column=col), _typed(value, kind))
            cell.alignment = middle if kind in ("number", "percent") and not header else wrap
            cell.font = plain
            if kind == "date":
                cell.number_format = THAI_DATE_FORMAT
            elif kind == "percent":
                cell.number_format = "0%"
            if border:
                cell.border = box
            if header:
                cell.font = bold
                cell.fill = head_fill

    def next_row(gap: int = 1) -> int:
        return plan.max_row + gap if plan.max_row > 1 or plan["A1"].value else 1

    texts = []  # (row, text): lines of text across the first sheet, wrapped over the table's width at the end

    def line(text: str, font=None) -> None:
        cell = text_cell(plan.cell(row=next_row(), column=1), text)
        texts.append((cell.row, text))
        cell.font = font or plain

    titles = {}
    notes_at: dict = {}  # sheet title -> [(row, text)]: the "อ่านตารางนี้อย่างไร" lines under a sheet's table
    fields = []  # (row, value) of the person's and the role's fields on the first sheet
    pairs = set()  # rows of other tables on the first sheet, their first cell over A:B
    sized = {}  # (sheet, column letter) -> width set by a table
    for block in blocks:
        kind = block["type"]
        target = sheet_for(block["sheet"]) if block.get("sheet") else plan
        if kind in ("table", "bars"):
            if kind == "bars":
                headers = ["", "จำนวนที่บทบาทต้องมี", "มีเมื่อปีที่แล้ว", "มีในปีนี้"]
                rows, kinds, widths = block["rows"], ["text", "number", "number", "number"], [30, 14, 14, 14]
                if target is plan:
                    line(block["title"], bold)
            else:
                headers, rows, kinds, widths = block["headers"], block["rows"], block.get("kinds"), block["widths"]
            start = target.max_row + 2 if target is plan else 1
            # On the first sheet the plan sets the columns (ลำดับ narrow in A); another table's first column spans
            # A:B there, as the fields' labels do.
            shift = target is plan and not block.get("repeat_header")
            if shift:
                headers = [headers[0], None, *headers[1:]]
                rows = [[r[0], None, *r[1:]] for r in rows]
                kinds = [kinds[0], "text", *kinds[1:]] if kinds else None
            put(target, start, headers, header=True)
            for offset, values in enumerate(rows, start=1):
                put(target, start + offset, values, kinds=kinds)
            if shift:
                for row in range(start, start + len(rows) + 1):
                    target.merge_cells(start_row=row, start_column=1, end_row=row, end_column=2)
                    pairs.add(row)
            for col, width in enumerate(widths if not shift else [], start=1):
                letter = target.cell(row=1, column=col).column_letter
                # openpyxl starts every column at 13 wide: the first table to size a column sets it.
                key = (target.title, letter)
                sized[key] = max(sized.get(key, 0), width * 1.1)
                target.column_dimensions[letter].width = sized[key]
            if target is not plan:
                target.freeze_panes = target.cell(row=start + 1, column=1)
                for offset, note in enumerate(block.get("notes", ())):
                    row = start + len(rows) + 2 + offset
                    text_cell(target.cell(row=row, column=1), note).font = bold if offset == 0 else plain
                    notes_at.setdefault(target.title, []).append((row, note))
            if target is not plan or block.get("repeat_header"):
                titles.setdefault(target.title, start)
            continue
        if kind in ("title", "subtitle", "heading", "meta", "paragraph"):
            row = next_row(2 if kind == "heading" else 1)
            cell = text_cell(plan.cell(row=row, column=1), block["text"])
            texts.append((row, block["text"]))
            cell.font = Font(name=FONT_NAME, bold=kind in ("title", "subtitle", "heading"),
                             size=TITLE_SIZE if kind == "title" else FONT_SIZE)
            if block.get("footnote"):
                notes.append(block["footnote"])
                cell.value = f"{block['text']} ({len(notes)})"
                texts[-1] = (row, cell.value)
        elif kind == "fields":
            # The label over columns A:B and the value over C to the table's last column (merged at the end), so
            # that column A stays as narrow as the plan's ลำดับ.
            row = next_row()
            for offset, (label, value) in enumerate(block["rows"]):
                put(plan, row + offset, [label, None, value])
                plan.cell(row=row + offset, column=1).font = bold
                fields.append((row + offset, value))
        elif kind == "signatures":
            row = next_row()
            for offset, label in enumerate(block["rows"]):
                put(plan, row + offset, [label, "ลงชื่อ ..............................  วันที่ ..............."])
        elif kind == "signoff":
            line(block["title"], bold)
            if block["choices"]:
                line(choice_line(block))
            line(block["text"] or "." * 60)
            for text in signoff_lines(block):
                plan.cell(row=next_row(), column=2, value=text).font = plain
    for number, note in enumerate(notes, start=1):
        line(f"({number}) {note}", Font(name=FONT_NAME, size=NOTE_SIZE))
    for letter, least in (("A", 6), ("B", 18), ("C", 18), ("D", 13)):
        plan.column_dimensions[letter].width = max(sized.get((plan.title, letter), 0), least)
    _wrap_across(plan, texts, wrap)
    _merge_fields(plan, fields)
    for sheet in book.worksheets:
        if sheet is not plan:
            _wrap_across(sheet, notes_at.get(sheet.title, []), wrap)
        _fit_rows(sheet, dict(texts) if sheet is plan else dict(notes_at.get(sheet.title, [])),
                  frozenset(r for r, _ in fields) if sheet is plan else frozenset(),
                  frozenset(pairs) if sheet is plan else frozenset())
        sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
        sheet.page_setup.orientation = "landscape"
        sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
        sheet.sheet_properties.pageSetUpPr.fitToPage = True
        if sheet.title in titles:
            sheet.print_title_rows = f"{titles[sheet.title]}:{titles[sheet.title]}"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
