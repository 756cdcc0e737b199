// Users pages: show refusals (403) and throttling (429) from htmx requests in the
// flash area, since htmx does not swap error responses by default.
(function () {
  "use strict";
  if (window.consoleUsersLoaded) return;
  window.consoleUsersLoaded = true;
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
})();
