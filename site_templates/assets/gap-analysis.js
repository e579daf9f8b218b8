/* digiskill gap analysis: the page's thin shell. Reads the chosen files, hands them to Python (digiskill.core
   aggregate, in the worker) and shows what comes back: counts, tables and the SVG charts Python drew. */
(function () {
  "use strict";
  var root = document.getElementById("ds-gap");
  if (!root) return;
  var statusBox = document.getElementById("ds-status");
  var messageBox = document.getElementById("ds-message");
  var python = null, pending = null;

  function say(text, kind) { statusBox.textContent = text; statusBox.dataset.kind = kind || "info"; }
  function showMessage(text, kind) { messageBox.hidden = false; messageBox.dataset.kind = kind || "error"; messageBox.textContent = text; }

  function table(headers, rows, className) {
    var el = document.createElement("table");
    if (className) el.className = className;
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
  function put(id, node) { var box = document.getElementById(id); box.textContent = ""; if (node) box.appendChild(node); }

  function show(result) {
    document.getElementById("results").hidden = false;
    document.getElementById("downloads").hidden = result.used === 0;
    root.dataset.used = result.used;
    root.dataset.rejected = result.rejected.length;
    document.getElementById("summary").textContent = "ใช้ไฟล์ได้ " + result.used + " ไฟล์" +
      (result.rejected.length ? " · ไม่ได้ใช้ " + result.rejected.length + " ไฟล์ (ดูเหตุผลด้านล่าง)" : "");
    put("rejected", result.rejected.length ? table(["ไฟล์ที่ไม่ได้ใช้", "เหตุผล"], result.rejected.map(function (r) { return [r.file, r.reason_th]; }), "ds-rejected") : null);
    put("by-group", table(["กลุ่ม", "จำนวน (คน)"], result.staff_by_group.map(function (g) { return [g.title_th, g.count]; }), "ds-by-group"));
    put("by-role", table(["บทบาท", "จำนวน (คน)"], Object.keys(result.staff_by_role).map(function (r) { return [r, result.staff_by_role[r]]; }), "ds-by-role"));
    document.getElementById("top-gaps-chart").innerHTML = result.top_gaps_svg;  // SVG text made by Python, escaped there
    put("top-gaps", table(["กลุ่ม", "รหัส", "ทักษะ", "ยังไม่มี", "สัดส่วน"], result.urgent.map(function (r) {
      return [r.group_title_th, r.code, r.title_th, r.lacking + "/" + r.required, r.percent + "%"]; }), "ds-urgent"));
    document.getElementById("heatmap").innerHTML = result.heatmap_svg;
    put("gap-table", table(["กลุ่ม", "องค์ประกอบ", "รหัส", "ทักษะ", "ต้องมี (คน)", "ยังไม่มี (คน)", "สัดส่วน", "ยังไม่ตอบ"],
      result.table.map(function (r, i) { return [r[1], r[2], r[3], r[4], r[5], r[6], result.table_percent[i] + "%", r[8]]; }), "ds-gap-table"));  // percents rounded by Python
    put("methods", table(["วิธีการพัฒนา", "70:20:10", "จำนวนครั้งที่เลือก"], result.methods.map(function (m) { return [m.title_th, m.part, m.count]; })));
  }

  function run(files) {
    if (!files.length) return;
    if (performance.mark) performance.mark("digiskill:files-chosen");  // read by bench/
    messageBox.hidden = true;
    if (!python.isReady()) { pending = files; say("รับไฟล์แล้ว " + files.length + " ไฟล์ จะเริ่มประมวลผลเมื่อระบบพร้อม", "info"); return; }
    say("กำลังอ่าน " + files.length + " ไฟล์…", "info");
    // Read the files in parallel, then hand Python one buffer with every file back to back (no JSON of 10,000
    // strings); Python splits it again by the files' sizes.
    Promise.all(files.map(function (f) { return f.arrayBuffer().catch(function () { return new ArrayBuffer(0); }); }))
      .then(function (buffers) {
        if (performance.mark) performance.mark("digiskill:files-read");  // read by bench/
        var sizes = buffers.map(function (b) { return b.byteLength; });
        var all = new Uint8Array(sizes.reduce(function (a, b) { return a + b; }, 0)), offset = 0;
        buffers.forEach(function (b) { all.set(new Uint8Array(b), offset); offset += b.byteLength; });
        say("กำลังวิเคราะห์ " + files.length + " ไฟล์ในเครื่องนี้…", "info");
        return python.call("aggregate", [JSON.stringify(files.map(function (f) { return f.name; })),
          JSON.stringify(sizes), all, document.querySelector('[name="anonymise"]').checked]);
      })
      .then(function (text) {
        show(JSON.parse(text));
        say("วิเคราะห์เสร็จแล้ว ข้อมูลไม่ได้ส่งออกจากเครื่องนี้", "ok");
        if (performance.measure) performance.measure("digiskill:files-to-results", "digiskill:files-chosen");  // bench/
      })
      .catch(function (err) { showMessage("วิเคราะห์ไม่สำเร็จ: " + err.message); say("พร้อม", "ok"); });
  }

  var fileInput = root.querySelector('input[data-action="files"]');
  fileInput.addEventListener("change", function () { run(Array.prototype.slice.call(fileInput.files)); fileInput.value = ""; });
  var zone = document.getElementById("drop-zone");
  zone.addEventListener("dragover", function (e) { e.preventDefault(); zone.dataset.over = "true"; });
  zone.addEventListener("dragleave", function () { delete zone.dataset.over; });
  zone.addEventListener("drop", function (e) { e.preventDefault(); delete zone.dataset.over; run(Array.prototype.slice.call(e.dataTransfer.files)); });

  var types = { xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document", csv: "text/csv" };
  var names = { org_plan_xlsx: "org-plan", org_plan_docx: "org-plan", gaps_csv: "gap-analysis" };
  root.addEventListener("click", function (e) {
    var button = e.target.closest("button[data-action]");
    if (!button) return;
    var action = button.dataset.action, ext = action.split("_").pop();
    python.call(action, []).then(function (bytes) {
      DigiskillPython.download(bytes, names[action] + "-" + DigiskillPython.beToday() + "." + ext, types[ext]);
    }, function (err) { showMessage("สร้างไฟล์ไม่สำเร็จ: " + err.message); });
  });

  python = DigiskillPython.start({ root: root, onStatus: say,
    hint: "ไฟล์ของบุคลากรไม่ได้ถูกส่งไปที่ใด ลองเปิดหน้านี้ใหม่ภายหลัง หรือใช้คำสั่ง digiskill aggregate", onReady: function (version) {
    say("พร้อมแล้ว (Python " + version + " ทำงานในเบราว์เซอร์นี้) เลือกไฟล์ได้เลย", "ok");
    if (pending) { var files = pending; pending = null; run(files); }
  } });
})();
