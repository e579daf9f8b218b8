/* digiskill: on the pages that start Python (python-page.html loads this before Material's bundle), Material's search
   index waits until Python is ready or has given up, or until the person opens the search, whichever comes first.
   Fetching and indexing it takes about a quarter of a second of processor time (JSON parse on the page, lunr in
   Material's search worker), a third of all the page's own work; on a two-core office PC that time is taken from
   Pyodide's start. Nothing else changes: the search works as on every page, the index only arrives later.
   Material (9.x) asks for the index with XMLHttpRequest; this holds that one request's send() and lets every other
   request through. If Material ever fetches the index differently, nothing is held and the page works as before.
   Releases on: the document event "digiskill:python-settled" (python-client.js: ready, failed or stalled), focus in
   the search box or Material's search toggle (#__search, also set by the keyboard shortcut), or RELEASE_AFTER_MS. */
(function () {
  "use strict";
  var RELEASE_AFTER_MS = 15000;  // never later than this, even if the page's scripts did not run
  var INDEX = /\/search\/search_index\.json(\?|$)/;
  var open = XMLHttpRequest.prototype.open, send = XMLHttpRequest.prototype.send;
  var held = [], released = false;

  function release() {
    if (released) return;
    released = true;
    held.forEach(function (request) { send.apply(request.xhr, request.args); });
    held = [];
  }

  XMLHttpRequest.prototype.open = function (method, url) {
    this.digiskillSearchIndex = INDEX.test(String(url));
    return open.apply(this, arguments);
  };
  XMLHttpRequest.prototype.send = function () {
    if (this.digiskillSearchIndex && !released) {
      held.push({ xhr: this, args: arguments });
      return undefined;
    }
    return send.apply(this, arguments);
  };

  document.addEventListener("digiskill:python-settled", release);
  document.addEventListener("focusin", function (event) {
    if (event.target && event.target.matches && event.target.matches(".md-search__input")) release();
  }, true);
  document.addEventListener("change", function (event) {
    if (event.target && event.target.id === "__search" && event.target.checked) release();
  }, true);
  setTimeout(release, RELEASE_AFTER_MS);
})();
