/* Desk page behaviour (no inline scripts: CSP). Focus the comment box when a reply link is used. */
document.addEventListener("click", function (event) {
  var target = event.target.closest("[data-focus]");
  if (!target) { return; }
  var field = document.getElementById(target.getAttribute("data-focus"));
  if (field) { field.focus(); }
});

/* The inline claim correction form (htmx): a refused save (409 someone else saved first, 422 invalid input)
 * answers with the form redrawn around the message, so htmx swaps it in place instead of ignoring it. */
document.addEventListener("htmx:beforeSwap", function (event) {
  var status = event.detail.xhr.status;
  var target = event.detail.target;
  if ((status === 409 || status === 422) && target && target.id === "claim-edit-form") {
    event.detail.shouldSwap = true;
    event.detail.isError = false;
  }
});

/* The claim page opens with the claim's sentence in view inside the article box (not the box at the top of a long
 * article), without moving the page itself. */
document.addEventListener("DOMContentLoaded", function () {
  var span = document.getElementById("claim-span");
  var box = span ? span.closest(".article-text") : null;
  if (box && box.scrollHeight > box.clientHeight) {
    box.scrollTop += span.getBoundingClientRect().top - box.getBoundingClientRect().top - box.clientHeight / 3;
  }
});
