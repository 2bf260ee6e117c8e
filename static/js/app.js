/* STI Roadmaps: small progressive enhancements; every page works without them. */
(function () {
  "use strict";

  // A table wider than the screen scrolls inside its .table-responsive box. Keyboard users can
  // scroll it only if the box takes focus, so a box that actually scrolls becomes a focusable,
  // named region (named after the table's caption); one that fits stays out of the tab order.
  function markScrollableTables() {
    document.querySelectorAll(".table-responsive").forEach(function (box) {
      var scrolls = box.scrollWidth > box.clientWidth + 1;
      if (scrolls) {
        box.setAttribute("tabindex", "0");
        box.setAttribute("role", "region");
        var caption = box.querySelector("caption");
        var name = caption ? caption.textContent.trim() : "";
        box.setAttribute("aria-label", name || "Table (scrolls sideways)");
      } else if (box.getAttribute("tabindex") === "0") {
        box.removeAttribute("tabindex");
        box.removeAttribute("role");
        box.removeAttribute("aria-label");
      }
    });
  }

  var pending = null;
  function onResize() {
    window.clearTimeout(pending);
    pending = window.setTimeout(markScrollableTables, 100);
  }

  document.addEventListener("DOMContentLoaded", markScrollableTables);
  window.addEventListener("resize", onResize);
})();
