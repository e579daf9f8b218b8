/* digiskill self-assessment: the page's thin shell. It keeps the answers (localStorage), shows the questions of the
   chosen role, talks to the Python worker and saves files. Every rule (what a role needs, how gaps become the plan,
   suggestions, the 70:20:10 check, Thai dates, the group finder, import checks) is Python, in the worker.
   The worker is started and called through python-client.js. */
(function () {
  "use strict";
  var root = document.getElementById("ds-assessment");
  if (!root) return;

  var FORMAT = "digiskill-assessment";
  var KEY = root.dataset.storageKey;
  var statusBox = document.getElementById("ds-status");
  var messageBox = document.getElementById("ds-message");
  var $ = function (sel, el) { return (el || root).querySelector(sel); };
  var $$ = function (sel, el) { return Array.prototype.slice.call((el || root).querySelectorAll(sel)); };

  function emptyState() {
    return { format: FORMAT, schema_version: 1,
             framework: { id: root.dataset.framework, data_version: root.dataset.dataVersion },
             group: null, stage: root.dataset.defaultStage || null, role: null,
             person: { name: "", position: "", agency: root.dataset.agencyName || "", supervisor: "" }, mission: "",
             answers: {}, plan: {}, finder: { shares: {}, career: "" }, saved_at: "" };
  }

  function loadState() {
    try {
      var saved = JSON.parse(localStorage.getItem(KEY) || "null");
      if (saved && saved.format === FORMAT) return Object.assign(emptyState(), saved);
    } catch (err) { /* unreadable draft: start empty, but never overwrite it until the user changes something */ }
    return emptyState();
  }

  var state = loadState();
  var stageNumbers = {};
  $$('input[name="stage"]').forEach(function (input) { stageNumbers[input.value] = input.dataset.number; });

  function say(text, kind) {
    statusBox.textContent = text;
    statusBox.dataset.kind = kind || "info";
  }
  function showMessage(lines, kind) {
    messageBox.hidden = false;
    messageBox.dataset.kind = kind || "error";
    messageBox.textContent = "";
    [].concat(lines).forEach(function (line) {
      var p = document.createElement("p"); p.textContent = line; messageBox.appendChild(p);
    });
  }
  function clearMessage() { messageBox.hidden = true; messageBox.textContent = ""; }

  function save() {
    state.saved_at = new Date().toISOString();
    try {
      localStorage.setItem(KEY, JSON.stringify(state));
    } catch (err) {
      // In the alert box, not the status line: the "Python is ready" message must not hide it.
      showMessage("บันทึกในเบราว์เซอร์ไม่ได้ (พื้นที่เต็มหรือถูกปิดไว้) กด \"บันทึกคำตอบ (.json)\" เพื่อเก็บคำตอบเป็นไฟล์ก่อนปิดหน้านี้", "error");
    }
  }

  /* ---- the role and its questions ---- */
  function currentRole() {
    return state.group && state.stage && stageNumbers[state.stage] ? state.group + stageNumbers[state.stage] : null;
  }
  function roleCodes() {
    var role = state.role;
    return $$(".ds-q").filter(function (q) { return role && q.dataset.roles.split(" ").indexOf(role) >= 0; })
      .map(function (q) { return q.dataset.code; });
  }

  function showRole() {
    state.role = currentRole();
    $$(".ds-role-summary").forEach(function (el) { el.hidden = el.dataset.role !== state.role; });
    $("[data-role-empty]").hidden = !!state.role;
    $$(".ds-q").forEach(function (q) {
      q.hidden = !(state.role && q.dataset.roles.split(" ").indexOf(state.role) >= 0);
    });
    $$(".ds-component").forEach(function (c) { c.hidden = !$$(".ds-q:not([hidden])", c).length; });
  }

  /* The file people download and HR aggregates: only the current role's answers. Works without Python. */
  function exportState() {
    var codes = roleCodes(), answers = {}, plan = {};
    codes.forEach(function (code) {
      if (state.answers[code]) answers[code] = state.answers[code];
      if (state.plan[code] && state.answers[code] && state.answers[code].has === false) plan[code] = state.plan[code];
    });
    return { format: FORMAT, schema_version: 1, framework: state.framework, role: state.role,
             group: state.group, stage: state.stage, person: state.person, mission: state.mission,
             answers: answers, plan: plan, saved_at: state.saved_at || new Date().toISOString() };
  }

  /* ---- form <-> state ---- */
  function fillForm() {
    $$('input[name="group"]').forEach(function (i) { i.checked = i.value === state.group; });
    $$('input[name="stage"]').forEach(function (i) { i.checked = i.value === state.stage; });
    $$(".ds-q").forEach(function (q) {
      var a = state.answers[q.dataset.code] || {};
      $$('input[type="radio"]', q).forEach(function (i) { i.checked = (i.value === "yes") === (a.has === true) && a.has != null; });
      $('input[type="text"]', q).value = a.note || "";
    });
    Object.keys(state.person).forEach(function (k) {
      var input = $('[name="person-' + k + '"]'); if (input) input.value = state.person[k] || "";
    });
    $('[name="mission"]').value = state.mission || "";
    $$("[data-share]").forEach(function (i) { i.value = state.finder.shares[i.dataset.share] || ""; });
    $('[name="career"]').value = state.finder.career || "";
    showRole();
    renderPlan();
  }

  function planFor(code) {
    return state.plan[code] || (state.plan[code] = { priority: null, methods: [], target_date: "", goal: "", application: "", support: "" });
  }

  function renderPlan() {
    var box = document.getElementById("plan-lines");
    var template = document.getElementById("plan-template");
    var gaps = roleCodes().filter(function (code) { return state.answers[code] && state.answers[code].has === false; });
    document.getElementById("plan-empty").hidden = gaps.length > 0;
    $$(".ds-plan", box).forEach(function (el) { if (gaps.indexOf(el.dataset.code) < 0) el.remove(); });
    gaps.forEach(function (code) {
      var el = $('.ds-plan[data-code="' + code + '"]', box);
      if (!el) {
        el = template.content.firstElementChild.cloneNode(true);
        el.dataset.code = code;
        var q = document.getElementById("q-" + code.toLowerCase());
        el.querySelector('[data-slot="title"]').textContent = $("legend", q).textContent.trim();
        $$("[data-suggest-for]", el).forEach(function (s) {
          s.hidden = s.dataset.suggestFor.split(" ").indexOf(q.dataset.component) < 0;
        });
        $$("input, textarea", el).forEach(function (input) {
          input.id = "plan-" + code + "-" + input.dataset.field + (input.type === "checkbox" ? "-" + input.value : "");
        });
        var p = planFor(code);
        $('[data-field="priority"]', el).value = p.priority || "";
        $('[data-field="target_date"]', el).value = p.target_date || "";
        ["goal", "application", "support"].forEach(function (f) { $('[data-field="' + f + '"]', el).value = p[f] || ""; });
        $$('[data-field="methods"]', el).forEach(function (c) { c.checked = p.methods.indexOf(c.value) >= 0; });
      }
      box.appendChild(el);  // keeps the role's order
    });
  }

  function readInput(target) {
    var name = target.name || "", field = target.dataset.field, plan = target.closest(".ds-plan");
    if (name === "group" || name === "stage") {
      state[name] = target.value; showRole(); renderPlan();
    } else if (name.indexOf("has-") === 0) {
      var code = name.slice(4), a = state.answers[code] || (state.answers[code] = { has: null, note: "" });
      a.has = target.value === "yes"; renderPlan();
    } else if (name.indexOf("note-") === 0) {
      var c = name.slice(5); (state.answers[c] || (state.answers[c] = { has: null, note: "" })).note = target.value;
    } else if (name.indexOf("person-") === 0) {
      state.person[name.slice(7)] = target.value;
    } else if (name === "mission") {
      state.mission = target.value;
    } else if (target.dataset.share) {
      state.finder.shares[target.dataset.share] = target.value === "" ? "" : Number(target.value);
    } else if (name === "career") {
      state.finder.career = target.value;
    } else if (plan && field) {
      var p = planFor(plan.dataset.code);
      if (field === "methods") {
        p.methods = $$('[data-field="methods"]', plan).filter(function (c) { return c.checked; }).map(function (c) { return c.value; });
      } else if (field === "priority") {
        p.priority = target.value === "" ? null : parseInt(target.value, 10);
      } else {
        p[field] = target.value;
      }
    } else {
      return;
    }
    save();
    schedulePreview();
  }
  root.addEventListener("change", function (e) { readInput(e.target); });
  root.addEventListener("input", function (e) { if (e.target.type === "text" || e.target.tagName === "TEXTAREA") readInput(e.target); });

  /* ---- the Python worker (python-client.js) ---- */
  var python = null, ready = false, previewTimer = null;
  function call(name, args) { return python.call(name, args); }

  function startPython() {
    python = DigiskillPython.start({ root: root, onStatus: say,
      hint: "คำตอบของคุณยังบันทึกอยู่ และกด \"บันทึกคำตอบ (.json)\" เพื่อเก็บเป็นไฟล์ได้เสมอ", onReady: function (version) {
      ready = true;
      say("พร้อมแล้ว: สร้างไฟล์แผนได้ (Python " + version + " ทำงานในเบราว์เซอร์นี้ ไม่ส่งข้อมูลออกไป)", "ok");
      $$("[data-action=docx], [data-action=xlsx], [data-action=print]").forEach(function (b) { b.disabled = false; });
      schedulePreview(0);
    } });
  }

  /* ---- preview (the same blocks as the DOCX and XLSX) ---- */
  function schedulePreview(delay) {
    if (!ready || !state.role) return;
    clearTimeout(previewTimer);
    previewTimer = setTimeout(function () {
      call("preview", [JSON.stringify(exportState())]).then(function (text) {
        var result = JSON.parse(text);
        if (result.ok) renderPreview(result);
      }).catch(function () {});
    }, delay === undefined ? 300 : delay);
  }

  function renderPreview(result) {
    var box = document.getElementById("ds-preview");
    box.textContent = "";
    result.blocks.forEach(function (block) {
      var el;
      if (block.type === "title") { el = document.createElement("h2"); el.textContent = block.text; }
      else if (block.type === "heading") { el = document.createElement("h3"); el.textContent = block.text; }
      else if (block.type === "meta" || block.type === "paragraph") {
        el = document.createElement("p"); el.className = "ds-preview__" + block.type; el.textContent = block.text;
      } else {
        el = document.createElement("table");
        var rows = block.type === "table" ? [block.headers].concat(block.rows)
          : block.type === "fields" ? block.rows : block.rows.map(function (l) { return [l, "ลงชื่อ .................... วันที่ ...................."]; });
        rows.forEach(function (row, index) {
          var tr = document.createElement("tr");
          row.forEach(function (value, col) {
            var cell = document.createElement(block.type === "table" && index === 0 ? "th" : (block.type !== "table" && col === 0 ? "th" : "td"));
            if (cell.tagName === "TH") cell.scope = block.type === "table" ? "col" : "row";
            cell.textContent = value == null ? "" : String(value);
            tr.appendChild(cell);
          });
          el.appendChild(tr);
        });
      }
      box.appendChild(el);
    });
    document.getElementById("balance").textContent = result.balance_note_th;
    var c = result.counts;
    document.getElementById("progress").textContent =
      "ตอบแล้ว " + (c.required - c.unanswered) + " จาก " + c.required + " รายการ · มี " + c.have + " · ต้องพัฒนา " + c.gaps;
  }

  /* ---- files ---- */
  var download = DigiskillPython.download;
  function fileName(ext) { return "idp-" + (state.role || "draft").toLowerCase() + "-" + DigiskillPython.beToday() + "." + ext; }

  var actions = {
    json: function () {
      if (!state.role) return showMessage("เลือกกลุ่มและระยะก่อน แล้วจึงบันทึกคำตอบ", "error");
      download(JSON.stringify(exportState(), null, 1), fileName("json"), "application/json");
    },
    docx: function () {
      if (!state.role) return showMessage("เลือกกลุ่มและระยะก่อน", "error");
      call("docx", [JSON.stringify(exportState())]).then(function (bytes) {
        download(bytes, fileName("docx"), "application/vnd.openxmlformats-officedocument.wordprocessingml.document");
      }, function (err) { showMessage("สร้างไฟล์ Word ไม่สำเร็จ: " + err.message); });
    },
    xlsx: function () {
      if (!state.role) return showMessage("เลือกกลุ่มและระยะก่อน", "error");
      call("xlsx", [JSON.stringify(exportState())]).then(function (bytes) {
        download(bytes, fileName("xlsx"), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
      }, function (err) { showMessage("สร้างไฟล์ Excel ไม่สำเร็จ: " + err.message); });
    },
    print: function () { schedulePreview(0); setTimeout(function () { window.print(); }, 400); },
    reset: function () {
      if (!window.confirm("ลบคำตอบทั้งหมดในเครื่องนี้แล้วเริ่มใหม่? (ถ้ายังไม่ได้บันทึกเป็นไฟล์ .json คำตอบจะหายไป)")) return;
      localStorage.removeItem(KEY);
      state = emptyState(); fillForm(); clearMessage();
      document.getElementById("ds-preview").textContent = "";
    },
    classify: function () {
      if (!ready) return showMessage("รอระบบประมวลผลพร้อมสักครู่ แล้วกดอีกครั้ง", "info");
      call("classify", [JSON.stringify(state.finder.shares), state.finder.career]).then(function (text) {
        var r = JSON.parse(text);
        document.getElementById("finder-result").textContent = r.reason_th;
        if (r.group) {
          state.group = r.group; save(); fillForm(); schedulePreview();
        }
      });
    },
  };
  root.addEventListener("click", function (e) {
    var button = e.target.closest("button[data-action]");
    if (button && actions[button.dataset.action]) { clearMessage(); actions[button.dataset.action](); }
  });

  $('input[data-action="import"]').addEventListener("change", function (e) {
    var file = e.target.files[0];
    e.target.value = "";
    if (!file) return;
    clearMessage();
    if (!ready) return showMessage("รอระบบประมวลผลพร้อมก่อน แล้วนำเข้าอีกครั้ง (คำตอบปัจจุบันไม่เปลี่ยน)", "error");
    file.text().then(function (text) {
      return call("check_import", [text]);
    }).then(function (text) {
      var result = JSON.parse(text);
      if (!result.ok) {
        return showMessage(["นำเข้าไม่ได้ คำตอบปัจจุบันไม่เปลี่ยนแปลง:"].concat(result.errors.map(function (x) { return "• " + x.message_th; })), "error");
      }
      var incoming = result.assessment;
      if (Object.keys(state.answers).length && !window.confirm("แทนที่คำตอบปัจจุบันด้วยคำตอบจากไฟล์นี้?")) return;
      var role = incoming.role;
      state = Object.assign(emptyState(), incoming, { group: role.charAt(0), finder: state.finder,
        stage: Object.keys(stageNumbers).filter(function (s) { return stageNumbers[s] === role.slice(1); })[0] });
      save(); fillForm(); schedulePreview(0);
      showMessage("นำเข้าคำตอบของบทบาท " + role + " แล้ว", "ok");
    }).catch(function (err) {
      showMessage("อ่านไฟล์ไม่ได้ คำตอบปัจจุบันไม่เปลี่ยนแปลง (" + err.message + ")", "error");
    });
  });

  /* ---- start: deep links (?role=a1&unit=dlit100), the saved draft, then Python ---- */
  var params = new URLSearchParams(location.search);
  var linkRole = (params.get("role") || "").toUpperCase();
  var linkStage = Object.keys(stageNumbers).filter(function (s) { return stageNumbers[s] === linkRole.slice(1); })[0];
  if (linkRole && linkStage && $('input[name="group"][value="' + linkRole.charAt(0) + '"]')) {
    state.group = linkRole.charAt(0); state.stage = linkStage;
  }
  if (root.dataset.defaultStage) document.getElementById("stage-preset").hidden = false;
  fillForm();
  if (window.performance && performance.mark) performance.mark("digiskill:questions-ready");  // read by bench/
  var unit = params.get("unit");
  if (unit) {
    var target = document.getElementById("q-" + unit.toLowerCase());
    if (target && !target.hidden) { target.scrollIntoView(); var first = $("input", target); if (first) first.focus(); }
  }
  startPython();
})();
