/* The verdict editor (claims/verdict.html): a live Markdown preview beside the explanation, and autosave of the
 * draft while the checker types. The server renders the preview (the same sanitiser as the public page) and
 * keeps the optimistic lock: an autosave based on an older version is refused, autosave stops and both versions
 * are shown. Without this script the form still saves, previews (the Preview button) and submits.
 * No inline script, no eval: CSP. */
(function () {
  "use strict";
  var AUTOSAVE_AFTER_MS = 2000;   // quiet time after the last keystroke before saving
  var PREVIEW_AFTER_MS = 400;

  function debounce(fn, wait) {
    var timer = null;
    return function () {
      clearTimeout(timer);
      timer = setTimeout(fn, wait);
    };
  }

  function post(url, form, extraHeaders) {
    var headers = {"X-Requested-With": "fetch"};
    Object.keys(extraHeaders || {}).forEach(function (k) { headers[k] = extraHeaders[k]; });
    return fetch(url, {method: "POST", body: new FormData(form), headers: headers, credentials: "same-origin"});
  }

  function init(form) {
    var explanation = form.querySelector("textarea[name=explanation]");
    var preview = document.getElementById("verdict-preview");
    var status = document.getElementById("autosave-status");
    var version = form.querySelector("input[name=version_id]");
    var dirty = false, saving = false, stopped = false;

    function say(text) { status.textContent = text; }

    var refreshPreview = debounce(function () {
      post(form.getAttribute("data-preview-url"), form, {"X-Preview": "fragment"})
        .then(function (r) { return r.ok ? r.text() : null; })
        .then(function (html) { if (html !== null) { preview.innerHTML = html; } })
        .catch(function () { /* the preview waits for the next keystroke */ });
    }, PREVIEW_AFTER_MS);

    function showConflict(answer) {
      var box = document.createElement("div");
      box.className = "card conflict";
      box.setAttribute("role", "alert");
      var lead = document.createElement("p");
      lead.textContent = form.getAttribute("data-conflict-text");
      box.appendChild(lead);
      var list = document.createElement("ul");
      [answer.theirs.rating, answer.theirs.summary, answer.theirs.explanation].forEach(function (text) {
        var item = document.createElement("li");
        item.textContent = text;
        list.appendChild(item);
      });
      box.appendChild(list);
      (answer.changes || []).forEach(function (text) {
        var line = document.createElement("p");
        line.className = "hint";
        line.textContent = text;
        box.appendChild(line);
      });
      form.insertBefore(box, form.firstChild);
    }

    var autosave = debounce(function () {
      if (!dirty || saving || stopped) { return; }
      saving = true;
      dirty = false;
      post(form.getAttribute("data-autosave-url"), form)
        .then(function (r) { return r.json().then(function (answer) { return {status: r.status, answer: answer}; }); })
        .then(function (reply) {
          var answer = reply.answer;
          if (reply.status === 200) {
            version.value = answer.version_id;
            say(form.getAttribute(answer.saved ? "data-saved-text" : "data-unchanged-text"));
          } else if (reply.status === 409) {
            stopped = true;
            say(form.getAttribute("data-conflict-text"));
            showConflict(answer);
          } else {
            var errors = answer.errors || {};
            say(form.getAttribute("data-not-saved-text") + " " +
                Object.keys(errors).map(function (k) { return errors[k]; }).join(" "));
          }
        })
        .catch(function () { dirty = true; say(form.getAttribute("data-offline-text")); })
        .then(function () { saving = false; });
    }, AUTOSAVE_AFTER_MS);

    form.addEventListener("input", function (event) {
      dirty = true;
      if (event.target === explanation) { refreshPreview(); }
      autosave();
    });
    form.addEventListener("change", function () { dirty = true; autosave(); });
    form.addEventListener("submit", function () { dirty = false; stopped = true; });
    window.addEventListener("beforeunload", function (event) {
      if (dirty) { event.preventDefault(); event.returnValue = ""; }
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("form[data-verdict-editor]").forEach(init);
  });
})();
