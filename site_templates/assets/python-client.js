/* digiskill: starts the Python worker (python-worker.js) and calls it. Shared by the self-assessment and the
   gap-analysis pages; the pages themselves hold no rules. Tests may set window.DIGISKILL_PYTHON_TIMEOUT_MS.
   DigiskillPython.start({root, onStatus, onReady, hint}) -> {call(name, args) -> Promise, isReady()}
   `hint` ends every failure message with what the user can still do on that page. */
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
    if (typeof WebAssembly !== "object" || typeof Worker === "undefined" || typeof Promise === "undefined") {
      say("เบราว์เซอร์นี้เก่าเกินไปสำหรับระบบประมวลผล ใช้เบราว์เซอร์รุ่นใหม่ (Chrome, Edge, Firefox) " +
          "งานที่ไม่ต้องใช้ระบบประมวลผลยังทำได้ตามปกติ", "error");
      return client;
    }
    worker = new Worker(new URL(root.dataset.worker, location.href).href, { type: "module" });
    var timer = setTimeout(function () {
      if (!ready) say("ระบบประมวลผลยังโหลดไม่เสร็จ ถ้ารอนานเกินไป อาจเป็นเพราะเครื่องช้าหรือเซิร์ฟเวอร์ตั้งค่าชนิดไฟล์ .wasm ไม่ถูกต้อง " +
                      "(ต้องเป็น application/wasm — แจ้งผู้ดูแลเว็บไซต์) ข้อมูลของคุณยังอยู่ครบ", "error");
    }, window.DIGISKILL_PYTHON_TIMEOUT_MS || 30000);
    worker.onmessage = function (event) {
      var m = event.data;
      if (m.type === "ready") {
        ready = true; clearTimeout(timer);
        if (performance.mark) performance.mark("digiskill:python-ready");  // read by bench/
        root.dataset.pythonReady = "true";
        options.onReady(m.python);
      } else if (m.type === "failed") {
        clearTimeout(timer);
        say("โหลดระบบประมวลผลไม่สำเร็จ (" + m.reason + ") ข้อมูลของคุณยังอยู่ครบ ลองเปิดหน้านี้ใหม่ภายหลัง", "error");
      } else if (calls[m.id]) {
        (m.ok ? calls[m.id].resolve : calls[m.id].reject)(m.ok ? m.result : new Error(m.error));
        delete calls[m.id];
      }
    };
    worker.onerror = function (event) {
      clearTimeout(timer);
      say("ระบบประมวลผลขัดข้อง (" + (event.message || "worker error") + ")", "error");
    };
    worker.postMessage({ type: "init", pyodideURL: new URL(root.dataset.pyodide, location.href).href,
                         catalogURL: new URL(root.dataset.catalog, location.href).href });
    return client;
  }

  function download(bytes, name, type) {
    var url = URL.createObjectURL(new Blob([bytes], { type: type }));
    var a = document.createElement("a");
    a.href = url; a.download = name; document.body.appendChild(a); a.click(); a.remove();
    setTimeout(function () { URL.revokeObjectURL(url); }, 10000);
  }

  function beToday() {
    var d = new Date();
    return (d.getFullYear() + 543) + "-" + String(d.getMonth() + 1).padStart(2, "0") + "-" + String(d.getDate()).padStart(2, "0");
  }

  window.DigiskillPython = { start: start, download: download, beToday: beToday };
})();
