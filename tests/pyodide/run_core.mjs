// Runs the digiskill browser core inside Pyodide under Node, from a folder laid out like the site's assets/pyodide/
// (our lock file + wheels). Usage: node run_core.mjs BUNDLE_DIR CATALOG_JSON ASSESSMENT_JSON
// Prints one JSON line: the preview, the Python version, and the sizes and first bytes of the DOCX and XLSX.
// An optional 4th argument, a version-2 file with a review and progress, adds its IDP and progress report (base64).
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

const require = createRequire(import.meta.url);
const { loadPyodide } = require(path.resolve(process.cwd(), "node_modules/pyodide/pyodide.js"));
const [bundleDir, catalogFile, assessmentFile, cycleFile] = process.argv.slice(2);

// Installed as the site's worker does (python-worker.js): the lock file handed to loadPyodide, our core wheel
// unpacked into site-packages, openpyxl by name from the lock file.
const lock = JSON.parse(readFileSync(path.join(bundleDir, "pyodide-lock.json"), "utf8"));
const pyodide = await loadPyodide({
  indexURL: path.resolve(process.cwd(), "node_modules/pyodide") + "/",
  lockFileContents: lock,
  packageBaseUrl: bundleDir + "/",
});
const sitePackages = pyodide.runPython("import site; site.getsitepackages()[0]");
pyodide.unpackArchive(new Uint8Array(readFileSync(path.join(bundleDir, lock.packages.digiskill.file_name))), "wheel",
                      { extractDir: sitePackages });
pyodide.runPython("import sys\nfinder = sys.path_importer_cache.get(" + JSON.stringify(sitePackages) + ")\n" +
                  "if finder is not None: finder.invalidate_caches()\ndel finder");
pyodide.globals.set("catalog_json", readFileSync(catalogFile, "utf8"));
// What the staff page's start-up imports, before anything is asked of it (every module is start-up time).
const startModules = pyodide.runPython(`
import sys
from digiskill.core.worker.assessment_session import AssessmentSession
AssessmentSession(catalog_json)
sorted(sys.modules)`).toJs();
await pyodide.loadPackage(["openpyxl"]);
pyodide.globals.set("state_json", readFileSync(assessmentFile, "utf8"));
pyodide.globals.set("cycle_json", cycleFile ? readFileSync(cycleFile, "utf8") : null);
const result = pyodide.runPython(`
import base64, json, sys
from digiskill.core.worker.assessment_session import AssessmentSession
from digiskill.core.worker.review_session import ReviewSession
from digiskill.core.worker.hr_session import HrSession

def staff(stored=None, pending=()):
    session = AssessmentSession(catalog_json)
    return session, json.loads(session.start(stored, json.dumps(list(pending))))

def event(session, **what):
    return json.loads(session.event(json.dumps(what, ensure_ascii=False)))

session, started = staff(state_json)
refreshed = json.loads(session.refresh())["draw"]
docx, xlsx = session.file("docx"), session.file("xlsx")
deep_text = '{"format": "digiskill-assessment", "x": ' + "[" * 5000 + "]" * 5000 + "}"
review = ReviewSession(catalog_json)
review.start(None, "[]")
opened = json.loads(review.event(json.dumps({"action": "open", "text": state_json})))
fresh, _ = staff()
nxt = event(fresh, action="next-year", text=state_json, confirmed=True)
_, draft = staff(json.dumps({**json.loads(state_json), "role": None, "mission": "a\x01"}))
finder, _ = staff(None, [{"path": "finder/shares/A", "value": "30"}, {"path": "finder/shares/S", "value": "70"}])
cycle = None
if cycle_json:
    year, _ = staff(cycle_json)
    cycle = {"idp_docx": base64.b64encode(year.file("docx")).decode(),
             "progress_docx": base64.b64encode(year.file("progress-docx")).decode(),
             "progress_xlsx": base64.b64encode(year.file("progress-xlsx")).decode(),
             "skill_shape": json.loads(year.refresh())["draw"]["html"]["skill-shape"]}
hr = json.loads(HrSession(catalog_json).aggregate(json.dumps(["a.json", "b.json"]),
                json.dumps([len(state_json.encode()), 3]), state_json.encode() + b"[1]", True))
json.dumps({"python": sys.version.split()[0], "started": started["ok"], "preview_html": refreshed["html"]["ds-preview"],
            "progress_th": refreshed["text"]["progress"],
            "docx_size": len(docx), "docx_head": docx[:2].decode(), "xlsx_size": len(xlsx),
            "import_broken": event(session, action="import", text="{not json", confirmed=True),
            "review_lines": [item["key"] for item in opened["draw"]["lists"]["lines"]],
            "future_choices": [item["key"] for item in started["draw"]["lists"]["future-choices"]],
            "next_year": json.loads(nxt["store"])["history"][0]["open_lines"],
            "deep": event(session, action="import", text=deep_text, confirmed=True),
            "draft": draft,
            "aggregate": next(t["rows"] for t in hr["tables"] if t["id"] == "rejected"),
            "classify": json.loads(event(finder, action="classify")["store"])["group"],
            "cycle": cycle}, ensure_ascii=False)
`);
console.log(JSON.stringify({ ...JSON.parse(result), start_modules: startModules }));
