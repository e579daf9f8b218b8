"""The model (and later the assessment core) must import with no third-party package, as in Pyodide."""
from __future__ import annotations

import subprocess
import sys

from conftest import ROOT

PROBE = """
import sys
for name in ("yaml", "jinja2", "mkdocs", "jsonschema", "openpyxl"):
    sys.modules[name] = None  # any import of these now fails
sys.path.insert(0, {path!r})
import json, digiskill.model as model
import digiskill.core.worker.assessment_session, digiskill.core.worker.hr_session, digiskill.core.answers.record
import digiskill.core.cycle.idp, digiskill.core.documents.idp_document, digiskill.core.documents.docx_writer
import digiskill.core.documents.xlsx_writer, digiskill.core.display.thaidate, digiskill.core.hr.org_plan
catalog = model.Catalog.from_dict(json.loads(sys.stdin.read()))
print(len(catalog.roles))
"""


def test_model_and_core_import_on_the_standard_library_alone(catalog):
    import json
    data = json.dumps(catalog.to_dict(), ensure_ascii=False)
    result = subprocess.run([sys.executable, "-c", PROBE.format(path=str(ROOT / "generator"))], input=data,
                            capture_output=True, text=True, encoding="utf-8", check=True)
    assert result.stdout.strip() == "18"


def test_the_browser_wheel_holds_only_standard_library_modules():
    import ast
    import zipfile, io
    from digiskill.site.browser_bundle import core_wheel

    name, data = core_wheel()
    allowed = set(sys.stdlib_module_names) | {"digiskill"}
    with zipfile.ZipFile(io.BytesIO(data)) as wheel:
        for member in wheel.namelist():
            if not member.endswith(".py"):
                continue
            for node in ast.walk(ast.parse(wheel.read(member))):
                names = [a.name for a in node.names] if isinstance(node, ast.Import) else \
                    [node.module] if isinstance(node, ast.ImportFrom) and node.level == 0 else []
                for module in names:
                    if module.split(".")[0] == "openpyxl":
                        continue  # loaded lazily, from its own hash-pinned wheel
                    assert module.split(".")[0] in allowed, (member, module)


def imported_by(module: str) -> set[str]:
    probe = ("import sys; sys.path.insert(0, {path!r}); before = set(sys.modules); import " + module +
             "; print(' '.join(sorted(set(sys.modules) - before)))")
    result = subprocess.run([sys.executable, "-c", probe.format(path=str(ROOT / "generator"))], capture_output=True,
                            text=True, check=True)
    return set(result.stdout.split())


def test_the_worker_start_up_imports_no_heavy_standard_modules():
    """The browser compiles every module it imports from source before Python is "ready": `xml.sax.saxutils` alone
    pulled in `urllib.request` (http, email, ssl…), a third of a second in Pyodide, and `html` brings
    `html.entities`, 40 ms. Escaping uses `core/display/markup.py`."""
    heavy = {"urllib.request", "http.client", "email", "xml.sax", "ssl", "html", "html.entities"}
    for session in ("assessment_session", "review_session", "hr_session"):
        assert imported_by(f"digiskill.core.worker.{session}") & heavy == set(), session


def test_the_staff_pages_session_leaves_the_hr_and_file_writing_modules_alone():
    """The assessment page starts `AssessmentSession`, the supervisor page `ReviewSession`: the HR modules are the gap
    page's (`HrSession`), and the DOCX/XLSX writers load when a file is first asked for. Each module is start-up time
    in the browser."""
    later = {f"digiskill.core.{name}" for name in (
        "hr", "worker.hr_calls", "hr.aggregate", "hr.staff_facts", "hr.zip_input", "hr.trend", "hr.coverage",
        "hr.charts", "hr.org_plan", "hr.report", "documents.docx_writer", "documents.xlsx_writer",
        "documents.progress_report")}
    for session in ("assessment_session", "review_session"):
        assert imported_by(f"digiskill.core.worker.{session}") & later == set(), session
    hr = imported_by("digiskill.core.worker.hr_session")
    assert {"digiskill.core.worker.hr_calls", "digiskill.core.hr.aggregate"} <= hr
    assert hr & {"digiskill.core.hr.org_plan", "digiskill.core.documents.docx_writer",
                 "digiskill.core.documents.xlsx_writer"} == set()
