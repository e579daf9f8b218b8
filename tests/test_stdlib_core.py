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
catalog = model.Catalog.from_dict(json.loads(sys.stdin.read()))
print(len(catalog.roles))
"""


def test_model_runs_on_the_standard_library_alone(catalog):
    import json
    data = json.dumps(catalog.to_dict(), ensure_ascii=False)
    result = subprocess.run([sys.executable, "-c", PROBE.format(path=str(ROOT / "generator"))], input=data,
                            capture_output=True, text=True, encoding="utf-8", check=True)
    assert result.stdout.strip() == "18"
