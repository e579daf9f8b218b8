/* digiskill Python worker (a module worker: Pyodide 314 refuses classic workers): runs the Python core
   in Pyodide, off the main thread: the page's session, digiskill.core.worker.assessment_session.AssessmentSession
   (self-assessment), review_session.ReviewSession (supervisor) or hr_session.HrSession (the gap analysis), so that no
   page imports what only another needs.
   Everything is loaded from this site: the Pyodide runtime, our lock file and the wheels it lists. No micropip.
   Our core wheel and the catalog are fetched while Pyodide starts (not after it), and the wheel is unpacked straight
   into site-packages: about 0.15 s of the start-up. openpyxl is not part of the start-up (it was 40% of it): it loads
   a moment after Python is ready, in the background, or at once when an XLSX is asked for before that.
   In:  {type: "init", pyodideURL, catalogURL, session: "staff" | "review" | "hr"}  then  {id, call, args}: `call` must be one of
        the session's CALLS (Python keeps the list; nothing else on the session can be reached from the page)
   Out: {type: "progress", step} | {type: "ready", python} | {type: "failed", cause, reason}
        | {id, ok: true, result} | {id, ok: false, error}
   `cause` of a failure: "network" (a file could not be fetched), "missing" (the server answered 4xx/5xx),
   "mismatch" (the core wheel is not the one the lock file names: files of two builds on the server),
   "type" (the server sends .wasm with the wrong file type, which makes Pyodide hang), "error" (anything else). */
let pyodide = null, session = null, failed = false, openpyxl = null, allowed = new Set();
const NEEDS_OPENPYXL = new Set(["org_plan_xlsx"]);  // and `file` for an .xlsx (see run)
const SESSIONS = { staff: "from digiskill.core.worker.assessment_session import AssessmentSession as Session",
                   review: "from digiskill.core.worker.review_session import ReviewSession as Session",
                   hr: "from digiskill.core.worker.hr_session import HrSession as Session" };
const OPENPYXL_DELAY_MS = 1500;  // after the first preview, while the person is still reading or answering

function fail(cause, reason) {
  if (failed || session) return;
  failed = true;
  self.postMessage({ type: "failed", cause: cause, reason: reason });
}

/* Check the one file whose problems make Pyodide hang rather than fail: fetched at once, beside loadPyodide. */
async function checkWasm(url) {
  let response;
  try {
    response = await fetch(url, { method: "HEAD", cache: "no-store" });
  } catch (err) {
    return fail("network", "pyodide.asm.wasm: " + String(err && err.message || err));
  }
  if (!response.ok) return fail("missing", "pyodide.asm.wasm: HTTP " + response.status);
  const type = (response.headers.get("content-type") || "").split(";")[0].trim();
  if (type !== "application/wasm") fail("type", type || "(none)");
}

const MISMATCH = "mismatch: ";
function causeOf(err) {
  const text = String(err && err.message || err);
  if (/^HTTP [45]\d\d/.test(text)) return ["missing", text];
  if (text.startsWith(MISMATCH)) return ["mismatch", text.slice(MISMATCH.length)];
  return [/fetch|network|load|import/i.test(text) ? "network" : "error", text];
}

/* A file's body, fetched now and awaited later; a failed fetch says which file and why (as loadPyodide's do).
   `sha256` (hex, from the lock file) is checked by the browser (subresource integrity), as loadPackage would. */
function fetchBody(url, read, sha256) {
  const name = url.split("/").pop();
  const integrity = sha256 ? "sha256-" + btoa(sha256.match(/../g).map(function (h) {
    return String.fromCharCode(parseInt(h, 16));
  }).join("")) : undefined;
  const body = function (response) {
    if (!response.ok) throw new Error("HTTP " + response.status + ": " + name);
    return read(response);
  };
  return fetch(url, { integrity: integrity }).then(body, function (err) {
    const why = "fetch " + name + ": " + String(err && err.message || err);
    if (!integrity) throw new Error(why);
    // The browser gives one error for "not there", "not the same bytes" and a dropped connection. Try once more past
    // the browser's cache (an old copy of the same file name), then ask the server which it was.
    return fetch(url, { integrity: integrity, cache: "reload" }).then(body, function () {
      return fetch(url, { method: "HEAD", cache: "no-store" }).then(function (head) {
        throw new Error(head.ok ? MISMATCH + name + " is not the file pyodide-lock.json names (its sha256 differs)"
                                : "HTTP " + head.status + ": " + name);
      }, function () { throw new Error(why); });
    });
  });
}

async function init(message) {
  const base = message.pyodideURL;
  checkWasm(base + "pyodide.asm.wasm");
  const lock = fetchBody(base + "pyodide-lock.json", function (r) { return r.json(); });
  const coreWheel = lock.then(function (l) {
    const core = l.packages.digiskill;
    return fetchBody(base + core.file_name, function (r) { return r.arrayBuffer(); }, core.sha256);
  });
  const catalog = fetchBody(message.catalogURL, function (r) { return r.text(); });
  // A file that cannot be had is reported at once, not after Pyodide's start (fail() reports only the first failure).
  [lock, coreWheel, catalog].forEach(function (p) { p.catch(function (err) { fail(...causeOf(err)); }); });
  try {
    const { loadPyodide } = await import(base + "pyodide.mjs");
    self.postMessage({ type: "progress", step: "runtime" });
    pyodide = await loadPyodide({ indexURL: base, lockFileContents: lock, packageBaseUrl: base });
    self.postMessage({ type: "progress", step: "python" });
    installCore(await coreWheel);
    pyodide.globals.set("catalog_json", await catalog);
    if (!Object.prototype.hasOwnProperty.call(SESSIONS, message.session)) {
      return fail("error", "unknown session: " + String(message.session));
    }
    const imports = SESSIONS[message.session];
    session = pyodide.runPython(imports + "\nSession(catalog_json)");
    allowed = new Set(pyodide.runPython(imports + "\nlist(Session.CALLS)").toJs());
    self.postMessage({ type: "ready", python: pyodide.runPython("import sys; sys.version.split()[0]") });
    setTimeout(function () { loadOpenpyxl().catch(function () { openpyxl = null; }); }, OPENPYXL_DELAY_MS);
  } catch (err) {
    fail(...causeOf(err));
  }
}

/* Our core wheel, unpacked into site-packages. Then only that folder's import finder forgets its listing:
   importlib.invalidate_caches(), which loadPackage calls, also imports importlib.metadata and email (40 ms). */
function installCore(wheel) {
  const sitePackages = pyodide.runPython("import site; site.getsitepackages()[0]");
  pyodide.unpackArchive(wheel, "wheel", { extractDir: sitePackages });
  pyodide.runPython("import sys\nfinder = sys.path_importer_cache.get(" + JSON.stringify(sitePackages) + ")\n" +
                    "if finder is not None: finder.invalidate_caches()\ndel finder");
}

function loadOpenpyxl() {  // once; a failed background load is tried again when an XLSX is asked for
  return openpyxl || (openpyxl = pyodide.loadPackage(["openpyxl"]).then(function () { pyodide.runPython("import openpyxl"); }));
}

async function run(message) {
  try {
    if (!allowed.has(message.call)) throw new Error("not an allowed call: " + String(message.call));
    if (NEEDS_OPENPYXL.has(message.call) || (message.call === "file" && /xlsx$/.test(message.args[0]))) await loadOpenpyxl();
    const result = session[message.call](...message.args);
    if (result && typeof result.toJs === "function") {  // Python bytes -> Uint8Array, handed over without a copy
      const bytes = result.toJs();
      result.destroy();
      self.postMessage({ id: message.id, ok: true, result: bytes }, [bytes.buffer]);
    } else {
      self.postMessage({ id: message.id, ok: true, result: result });
    }
  } catch (err) {
    self.postMessage({ id: message.id, ok: false, error: String(err && err.message || err) });
  }
}

self.onmessage = function (event) {
  return event.data.type === "init" ? init(event.data) : run(event.data);
};
