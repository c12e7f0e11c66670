/* Desk page behaviour (no inline scripts: CSP). Focus the comment box when a reply link is used. */
document.addEventListener("click", function (event) {
  var target = event.target.closest("[data-focus]");
  if (!target) { return; }
  var field = document.getElementById(target.getAttribute("data-focus"));
  if (field) { field.focus(); }
});
