// Cognito Console: small behaviours, no inline scripts (the CSP forbids them).
(function () {
  "use strict";

  // "/" focuses the page's search box, as in most consoles.
  document.addEventListener("keydown", function (event) {
    if (event.key !== "/" || event.ctrlKey || event.metaKey || event.altKey) return;
    var target = event.target;
    var typing = target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
    if (typing) return;
    var box = document.querySelector("[data-search]");
    if (box) { event.preventDefault(); box.focus(); box.select && box.select(); }
  });

  // Forms marked data-autosubmit submit when a select changes (pool switcher).
  document.addEventListener("change", function (event) {
    var form = event.target.closest && event.target.closest("form[data-autosubmit]");
    if (form && event.target.tagName === "SELECT") form.requestSubmit ? form.requestSubmit() : form.submit();
  });

  // htmx does not swap error responses by default: show refusals (403),
  // throttling (429) and bad requests (400) in the flash area instead.
  document.addEventListener("htmx:beforeSwap", function (event) {
    var status = event.detail.xhr.status;
    if (status === 403 || status === 429 || status === 400) {
      var flash = document.getElementById("flash");
      if (!flash) return;
      event.detail.shouldSwap = true;
      event.detail.isError = false;
      event.detail.target = flash;
    }
  });

  // Buttons with data-confirm ask before submitting.
  document.addEventListener("click", function (event) {
    var el = event.target.closest && event.target.closest("[data-confirm]");
    if (el && !window.confirm(el.getAttribute("data-confirm"))) { event.preventDefault(); event.stopPropagation(); }
  }, true);

  // The header tick box of the users table ticks (or clears) every row on the page.
  document.addEventListener("change", function (event) {
    var box = event.target;
    if (!box.matches || !box.matches("[data-select-page]")) return;
    var table = box.closest("table");
    table.querySelectorAll('input[type="checkbox"][name="u"]').forEach(function (row) { row.checked = box.checked; });
  });
})();
