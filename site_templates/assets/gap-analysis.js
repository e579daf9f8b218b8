/* digiskill gap analysis and HR follow-up: the page's thin shell. Reads the chosen files (.json, .zip, a folder),
   hands them to Python (digiskill.core.worker.hr_session, in the worker) in batches and draws what comes back
   (core/hr/tables.py): tables from their headers and rows, texts, the SVG charts, the choices of the selects.
   Every figure, header, word, rule and file name is Python's or the template's; this file only moves bytes and
   fills the page. Each reply has the shape of core/worker/page_reply.py: {ok, problems, detail?, ...}. */
(function () {
  "use strict";
  var root = document.getElementById("ds-gap");
  if (!root) return;
  var statusBox = document.getElementById("ds-status");
  var messageBox = document.getElementById("ds-message");
  var W = DigiskillPage.words();  // the page's words, from its template (page-kit.js)
  var python = null, pending = null, heatmaps = {};
  /* The choices Python reads back (hr_view): the filters and the enrolment table's unit, named in the template. */
  var SELECTS = Array.prototype.map.call(root.querySelectorAll("select[data-filter], select[data-choice]"),
                                         function (el) { return el.name; });

  function say(text, kind) { statusBox.textContent = text; statusBox.dataset.kind = kind || "info"; }
  function $(id) { return document.getElementById(id); }
  function field(name) { return root.querySelector('[name="' + name + '"]'); }
  function each(object, fn) { Object.keys(object || {}).forEach(function (k) { fn(k, object[k]); }); }
  function fill(text, values) { each(values, function (k, v) { text = text.replace("{" + k + "}", v); }); return text; }

  /* ---- drawing what Python returns ---- */
  function table(t) {
    var box = document.createDocumentFragment();
    if (t.headers.length) {
      var el = document.createElement("table");
      el.className = "ds-" + t.id;
      el.tabIndex = 0;  // a wide table scrolls sideways on a phone: reachable by keyboard too
      if (t.caption_th) el.createCaption().textContent = t.caption_th;
      var head = document.createElement("tr");
      t.headers.forEach(function (h) { var th = document.createElement("th"); th.scope = "col"; th.textContent = h; head.appendChild(th); });
      el.appendChild(head);
      t.rows.forEach(function (row) {
        var tr = document.createElement("tr");
        row.forEach(function (value, i) {
          var td = document.createElement("td");
          td.textContent = value == null ? "" : String(value);
          if (t.kinds) td.dataset.kind = t.kinds[i];
          tr.appendChild(td);
        });
        el.appendChild(tr);
      });
      box.appendChild(el);
    }
    if (t.note_th) { var p = document.createElement("p"); p.className = "ds-note"; p.textContent = t.note_th; box.appendChild(p); }
    if (t.howto) {  // how to read the table: what each column counts, what each percent is of
      var how = document.createElement("details"), sum = document.createElement("summary"), list = document.createElement("ul");
      how.className = "ds-howto";
      sum.textContent = t.howto.title_th;
      t.howto.lines_th.forEach(function (line) { var li = document.createElement("li"); li.textContent = line; list.appendChild(li); });
      how.appendChild(sum); how.appendChild(list); box.appendChild(how);
    }
    return box;
  }

  function options(select, items) {
    var keep = select.value, chosen = null;
    select.textContent = "";
    items.forEach(function (item) {
      var o = document.createElement("option"); o.value = item.value; o.textContent = item.label; select.appendChild(o);
      if (item.selected) chosen = item.value;
    });
    var kept = items.some(function (item) { return item.value === keep; });
    select.value = chosen != null ? chosen : (kept ? keep : (items.length ? items[0].value : ""));
  }

  function showHeatmap() { var svg = heatmaps[field("component").value]; if (svg != null) $("heatmap").innerHTML = svg; }

  function showProblems(problems) {
    var boxes = {};
    problems.forEach(function (p) {
      var box = (p.field && root.querySelector('[data-for="' + p.field + '"]')) || messageBox;
      (boxes[box.id] = boxes[box.id] || { box: box, texts: [] }).texts.push(p.message_th);
    });
    each(boxes, function (_id, b) {
      b.box.hidden = false; b.box.dataset.kind = "error"; b.box.textContent = b.texts.join(" · ");
    });
  }

  /* A reply: what Python says to draw, and its problems. Returns whether it was ok. */
  function draw(r) {
    if (r.detail) console.error(r.detail);
    showProblems((r.problems || []).filter(function (p) { return p.kind !== "info"; }));
    if (r.say) say(r.say.text_th, r.say.kind);
    (r.tables || []).forEach(function (t) { var box = $(t.id); box.textContent = ""; box.appendChild(table(t)); });
    each(r.text, function (id, text) { $(id).textContent = text; });
    each(r.kind, function (id, kind) { $(id).dataset.kind = kind; });
    each(r.hidden, function (id, hidden) { $(id).hidden = hidden; });
    each(r.data, function (k, v) { root.dataset[k] = v; });
    each(r.svg, function (id, svg) { $(id).innerHTML = svg; });  // SVG text made by Python, escaped there
    each(r.options, function (name, items) { options(field(name), items); });
    if (r.heatmaps) { heatmaps = r.heatmaps; showHeatmap(); }
    return r.ok;
  }

  function failed(err) {  // the call itself failed (the worker, not Python): the details to the console
    console.error(err);
    messageBox.hidden = false; messageBox.dataset.kind = "error"; messageBox.textContent = W.unexpected;
    say(W.ready, "ok");
  }
  function ask(name, args) {  // a call whose reply is drawn
    return python.call(name, args).then(function (text) { return draw(JSON.parse(text)); });
  }
  function choices() {
    var chosen = {};
    SELECTS.forEach(function (k) { chosen[k] = field(k).value; });
    return JSON.stringify(chosen);
  }

  /* ---- the files ---- */
  function packed(files) {  // every file's bytes back to back; Python splits them again by their sizes
    return Promise.all(files.map(function (f) { return f.arrayBuffer().catch(function () { return new ArrayBuffer(0); }); }))
      .then(function (buffers) {
        var sizes = buffers.map(function (b) { return b.byteLength; });
        var all = new Uint8Array(sizes.reduce(function (a, b) { return a + b; }, 0)), offset = 0;
        buffers.forEach(function (b) { all.set(new Uint8Array(b), offset); offset += b.byteLength; });
        return [JSON.stringify(files.map(function (f) { return f.name; })), JSON.stringify(sizes), all];
      });
  }
  function staffFiles(list) {  // from a folder or a drop: only the kinds of file the template names
    var kinds = root.dataset.staffFiles.split(" ");
    return Array.prototype.filter.call(list, function (f) {
      var name = f.name.toLowerCase();
      return kinds.some(function (ext) { return name.slice(-ext.length) === ext; });
    });
  }

  var runs = 0, STOP = new Error("stop");  // runs started; a run that ends early (newer run, problem) throws STOP
  function run(files) {
    if (!files.length) return;
    if (performance.mark) performance.mark("digiskill:files-chosen");  // read by bench/
    messageBox.hidden = true;
    var failedCause = root.dataset.pythonFailed;
    if (failedCause && failedCause !== "stalled") return showProblems([{ message_th: $("python-needed").textContent }]);
    if (!python.isReady()) { pending = files; say(fill(W.files_waiting, { files: files.length }), "info"); return; }
    // In batches: Python checks one batch while the browser reads the next (10,000 files: seconds sooner).
    var BATCH = Math.max(1, Math.floor(Number(root.dataset.batch)) || 500);  // files per call (tests set data-batch)
    var mine = ++runs, id = null, reading = Promise.resolve(), reads = [];
    function answer(text) {  // a newer choice of files ends this run: its calls are refused and it stops quietly
      var r = JSON.parse(text);
      if (mine !== runs || r.stale) throw STOP;
      if (!draw(r)) { say(W.ready, "ok"); throw STOP; }
      return r;
    }
    var chain = python.call("hr_start", [field("anonymise").checked, files.length]).then(function (text) { id = answer(text).run; });
    for (var i = 0; i < files.length; i += BATCH) {  // one batch read after the other, so the first is ready soon
      reading = reading.then(function (part) { return mine === runs ? packed(part) : null; }.bind(null, files.slice(i, i + BATCH)));
      reads.push(reading);
    }
    reading.then(function () { if (performance.mark) performance.mark("digiskill:files-read"); });  // bench/
    reads.forEach(function (bytes) {
      chain = chain.then(function () { return bytes; }).then(function (args) {
        if (mine !== runs) throw STOP;
        return python.call("hr_add", [id].concat(args));
      }).then(answer);
    });
    chain.then(function () { return python.call("hr_done", [id]); }).then(function (text) {
      answer(text);
      if (performance.measure) performance.measure("digiskill:files-to-results", "digiskill:files-chosen");  // bench/
    }).catch(function (err) { if (err !== STOP) failed(err); });
  }

  function onFiles(input, handler) { input.addEventListener("change", function () { handler(Array.prototype.slice.call(input.files)); input.value = ""; }); }
  onFiles(root.querySelector('input[data-action="files"]'), function (files) { run(files); });
  onFiles(root.querySelector('input[data-action="folder"]'), function (files) { run(staffFiles(files)); });
  onFiles(root.querySelector('input[data-action="headcount-file"]'), function (files) {
    if (files.length) files[0].text().then(function (text) { $("headcount-text").value = text; });
  });
  onFiles(root.querySelector('input[data-action="last-year"]'), function (files) {
    if (!files.length) return;
    var status = root.querySelector('[data-for="last-year"]');
    status.textContent = W.reading_last_year; delete status.dataset.kind;
    packed(files).then(function (args) { return ask("hr_last_year", args); }).catch(failed);
  });
  var zone = $("drop-zone");
  zone.addEventListener("dragover", function (e) { e.preventDefault(); zone.dataset.over = "true"; });
  zone.addEventListener("dragleave", function () { delete zone.dataset.over; });
  zone.addEventListener("drop", function (e) { e.preventDefault(); delete zone.dataset.over; run(staffFiles(e.dataTransfer.files)); });
  Array.prototype.forEach.call(root.querySelectorAll("select[data-filter]"), function (select) {
    select.addEventListener("change", function () { messageBox.hidden = true; ask("hr_view", [choices()]).catch(failed); });
  });
  field("component").addEventListener("change", showHeatmap);
  field("unit").addEventListener("change", function () { ask("hr_table", ["enrolment", field("unit").value]).catch(failed); });

  root.addEventListener("click", function (e) {
    var button = e.target.closest("button[data-action]");
    if (!button) return;
    var action = button.dataset.action, kind = button.dataset.kind || "";
    messageBox.hidden = true;
    if (action === "headcount") { ask("hr_headcount", [$("headcount-text").value]).catch(failed); return; }
    // A file: its name and type first (or why it cannot be made), then its bytes (or, on failure, a reply's text).
    python.call("hr_download", [action, kind]).then(function (text) {
      var r = JSON.parse(text);
      if (!draw(r)) return;
      return python.call(action, kind ? [kind, field("unit").value] : []).then(function (bytes) {
        if (typeof bytes === "string") draw(JSON.parse(bytes));
        else DigiskillPython.download(bytes, r.download.name, r.download.type);
      });
    }).catch(failed);
  });

  python = DigiskillPython.start({ root: root, onStatus: say, hint: W.hint, onReady: function () {
    say(W.ready, "ok");
    if (pending) { var files = pending; pending = null; run(files); }
  } });
})();
