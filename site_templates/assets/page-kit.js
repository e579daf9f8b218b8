/* digiskill page kit: what the Python pages (self-assessment, supervisor review) share. The page holds no record,
   rule or word of its own: every change the person makes goes to Python as an event, and Python answers with the
   state to keep and what to draw (digiskill/core/worker/staff_draw.py describes that shape). This file only
   forwards, stores, draws and downloads.

   DigiskillPage.start({root, onDraw}) -> {send(event), isReady(), python}   (the session is the root's data-session)
   - Controls take part through their template: an element with data-field is a control; its path is the data-key
     of each ancestor (inside root) and its own data-field, joined with "/" (e.g. plan/DLit200/goal).
   - Lists Python draws go into a container with data-template (the id of a <template>); each item keeps its
     element (by key) across draws, so the control being typed in keeps its focus, caret and text.
   - Until Python is ready, every event is kept in order (also in localStorage, so a reload loses none) and handed
     over when it starts. The last drawn view is kept too and shown at once on the next visit.
   - The page's own words (status, storage problems) are in the template's #ds-words; DigiskillPage.words() reads
     them for every Python page (the gap analysis too). */
(function () {
  "use strict";
  var $$ = function (sel, el) { return Array.prototype.slice.call(el.querySelectorAll(sel)); };
  var TEXT_TYPES = { text: 1, search: 1, tel: 1, email: 1, url: 1, textarea: 1 };

  function words() {
    var el = document.getElementById("ds-words");
    return el ? JSON.parse(el.textContent) : {};
  }

  function start(options) {
    var root = options.root, key = root.dataset.storageKey, W = words();
    var statusBox = document.getElementById("ds-status"), messageBox = document.getElementById("ds-message");
    var waiting = readJSON(key + ".pending") || [], sent = 0, ready = false, laterTimer = null;  // sent: in flight
    var view = readJSON(key + ".view") || { fields: {}, lists: {}, text: {}, hidden: {}, locked: {} };
    var lastHTML = {}, fieldMessages = {}, held = {};

    function readJSON(name) {
      try { return JSON.parse(localStorage.getItem(name)); } catch (err) { return null; }
    }
    function store(name, text) {
      try { localStorage.setItem(name, text); return true; } catch (err) { return false; }
    }
    function say(text, kind) { statusBox.textContent = text; statusBox.dataset.kind = kind || "info"; }

    /* ---- paths ---- */
    function pathOf(el) {
      var parts = [el.dataset.field];
      for (var node = el.parentElement; node && node !== root.parentElement; node = node.parentElement) {
        if (node.dataset && node.dataset.key) parts.unshift(node.dataset.key);
      }
      return parts.join("/");
    }
    function markPaths(scope) {
      $$("[data-field]", scope).forEach(function (el) {
        var path = pathOf(el), choice = el.type === "radio" || el.type === "checkbox";
        el.dataset.path = path;
        if (!el.id) el.id = "f-" + path.replace(/[^A-Za-z0-9_-]/g, "-") + (choice && el.value !== "on" ? "-" + el.value : "");
        if (el.type === "radio" && !el.name) el.name = path;
      });
    }
    function controls(path) { return $$('[data-path="' + path.replace(/"/g, '\\"') + '"]', root); }

    /* ---- events ---- */
    function eventOf(el) {
      var event = { path: el.dataset.path, value: el.value, checked: el.type === "checkbox" ? el.checked : undefined };
      /* Controls that make one value together (a date's day, month and year) are sent together: Python reads them. */
      var group = el.parentElement && el.parentElement.closest("[data-together]");
      if (group) {
        event.group = group.dataset.path;
        event.together = {};
        $$("[data-part]", group).forEach(function (part) { event.together[part.dataset.part] = part.value; });
      }
      return event;
    }
    var origins = [];  // [event, the control that caused it]: an action's messages appear next to that control
    /* `waiting`: every event Python has not yet answered, oldest first (the first `sent` of them are in flight). It
       is stored at each change, so a reload or a closed tab loses none: they are replayed at the next start. */
    function send(event, origin) {
      if (origin) { origins.push([event, origin]); if (origins.length > 20) origins.shift(); }
      if (event.path) rememberValue(event);
      var last = waiting[waiting.length - 1];
      if (event.path && last && waiting.length > sent && last.path === event.path && last.checked === undefined &&
          event.checked === undefined) {
        waiting[waiting.length - 1] = event;  // the newer text of the same field replaces the older one
      } else {
        waiting.push(event);
      }
      store(key + ".pending", JSON.stringify(waiting));
      if (!ready && event.action) show([{ kind: "info", field: null, message_th: W.waiting }], null, event);
      pump();
    }
    function pump() {
      if (!ready || sent || !waiting.length) return;
      sent = 1;
      var event = waiting[0];
      python.call("event", [JSON.stringify(event)]).then(function (text) {
        waiting.shift();  // answered: its effect is in the state just stored
        store(key + ".pending", JSON.stringify(waiting));
        handle(text, event);
      }, function (err) { waiting.shift(); throw err; }).catch(failed).then(function () { sent = 0; pump(); });
    }
    function failed(err) {
      console.error(err);
      show([{ kind: "error", field: null, message_th: W.unexpected }]);
    }

    /* ---- replies ---- */
    function handle(text, event) {
      var reply = JSON.parse(text);
      if (reply.detail) console.error(reply.detail);
      if (reply.store !== undefined && !store(key, reply.store)) reply.problems.push({ kind: "error", field: null, message_th: W.storage_full });
      if (reply.backup) keepBackup(reply.backup);
      /* A group Python found incomplete or wrong keeps what the person chose until an answer for it is clean. */
      if (event && event.action) held = {};
      else if (event && event.group) held[event.group] = (reply.problems || []).some(function (p) { return p.field === event.group; });
      if (reply.draw) draw(reply.draw);
      show(reply.problems || [], event && event.path, event && event.action ? event : null);
      if (reply.confirm && window.confirm(reply.confirm.text_th)) send(reply.confirm.event);
      if (reply.download) fetchFile(reply.download);
      if (reply.later) later();
      return reply;
    }
    function later() {
      clearTimeout(laterTimer);
      laterTimer = setTimeout(function () {
        if (waiting.length) return later();
        python.call("refresh", []).then(function (text) { handle(text); }).catch(failed);
      }, 300);
    }
    function fetchFile(file) {
      python.call("file", [file.kind]).then(function (result) {
        if (typeof result === "string") return handle(result);  // Python could not make it: its reply says why
        DigiskillPython.download(result, file.name, file.type);
      }).catch(failed);
    }
    function keepBackup(backup) {
      store(key + ".backup", backup.text);
      backupFile = backup;
    }
    var backupFile = null;

    /* ---- drawing ---- */
    function setValue(el, value) {
      if (el === document.activeElement && el.type !== "radio" && el.type !== "checkbox") return;  // the person is in it
      if (waiting.some(function (e) { return e.path === el.dataset.path; })) return;  // Python has not seen it yet
      var group = el.closest("[data-together]");
      if (group && group !== el && held[group.dataset.path]) return;
      if (el.type === "radio") el.checked = el.value === String(value);
      else if (el.type === "checkbox") el.checked = Array.isArray(value) ? value.indexOf(el.value) >= 0 : !!value;
      else if (el.value !== String(value == null ? "" : value)) el.value = value == null ? "" : value;
    }
    function rememberValue(event) {
      var value = event.value;
      if (event.checked !== undefined) {
        var old = view.fields[event.path];
        if (Array.isArray(old)) value = event.checked ? old.concat([event.value]) : old.filter(function (v) { return v !== event.value; });
        else value = event.checked;
      }
      view.fields[event.path] = value;
      store(key + ".view", JSON.stringify(view));
    }
    function drawList(box, items) {
      var template = document.getElementById(box.dataset.template), keep = {};
      items.forEach(function (item, index) {
        var el = box.querySelector(':scope > [data-key="' + item.key + '"]');
        if (!el) {
          el = template.content.firstElementChild.cloneNode(true);
          el.dataset.key = item.key;
          box.appendChild(el);
          markPaths(el);
        }
        keep[item.key] = true;
        /* Moved only when out of order, and never the line the person is typing in (moving it would take the
           caret away): the order Python gives is reached at the next draw after they leave it. */
        if (box.children[index] !== el && !el.contains(document.activeElement)) box.insertBefore(el, box.children[index]);
        Object.keys(item.slots || {}).forEach(function (name) {
          var slot = el.querySelector('[data-slot="' + name + '"]');
          if (slot && slot.textContent !== item.slots[name]) slot.textContent = item.slots[name];
        });
        Object.keys(item.hidden || {}).forEach(function (name) {
          $$('[data-slot="' + name + '"]', el).forEach(function (slot) { slot.hidden = item.hidden[name]; });
        });
        $$("[data-path]", el).forEach(function (input) {
          var name = input.dataset.field;
          if (item.fields && name in item.fields) setValue(input, item.fields[name]);
          input.disabled = !!item.readonly;
        });
        el.classList.toggle("ds-readonly", !!item.readonly);
      });
      Array.prototype.slice.call(box.children).forEach(function (el) { if (!keep[el.dataset.key]) el.remove(); });
    }
    function draw(d) {
      Object.keys(d.lists || {}).forEach(function (id) {  // lists first: some fields live in their items
        var box = document.getElementById(id);
        if (box) drawList(box, d.lists[id]);
        view.lists[id] = d.lists[id];
      });
      Object.keys(d.fields || {}).forEach(function (path) {
        view.fields[path] = d.fields[path];
        controls(path).forEach(function (el) { setValue(el, d.fields[path]); });
      });
      Object.keys(d.text || {}).forEach(function (id) {
        var el = document.getElementById(id);
        if (el && el.textContent !== d.text[id]) el.textContent = d.text[id];
        view.text[id] = d.text[id];
      });
      Object.keys(d.html || {}).forEach(function (id) {  // HTML made and escaped by Python; never holds a control
        var el = document.getElementById(id);
        if (el && lastHTML[id] !== d.html[id]) { el.innerHTML = d.html[id]; lastHTML[id] = d.html[id]; }
      });
      Object.keys(d.hidden || {}).forEach(function (id) {
        var el = document.getElementById(id);
        if (el) el.hidden = d.hidden[id];
        view.hidden[id] = d.hidden[id];
      });
      Object.keys(d.locked || {}).forEach(function (path) {
        controls(path).forEach(function (el) { el.disabled = d.locked[path]; });
        view.locked[path] = d.locked[path];
      });
      store(key + ".view", JSON.stringify(view));
      if (options.onDraw) options.onDraw();
    }

    /* ---- messages: next to the control they concern, else in the page's message box ---- */
    function messageNode(p) {
      var node = document.createElement("p");
      node.className = "ds-field-message";
      node.dataset.kind = p.kind;
      node.setAttribute("role", p.kind === "error" ? "alert" : "status");
      node.textContent = p.message_th;
      return node;
    }
    function originOf(event) {
      for (var i = origins.length - 1; i >= 0; i--) if (origins[i][0] === event) return origins[i][1];
      return null;
    }
    var actionNotes = [];
    function clearField(path) {
      (fieldMessages[path] || []).forEach(function (n) { n.remove(); });
      delete fieldMessages[path];
    }
    function show(problems, path, action) {
      /* A field's message lasts until Python speaks of that field again; an action (a download, an import) checks
         the whole file, so its reply replaces every message next to a field. */
      if (action) Object.keys(fieldMessages).forEach(clearField);
      if (path) clearField(path);
      problems.forEach(function (p) { if (p.field) clearField(p.field); });
      var boxed = [];
      problems.forEach(function (p) {
        var target = p.field && controls(p.field)[0] || (p.field && document.getElementById(p.field));
        if (!target) return boxed.push(p);
        var anchor = target.closest("label, .ds-q, fieldset") || target;
        var node = messageNode(p);
        anchor.insertAdjacentElement("afterend", node);
        (fieldMessages[p.field] = fieldMessages[p.field] || []).push(node);
      });
      if (!boxed.length && !action) return;
      actionNotes.forEach(function (n) { n.remove(); });
      actionNotes = [];
      var origin = action && originOf(action);
      if (origin && origin.hasAttribute("data-messages-here")) {  // e.g. the group finder's button, far from the box
        boxed.forEach(function (p) { var node = messageNode(p); origin.insertAdjacentElement("afterend", node); actionNotes.push(node); });
        return;
      }
      messageBox.textContent = "";
      messageBox.hidden = !boxed.length;
      messageBox.dataset.kind = boxed.some(function (p) { return p.kind === "error"; }) ? "error" : "ok";
      boxed.forEach(function (p) { messageBox.appendChild(messageNode(p)); });
      if (backupFile && boxed.some(function (p) { return p.code === "damaged_draft"; })) {
        var button = document.createElement("button");
        button.type = "button"; button.className = "md-button"; button.textContent = W.backup_button;
        var file = backupFile;
        button.addEventListener("click", function () { DigiskillPython.download(file.text, file.name, file.type); });
        messageBox.appendChild(button);
      }
    }

    /* ---- the person's actions ---- */
    root.addEventListener("input", function (e) {
      var t = e.target;
      if (t.dataset.path && TEXT_TYPES[t.type || t.tagName.toLowerCase()]) send(eventOf(t));
    });
    root.addEventListener("change", function (e) {
      var t = e.target;
      if (t.dataset.path && !TEXT_TYPES[t.type || t.tagName.toLowerCase()]) send(eventOf(t));
      if (t.type === "file" && t.dataset.action) {
        var file = t.files[0], action = t.dataset.action;
        t.value = "";
        if (file) file.text().then(function (text) { send({ action: action, text: text }); });
      }
    });
    root.addEventListener("click", function (e) {
      var button = e.target.closest("button[data-action]");
      if (!button || button.dataset.action === "print") return;
      var event = { action: button.dataset.action };
      if (button.dataset.kind) event.kind = button.dataset.kind;
      send(event, button);
    });

    /* ---- start ---- */
    markPaths(root);
    draw(view);  // the last view drawn, at once; Python's own draw follows when it is ready
    var python = DigiskillPython.start({ root: root, onStatus: say, hint: W.hint, onReady: function () {
      say(W.ready, "ok");
      var handed = sent = waiting.length;  // the start call goes first; events sent meanwhile wait behind it
      /* What the start says of an action taken while waiting goes next to that action's control, as it would have. */
      var lastAction = waiting.slice(0, handed).filter(function (e) { return e.action; }).pop();
      python.call("start", [localStorage.getItem(key), JSON.stringify(waiting.slice(0, handed))]).then(function (text) {
        waiting.splice(0, handed);
        store(key + ".pending", JSON.stringify(waiting));
        handle(text, lastAction);
      }).catch(failed).then(function () { ready = true; sent = 0; pump(); });
    } });
    return { send: send, isReady: function () { return ready; }, python: python };
  }

  window.DigiskillPage = { start: start, words: words };
})();
