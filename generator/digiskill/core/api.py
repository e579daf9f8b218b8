"""What the browser's Web Worker calls (and the CLI uses the same functions): JSON text in, JSON text or bytes out.

    session = Session(catalog_json)          # the catalog export the site ships (data/catalog.json)
    session.check_import(text)               -> '{"ok": true, "assessment": {...}}' or '{"ok": false, "errors": [...]}'
    session.preview(state_json)              -> '{"ok": true, "blocks": [...], "counts": {...}, "balance": {...}}'
    session.docx(state_json) / .xlsx(...)    -> bytes of the file
    session.classify(shares_json, career)    -> '{"group": "S", "reason_th": "...", "tied": [...]}'
"""
from __future__ import annotations

import json

from ..model import Catalog
from .answers import ImportFileError, parse_assessment
from .docx_writer import render_docx
from .idp import build_idp, classify_group
from .idp_document import idp_blocks
from .xlsx_writer import render_xlsx


class Session:
    def __init__(self, catalog_json: str):
        data = json.loads(catalog_json)
        data.pop("schema_version", None)
        self.catalog = Catalog.from_dict(data)

    def _idp(self, state_json: str):
        return build_idp(self.catalog, parse_assessment(state_json, self.catalog))

    def check_import(self, text: str) -> str:
        try:
            assessment = parse_assessment(text, self.catalog)
        except ImportFileError as err:
            return json.dumps(err.as_json(), ensure_ascii=False)
        return json.dumps({"ok": True, "assessment": assessment.to_dict()}, ensure_ascii=False)

    def preview(self, state_json: str) -> str:
        try:
            idp = self._idp(state_json)
        except ImportFileError as err:
            return json.dumps(err.as_json(), ensure_ascii=False)
        return json.dumps({"ok": True, "blocks": idp_blocks(idp), "counts": idp.counts,
                           "balance": idp.balance, "balance_note_th": idp.balance_note_th}, ensure_ascii=False)

    def docx(self, state_json: str) -> bytes:
        idp = self._idp(state_json)
        return render_docx(idp_blocks(idp), title=f"IDP {idp.role.code}")

    def xlsx(self, state_json: str) -> bytes:
        return render_xlsx(idp_blocks(self._idp(state_json)))

    def classify(self, shares_json: str, career_path: str | None = None) -> str:
        return json.dumps(classify_group(self.catalog, json.loads(shares_json), career_path or None),
                          ensure_ascii=False)
