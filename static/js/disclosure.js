/*
 * Filter panels (<details data-open-wide>) are closed in the HTML, so that on a phone the first
 * result shows on the first screen; on a wide screen, where they sit beside the results, this
 * opens them. Without JavaScript they stay closed and open with a click.
 */
(function () {
  "use strict";
  var wide = window.matchMedia && window.matchMedia("(min-width: 56rem)");
  if (!wide || !wide.matches) return;
  document.querySelectorAll("details[data-open-wide]").forEach(function (details) {
    details.open = true;
  });
})();
