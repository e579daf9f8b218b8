/* digiskill: starts the Python worker (python-worker.js) and calls it. Shared by the self-assessment, supervisor and
   gap-analysis pages; the pages themselves hold no rules. Tests may set window.DIGISKILL_PYTHON_TIMEOUT_MS.
   DigiskillPython.start({root, onStatus, onReady, hint}) -> {call(name, args) -> Promise, isReady()}
   `hint` ends every failure message with what the user can still do on that page. When Python cannot start, `root`
   gets data-python-failed with the cause ("old-browser", "network", "missing", "mismatch", "type", "error";
   "stalled" when nothing moved for 10 s, which ready can still follow) and its `data-needs-python` controls are switched off
   (pythonControls); when Python is ready, on. The root's data-session ("staff" unless set; the gap analysis says "hr")
   names the Python session the page calls. When Python is ready, has failed or has stalled, the document gets the
   event "digiskill:python-settled". */
(function () {
  "use strict";
  function start(options) {
    var root = options.root, hint = options.hint ? " " + options.hint : "";
    var say = function (text, kind) { options.onStatus(kind === "error" ? text + hint : text, kind); };
    var worker = null, ready = false, calls = {}, nextId = 1;
    var client = {
      isReady: function () { return ready; },
      call: function (name, args) {
        return new Promise(function (resolve, reject) {
          if (!ready) return reject(new Error("not ready"));
          var id = nextId++, started = performance.now();
          calls[id] = { resolve: function (value) {
            if (performance.measure) performance.measure("digiskill:" + name, { start: started });  // read by bench/
            resolve(value);
          }, reject: reject };
          worker.postMessage({ id: id, call: name, args: args || [] });
        });
      },
    };
    var failed = function (cause, reason) {
      clearTimeout(timer);
      if (cause !== "stalled") { stopped = true; if (worker) worker.terminate(); }
      root.dataset.pythonFailed = cause;
      pythonControls(root, false);
      say(failureText(cause, reason), "error");
      settled();
    };
    var timer = null, stopped = false, stallMs = window.DIGISKILL_PYTHON_TIMEOUT_MS || 10000;
    var watch = function () {  // a stall: no step of the start-up finished for stallMs
      clearTimeout(timer);
      timer = setTimeout(function () { if (!ready && !stopped) failed("stalled"); }, stallMs);
    };
    if (!modernBrowser()) { failed("old-browser"); return client; }
    worker = new Worker(new URL(root.dataset.worker, location.href).href, { type: "module" });
    watch();
    worker.onmessage = function (event) {
      var m = event.data;
      if (stopped) return;
      if (m.type === "ready") {
        ready = true; clearTimeout(timer);
        if (performance.mark) performance.mark("digiskill:python-ready");  // read by bench/
        root.dataset.pythonReady = "true";
        delete root.dataset.pythonFailed;
        pythonControls(root, true);
        settled();
        options.onReady(m.python);
      } else if (m.type === "progress") {
        watch();
      } else if (m.type === "failed") {
        failed(m.cause, m.reason);
      } else if (calls[m.id]) {
        (m.ok ? calls[m.id].resolve : calls[m.id].reject)(m.ok ? m.result : new Error(m.error));
        delete calls[m.id];
      }
    };
    worker.onerror = function (event) {  // the worker script itself did not run: no module workers (old browser)
      if (!ready && !stopped) failed(/module|syntax/i.test(event.message || "") ? "old-browser" : "error", event.message);
    };
    worker.postMessage({ type: "init", pyodideURL: new URL(root.dataset.pyodide, location.href).href,
                         catalogURL: new URL(root.dataset.catalog, location.href).href,
                         session: root.dataset.session || "staff" });
    return client;
  }

  /* Python is ready, or has failed or stalled: what waited for it may go (search-after-python.js). */
  function settled() {
    document.dispatchEvent(new Event("digiskill:python-settled"));
  }

  /* Without Python, every control that needs it is off and says why (aria-describedby="python-needed"); the notes
     #python-needed (why) and #python-fallback (what still works) show. With Python, the reverse. */
  function pythonControls(root, usable) {
    ["python-needed", "python-fallback"].forEach(function (id) {
      var note = root.querySelector("#" + id);
      if (note) note.hidden = usable;
    });
    Array.prototype.forEach.call(root.querySelectorAll("[data-needs-python]"), function (el) {
      el.disabled = !usable;
      if (usable) el.removeAttribute("aria-describedby"); else el.setAttribute("aria-describedby", "python-needed");
      var label = el.closest("label");
      if (label) label.classList.toggle("ds-disabled", !usable);
    });
  }

  function modernBrowser() {
    return typeof WebAssembly === "object" && typeof WebAssembly.instantiateStreaming === "function" &&
      typeof Worker !== "undefined" && typeof Promise !== "undefined" && typeof BigInt64Array !== "undefined";
  }

  /* The cause in the page's words (#ds-words, written in the page's template), with what to do about it. */
  function failureText(cause, reason) {
    var words = window.DigiskillPage ? DigiskillPage.words() : {};
    words.failed = words.failed || {};
    return (words.failed[cause] || words.failed.error || cause)
      .replace("{detail}", reason ? " (" + reason + ")" : "").replace("{reason}", reason || "")
      .replace("{seconds}", String(Math.round((window.DIGISKILL_PYTHON_TIMEOUT_MS || 10000) / 1000))) + (words.kept || "");
  }

  function download(bytes, name, type) {
    var url = URL.createObjectURL(new Blob([bytes], { type: type }));
    var a = document.createElement("a");
    a.href = url; a.download = name; document.body.appendChild(a); a.click(); a.remove();
    setTimeout(function () { URL.revokeObjectURL(url); }, 10000);
  }

  window.DigiskillPython = { start: start, download: download };
})();
