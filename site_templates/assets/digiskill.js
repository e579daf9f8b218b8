/* digiskill site behaviour: a thin shell, no rules. Runs on every page; loads nothing from other hosts. */
(function () {
  "use strict";

  /* Thai search. The search index has U+200B between Thai words (inserted at build time); split the typed query the
     same way before Material's search reads it, so a Thai word in the middle of a sentence is found. */
  var segmenter = (typeof Intl !== "undefined" && Intl.Segmenter) ? new Intl.Segmenter("th", { granularity: "word" }) : null;
  var THAI_RUN = /[\u0e00-\u0e7f]+/g;

  function segmentThai(text) {
    if (!segmenter) return text;
    return text.replace(/\u200b/g, "").replace(THAI_RUN, function (run) {
      var words = [];
      for (var part of segmenter.segment(run)) words.push(part.segment);
      return words.join("\u200b");
    });
  }

  document.addEventListener("input", function (event) {
    var input = event.target;
    if (!input || !input.classList || !input.classList.contains("md-search__input")) return;
    var segmented = segmentThai(input.value);
    if (segmented !== input.value) {
      var atEnd = input.selectionStart === input.value.length;
      input.value = segmented;
      if (atEnd) input.setSelectionRange(segmented.length, segmented.length);
    }
  }, true); /* capture: runs before Material's own listener on the input */

  /* Material's search panel has role="dialog" but no accessible name (axe: aria-dialog-name); give it one. */
  var searchDialog = document.querySelector(".md-search[role=dialog]");
  if (searchDialog && !searchDialog.hasAttribute("aria-label")) searchDialog.setAttribute("aria-label", "ค้นหา (search)");

  /* Wide tables scroll sideways on a phone (Material's wrappers, the assessment's plan preview, the gap-analysis
     charts): make each one reachable with the keyboard so it can be scrolled without a mouse (WCAG 2.1.1; axe:
     scrollable-region-focusable). Material adds its wrappers after this script runs, and the pages add tables later. */
  var SCROLL_BOXES = ".md-typeset__scrollwrap, .ds-chart-box, .ds-preview table";
  function focusableScrollBoxes() {
    Array.prototype.forEach.call(document.querySelectorAll(SCROLL_BOXES), function (box) {
      if (!box.hasAttribute("tabindex")) box.setAttribute("tabindex", "0");
    });
  }
  focusableScrollBoxes();
  var content = document.querySelector(".md-content");
  if (content && window.MutationObserver) new MutationObserver(focusableScrollBoxes).observe(content, { childList: true, subtree: true });

  /* Copy-link buttons on unit pages: copy this page's address (plus an anchor if given). */
  document.addEventListener("click", function (event) {
    var button = event.target.closest ? event.target.closest(".ds-copy") : null;
    if (!button) return;
    var url = location.href.split("#")[0] + (button.dataset.anchor ? "#" + button.dataset.anchor : "");
    function done() { button.setAttribute("data-copied", ""); }
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(url).then(done, function () { window.prompt("คัดลอกลิงก์:", url); });
    } else {
      window.prompt("คัดลอกลิงก์:", url);
    }
  });
})();
