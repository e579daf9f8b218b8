/* digiskill self-assessment, the yearly cycle's parts (Ind 1–5): the plan period, the "for future work" part, progress
   reviews and starting next year from last year's file. A thin shell over assessment.js (window.DigiskillAssessment):
   what to show comes from Python (StaffSession.cycle_view: the agreed lines, the future role's extra needs, last year's
   answers); the empty progress review and every word list come from the page's #ds-start, made by the core. */
(function () {
  "use strict";
  var A = window.DigiskillAssessment, root = document.getElementById("ds-assessment");
  if (!A || !root) return;
  var START = A.start, view = null, timer = null;
  var $ = function (sel, el) { return (el || root).querySelector(sel); };
  var $$ = function (sel, el) { return Array.prototype.slice.call((el || root).querySelectorAll(sel)); };
  function copy(value) { return JSON.parse(JSON.stringify(value)); }
  function todayISO() { var d = new Date(); return d.getFullYear() + "-" + String(d.getMonth() + 1).padStart(2, "0") + "-" + String(d.getDate()).padStart(2, "0"); }

  function refresh(delay) {
    clearTimeout(timer);
    timer = setTimeout(function () {
      var state = A.state();
      if (!A.isReady() || !state.role) return;
      A.call("cycle_view", [JSON.stringify(state)]).then(function (text) {
        var result = JSON.parse(text);
        if (result.ok === false) return;
        view = result; render();
      });
    }, delay === undefined ? 400 : delay);
  }
  A.onChange(function (why) { if (why !== "save") { fillPeriod(); refresh(0); } else refresh(); });

  /* ---- the period (step 5) ---- */
  function fillPeriod() {
    var period = A.state().period || {};
    $('[name="period-fiscal_year"]').value = period.fiscal_year || "";
    $('[name="period-start"]').value = period.start || "";
    $('[name="period-end"]').value = period.end || "";
  }

  /* ---- render what Python said ---- */
  function render() {
    renderFuture(); renderProgress(); renderBaseline();
  }

  function renderFuture() {
    var part = document.getElementById("step-future"), state = A.state();
    part.hidden = !view.future;
    if (!view.future) return;
    document.getElementById("future-role").textContent = view.future.role.code + " " + view.future.role.title_th;
    var chosen = (state.future && state.future.plan) || {}, choices = document.getElementById("future-choices");
    choices.textContent = "";
    view.future.codes.forEach(function (item) {
      var label = document.createElement("label"), box = document.createElement("input");
      label.className = "ds-choice"; box.type = "checkbox"; box.value = item.code; box.dataset.future = "choose";
      box.id = "future-choose-" + item.code; box.checked = item.code in chosen;
      label.appendChild(box); label.appendChild(document.createTextNode(" " + item.code + " " + item.title_th));
      choices.appendChild(label);
    });
    var lines = document.getElementById("future-lines");
    $$(".ds-plan", lines).forEach(function (el) { if (!(el.dataset.code in chosen)) el.remove(); });
    view.future.codes.forEach(function (item) {
      if (!(item.code in chosen) || $('.ds-plan[data-code="' + item.code + '"]', lines)) return;
      lines.appendChild(A.makePlanLine(item.code, item.code + " " + item.title_th + " (สำหรับงานในอนาคต)", chosen[item.code], "future-"));
    });
  }

  function currentProgress() {
    var list = A.state().progress || [];
    return list.length ? list[list.length - 1] : null;
  }

  function option(select, values) {
    values.forEach(function (v) { var o = document.createElement("option"); o.value = v; o.textContent = START.choices_th[v]; select.appendChild(o); });
  }

  function renderProgress() {
    var part = document.getElementById("step-progress");
    part.hidden = !view.agreed_lines.length;
    var history = document.getElementById("progress-history");
    history.textContent = "";
    view.progress.forEach(function (p, i) {
      var el = document.createElement("p"); el.className = "ds-note";
      el.textContent = "ครั้งที่ " + (i + 1) + " เมื่อ " + (p.date_th || "-") + ": " +
        p.lines.map(function (l) { return l.code + " " + [l.status_th, l.outcome_th].filter(Boolean).join(" / "); }).join(" · ") +
        (p.feedback ? " — ข้อเสนอแนะของผู้บังคับบัญชา: " + p.feedback : "");
      history.appendChild(el);
    });
    var box = document.getElementById("progress-lines"), current = currentProgress();
    box.textContent = "";
    if (!current) return;
    var heading = document.createElement("h3");
    var shown = view.progress[A.state().progress.length - 1];  // the date in the Buddhist era, from Python
    heading.textContent = "การทบทวนครั้งที่ " + A.state().progress.length + " (" + ((shown && shown.date_th) || current.date) + ")";
    box.appendChild(heading);
    var template = document.getElementById("progress-template");
    view.agreed_lines.forEach(function (line) {
      var el = template.content.firstElementChild.cloneNode(true), mine = current.lines[line.code] || {};
      el.dataset.code = line.code;
      $('[data-slot="title"]', el).textContent = line.code + " " + line.title_th;
      $('[data-slot="plan"]', el).textContent = "แผนที่ตกลง: " + (line.methods_th.join(", ") || "-") +
        (line.target_date_th ? " · ภายใน " + line.target_date_th : "") + (line.goal ? " · เป้าหมาย: " + line.goal : "");
      option($('[data-progress="status"]', el), START.statuses);
      option($('[data-progress="outcome"]', el), START.outcomes);
      $$("[data-progress]", el).forEach(function (input) {
        var f = input.dataset.progress;
        input.id = "progress-" + line.code + "-" + f + (input.type === "radio" ? "-" + input.value : "");
        if (input.type === "radio") {
          input.name = "progress-reanswer-" + line.code;
          var has = current.reanswers[line.code];
          input.checked = has !== undefined && has !== null && (input.value === "yes") === has;
        } else {
          input.value = mine[f] || "";
        }
      });
      box.appendChild(el);
    });
  }

  function renderBaseline() {
    $$(".ds-baseline").forEach(function (el) { el.remove(); });
    var shape = document.getElementById("skill-shape");
    shape.hidden = !view.shape_svg;
    if (view.shape_svg) shape.innerHTML = view.shape_svg;  // SVG made and escaped by Python
    if (!view.baseline) return;
    Object.keys(view.baseline.answers).forEach(function (code) {
      var q = document.getElementById("q-" + code.toLowerCase()), has = view.baseline.answers[code];
      if (!q) return;
      var note = document.createElement("p");
      note.className = "ds-baseline";
      note.textContent = "ปีที่แล้ว" + (view.baseline.fiscal_year ? " (" + view.baseline.fiscal_year + ")" : "") + ": " +
        (has === true ? "มี" : has === false ? "ยังไม่มี" : "ไม่ได้ตอบ");
      $(".ds-q__answer", q).insertAdjacentElement("beforebegin", note);
    });
  }

  /* ---- inputs ---- */
  root.addEventListener("change", onInput);
  root.addEventListener("input", function (e) { if (e.target.tagName === "TEXTAREA" && e.target.dataset.progress) onInput(e); });
  function onInput(e) {
    var t = e.target, state = A.state(), name = t.name || "";
    if (name.indexOf("period-") === 0) {
      state.period = state.period || copy(START.empty.period);
      var key = name.slice(7);
      state.period[key] = key === "fiscal_year" ? (t.value === "" ? null : parseInt(t.value, 10)) : t.value;
    } else if (t.dataset.future === "choose") {
      if (!state.future) state.future = copy(START.empty.future);
      if (!state.future.plan) state.future.plan = {};
      state.future.role = view.future.role.code;
      if (t.checked) A.planFor(t.value, true); else delete state.future.plan[t.value];
      renderFuture();
    } else if (t.dataset.progress) {
      var current = currentProgress(), code = t.closest(".ds-plan").dataset.code;
      if (t.dataset.progress === "reanswer") current.reanswers[code] = t.value === "yes";
      else (current.lines[code] || (current.lines[code] = copy(START.empty_progress_line)))[t.dataset.progress] = t.value;
    } else {
      return;
    }
    A.save();
  }

  root.addEventListener("click", function (e) {
    var button = e.target.closest("button[data-action=progress-new]");
    if (!button) return;
    var state = A.state();
    state.progress = state.progress || [];
    state.progress.push(Object.assign(copy(START.empty_progress), { date: todayISO() }));
    A.save(); renderProgress();
    var first = $("#progress-lines select"); if (first) first.focus();
  });

  $('input[data-action="next-year"]').addEventListener("change", function (e) {
    var file = e.target.files[0]; e.target.value = "";
    if (!file) return;
    if (!A.isReady()) return A.showMessage("รอระบบประมวลผลพร้อมก่อน แล้วเลือกไฟล์อีกครั้ง (คำตอบปัจจุบันไม่เปลี่ยน)", "error");
    file.text().then(function (text) { return A.call("next_year", [text]); }).then(function (reply) {
      var result = JSON.parse(reply);
      if (!result.ok) {
        return A.showMessage(["เริ่มปีใหม่จากไฟล์นี้ไม่ได้ คำตอบปัจจุบันไม่เปลี่ยนแปลง:"].concat(A.problemLines(result)), "error");
      }
      if (Object.keys(A.state().answers).length && !window.confirm("เริ่มแบบประเมินปีใหม่แทนคำตอบปัจจุบัน? (บันทึก .json ของคำตอบปัจจุบันไว้ก่อนถ้ายังต้องใช้)")) return;
      A.replace(result.assessment);
      A.showMessage(["เริ่มปีใหม่แล้ว: คำตอบปีที่แล้วแสดงข้างแต่ละข้อ และยกแผนที่ยังไม่สำเร็จ " +
        Object.keys(result.assessment.plan).length + " รายการมาให้"].concat(A.problemLines(result)), "ok");
    }).catch(function (err) { A.showMessage("อ่านไฟล์ไม่ได้ คำตอบปัจจุบันไม่เปลี่ยนแปลง (" + err.message + ")", "error"); });
  });

  fillPeriod();
})();
