"""The documents a person downloads or previews: the IDP and progress report as plain blocks (`idp_document`,
`progress_report`, `form_blocks`, `shape_chart`), written as DOCX (`docx_writer`, standard library), XLSX
(`xlsx_writer`, openpyxl loaded on first use) or HTML for the preview (`preview_html`). It may import `core/cycle`,
`core/answers`, `core/display` and the root modules.
"""
