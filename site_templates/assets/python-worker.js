/* digiskill Python worker (a module worker: Pyodide 314 refuses classic workers): runs the Python core
   (digiskill.core.api.Session) in Pyodide, off the main thread.
   Everything is loaded from this site: the Pyodide runtime, our lock file and the wheels it lists. No micropip.
   openpyxl is not part of the start-up (it was 40% of it): it loads a moment after Python is ready, in the background,
   or at once when an XLSX is asked for before that.
   In:  {type: "init", pyodideURL, catalogURL}  then  {id, call, args}: `call` must be one of Session.CALLS (Python
        keeps the list; nothing else on the session can be reached from the page)
   Out: {type: "progress", step} | {type: "ready", python} | {type: "failed", cause, reason}
        | {id, ok: true, result} | {id, ok: false, error}
   `cause` of a failure: "network" (a file could not be fetched), "missing" (the server answered 4xx/5xx),
   "type" (the server sends .wasm with the wrong file type, which makes Pyodide hang), "error" (anything else). */
let pyodide = null, session = null, failed = false, openpyxl = null, allowed = new Set();
const NEEDS_OPENPYXL = new Set(["xlsx", "org_plan_xlsx"]);
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

function causeOf(err) {
  const text = String(err && err.message || err);
  return [/fetch|network|load|import/i.test(text) ? "network" : "error", text];
}

async function init(message) {
  checkWasm(message.pyodideURL + "pyodide.asm.wasm");
  try {
    const { loadPyodide } = await import(message.pyodideURL + "pyodide.mjs");
    self.postMessage({ type: "progress", step: "runtime" });
    pyodide = await loadPyodide({ indexURL: message.pyodideURL, lockFileURL: message.pyodideURL + "pyodide-lock.json" });
    self.postMessage({ type: "progress", step: "python" });
    const [, response] = await Promise.all([pyodide.loadPackage(["digiskill"]), fetch(message.catalogURL)]);
    if (!response.ok) return fail("missing", "catalog.json: HTTP " + response.status);
    pyodide.globals.set("catalog_json", await response.text());
    session = pyodide.runPython("from digiskill.core.api import Session\nSession(catalog_json)");
    allowed = new Set(pyodide.runPython("from digiskill.core.api import Session\nlist(Session.CALLS)").toJs());
    self.postMessage({ type: "ready", python: pyodide.runPython("import sys; sys.version.split()[0]") });
    setTimeout(function () { loadOpenpyxl().catch(function () { openpyxl = null; }); }, OPENPYXL_DELAY_MS);
  } catch (err) {
    fail(...causeOf(err));
  }
}

function loadOpenpyxl() {  // once; a failed background load is tried again when an XLSX is asked for
  return openpyxl || (openpyxl = pyodide.loadPackage(["openpyxl"]).then(function () { pyodide.runPython("import openpyxl"); }));
}

async function run(message) {
  try {
    if (!allowed.has(message.call)) throw new Error("not an allowed call: " + String(message.call));
    if (NEEDS_OPENPYXL.has(message.call)) await loadOpenpyxl();
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
