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
