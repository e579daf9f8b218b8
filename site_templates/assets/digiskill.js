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
    /* Material reads the query on keyup only; text that arrives with no key (a paste, a Thai input method, text
       put in by a tool) would leave the results empty. Tell it the text changed. */
    input.dispatchEvent(new KeyboardEvent("keyup"));
  }, true); /* capture: runs before Material's own listener on the input */

  /* Search ranking. The order comes from the index (weights and keywords set at build time: site/thai_search.py);
     lunr still ranks a page with one word of a several-word query in its title above a page holding every word in
     its text. For a query of several words, re-order the results shown: pages holding every word first, the index's
     order otherwise. (Not for one word: a role page that quotes an item's description holds a Thai compound as
     typed, while the item's own title may hold its words apart.) Which words a page holds is read from the search index Material has already loaded (a cached,
     same-site file). */
  var pageText = null;
  function loadPageText() {
    if (pageText) return;
    pageText = {};
    var config = document.getElementById("__config");
    var base = new URL((config ? JSON.parse(config.textContent).base : ".") + "/", location.href);
    fetch(new URL("search/search_index.json", base)).then(function (r) { return r.json(); }).then(function (index) {
      index.docs.forEach(function (doc) {
        var path = new URL(doc.location, base).pathname;
        var words = [doc.title, doc.text, doc.keywords || ""].join(" ");
        pageText[path] = (pageText[path] || "") + " " + words.replace(/<[^>]*>/g, " ").replace(/\u200b/g, "").toLowerCase();
      });
      if (resultList && resultList.children.length) rerank();  // results shown before the index was read
    }).catch(function () { /* keep Material's order */ });
  }
  function queryWords() {
    var box = document.querySelector("input.md-search__input");
    return box ? box.value.replace(/\u200b/g, "").toLowerCase().split(/[\s\-]+/).filter(Boolean) : [];
  }
  function rankResults(list) {
    var words = queryWords();
    if (words.length < 2) return;  // one word (a Thai compound too): the index's order, which weighs where it is
    var items = Array.prototype.slice.call(list.children).map(function (li, index) {
      var link = li.querySelector("a");
      var path = link ? new URL(link.href).pathname : "";
      var text = pageText && pageText[path];
      var holdsAll = !text || words.every(function (w) { return text.indexOf(w) >= 0; });
      return { li: li, index: index, rank: holdsAll ? 0 : 1 };
    });
    var sorted = items.slice().sort(function (a, b) { return a.rank - b.rank || a.index - b.index; });
    if (sorted.some(function (item, i) { return item !== items[i]; })) {
      sorted.forEach(function (item) { list.appendChild(item.li); });
    }
  }
  var resultList = document.querySelector(".md-search-result__list");
  var watcher = resultList && window.MutationObserver ? new MutationObserver(rerank) : null;
  function rerank() {  // re-ordering is itself a change of the list: stop watching meanwhile
    watcher.disconnect();
    rankResults(resultList);
    watcher.observe(resultList, { childList: true });
  }
  if (watcher) {
    watcher.observe(resultList, { childList: true });
    document.addEventListener("focusin", function (event) {
      if (event.target.classList && event.target.classList.contains("md-search__input")) loadPageText();
    });
  }

  /* Material's search panel has role="dialog" but no accessible name (axe: aria-dialog-name); give it the name its
     search box shows (Material's own word for "search" in the site's language). */
  var searchDialog = document.querySelector(".md-search[role=dialog]");
  var searchBox = document.querySelector("input.md-search__input");
  if (searchDialog && searchBox && !searchDialog.hasAttribute("aria-label")) {
    searchDialog.setAttribute("aria-label", searchBox.getAttribute("aria-label") || searchBox.placeholder);
  }

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
      navigator.clipboard.writeText(url).then(done, function () { window.prompt(button.dataset.prompt, url); });
    } else {
      window.prompt(button.dataset.prompt, url);
    }
  });
})();
