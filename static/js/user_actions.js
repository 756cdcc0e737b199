// The reason rule on the user page. htmx would ask the confirmation first and then halt
// silently on an empty required reason; instead the action stops before any dialog, the
// message appears beside the field and the field takes focus. The server enforces the same
// rule (console/accounts/policy.py): this only makes the refusal visible at once.
(function () {
  "use strict";

  function parts(element) {
    var container = element.closest && element.closest("[data-reason-form]");
    if (!container) return null;
    return { box: container.querySelector("#action-reason"), error: document.getElementById("action-reason-error") };
  }

  document.addEventListener("htmx:confirm", function (event) {
    var p = parts(event.target);
    if (!p || !p.box || !p.box.hasAttribute("data-required") || p.box.value.trim()) return;
    event.preventDefault();
    if (p.error) p.error.hidden = false;
    p.box.setAttribute("aria-invalid", "true");
    p.box.focus();
  });

  document.addEventListener("input", function (event) {
    if (event.target.id !== "action-reason" || !event.target.value.trim()) return;
    var error = document.getElementById("action-reason-error");
    if (error) error.hidden = true;
    event.target.removeAttribute("aria-invalid");
  });
})();
