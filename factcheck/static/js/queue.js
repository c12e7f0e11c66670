/* Keyboard triage on the queue page: j/k move, x select, a accept, d dismiss, m merge, o the row's menu, ? the
 * shortcut sheet. Rows carry no forms: a keyboard action fills the page's one action form (the row's action URL
 * and version, what the dialog asked) and htmx posts it and redraws the row; without htmx the browser posts it
 * and comes back to the same filtered page. A row's menu is loaded when first opened. No inline script or style:
 * the CSP forbids both. */
(function () {
  "use strict";
  var list = document.querySelector("[data-queue-list]");
  var status = document.getElementById("queue-status");
  var selectedId = null;

  // The page's words for these messages, in the reader's language (data-say-* on the status line).
  function say(name) { return status ? status.getAttribute("data-say-" + name) || "" : ""; }

  function notice(message, isError) {
    if (!status) { return; }
    status.textContent = message;
    status.classList.toggle("is-error", Boolean(isError));
  }

  function rows() {
    return list ? Array.prototype.slice.call(list.querySelectorAll(".claim-row")).filter(function (row) {
      return row.parentElement === list;
    }) : [];
  }

  function current() {
    return selectedId ? document.getElementById("claim-" + selectedId) : null;
  }

  function select(row) {
    var previous = current();
    if (previous) { previous.classList.remove("is-selected"); previous.removeAttribute("aria-current"); }
    if (!row) { selectedId = null; return; }
    selectedId = row.getAttribute("data-claim-id");
    row.classList.add("is-selected");
    row.setAttribute("aria-current", "true");
    if (!row.contains(document.activeElement)) { row.focus({ preventScroll: true }); }
    row.scrollIntoView({ block: "nearest" });
  }

  function move(step) {
    var all = rows();
    if (!all.length) { return; }
    var index = all.indexOf(current());
    index = index < 0 ? 0 : Math.min(all.length - 1, Math.max(0, index + step));
    select(all[index]);
  }

  function offers(row, action) {
    return (" " + (row.getAttribute("data-actions") || "") + " ").indexOf(" " + action + " ") >= 0;
  }

  // Post ``action`` for ``row`` through the page's one form, with ``values`` (reason, into_claim_id).
  function post(row, action, values) {
    var form = document.getElementById("row-action-form");
    if (!form) { return; }
    form.action = "/queues/claims/" + row.getAttribute("data-claim-id") + "/" + action;
    form.elements.version_id.value = row.getAttribute("data-version");
    form.elements.reason.value = values.reason || "";
    form.elements.into_claim_id.value = values.into_claim_id || "";
    if (window.htmx) {
      window.htmx.ajax("POST", form.action, { source: form, target: row, swap: "outerHTML" });
    } else {
      form.submit();
    }
  }

  // A row's menu: fetched the first time it opens (htmx redraws the menu's forms with their CSRF tokens).
  function toggleMenu(row, open) {
    var toggle = row.querySelector(".row-menu-toggle");
    var menu = row.querySelector(".row-menu");
    if (!toggle || !menu) { return; }
    if (open === undefined) { open = menu.hidden; }
    menu.hidden = !open;
    toggle.setAttribute("aria-expanded", String(open));
    if (!open) { toggle.focus({ preventScroll: true }); return; }
    var focusFirst = function () {
      var first = menu.querySelector("select, input:not([type=hidden]), button");
      if (first) { first.focus(); }
    };
    if (menu.childElementCount) { focusFirst(); return; }
    if (!window.htmx) { window.location.href = toggle.href; return; }
    window.htmx.ajax("GET", toggle.href, { source: toggle, target: menu, swap: "innerHTML" }).then(focusFirst);
  }

  // Each menu's link becomes a disclosure button (rows redrawn by htmx arrive with plain links).
  function prepareToggles(root) {
    Array.prototype.forEach.call(root.querySelectorAll(".row-menu-toggle:not([role])"), function (toggle) {
      toggle.setAttribute("role", "button");
      toggle.setAttribute("aria-expanded", "false");
      toggle.setAttribute("aria-controls", toggle.getAttribute("data-menu"));
    });
  }

  function ask(dialogId, row, onOk) {
    var dialog = document.getElementById(dialogId);
    if (!dialog || typeof dialog.showModal !== "function") { return; }
    var label = dialog.querySelector("[data-claim-label]");
    if (label) { label.textContent = "#" + row.getAttribute("data-claim-id"); }
    dialog.returnValue = "";
    dialog.addEventListener("close", function handler() {
      dialog.removeEventListener("close", handler);
      if (dialog.returnValue === "ok") { onOk(dialog); }
      var again = current();
      if (again) { again.focus({ preventScroll: true }); }
    });
    dialog.showModal();
    var first = dialog.querySelector("input:checked, input");
    if (first) { first.focus(); }
  }

  // The shortcut sheet: a modal dialog (Escape closes it); focus goes back where it was.
  function showKeys() {
    var help = document.getElementById("keys-dialog");
    if (!help || help.open) { return; }
    var before = document.activeElement;
    help.addEventListener("close", function handler() {
      help.removeEventListener("close", handler);
      if (before && typeof before.focus === "function") { before.focus({ preventScroll: true }); }
    });
    help.showModal();
  }
  var keysButton = document.querySelector(".keys-open");
  if (keysButton) {
    keysButton.hidden = false;
    keysButton.addEventListener("click", showKeys);
  }

  // The merge dialog's search: the server renders the candidates (escaped, matches marked); picking one fills
  // the number field, which stays the one thing the merge reads.
  var mergeSearch = document.getElementById("merge-search");
  var mergeResults = document.getElementById("merge-candidates");
  var mergeTimer = null;

  function prepareMergeSearch(claimId) {
    if (!mergeSearch || !mergeResults) { return; }
    mergeSearch.value = "";
    mergeResults.textContent = "";
    mergeSearch.setAttribute("data-claim-id", claimId);
  }

  function searchCandidates() {
    var text = mergeSearch.value.trim();
    if (!text) { mergeResults.textContent = ""; return; }
    var url = mergeSearch.getAttribute("data-candidates-url")
      .replace(/\/0\/merge-candidates$/, "/" + mergeSearch.getAttribute("data-claim-id") + "/merge-candidates");
    fetch(url + "?q=" + encodeURIComponent(text), { headers: { "HX-Request": "true" }, credentials: "same-origin" })
      .then(function (response) { return response.text(); })
      .then(function (html) { if (mergeSearch.value.trim() === text) { mergeResults.innerHTML = html; } });
  }

  if (mergeSearch && mergeResults) {
    mergeSearch.addEventListener("input", function () {
      window.clearTimeout(mergeTimer);
      mergeTimer = window.setTimeout(searchCandidates, 250);
    });
    mergeSearch.addEventListener("keydown", function (event) {
      if (event.key === "Enter") { event.preventDefault(); searchCandidates(); }
    });
    mergeResults.addEventListener("change", function (event) {
      if (event.target.name === "dialog-pick") { document.getElementById("merge-target").value = event.target.value; }
    });
  }

  function perform(key) {
    var row = current();
    if (key === "?") { showKeys(); return; }
    if (key === "j") { move(1); return; }
    if (key === "k") { move(-1); return; }
    if (!row) { notice(say("select"), true); return; }
    if (key === "x") {
      var box = row.querySelector("input.pick");
      if (box) { box.checked = !box.checked; }
      return;
    }
    if (key === "o") { toggleMenu(row); return; }
    var action = { a: "accept", d: "dismiss", m: "merge" }[key];
    if (!offers(row, action)) {
      notice(say("unavailable").replace("{id}", row.getAttribute("data-claim-id")), true);
      return;
    }
    if (action === "accept") {
      // A claim outside any queue is accepted into a queue chosen in its menu.
      if (row.hasAttribute("data-unrouted")) { toggleMenu(row, true); } else { post(row, "accept", {}); }
      return;
    }
    if (action === "dismiss") {
      ask("dismiss-dialog", row, function (dialog) {
        var chosen = dialog.querySelector('input[name="dialog-reason"]:checked');
        if (chosen) { post(row, "dismiss", { reason: chosen.value }); }
      });
      return;
    }
    prepareMergeSearch(row.getAttribute("data-claim-id"));
    ask("merge-dialog", row, function (dialog) {
      var target = dialog.querySelector('input[name="dialog-target"]');
      if (!target.value || !/^\d+$/.test(target.value)) { notice(say("keep"), true); return; }
      var into = target.value;
      target.value = "";
      post(row, "merge", { into_claim_id: into });
    });
  }

  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey || event.defaultPrevented) { return; }
    var tag = (event.target.tagName || "").toLowerCase();
    if (tag === "input" || tag === "select" || tag === "textarea" || event.target.isContentEditable) { return; }
    if (document.querySelector("dialog[open]")) { return; }
    if (["j", "k", "x", "a", "d", "m", "o", "?"].indexOf(event.key) < 0) { return; }
    event.preventDefault();
    perform(event.key);
  });

  if (list) {
    prepareToggles(list);
    list.addEventListener("click", function (event) {
      var row = event.target.closest(".claim-row");
      if (!row || row.parentElement !== list) { return; }
      select(row);
      if (event.target.closest(".row-menu-toggle")) { event.preventDefault(); toggleMenu(row); }
    });
    // Escape in an open menu closes it and gives the focus back to its toggle.
    list.addEventListener("keydown", function (event) {
      var menu = event.target.closest(".row-menu");
      if (event.key === "Escape" && menu && !menu.hidden) { event.preventDefault(); toggleMenu(menu.parentElement, false); }
    });
    var hash = window.location.hash.match(/^#claim-(\d+)$/);
    if (hash && document.getElementById("claim-" + hash[1])) { select(document.getElementById("claim-" + hash[1])); }
  }

  // htmx: the swapped-in row replaces the selected one, so select it again; show the server's notices.
  document.body.addEventListener("htmx:afterSettle", function () {
    if (list) { prepareToggles(list); }
    var row = current();
    if (!row) { return; }
    row.classList.add("is-selected");
    row.setAttribute("aria-current", "true");
    if (!row.contains(document.activeElement)) { row.focus({ preventScroll: true }); }  // not out of an open menu
  });
  document.body.addEventListener("queue:notice", function (event) {
    var detail = event.detail || {};
    notice(detail.value || String(detail), false);
  });
  document.body.addEventListener("htmx:responseError", function (event) {
    var xhr = event.detail.xhr;
    var message = say("failed").replace("{status}", xhr.status);
    try {
      var doc = new DOMParser().parseFromString(xhr.responseText, "text/html");
      var page = doc.querySelector(".error-page");
      if (page) {
        var parts = [page.querySelector("h1"), page.querySelector("h1 + p")].filter(Boolean).map(function (n) { return n.textContent.trim(); });
        message = parts.join(": ");
      }
    } catch (e) { /* keep the generic message */ }
    notice(message, true);
  });
})();
