// Cognito Console: small behaviours, no inline scripts (the CSP forbids them).
(function () {
  "use strict";

  function typingIn(target) {
    return target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
  }

  // ---- The live region (#flash in base.html) -------------------------------------------
  // Every result lands in one persistent role=status region: page messages, htmx refusals
  // (403/429/400 below), an HX-Trigger "console:flash" event ({"level", "message"}) and
  // out-of-band swaps (hx-swap-oob="innerHTML:#flash"). It is kept in view and, when the
  // swap took the focused element away, it takes the focus instead of the body.
  function flashRegion() { return document.getElementById("flash"); }

  function focusLost() {
    var active = document.activeElement;
    return !active || active === document.body || !document.body.contains(active);
  }

  function settleFlash() {
    var region = flashRegion();
    if (!region || !region.textContent.trim()) return;
    region.querySelectorAll(".alert").forEach(addDismiss);
    region.scrollIntoView({ block: "nearest" });
    if (focusLost()) {
      var message = region.querySelector(".alert:last-child") || region;
      message.setAttribute("tabindex", "-1");
      message.focus({ preventScroll: true });
    }
  }

  function addDismiss(alert) {
    if (alert.querySelector(".dismiss")) return;
    var button = document.createElement("button");
    button.type = "button";
    button.className = "dismiss";
    button.setAttribute("aria-label", "Dismiss this message");
    button.textContent = "×";
    alert.appendChild(button);
  }

  function announce(level, text) {
    var region = flashRegion();
    if (!region) return;
    var alert = document.createElement("div");
    alert.className = "alert alert-" + (level || "info");
    alert.setAttribute("data-flash", "");
    if (level === "error") alert.setAttribute("role", "alert");
    alert.textContent = text; // textContent: messages may quote user-controlled values
    region.replaceChildren(alert);
    settleFlash();
  }
  window.consoleAnnounce = announce;

  document.addEventListener("click", function (event) {
    var dismiss = event.target.closest && event.target.closest("#flash .dismiss");
    if (!dismiss) return;
    dismiss.closest(".alert").remove();
    document.getElementById("main").focus({ preventScroll: true });
  });

  document.addEventListener("console:flash", function (event) {
    var detail = event.detail || {};
    announce(detail.level, detail.message || detail.value || "");
  });

  document.addEventListener("htmx:afterSettle", function (event) {
    var target = event.detail.target;
    var region = flashRegion();
    if (target && target.id === "flash") settleFlash();
    else if (region && region.hasAttribute("data-fresh")) {
      // The response put its result in the live region (out of band) and replaced the panel
      // that sent it: the result is what to read next, not the top of the panel.
      region.removeAttribute("data-fresh");
      settleFlash();
    } else if (focusLost()) {
      // The swap replaced what had the focus: keep the reader where the result is.
      var message = target && target.querySelector && target.querySelector("[data-flash]");
      var place = message || target;
      if (place && place.focus) {
        if (!place.hasAttribute("tabindex") && !/^(A|BUTTON|INPUT|SELECT|TEXTAREA)$/.test(place.tagName)) place.setAttribute("tabindex", "-1");
        place.focus({ preventScroll: !message });
      }
    }
  });
  document.addEventListener("htmx:oobAfterSwap", function (event) {
    if (event.detail.target && event.detail.target.id === "flash") {
      flashRegion().setAttribute("data-fresh", "");
      settleFlash();
    }
  });

  // Sections the reader opened (details with an id) stay open when htmx swaps what holds them.
  var openSections = [];
  document.addEventListener("htmx:beforeSwap", function (event) {
    var target = event.detail.target;
    openSections = target && target.querySelectorAll ? Array.prototype.map.call(target.querySelectorAll("details[id][open]"), function (d) { return d.id; }) : [];
  });
  document.addEventListener("htmx:afterSwap", function () {
    openSections.forEach(function (id) {
      var section = document.getElementById(id);
      if (section && section.tagName === "DETAILS") section.open = true;
    });
    openSections = [];
  });

  // htmx does not swap error responses by default: show refusals (403),
  // throttling (429) and bad requests (400) in the flash area instead.
  document.addEventListener("htmx:beforeSwap", function (event) {
    var status = event.detail.xhr.status;
    if (status === 403 || status === 429 || status === 400) {
      if (!flashRegion()) return;
      event.detail.shouldSwap = true;
      event.detail.isError = false;
      event.detail.target = flashRegion();
    }
  });
  // ... and never fail silently on anything else.
  document.addEventListener("htmx:responseError", function (event) {
    var status = event.detail.xhr.status;
    if (status === 403 || status === 429 || status === 400) return;
    announce("error", "The console could not finish this (error " + status + "). Nothing on this page was changed; try again, and tell an administrator if it keeps happening.");
  });
  document.addEventListener("htmx:sendError", function () {
    announce("error", "The console did not answer: check your connection and try again.");
  });

  document.addEventListener("DOMContentLoaded", function () {
    settleFlash();
    // A page that opens with an error summary puts the focus on it.
    var summary = document.querySelector("[data-focus-on-load]");
    if (summary) {
      summary.setAttribute("tabindex", "-1");
      summary.focus();
    }
    markScrollableTables();
    updateBulkCounts();
  });

  // ---- Status changes of a polled panel (the job page) ----------------------------------
  // The panel names its state in data-announce; the page's role=status region
  // ([data-announcer]) says it once per change, never on every poll. What the page showed on
  // arrival is not announced: the reader is already reading it.
  function announceState(quiet) {
    var region = document.querySelector("[data-announcer]");
    var source = document.querySelector("[data-announce]");
    if (!region || !source) return;
    var text = source.getAttribute("data-announce").trim();
    if (!text || text === region.getAttribute("data-said")) return;
    region.setAttribute("data-said", text);
    if (!quiet) region.textContent = text;
  }
  document.addEventListener("DOMContentLoaded", function () { announceState(true); });
  document.addEventListener("htmx:afterSettle", function () { announceState(false); });

  // ---- Required fields before the confirmation -----------------------------------------
  // An htmx action whose form (or hx-include'd reason) is missing a required value says so
  // and focuses the field, before any confirm dialog and without sending anything.
  function fieldsOf(elt) {
    var fields = [];
    var form = elt.tagName === "FORM" ? elt : elt.closest("form");
    if (form) fields = fields.concat(Array.prototype.slice.call(form.elements));
    var includer = elt.closest("[hx-include]");
    if (includer) {
      try {
        document.querySelectorAll(includer.getAttribute("hx-include")).forEach(function (el) {
          fields = fields.concat(el.elements ? Array.prototype.slice.call(el.elements) : [el]);
        });
      } catch (e) { /* htmx's extended selectors ("closest …") are not CSS: the form covers them */ }
    }
    return fields;
  }

  function firstInvalid(elt) {
    return fieldsOf(elt).find(function (field) { return field.willValidate && !field.checkValidity(); });
  }

  function refuseInvalid(field) {
    var label = field.labels && field.labels[0] ? field.labels[0].textContent.trim().replace(/:.*$/, "") : field.name;
    announce("error", label + ": " + field.validationMessage);
    field.focus();
    field.reportValidity();
  }

  document.addEventListener("htmx:confirm", function (event) {
    // A GET only reads (a device's details, older events): it needs no reason, even inside a
    // section that includes the reason box for its actions.
    if (event.detail.verb === "get") return;
    var invalid = firstInvalid(event.detail.elt);
    if (invalid) {
      event.preventDefault();
      refuseInvalid(invalid);
    }
  });

  // Buttons with data-confirm ask before submitting (after the same check).
  document.addEventListener("click", function (event) {
    var el = event.target.closest && event.target.closest("[data-confirm]");
    if (!el) return;
    var invalid = firstInvalid(el);
    if (invalid) { event.preventDefault(); event.stopPropagation(); refuseInvalid(invalid); return; }
    if (!window.confirm(el.getAttribute("data-confirm"))) { event.preventDefault(); event.stopPropagation(); }
  }, true);

  // ---- Work in flight -----------------------------------------------------------------
  // Every htmx request disables the button(s) that sent it and marks them busy (the CSS
  // draws the progress); one rule here instead of hx-disabled-elt on every form.
  function buttonsOf(elt) {
    if (elt.matches("button, .button, input[type=submit]")) return [elt];
    if (elt.tagName === "FORM") return Array.prototype.slice.call(elt.querySelectorAll("button:not([type=button]), input[type=submit]"));
    return [];
  }

  function markBusy(elt, busy) {
    elt.setAttribute("aria-busy", busy ? "true" : "false");
    buttonsOf(elt).forEach(function (button) {
      if (busy && !button.disabled) { button.disabled = true; button.setAttribute("data-busy", ""); button.setAttribute("aria-busy", "true"); }
      if (!busy && button.hasAttribute("data-busy")) { button.disabled = false; button.removeAttribute("data-busy"); button.setAttribute("aria-busy", "false"); }
    });
  }

  document.addEventListener("htmx:beforeRequest", function (event) {
    // Polling (hx-trigger "every …") is background work, not something the operator waits for.
    if (event.detail.requestConfig && /every /.test(event.detail.elt.getAttribute("hx-trigger") || "")) return;
    markBusy(event.detail.elt, true);
  });
  document.addEventListener("htmx:afterRequest", function (event) {
    if (event.detail.elt.getAttribute("aria-busy") === "true") markBusy(event.detail.elt, false);
  });

  // Plain (non-htmx) forms: the submit button shows progress and cannot be pressed twice.
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (event.defaultPrevented || form.hasAttribute("hx-post") || form.hasAttribute("hx-get") || form.method === "dialog") return;
    var button = event.submitter;
    if (!button) return;
    button.setAttribute("aria-busy", "true");
    setTimeout(function () { button.disabled = true; button.setAttribute("data-busy", ""); }, 0); // after the browser reads its value
  });
  window.addEventListener("pageshow", function (event) {
    if (!event.persisted) return; // back button: a page from the cache must not keep disabled buttons
    document.querySelectorAll("[data-busy]").forEach(function (b) { b.disabled = false; b.removeAttribute("data-busy"); b.setAttribute("aria-busy", "false"); });
  });

  // ---- Tables --------------------------------------------------------------------------
  // A table wider than the screen scrolls inside its wrapper; keyboard users need to reach it.
  function markScrollableTables() {
    document.querySelectorAll(".table-wrap, table.data").forEach(function (box) {
      if (box.scrollWidth > box.clientWidth + 1 && !box.hasAttribute("tabindex") && !box.closest(".table-wrap[tabindex]")) {
        box.setAttribute("tabindex", "0");
        box.setAttribute("role", "region");
        var heading = box.getAttribute("aria-label") || (box.querySelector("caption") || {}).textContent || "Table";
        box.setAttribute("aria-label", heading.trim() + " (scrolls sideways)");
      }
    });
  }
  window.addEventListener("resize", markScrollableTables);
  document.addEventListener("htmx:afterSettle", markScrollableTables);

  // The header tick box of the users table ticks (or clears) every row on the page.
  document.addEventListener("change", function (event) {
    var box = event.target;
    if (!box.matches) return;
    if (box.matches("[data-select-page]")) {
      var table = box.closest("table");
      table.querySelectorAll('input[type="checkbox"][name="u"]').forEach(function (row) { row.checked = box.checked; });
    }
    if (box.matches('input[type="checkbox"][name="u"], [data-select-page]')) updateBulkCounts();
  });

  // The bulk bar says how many users are ticked ("1 user ticked", "3 users ticked").
  function updateBulkCounts() {
    document.querySelectorAll("[data-bulk-count]").forEach(function (counter) {
      var form = counter.closest("form");
      var scope = form && form.id ? document.querySelectorAll('input[type="checkbox"][name="u"][form="' + form.id + '"]:checked, #' + form.id + ' input[name="u"]:checked') : [];
      var ticked = scope.length || document.querySelectorAll('table input[type="checkbox"][name="u"]:checked').length;
      counter.textContent = ticked + (ticked === 1 ? " user ticked" : " users ticked");
    });
  }
  document.addEventListener("htmx:afterSettle", updateBulkCounts);

  // ---- Forms ---------------------------------------------------------------------------
  // Forms marked data-autosubmit submit when a select changes (pool switcher).
  document.addEventListener("change", function (event) {
    var form = event.target.closest && event.target.closest("form[data-autosubmit]");
    if (form && event.target.tagName === "SELECT") form.requestSubmit ? form.requestSubmit() : form.submit();
  });

  // ---- Keyboard shortcuts ("?" lists them; base.html holds the list) ---------------------
  var pendingGo = false;

  function rows() {
    return Array.prototype.slice.call(document.querySelectorAll("main table.data tbody tr")).filter(function (row) {
      return row.querySelector("a[href]");
    });
  }

  function moveRow(step) {
    var all = rows();
    if (!all.length) return;
    var current = document.activeElement && document.activeElement.closest && document.activeElement.closest("main table.data tbody tr");
    var index = all.indexOf(current);
    var next = all[Math.max(0, Math.min(all.length - 1, index < 0 ? 0 : index + step))];
    all.forEach(function (row) { row.classList.remove("row-current"); });
    next.classList.add("row-current");
    var link = next.querySelector("a[href]");
    link.focus();
    link.scrollIntoView({ block: "nearest" });
  }

  function clickFirst(selector) {
    var el = document.querySelector(selector);
    if (el) { el.click(); return true; }
    return false;
  }

  function toggleShortcuts() {
    var dialog = document.getElementById("shortcuts");
    if (!dialog) return;
    if (dialog.open) dialog.close(); else dialog.showModal();
  }

  document.addEventListener("click", function (event) {
    if (event.target.closest && event.target.closest("[data-shortcuts]")) toggleShortcuts();
  });

  document.addEventListener("keydown", function (event) {
    // Escape leaves the search box (which has the focus on arrival), so the shortcuts work.
    if (event.key === "Escape" && event.target.matches && event.target.matches("[data-search]")) { event.target.blur(); return; }
    if (event.ctrlKey || event.metaKey || event.altKey || typingIn(event.target)) return;
    var key = event.key;
    if (pendingGo) {
      pendingGo = false;
      var go = document.querySelector('nav [data-go="' + key + '"]');
      if (go) { event.preventDefault(); go.click(); }
      return;
    }
    var dialogOpen = document.getElementById("shortcuts") && document.getElementById("shortcuts").open;
    if (key === "?") { event.preventDefault(); toggleShortcuts(); return; }
    if (dialogOpen) return;
    if (key === "/") {
      var box = document.querySelector("[data-search]");
      if (box) { event.preventDefault(); box.focus(); if (box.select) box.select(); }
    } else if (key === "j" || key === "k") {
      event.preventDefault();
      moveRow(key === "j" ? 1 : -1);
    } else if (key === "o") {
      var row = document.querySelector("main table.data tbody tr.row-current") || rows()[0];
      if (row) { event.preventDefault(); row.querySelector("a[href]").click(); }
    } else if (key === "n" || key === "p") {
      if (clickFirst(key === "n" ? 'main a[rel="next"]' : 'main a[rel="prev"]')) event.preventDefault();
    } else if (key === "a") {
      var actions = document.querySelector("[data-shortcut-target=actions], #user-actions");
      var first = actions && actions.querySelector("input:not([type=hidden]), select, textarea, button, a[href]");
      if (first) { event.preventDefault(); actions.scrollIntoView({ block: "start" }); first.focus(); }
    } else if (key === "g") {
      pendingGo = true;
      setTimeout(function () { pendingGo = false; }, 1500);
    }
  });
})();
