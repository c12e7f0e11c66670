/* Keyboard triage on the queue page: j/k move, x select, a accept, d dismiss, m merge, ? help.
 * Actions submit the row's own form: htmx (when loaded) redraws the row, otherwise the browser posts the
 * form and comes back to the same filtered page. No inline script or style: the CSP forbids both. */
(function () {
  "use strict";
  var list = document.querySelector("[data-queue-list]");
  var status = document.getElementById("queue-status");
  var selectedId = null;

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
    row.focus({ preventScroll: true });
    row.scrollIntoView({ block: "nearest" });
  }

  function move(step) {
    var all = rows();
    if (!all.length) { return; }
    var index = all.indexOf(current());
    index = index < 0 ? 0 : Math.min(all.length - 1, Math.max(0, index + step));
    select(all[index]);
  }

  function actionForm(row, action) {
    return row ? row.querySelector('form[data-action="' + action + '"]') : null;
  }

  function submit(form) {
    if (typeof form.requestSubmit === "function") { form.requestSubmit(); } else { form.submit(); }
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
    if (key === "?") { var help = document.getElementById("keys-dialog"); if (help) { help.showModal(); } return; }
    if (key === "j") { move(1); return; }
    if (key === "k") { move(-1); return; }
    if (!row) { notice("Select a claim first with j or k.", true); return; }
    if (key === "x") {
      var box = row.querySelector("input.pick");
      if (box) { box.checked = !box.checked; }
      return;
    }
    var action = { a: "accept", d: "dismiss", m: "merge" }[key];
    var form = actionForm(row, action);
    if (!form) { notice("That action is not available for claim #" + row.getAttribute("data-claim-id") + ".", true); return; }
    if (action === "accept") { submit(form); return; }
    if (action === "dismiss") {
      ask("dismiss-dialog", row, function (dialog) {
        var chosen = dialog.querySelector('input[name="dialog-reason"]:checked');
        if (!chosen) { return; }
        form.querySelector('select[name="reason"]').value = chosen.value;
        submit(form);
      });
      return;
    }
    prepareMergeSearch(row.getAttribute("data-claim-id"));
    ask("merge-dialog", row, function (dialog) {
      var target = dialog.querySelector('input[name="dialog-target"]');
      if (!target.value || !/^\d+$/.test(target.value)) { notice("Give the number of the claim to keep.", true); return; }
      form.querySelector('input[name="into_claim_id"]').value = target.value;
      target.value = "";
      submit(form);
    });
  }

  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey || event.defaultPrevented) { return; }
    var tag = (event.target.tagName || "").toLowerCase();
    if (tag === "input" || tag === "select" || tag === "textarea" || event.target.isContentEditable) { return; }
    if (document.querySelector("dialog[open]")) { return; }
    if (["j", "k", "x", "a", "d", "m", "?"].indexOf(event.key) < 0) { return; }
    event.preventDefault();
    perform(event.key);
  });

  if (list) {
    list.addEventListener("click", function (event) {
      var row = event.target.closest(".claim-row");
      if (row && row.parentElement === list) { select(row); }
    });
    var hash = window.location.hash.match(/^#claim-(\d+)$/);
    if (hash && document.getElementById("claim-" + hash[1])) { select(document.getElementById("claim-" + hash[1])); }
  }

  // htmx: the swapped-in row replaces the selected one, so select it again; show the server's notices.
  document.body.addEventListener("htmx:afterSettle", function () {
    var row = current();
    if (row) { row.classList.add("is-selected"); row.setAttribute("aria-current", "true"); row.focus({ preventScroll: true }); }
  });
  document.body.addEventListener("queue:notice", function (event) {
    var detail = event.detail || {};
    notice(detail.value || String(detail), false);
  });
  document.body.addEventListener("htmx:responseError", function (event) {
    var xhr = event.detail.xhr;
    var message = "The action failed (" + xhr.status + ").";
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
