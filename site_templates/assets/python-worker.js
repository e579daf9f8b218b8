/* digiskill Python worker (a module worker: Pyodide 314 refuses classic workers): runs the Python core
   (digiskill.core.api.Session) in Pyodide, off the main thread.
   Everything is loaded from this site: the Pyodide runtime, our lock file and the wheels it lists. No micropip.
   In:  {type: "init", pyodideURL, catalogURL}  then  {id, call, args}: `call` must be one of Session.CALLS (Python
        keeps the list; nothing else on the session can be reached from the page)
   Out: {type: "ready", python} | {type: "failed", reason} | {id, ok: true, result} | {id, ok: false, error} */
let session = null, allowed = new Set();

async function init(message) {
  try {
    const { loadPyodide } = await import(message.pyodideURL + "pyodide.mjs");
    const pyodide = await loadPyodide({
      indexURL: message.pyodideURL,
      lockFileURL: message.pyodideURL + "pyodide-lock.json",
      packages: ["digiskill"],
    });
    const response = await fetch(message.catalogURL);
    if (!response.ok) throw new Error("catalog " + response.status);
    pyodide.globals.set("catalog_json", await response.text());
    session = pyodide.runPython("from digiskill.core.api import Session\nSession(catalog_json)");
    allowed = new Set(pyodide.runPython("from digiskill.core.api import Session\nlist(Session.CALLS)").toJs());
    self.postMessage({ type: "ready", python: pyodide.runPython("import sys; sys.version.split()[0]") });
    // Warm up: import openpyxl now (about half a second), so the first Excel download is quick.
    pyodide.runPython("import openpyxl");
  } catch (err) {
    self.postMessage({ type: "failed", reason: String(err && err.message || err) });
  }
}

self.onmessage = function (event) {
  const message = event.data;
  if (message.type === "init") return init(message);
  try {
    if (!allowed.has(message.call)) throw new Error("not an allowed call: " + String(message.call));
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
};
