// The "Print this page" button: shown (and the keyboard hint hidden) once this script runs.
(function () {
  "use strict";
  document.querySelectorAll("[data-print-action]").forEach(function (action) {
    var button = action.querySelector("[data-print]");
    var hint = action.querySelector("[data-print-hint]");
    if (!button || typeof window.print !== "function") {
      return;
    }
    button.hidden = false;
    if (hint) {
      hint.hidden = true;
    }
    button.addEventListener("click", function () {
      window.print();
    });
  });
})();
