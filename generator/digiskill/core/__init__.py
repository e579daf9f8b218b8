"""The core room: the assessment, IDP, review and aggregation rules, in six smaller rooms that follow the data.

`display` (percent, escaping, Thai dates) ← `answers` (the answers file: record, checker, schema, versions) ←
`cycle` (the yearly cycle and IDP rules) ← `documents` (blocks, DOCX, XLSX, preview) ← `hr` (the organisation
follow-up) ← `worker` (the sessions the pages call). Each room imports only the rooms before it, and no room's
`__init__` imports its modules, so the browser loads only what a page uses. Standard library only, so the very same
modules run under CPython (the CLI, the build) and inside Pyodide (the browser's worker imports them from the core
wheel `site/browser_bundle.py` builds). It may import only the root modules `model`, `agency_records`, `errors`,
`dataclass_dict` and `formula_guard`; it never imports `catalog`, `site` or `cli` (tests/test_layout.py, and
docs/architecture.md for the whole map).
"""
