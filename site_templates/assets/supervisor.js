/* digiskill supervisor review: the page's thin shell over page-kit.js. Python (digiskill/core/worker/review_page.py,
   in the worker) holds the opened staff file, the review and every rule and word; this file only offers the review
   autosaved in this browser for download as it was stored, when Python cannot start (the #draft-kept note). */
(function () {
  "use strict";
  var root = document.getElementById("ds-supervisor");
  if (!root) return;
  var key = root.dataset.storageKey;
  DigiskillPage.start({ root: root });

  function stored() {
    try { return localStorage.getItem(key) || ""; } catch (err) { return ""; }
  }
  var kept = document.getElementById("draft-kept"), button = document.getElementById("draft-json");
  kept.hidden = !stored();
  button.addEventListener("click", function () {
    var name = document.getElementById("draft-file").textContent || button.dataset.name;
    DigiskillPython.download(stored(), name, "application/json");
  });
})();
