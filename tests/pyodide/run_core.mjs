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
from digiskill.core.worker.staff_session import StaffSession
StaffSession(catalog_json)
sorted(sys.modules)`).toJs();
await pyodide.loadPackage(["openpyxl"]);
pyodide.globals.set("state_json", readFileSync(assessmentFile, "utf8"));
pyodide.globals.set("cycle_json", cycleFile ? readFileSync(cycleFile, "utf8") : null);
const result = pyodide.runPython(`
import base64, json, sys
from digiskill.core.worker.staff_session import StaffSession
from digiskill.core.worker.hr_session import HrSession
session = StaffSession(catalog_json)
docx = session.docx(state_json)
xlsx = session.xlsx(state_json)
json.dumps({"python": sys.version.split()[0], "preview": json.loads(session.preview(state_json)),
            "docx_size": len(docx), "docx_head": docx[:2].decode(), "xlsx_size": len(xlsx),
            "import_broken": json.loads(session.check_import("{not json")),
            "review_view": json.loads(session.review_view(state_json))["view"]["lines"][0]["code"],
            "cycle_view": json.loads(session.cycle_view(state_json))["future"]["role"]["code"],
            "next_year": json.loads(session.next_year(state_json))["assessment"]["history"][0]["open_lines"],
            "deep": json.loads(session.check_import('{"format": "digiskill-assessment", "x": ' + "[" * 5000 + "]" * 5000 + "}")),
            "draft": json.loads(session.check_draft(json.dumps({**json.loads(state_json), "role": None, "mission": "a\x01"}))),
            "aggregate": json.loads(HrSession(catalog_json).aggregate(json.dumps(["a.json", "b.json"]), json.dumps([len(state_json.encode()), 3]),
                                                      state_json.encode() + b"[1]", True))["rejected"],
            "classify": json.loads(session.classify(json.dumps({"A": 30, "S": 70}))),
            "cycle": cycle_json and {"idp_docx": base64.b64encode(session.docx(cycle_json)).decode(),
                                     "progress_docx": base64.b64encode(session.progress_docx(cycle_json)).decode(),
                                     "progress_xlsx": base64.b64encode(session.progress_xlsx(cycle_json)).decode(),
                                     "skill_shape": json.loads(session.skill_shape(cycle_json))}}, ensure_ascii=False)
`);
console.log(JSON.stringify({ ...JSON.parse(result), start_modules: startModules }));
