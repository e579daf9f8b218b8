/* digiskill self-assessment: the page's thin shell. It keeps the answers (localStorage), shows the questions of the
   chosen role, talks to the Python worker and saves files. Every rule (what a role needs, how gaps become the plan,
   suggestions, the 70:20:10 check, Thai dates, the group finder, the file format and its checks) is Python: in the
   worker, or rendered into the page at build time (#ds-start: the empty answers file and the role look-up).
   The worker is started and called through python-client.js. */
(function () {
  "use strict";
  var root = document.getElementById("ds-assessment");
  if (!root) return;

  var KEY = root.dataset.storageKey, BACKUP_KEY = KEY + ".backup";
  var START = JSON.parse(document.getElementById("ds-start").textContent);
  var statusBox = document.getElementById("ds-status");
  var messageBox = document.getElementById("ds-message");
  var $ = function (sel, el) { return (el || root).querySelector(sel); };
  var $$ = function (sel, el) { return Array.prototype.slice.call((el || root).querySelectorAll(sel)); };

  function emptyState() { return JSON.parse(JSON.stringify(START.empty)); }

  /* The autosaved draft as it was stored, shown at once; Python checks it as soon as it is ready (checkDraft). */
  var draftText = null, draftUnreadable = false;
  function loadState() {
    try { draftText = localStorage.getItem(KEY); } catch (err) { draftText = null; }
    if (!draftText) return emptyState();
    try {
      var saved = JSON.parse(draftText);
      if (saved && typeof saved === "object" && !Array.isArray(saved)) {
        var state = Object.assign(emptyState(), saved);
        ["person", "answers", "plan", "finder"].forEach(function (k) {
          if (!state[k] || typeof state[k] !== "object" || Array.isArray(state[k])) state[k] = emptyState()[k];
        });
        return state;
      }
    } catch (err) { /* reported below */ }
    draftUnreadable = true;
    return emptyState();
  }
  var state = loadState();

  function say(text, kind) {
    statusBox.textContent = text;
    statusBox.dataset.kind = kind || "info";
  }
  function showMessage(lines, kind, extra) {
    messageBox.hidden = false;
    messageBox.dataset.kind = kind || "error";
    messageBox.textContent = "";
    [].concat(lines).forEach(function (line) {
      var p = document.createElement("p"); p.textContent = line; messageBox.appendChild(p);
    });
    if (extra) messageBox.appendChild(extra);
  }
  function problemLines(result) {
    return result.errors.concat(result.warnings || []).map(function (x) { return "• " + x.message_th; });
  }
  function clearMessage() { messageBox.hidden = true; messageBox.textContent = ""; }

  var hooks = [];  // assessment-cycle.js listens here
  function save() {
    hooks.forEach(function (hook) { hook("save"); });
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
    return (state.group && state.stage && (START.roles[state.group] || {})[state.stage]) || null;
  }
  function placeOfRole(code) {  // {group, stage} of a role code, from the catalog's role table
    for (var group in START.roles) for (var stage in START.roles[group]) {
      if (START.roles[group][stage] === code) return { group: group, stage: stage };
    }
    return null;
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

  /* The file people download and HR aggregates is the answers file itself (Python checks it when it is read). */
  function exportState() {
    return Object.assign({}, state, { saved_at: state.saved_at || new Date().toISOString() });
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

  function planFor(code, future) {  // future: a line of the "for future work" part (state.future.plan)
    if (future && !state.future) state.future = JSON.parse(JSON.stringify(START.empty.future));
    var book = future ? (state.future.plan || (state.future.plan = {})) : state.plan;
    return book[code] || (book[code] = JSON.parse(JSON.stringify(START.empty_plan_line)));
  }

  /* One plan line's form, from the page's template (the same for this year's plan and the future part). */
  function makePlanLine(code, title, entry, idPrefix) {
    var el = document.getElementById("plan-template").content.firstElementChild.cloneNode(true);
    el.dataset.code = code;
    el.querySelector('[data-slot="title"]').textContent = title;
    var q = document.getElementById("q-" + code.toLowerCase());
    $$("[data-suggest-for]", el).forEach(function (s) {
      s.hidden = !q || s.dataset.suggestFor.split(" ").indexOf(q.dataset.component) < 0;
    });
    $$("input, textarea", el).forEach(function (input) {
      input.id = idPrefix + code + "-" + input.dataset.field + (input.type === "checkbox" ? "-" + input.value : "");
    });
    $('[data-field="priority"]', el).value = entry.priority || "";
    $('[data-field="target_date"]', el).value = entry.target_date || "";
    ["goal", "indicator", "application", "support"].forEach(function (f) { $('[data-field="' + f + '"]', el).value = entry[f] || ""; });
    $$('[data-field="methods"]', el).forEach(function (c) { c.checked = (entry.methods || []).indexOf(c.value) >= 0; });
    return el;
  }

  function renderPlan() {
    var box = document.getElementById("plan-lines");
    var gaps = roleCodes().filter(function (code) { return state.answers[code] && state.answers[code].has === false; });
    document.getElementById("plan-empty").hidden = gaps.length > 0;
    $$(".ds-plan", box).forEach(function (el) { if (gaps.indexOf(el.dataset.code) < 0) el.remove(); });
    gaps.forEach(function (code) {
      var el = $('.ds-plan[data-code="' + code + '"]', box);
      if (!el) {
        var q = document.getElementById("q-" + code.toLowerCase());
        el = makePlanLine(code, $("legend", q).textContent.trim(), planFor(code), "plan-");
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
      var p = planFor(plan.dataset.code, !!plan.closest("#future-lines"));
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
      checkDraft();
      hooks.forEach(function (hook) { hook("ready"); });
    } });  // python-client.js switches the [data-needs-python] controls; JSON and printing the form need no Python
  }

  function printPlan() {
    if (ready) { schedulePreview(0); setTimeout(function () { window.print(); }, 400); return; }
    root.dataset.print = "form";  // the print style shows the answers and plan lines as filled in on this page
    window.addEventListener("afterprint", function () { delete root.dataset.print; }, { once: true });
    window.print();
  }

  /* ---- preview (the same blocks as the DOCX and XLSX) ---- */
  function schedulePreview(delay) {
    if (!ready || !state.role) return;
    clearTimeout(previewTimer);
    previewTimer = setTimeout(function () {
      call("preview", [JSON.stringify(exportState())]).then(function (text) {
        var result = JSON.parse(text);
        if (result.ok) return renderPreview(result);
        var box = document.getElementById("ds-preview");  // e.g. a character Word cannot hold, pasted into a note
        box.textContent = "";
        ["ยังสร้างร่างแผนไม่ได้ แก้ข้อมูลต่อไปนี้ก่อน:"].concat(problemLines(result)).forEach(function (line) {
          var p = document.createElement("p"); p.className = "ds-preview__problem"; p.textContent = line; box.appendChild(p);
        });
      }).catch(function () {});
    }, delay === undefined ? 300 : delay);
  }

  function renderPreview(result) {
    document.getElementById("ds-preview").innerHTML = result.html;  // HTML made and escaped by Python
    document.getElementById("balance").textContent = result.balance_note_th;
    document.getElementById("progress").textContent = result.progress_th;
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
    print: printPlan,
    reset: function () {
      if (!window.confirm("ลบคำตอบทั้งหมดในเครื่องนี้แล้วเริ่มใหม่? (ถ้ายังไม่ได้บันทึกเป็นไฟล์ .json คำตอบจะหายไป)")) return;
      localStorage.removeItem(KEY);
      draftText = null;
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
      if (Object.keys(state.answers).length && !window.confirm("แทนที่คำตอบปัจจุบันด้วยคำตอบจากไฟล์นี้?")) return;
      var finder = state.finder;
      state = result.assessment;
      if (!Object.keys(state.finder.shares).length) state.finder = finder;
      save(); fillForm(); schedulePreview(0);
      hooks.forEach(function (hook) { hook("replace"); });
      showMessage(["นำเข้าคำตอบของบทบาท " + state.role + " แล้ว"].concat(problemLines(result)), "ok");
    }).catch(function (err) {
      showMessage("อ่านไฟล์ไม่ได้ คำตอบปัจจุบันไม่เปลี่ยนแปลง (" + err.message + ")", "error");
    });
  });

  /* The autosaved draft goes through the same check as any imported file. A damaged draft is never dropped in
     silence: the page keeps a copy (BACKUP_KEY, downloadable), says what was wrong and goes on with what was sound. */
  function keepBackup(text, problems) {
    try { localStorage.setItem(BACKUP_KEY, text); } catch (err) { /* the download below still works */ }
    var button = document.createElement("button");
    button.type = "button"; button.className = "md-button"; button.textContent = "ดาวน์โหลดสำเนาคำตอบเดิมที่เก็บไว้ (.json)";
    button.addEventListener("click", function () { download(text, "digiskill-draft-backup.json", "application/json"); });
    showMessage(["คำตอบที่บันทึกไว้ในเบราว์เซอร์นี้เสียหาย เก็บสำเนาเดิมไว้แล้ว (ดาวน์โหลดได้จากปุ่มด้านล่าง)"].concat(problems), "error", button);
  }
  function checkDraft() {
    if (!draftText) return schedulePreview(0);
    var text = draftText;
    draftText = null;
    if (draftUnreadable) { keepBackup(text, ["• อ่านข้อมูลไม่ได้ (ไม่ใช่ JSON) จึงเริ่มแบบประเมินใหม่"]); return; }
    call("check_draft", [text]).then(function (reply) {
      var result = JSON.parse(reply);
      if (result.errors.length || !result.assessment) {
        keepBackup(text, problemLines(result));
        state = result.assessment || emptyState();
        fillForm(); save();
      } else {
        state = result.assessment;
        fillForm();
      }
      schedulePreview(0);
      hooks.forEach(function (hook) { hook("replace"); });
    });
  }

  /* What assessment-cycle.js (progress, future role, next year) uses; it keeps no rules either. */
  window.DigiskillAssessment = {
    state: function () { return state; }, start: START,
    replace: function (next) { state = next; save(); fillForm(); schedulePreview(0); hooks.forEach(function (h) { h("replace"); }); },
    save: function () { save(); schedulePreview(); }, call: function (name, args) { return call(name, args); },
    isReady: function () { return ready; }, showMessage: showMessage, problemLines: problemLines,
    makePlanLine: makePlanLine, planFor: planFor, onChange: function (hook) { hooks.push(hook); },
  };

  /* ---- start: deep links (?role=a1&unit=dlit100), the saved draft, then Python ---- */
  var params = new URLSearchParams(location.search);
  var linkPlace = placeOfRole((params.get("role") || "").toUpperCase());
  if (linkPlace) { state.group = linkPlace.group; state.stage = linkPlace.stage; }
  if (root.dataset.defaultStage) document.getElementById("stage-preset").hidden = false;
  try { fillForm(); } catch (err) { state = emptyState(); fillForm(); }  // Python's check of the draft says why
  if (draftUnreadable) checkDraft();
  if (window.performance && performance.mark) performance.mark("digiskill:questions-ready");  // read by bench/
  var unit = params.get("unit");
  if (unit) {
    var target = document.getElementById("q-" + unit.toLowerCase());
    if (target && !target.hidden) { target.scrollIntoView(); var first = $("input", target); if (first) first.focus(); }
  }
  startPython();
})();
