/* digiskill gap analysis and HR follow-up: the page's thin shell. Reads the chosen files (.json, .zip, a folder),
   hands them to Python (digiskill.core, in the worker) and shows what comes back: tables, and the SVG charts Python
   drew. Every figure, rounding, filter and "< 5" is Python's; this file only moves bytes and fills the page. */
(function () {
  "use strict";
  var root = document.getElementById("ds-gap");
  if (!root) return;
  var statusBox = document.getElementById("ds-status");
  var messageBox = document.getElementById("ds-message");
  var python = null, pending = null, result = null;

  function say(text, kind) { statusBox.textContent = text; statusBox.dataset.kind = kind || "info"; }
  function showMessage(text, kind) { messageBox.hidden = false; messageBox.dataset.kind = kind || "error"; messageBox.textContent = text; }
  function $(id) { return document.getElementById(id); }
  function field(name) { return root.querySelector('[name="' + name + '"]'); }

  function table(headers, rows, className) {
    var el = document.createElement("table");
    if (className) el.className = className;
    el.tabIndex = 0;  // a wide table scrolls sideways on a phone: reachable by keyboard too
    var head = document.createElement("tr");
    headers.forEach(function (h) { var th = document.createElement("th"); th.scope = "col"; th.textContent = h; head.appendChild(th); });
    el.appendChild(head);
    rows.forEach(function (row) {
      var tr = document.createElement("tr");
      row.forEach(function (value) { var td = document.createElement("td"); td.textContent = value == null ? "" : String(value); tr.appendChild(td); });
      el.appendChild(tr);
    });
    return el;
  }
  function put(id, node) { var box = $(id); box.textContent = ""; if (node) box.appendChild(node); }
  function note(text) { var p = document.createElement("p"); p.className = "ds-note"; p.textContent = text; return p; }
  function pct(v) { return v === "" ? "" : (typeof v === "number" ? v + "%" : v); }

  function options(select, items, allLabel) {
    var keep = select.dataset.value;
    select.textContent = "";
    var all = document.createElement("option"); all.value = "*"; all.textContent = allLabel; select.appendChild(all);
    items.forEach(function (item) { var o = document.createElement("option"); o.value = item.value; o.textContent = item.label; select.appendChild(o); });
    select.value = keep != null && Array.prototype.some.call(select.options, function (o) { return o.value === keep; }) ? keep : "*";
  }

  function showFilters(f) {
    options(field("division"), f.divisions, "ทุกส่วนราชการ");
    options(field("group"), f.groups, "ทุกกลุ่ม");
    options(field("stage"), f.stages, "ทุกระยะ");
    options(field("role"), f.roles, "ทุกบทบาท");
  }

  function show(r) {
    result = r;
    $("results").hidden = false;
    $("downloads").hidden = r.used === 0;
    root.dataset.used = r.used;
    root.dataset.rejected = r.rejected.length;
    $("summary").textContent = "ใช้ไฟล์ได้ " + r.used + " ไฟล์" + (r.in_view !== r.used ? " · ตามตัวกรอง " + r.in_view + " คน" : "") +
      (r.rejected.length ? " · ไม่ได้ใช้ " + r.rejected.length + " ไฟล์ (ดูเหตุผลด้านล่าง)" : "");
    put("rejected", r.rejected.length ? table(["ไฟล์ที่ไม่ได้ใช้", "เหตุผล"], r.rejected.map(function (x) { return [x.file, x.reason_th]; }), "ds-rejected") : null);
    put("coverage", table(["ส่วนราชการ", "กลุ่ม", "จำนวนบุคลากร", "ตอบแล้ว", "อัตราการตอบ", "แผนที่เห็นชอบ", "ร้อยละ", "ติดตามความก้าวหน้าแล้ว", "ร้อยละ"],
      r.coverage.map(function (c) { return [c[0], c[2], c[3], c[4], pct(c[5]), c[6], pct(c[7]), c[8], pct(c[9])]; }), "ds-coverage"));
    if (!r.has_headcount) $("coverage").appendChild(note("ใส่จำนวนบุคลากรทั้งหมดในหัวข้อ \"ข้อมูลประกอบ\" เพื่อดูอัตราการตอบ"));
    put("by-group", table(["กลุ่ม", "จำนวน (คน)"], r.staff_by_group.map(function (g) { return [g.title_th, g.count]; }), "ds-by-group"));
    put("by-role", table(["บทบาท", "จำนวน (คน)"], Object.keys(r.staff_by_role).map(function (k) { return [k, r.staff_by_role[k]]; }), "ds-by-role"));
    $("top-gaps-chart").innerHTML = r.top_gaps_svg;  // SVG text made by Python, escaped there
    put("top-gaps", table(["กลุ่ม", "รหัส", "ทักษะ", "ยังไม่มี", "สัดส่วน", "คะแนนความเร่งด่วน"], r.urgent.map(function (u) {
      return [u.group_title_th, u.code, u.title_th, u.lacking + "/" + u.required, u.percent + "%", u.urgency]; }), "ds-urgent"));
    var component = field("component");
    if (!component.options.length) r.heatmaps.forEach(function (h) { var o = document.createElement("option"); o.value = h.component; o.textContent = h.title_th; component.appendChild(o); });
    showHeatmap();
    put("gap-table", table(["กลุ่ม", "องค์ประกอบ", "รหัส", "ทักษะ", "ต้องมี (คน)", "ยังไม่มี (คน)", "สัดส่วน", "ยังไม่ตอบ"],
      r.table.map(function (t, i) { return [t[1], t[2], t[3], t[4], t[5], t[6], pct(r.table_percent[i]), t[8]]; }), "ds-gap-table"));
    var p = r.progress_totals;
    $("progress-summary").textContent = "บรรทัดแผน " + p.lines + " บรรทัด จากบุคลากร " + p.staff + " คน · เสร็จแล้ว " + p.done +
      " · กำลังดำเนินการ " + p.in_progress + " · ยังไม่เริ่ม " + p.not_started + " · ช่องว่างที่วางแผนไว้ปิดได้แล้ว " +
      (p.closed_percent === "" ? "-" : pct(p.closed_percent)) + " · นำไปใช้ในงาน " + p.applied + " บรรทัด";
    put("progress", table(["กลุ่ม", "รหัส", "ทักษะ", "มีในแผน (คน)", "เสร็จแล้ว", "กำลังดำเนินการ", "ยังไม่เริ่ม", "ช่องว่างในแผน", "ปิดได้แล้ว", "ร้อยละที่ปิด", "นำไปใช้ในงาน"],
      r.progress.map(function (t) { return [t[1], t[3], t[4], t[5], t[6], t[7], t[8], t[9], t[10], pct(t[11]), t[12]]; }), "ds-progress"));
    $("trend-chart").innerHTML = r.trend_svg;
    put("trend", r.trend.length ? table(["กลุ่ม", "รหัส", "ทักษะ", "ปีที่แล้ว (ยังไม่มี/ต้องมี)", "ร้อยละ", "ปีนี้ (ยังไม่มี/ต้องมี)", "ร้อยละ", "เปลี่ยน (จุด)"],
      r.trend.map(function (t) { return [t[1], t[3], t[4], t[6] + "/" + t[5], pct(t[7]), t[9] + "/" + t[8], pct(t[10]), t[11]]; }), "ds-trend") :
      note(r.has_last_year ? "เทียบไม่ได้สำหรับตัวกรองนี้ (ตาราง CSV ของปีที่แล้วแยกได้เฉพาะกลุ่ม)" : "ยังไม่ได้ใส่ผลของปีที่แล้ว (ดูหัวข้อ \"ข้อมูลประกอบ\")"));
    var unit = field("unit");
    options(unit, r.enrolment_units.map(function (u) { return { value: u.code, label: u.code + " " + u.title_th + " (" + u.staff + " คน)" }; }), "ทุกรายการ");
    showEnrolment();
    put("methods", table(["วิธีการพัฒนา", "70:20:10", "จำนวนครั้งที่เลือก"], r.methods.map(function (m) { return [m.title_th, m.part, m.count]; })));
    showFilters(r.filters);
  }

  function showHeatmap() {
    var chosen = field("component").value || "ability";
    result.heatmaps.forEach(function (h) { if (h.component === chosen) $("heatmap").innerHTML = h.svg; });
  }

  function chosenUnit() { var v = field("unit").value; return v && v !== "*" ? v : ""; }

  function showEnrolment() {
    python.call("hr_table", ["enrolment", chosenUnit()]).then(function (text) {
      var t = JSON.parse(text);
      put("enrolment", t.rows.length ? table(t.header, t.rows.slice(0, 200), "ds-enrolment") : note("ไม่มีผู้วางแผนเข้าอบรมแบบเป็นทางการ"));
    });
  }

  function filterJson() {
    var f = {};
    ["division", "group", "stage", "role"].forEach(function (k) { var v = field(k).value; if (v !== "*") f[k] = v; field(k).dataset.value = v; });  // "" = no division named
    return JSON.stringify(f);
  }
  function refresh() {
    if (!result) return Promise.resolve();
    return python.call("hr_view", [filterJson()]).then(function (text) { show(JSON.parse(text)); });
  }

  function packed(files) {  // every file's bytes back to back; Python splits them again by their sizes
    return Promise.all(files.map(function (f) { return f.arrayBuffer().catch(function () { return new ArrayBuffer(0); }); }))
      .then(function (buffers) {
        var sizes = buffers.map(function (b) { return b.byteLength; });
        var all = new Uint8Array(sizes.reduce(function (a, b) { return a + b; }, 0)), offset = 0;
        buffers.forEach(function (b) { all.set(new Uint8Array(b), offset); offset += b.byteLength; });
        return [JSON.stringify(files.map(function (f) { return f.name; })), JSON.stringify(sizes), all];
      });
  }
  function staffFiles(list) {
    return Array.prototype.filter.call(list, function (f) { return /\.(json|zip)$/i.test(f.name); });
  }

  var runs = 0, SUPERSEDED = new Error("superseded");  // runs started; a run ended by a newer one throws SUPERSEDED
  function run(files) {
    if (!files.length) return;
    if (performance.mark) performance.mark("digiskill:files-chosen");  // read by bench/
    messageBox.hidden = true;
    var failed = root.dataset.pythonFailed;
    if (failed && failed !== "stalled") return showMessage(document.getElementById("python-needed").textContent);  // e.g. dropped
    if (!python.isReady()) { pending = files; say("รับไฟล์แล้ว " + files.length + " ไฟล์ จะเริ่มประมวลผลเมื่อระบบพร้อม", "info"); return; }
    say("กำลังอ่านและวิเคราะห์ " + files.length + " ไฟล์ในเครื่องนี้…", "info");
    ["division", "group", "stage", "role"].forEach(function (k) { delete field(k).dataset.value; });
    // In batches: Python checks one batch while the browser reads the next (10,000 files: seconds sooner).
    var BATCH = Math.max(1, Math.floor(Number(root.dataset.batch)) || 500);  // files per call (tests set data-batch)
    var mine = ++runs, id = null, done = 0, reading = Promise.resolve(), reads = [];
    function answer(text) {  // a newer choice of files ends this run: its calls are refused and it stops quietly
      var r = JSON.parse(text);
      if (mine !== runs || r.stale) throw SUPERSEDED;
      if (r.ok === false) throw new Error(r.errors.map(function (e) { return e.message_th; }).join(" · "));
      return r;
    }
    var chain = python.call("hr_start", [field("anonymise").checked]).then(function (text) { id = answer(text).run; });
    for (var i = 0; i < files.length; i += BATCH) {  // one batch read after the other, so the first is ready soon
      reading = reading.then(function (part) { return mine === runs ? packed(part) : null; }.bind(null, files.slice(i, i + BATCH)));
      reads.push({ count: Math.min(BATCH, files.length - i), bytes: reading });
    }
    reading.then(function () { if (performance.mark) performance.mark("digiskill:files-read"); });  // bench/
    reads.forEach(function (batch) {
      chain = chain.then(function () { return batch.bytes; }).then(function (args) {
        if (mine !== runs) throw SUPERSEDED;
        return python.call("hr_add", [id].concat(args));
      }).then(function (text) {
        answer(text);
        done += batch.count;
        if (reads.length > 1) say("วิเคราะห์แล้ว " + done + " จาก " + files.length + " ไฟล์…", "info");
      });
    });
    chain.then(function () { return python.call("hr_done", [id]); }).then(function (text) {
      show(answer(text));
      say("วิเคราะห์เสร็จแล้ว ข้อมูลไม่ได้ส่งออกจากเครื่องนี้", "ok");
      if (performance.measure) performance.measure("digiskill:files-to-results", "digiskill:files-chosen");  // bench/
    }).catch(function (err) {
      if (err === SUPERSEDED) return;
      showMessage("วิเคราะห์ไม่สำเร็จ: " + err.message); say("พร้อม", "ok");
    });
  }

  function applied(statusId, text) {
    var r = JSON.parse(text);
    if (r.ok === false) { $(statusId).textContent = "ใช้ไม่ได้: " + r.errors.map(function (e) { return (e.line ? "บรรทัด " + e.line + ": " : "") + e.message_th; }).join(" · "); $(statusId).dataset.kind = "error"; return; }
    $(statusId).dataset.kind = "ok";
    $(statusId).textContent = statusId === "headcount-status" ? "ใช้จำนวนบุคลากรแล้ว (" + r.rows + " แถว)" : "ใช้ผลของปีที่แล้วแล้ว (" + r.used + " รายการ)";
    return refresh();
  }

  function onFiles(input, handler) { input.addEventListener("change", function () { handler(Array.prototype.slice.call(input.files)); input.value = ""; }); }
  onFiles(root.querySelector('input[data-action="files"]'), function (files) { run(files); });
  onFiles(root.querySelector('input[data-action="folder"]'), function (files) { run(staffFiles(files)); });
  onFiles(root.querySelector('input[data-action="headcount-file"]'), function (files) {
    if (files.length) files[0].text().then(function (text) { $("headcount-text").value = text.replace(/^\ufeff/, ""); });
  });
  onFiles(root.querySelector('input[data-action="last-year"]'), function (files) {
    if (!files.length) return;
    $("last-year-status").textContent = "กำลังอ่านผลของปีที่แล้ว…";
    packed(files).then(function (args) { return python.call("hr_last_year", args); })
      .then(function (text) { return applied("last-year-status", text); })
      .catch(function (err) { showMessage("อ่านผลของปีที่แล้วไม่สำเร็จ: " + err.message); });
  });
  var zone = $("drop-zone");
  zone.addEventListener("dragover", function (e) { e.preventDefault(); zone.dataset.over = "true"; });
  zone.addEventListener("dragleave", function () { delete zone.dataset.over; });
  zone.addEventListener("drop", function (e) { e.preventDefault(); delete zone.dataset.over; run(staffFiles(e.dataTransfer.files)); });
  ["division", "group", "stage", "role"].forEach(function (k) {
    field(k).addEventListener("change", function () { refresh().catch(function (err) { showMessage("แสดงผลไม่สำเร็จ: " + err.message); }); });
  });
  field("component").addEventListener("change", showHeatmap);
  field("unit").addEventListener("change", showEnrolment);

  var types = { xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document", csv: "text/csv" };
  root.addEventListener("click", function (e) {
    var button = e.target.closest("button[data-action]");
    if (!button) return;
    var action = button.dataset.action;
    if (action === "headcount") {
      python.call("hr_headcount", [$("headcount-text").value]).then(function (text) { return applied("headcount-status", text); })
        .catch(function (err) { showMessage("ใช้จำนวนบุคลากรไม่สำเร็จ: " + err.message); });
      return;
    }
    var kind = button.dataset.kind, ext = kind ? "csv" : action.split("_").pop();
    var args = kind ? [kind, kind === "enrolment" ? chosenUnit() : ""] : [];
    var name = kind ? { gaps: "gap-analysis", coverage: "coverage", progress: "progress", trend: "trend", enrolment: "enrolment" }[kind] : "org-plan";
    python.call(action, args).then(function (bytes) {
      DigiskillPython.download(bytes, name + "-" + DigiskillPython.beToday() + "." + ext, types[ext]);
    }, function (err) { showMessage("สร้างไฟล์ไม่สำเร็จ: " + err.message); });
  });

  python = DigiskillPython.start({ root: root, onStatus: say,
    hint: "ไฟล์ของบุคลากรไม่ได้ถูกส่งไปที่ใด ลองเปิดหน้านี้ใหม่ภายหลัง หรือใช้คำสั่ง digiskill aggregate", onReady: function (version) {
    say("พร้อมแล้ว (Python " + version + " ทำงานในเบราว์เซอร์นี้) เลือกไฟล์ได้เลย", "ok");
    if (pending) { var files = pending; pending = null; run(files); }
  } });
})();
