/* digiskill supervisor review: the page's thin shell. It opens a staff member's answers file (Python checks it and says
   what to show), keeps the supervisor's choices in state.review (autosaved under its own key, apart from the
   supervisor's own assessment), and asks Python for the agreed files. The review's shape (#ds-start) and every rule
   (which lines are gaps, the agreed plan, the documents) come from Python. Without Python (python-client.js switches
   the data-needs-python controls off) the autosaved review is kept and can still be downloaded as it was stored. */
(function () {
  "use strict";
  var root = document.getElementById("ds-supervisor");
  if (!root) return;
  var START = JSON.parse(document.getElementById("ds-start").textContent);
  var KEY = root.dataset.storageKey;
  var statusBox = document.getElementById("ds-status"), messageBox = document.getElementById("ds-message");
  var $ = function (sel, el) { return (el || root).querySelector(sel); };
  var $$ = function (sel, el) { return Array.prototype.slice.call((el || root).querySelectorAll(sel)); };
  var python = null, state = null, view = null;

  function say(text, kind) { statusBox.textContent = text; statusBox.dataset.kind = kind || "info"; }
  function showMessage(lines, kind, extra) {
    messageBox.hidden = false; messageBox.dataset.kind = kind || "error"; messageBox.textContent = "";
    [].concat(lines).forEach(function (line) { var p = document.createElement("p"); p.textContent = line; messageBox.appendChild(p); });
    if (extra) messageBox.appendChild(extra);
  }
  function save() {
    try { localStorage.setItem(KEY, JSON.stringify(state)); } catch (err) {
      showMessage("บันทึกในเบราว์เซอร์ไม่ได้ (พื้นที่เต็มหรือถูกปิดไว้) ดาวน์โหลด .json ไว้ก่อนปิดหน้านี้", "error");
    }
  }
  function review() {
    if (!state.review) state.review = JSON.parse(JSON.stringify(START.empty_review));
    return state.review;
  }
  /* The autosaved review as it was stored: Python checks and shows it once it is ready; until then (or if Python
     cannot start) the #draft-kept note offers it for download. */
  var draftText = null;
  function loadDraft() {
    try { draftText = localStorage.getItem(KEY); } catch (err) { draftText = null; }
    var draft = null;
    try { draft = JSON.parse(draftText); } catch (err) { draft = null; }
    if (!draft || typeof draft !== "object" || Array.isArray(draft)) return;
    state = draft;
    var person = draft.person || {};
    $("#draft-who").textContent = (person.name || "ไม่ระบุชื่อ") + (draft.role ? " · บทบาท " + draft.role : "");
    $("#draft-kept").hidden = false;
  }
  function latestProgress() { return state.progress && state.progress.length ? state.progress[state.progress.length - 1] : null; }

  /* ---- show a checked file ---- */
  function render() {
    var r = review(), role = view.role, person = state.person || {};
    $("#review-form").hidden = false;
    $("#who").textContent = (person.name || "(ไม่ระบุชื่อ)") + (person.position ? " · " + person.position : "") +
      " — กลุ่ม" + role.group_title_th + " · " + role.stage_title_th + " · บทบาท " + role.code + " " + role.title_th;
    $$('input[name="role_decision"]').forEach(function (i) { i.checked = i.value === r.role_decision; });
    $('[name="proposed_role"]').value = r.proposed_role || "";
    $('[name="reason"]').value = r.reason || "";
    $('[name="multi_group"]').checked = !!r.multi_group;
    $('[name="next_level-name"]').value = r.next_level.name || "";
    $('[name="next_level-position"]').value = r.next_level.position || "";
    ["support", "opinion"].forEach(function (k) { $('[name="' + k + '"]').value = r[k] || ""; });
    ["name", "position", "date"].forEach(function (k) { $('[name="supervisor-' + k + '"]').value = r.supervisor[k] || ""; });
    toggles();
    var answered = document.createElement("ul");
    view.answered.forEach(function (a) {
      var li = document.createElement("li");
      li.textContent = a.code + " " + a.title_th + ": " + (a.has === true ? "มี" : a.has === false ? "ยังไม่มี" : "ยังไม่ตอบ");
      answered.appendChild(li);
    });
    $("#answered").textContent = ""; $("#answered").appendChild(answered);
    var box = $("#lines"), template = document.getElementById("line-template");
    box.textContent = "";
    if (!view.lines.length) { var p = document.createElement("p"); p.className = "ds-note"; p.textContent = "บุคลากรไม่มีรายการที่ต้องพัฒนา"; box.appendChild(p); }
    view.lines.forEach(function (line) {
      var el = template.content.firstElementChild.cloneNode(true), mine = r.lines[line.code] || {};
      el.dataset.code = line.code;
      $('[data-slot="title"]', el).textContent = line.code + " " + line.title_th;
      $('[data-slot="staff"]', el).textContent = "บุคลากรเสนอ: ลำดับ " + (line.priority || "-") + " · " +
        (line.methods_th.join(", ") || "ยังไม่เลือกวิธี") + (line.target_date_th ? " · ภายใน " + line.target_date_th : "") +
        (line.goal ? " · เป้าหมาย: " + line.goal : "");
      $$("input, textarea", el).forEach(function (input) {
        var id = "line-" + line.code + "-" + input.dataset.field + (input.type === "radio" || input.type === "checkbox" ? "-" + input.value : "");
        input.id = id;
        if (input.type === "radio") input.name = "decision-" + line.code;
      });
      $$('[data-field="decision"]', el).forEach(function (i) { i.checked = i.value === (mine.decision || ""); });
      $('[data-field="priority"]', el).value = mine.priority || "";
      $('[data-field="target_date"]', el).value = mine.target_date || "";
      $('[data-field="comment"]', el).value = mine.comment || "";
      var methods = mine.methods || line.methods;
      $$('[data-field="methods"]', el).forEach(function (c) { c.checked = methods.indexOf(c.value) >= 0; });
      box.appendChild(el);
      lineToggles(el);
    });
    var progress = latestProgress();
    $("#progress-part").hidden = !progress;
    if (progress) {
      var last = view.progress[view.progress.length - 1], list = document.createElement("ul");
      last.lines.forEach(function (l) {
        var li = document.createElement("li");
        li.textContent = l.code + " " + l.title_th + ": " + [l.status_th, l.outcome_th, l.evidence, l.applied].filter(Boolean).join(" · ");
        list.appendChild(li);
      });
      $("#progress-latest").textContent = "ทบทวนเมื่อ " + (last.date_th || "-");
      $("#progress-latest").appendChild(list);
      $('[name="progress-feedback"]').value = progress.feedback || "";
    }
  }
  function toggles() {
    var r = review();
    $("#proposal").hidden = r.role_decision !== "proposed";
    $("#next-level").hidden = !r.multi_group;
  }
  function lineToggles(el) {
    var mine = review().lines[el.dataset.code] || {};
    $('[data-slot="changes"]', el).hidden = mine.decision !== "changed";
    $('[data-slot="methods"]', el).hidden = mine.decision !== "changed";
  }

  /* ---- inputs -> state.review ---- */
  root.addEventListener("change", onInput);
  root.addEventListener("input", function (e) { if (e.target.type === "text" || e.target.tagName === "TEXTAREA") onInput(e); });
  function onInput(e) {
    if (!state || !view) return;
    var t = e.target, name = t.name || "", r = review(), line = t.closest(".ds-plan");
    if (line && t.dataset.field) {
      var code = line.dataset.code, mine = r.lines[code] || (r.lines[code] = { decision: "agreed", priority: null, methods: null, target_date: "", comment: "" });
      var f = t.dataset.field;
      if (f === "decision") { mine.decision = t.value; lineToggles(line); }
      else if (f === "priority") mine.priority = t.value === "" ? null : parseInt(t.value, 10);
      else if (f === "methods") mine.methods = $$('[data-field="methods"]', line).filter(function (c) { return c.checked; }).map(function (c) { return c.value; });
      else mine[f] = t.value;
    } else if (name === "role_decision") { r.role_decision = t.value; toggles(); }
    else if (name === "multi_group") { r.multi_group = t.checked; toggles(); }
    else if (name === "proposed_role" || name === "reason" || name === "support" || name === "opinion") { r[name] = t.value || (name === "proposed_role" ? null : ""); }
    else if (name.indexOf("supervisor-") === 0) { r.supervisor[name.slice(11)] = t.value; }
    else if (name.indexOf("next_level-") === 0) { r.next_level[name.slice(11)] = t.value; }
    else if (name === "progress-feedback") {
      var p = latestProgress(); p.feedback = t.value;
      p.supervisor = { name: r.supervisor.name, position: r.supervisor.position, date: r.supervisor.date };
    } else return;
    save();
  }

  /* ---- open, download ---- */
  /* A saved review Python cannot use is never dropped in silence (as on the assessment page): a copy is kept under
     KEY.backup, downloadable from the message, which says what was wrong. */
  function keepBackup(text, errors) {
    try { localStorage.setItem(KEY + ".backup", text); } catch (err) { /* the download below still works */ }
    var button = document.createElement("button");
    button.type = "button"; button.className = "md-button"; button.textContent = "ดาวน์โหลดสำเนาที่เก็บไว้ (.json)";
    button.addEventListener("click", function () { DigiskillPython.download(text, "digiskill-review-backup.json", "application/json"); });
    showMessage(["สิ่งที่พิจารณาไว้ในเบราว์เซอร์นี้ใช้ต่อไม่ได้ เก็บสำเนาเดิมไว้แล้ว (ดาวน์โหลดได้จากปุ่มด้านล่าง):"].concat(
      errors.map(function (x) { return "• " + x.message_th; })), "error", button);
  }
  function open(text, fromDraft) {
    return python.call("review_view", [text]).then(function (reply) {
      var result = JSON.parse(reply);
      if (!result.ok) {
        if (fromDraft) { state = null; return keepBackup(text, result.errors); }
        return showMessage(["เปิดไฟล์ไม่ได้ ข้อมูลที่พิจารณาอยู่ไม่เปลี่ยนแปลง:"].concat(result.errors.map(function (x) { return "• " + x.message_th; })), "error");
      }
      state = result.assessment; view = result.view;
      save(); render();
      if (!fromDraft) showMessage(["เปิดแผนของ " + (state.person.name || "บุคลากร") + " แล้ว"].concat(
        (result.warnings || []).map(function (x) { return "• " + x.message_th; })), "ok");
    });
  }
  $('input[data-action="open"]').addEventListener("change", function (e) {
    var file = e.target.files[0]; e.target.value = "";
    if (!file) return;
    if (!python.isReady()) return showMessage("รอระบบประมวลผลพร้อมสักครู่ แล้วเลือกไฟล์อีกครั้ง", "error");
    file.text().then(function (text) { return open(text, false); })
      .catch(function (err) { showMessage("อ่านไฟล์ไม่ได้ (" + err.message + ")", "error"); });
  });
  function fileName(ext) {
    return "idp-agreed-" + ((state && state.role) || "draft").toLowerCase() + "-" + DigiskillPython.beToday() + "." + ext;
  }
  var types = { docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" };
  root.addEventListener("click", function (e) {
    var button = e.target.closest("button[data-action]");
    if (!button) return;
    var action = button.dataset.action;
    if (action === "reset") {
      if (!window.confirm("ล้างแผนที่กำลังพิจารณาในเครื่องนี้? (ถ้ายังไม่ได้ดาวน์โหลด .json จะหายไป)")) return;
      localStorage.removeItem(KEY); state = null; view = null; draftText = null;
      $("#review-form").hidden = true; $("#draft-kept").hidden = true; return;
    }
    if (!state) return showMessage("เปิดไฟล์ของบุคลากรก่อน", "error");
    if (action === "json" || action === "draft-json") return DigiskillPython.download(JSON.stringify(state, null, 1), fileName("json"), "application/json");
    python.call(action, [JSON.stringify(state)]).then(function (bytes) {
      DigiskillPython.download(bytes, fileName(action), types[action]);
    }, function (err) { showMessage("สร้างไฟล์ไม่สำเร็จ: " + err.message, "error"); });
  });

  loadDraft();
  python = DigiskillPython.start({ root: root, onStatus: say,
    hint: "ดูสิ่งที่ยังทำได้ในข้อ 1 ด้านล่าง", onReady: function (version) {
      say("พร้อมแล้ว (Python " + version + " ทำงานในเบราว์เซอร์นี้) เปิดไฟล์ของบุคลากรได้เลย", "ok");
      if (draftText) open(draftText, true);
    } });
})();
