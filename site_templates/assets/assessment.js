/* digiskill self-assessment: the page's thin shell over page-kit.js. Python (digiskill/core/worker/staff_page.py,
   in the worker) holds the answers and every rule and word; this file only shows the chosen role's questions at
   once, before Python is ready (from the role table the page was built with), and prints. */
(function () {
  "use strict";
  var root = document.getElementById("ds-assessment");
  if (!root) return;
  var ROLES = JSON.parse(document.getElementById("ds-roles").textContent);  // {group: {stage: role}}, from the catalog
  var $$ = function (sel) { return Array.prototype.slice.call(root.querySelectorAll(sel)); };

  /* The two choices that name a role (data-role-choice="1" and "2" in the template), looked up in the role table. */
  function chosen(which) {
    var input = root.querySelector('[data-role-choice="' + which + '"]:checked');
    return input ? input.value : "";
  }
  function showRole() {
    var role = (ROLES[chosen(1)] || {})[chosen(2)] || "";
    $$(".ds-role-summary").forEach(function (el) { el.hidden = el.dataset.role !== role; });
    $$("[data-role-empty]").forEach(function (el) { el.hidden = !!role; });
    $$(".ds-q").forEach(function (q) { q.hidden = !role || q.dataset.roles.split(" ").indexOf(role) < 0; });
    $$(".ds-component").forEach(function (c) { c.hidden = !c.querySelector(".ds-q:not([hidden])"); });
  }
  root.addEventListener("change", function (e) { if (e.target.dataset.roleChoice) showRole(); });

  root.addEventListener("click", function (e) {
    if (!e.target.closest('button[data-action="print"]')) return;
    if (!page.isReady()) root.dataset.print = "form";  // the print style shows the form as filled in on this page
    window.addEventListener("afterprint", function () { delete root.dataset.print; }, { once: true });
    window.print();
  });

  /* ?role=a1 chooses that role's group and stage, as if clicked (the page kit hands the choice to Python). */
  function chooseLinkedRole(code) {
    Object.keys(ROLES).forEach(function (first) {
      Object.keys(ROLES[first]).forEach(function (second) {
        if (ROLES[first][second] !== code) return;
        [[1, first], [2, second]].forEach(function (pair) {
          var input = root.querySelector('[data-role-choice="' + pair[0] + '"][value="' + pair[1] + '"]');
          if (input && !input.checked) { input.checked = true; input.dispatchEvent(new Event("change", { bubbles: true })); }
        });
      });
    });
  }

  /* One step at a time: the step holding the element the address names (#step-plan, #q-ds300...) is shown, else the
     first. The stepper and the "next" links are plain links, so the browser's Back button goes back a step. */
  function showStep(fallback) {
    var target = location.hash && document.getElementById(decodeURIComponent(location.hash.slice(1)));
    var holder = ((target || fallback) && (target || fallback).closest("[data-step]")) || root.querySelector("[data-step]");
    var step = holder.dataset.step.split(" ")[0];  // an element that belongs to several steps opens the first
    $$("[data-step]").forEach(function (el) { el.classList.toggle("ds-away", el.dataset.step.split(" ").indexOf(step) < 0); });
    $$("[data-step-link]").forEach(function (a) {
      if (a.dataset.stepLink === step) a.setAttribute("aria-current", "step"); else a.removeAttribute("aria-current");
    });
  }
  window.addEventListener("hashchange", function () { showStep(); });

  var params = new URLSearchParams(location.search);
  var page = DigiskillPage.start({ root: root, onDraw: showRole });
  chooseLinkedRole((params.get(root.dataset.linkParameter) || "").toUpperCase());
  showRole();
  if (window.performance && performance.mark) performance.mark("digiskill:questions-ready");  // read by bench/
  var unit = params.get("unit");
  showStep(unit && !location.hash ? document.getElementById("q-" + unit.toLowerCase()) : null);
  if (unit) {
    var target = document.getElementById("q-" + unit.toLowerCase());
    if (target && !target.hidden) { target.scrollIntoView(); var first = target.querySelector("input"); if (first) first.focus(); }
  }
})();
