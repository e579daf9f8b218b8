"""The same core, inside Pyodide (Python 3.14) under Node, loaded from the bundle the site ships."""
from __future__ import annotations

import base64
import io
import json
import shutil
import subprocess

import openpyxl
import pytest

from conftest import ROOT
from digiskill.site.browser_bundle import bundle
from digiskill.catalog.export import export_json
from cycle_files import reviewed_year
from digiskill.core.answers.checker import parse_assessment
from digiskill.core.cycle.idp import build_idp
from digiskill.core.documents.idp_document import idp_docx
from digiskill.core.documents.progress_report import progress_docx
from test_core import A1

pytestmark = pytest.mark.slow  # Pyodide under Node: left out by `scripts/test --quick`


def test_core_runs_in_pyodide_from_the_sites_own_bundle(tmp_path, catalog):
    node = shutil.which("node")
    if node is None:
        pytest.fail("node is needed to run Pyodide outside the browser")
    copies, generated = bundle(ROOT / "node_modules", ROOT / ".cache" / "browser-wheels")
    for path, content in generated.items():
        (tmp_path / path.rsplit("/", 1)[-1]).write_bytes(content)
    (tmp_path / "catalog.json").write_bytes(export_json(catalog))
    (tmp_path / "a1.json").write_text(json.dumps(A1, ensure_ascii=False), encoding="utf-8")
    cycle = json.dumps(reviewed_year(), ensure_ascii=False)
    (tmp_path / "cycle.json").write_text(cycle, encoding="utf-8")
    result = subprocess.run([node, str(ROOT / "tests" / "pyodide" / "run_core.mjs"), str(tmp_path),
                             str(tmp_path / "catalog.json"), str(tmp_path / "a1.json"), str(tmp_path / "cycle.json")],
                            cwd=ROOT, capture_output=True, text=True, timeout=240)
    assert result.returncode == 0, result.stderr[-2000:]
    out = json.loads(result.stdout.strip().splitlines()[-1])
    assert out["python"].startswith("3.14")
    # the staff session's start-up imports none of what only a download, an HR call or nothing at all needs
    needless = {"openpyxl", "importlib.metadata", "email", "html.entities",
                "digiskill.core.documents.docx_writer", "digiskill.core.documents.xlsx_writer",
                "digiskill.core.documents.progress_report", "digiskill.core.worker.hr_session", "digiskill.core.hr",
                "digiskill.core.hr.aggregate"}
    assert needless & set(out["start_modules"]) == set()
    assert out["started"] and "ต้องพัฒนา 3" in out["progress_th"]
    html = out["preview_html"]
    assert "<tr><td>1</td><td>DS300" in html and "<td>31 มีนาคม 2570</td>" in html  # priority 1 first
    assert out["docx_head"] == "PK" and out["docx_size"] > 3000 and out["xlsx_size"] > 3000
    assert [p["code"] for p in out["import_broken"]["problems"]][1:] == ["not_json"]
    # the yearly cycle's calls (#11): the supervisor's lines, the future role's needs, next year's open lines
    assert out["review_lines"][0] == "DS300" and out["future_choices"]
    assert out["next_year"] == ["DS300", "DLit200"]
    assert [p["code"] for p in out["deep"]["problems"]][1:] == ["too_deep"]  # Pyodide's smaller stack: an answer
    draft = out["draft"]
    assert json.loads(draft["store"])["role"] is None and draft["backup"]
    assert [p["field"] for p in draft["problems"]] == [None, "mission"]
    assert out["aggregate"] == [["b.json", "ไฟล์นี้ไม่ใช่ไฟล์ผลการประเมินของ digiskill "
                                           "(ข้อมูลชั้นนอกสุดต้องเป็นกลุ่มข้อมูล ไม่ใช่ รายการ (list))"]]
    assert out["classify"] == "S"
    # The yearly cycle's documents: Python 3.14 in Pyodide writes the same bytes as the CLI's CPython (the IDP's
    # "made on" date is today in both).
    idp = build_idp(catalog, parse_assessment(cycle, catalog))
    assert base64.b64decode(out["cycle"]["progress_docx"]) == progress_docx(idp)
    assert base64.b64decode(out["cycle"]["idp_docx"]) == idp_docx(idp)
    assert openpyxl.load_workbook(io.BytesIO(base64.b64decode(out["cycle"]["progress_xlsx"]))).sheetnames[0] == \
        "รายงานผลการพัฒนา"
    assert out["cycle"]["skill_shape"].count("<figure") == 2
