"""The core room: the assessment, IDP, review and aggregation rules.

Standard library only, so the very same modules run under CPython (the CLI, the build) and inside Pyodide (the
browser's worker imports them from the core wheel `site/browser_bundle.py` builds). It may import only the root
modules `model`, `agency_records`, `errors` and `dataclass_dict`; it never imports `catalog` or `site`.
"""
