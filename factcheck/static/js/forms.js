/* Every page: a form with data-confirm asks before it is sent (post_form's ``confirm``). It listens in the
 * capture phase, so a refusal also stops htmx, which listens on the form itself. No inline script: CSP. */
document.addEventListener("submit", function (event) {
  var form = event.target;
  var question = form && form.getAttribute ? form.getAttribute("data-confirm") : null;
  if (question && !window.confirm(question)) {
    event.preventDefault();
    event.stopImmediatePropagation();
  }
}, true);

/* A field with data-count-max counts its characters beside it ("42 / 75", the claimReviewed field); the
 * browser's maxlength stops the typing, the server checks again. */
function countCharacters(field) {
  var shown = field.nextElementSibling;
  if (!shown || !shown.classList.contains("char-count")) {
    shown = document.createElement("output");
    shown.className = "char-count hint";
    field.insertAdjacentElement("afterend", shown);
  }
  shown.textContent = field.value.length + " / " + field.getAttribute("data-count-max");
}
document.addEventListener("input", function (event) {
  if (event.target && event.target.hasAttribute && event.target.hasAttribute("data-count-max")) {
    countCharacters(event.target);
  }
});
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll("[data-count-max]").forEach(countCharacters);
});
