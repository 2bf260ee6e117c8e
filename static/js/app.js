/* STI Roadmaps: small progressive enhancements; every page works without them. */
(function () {
  "use strict";

  // A table wider than the screen scrolls inside its .table-responsive box. Keyboard users can
  // scroll it only if the box takes focus, so a box that actually scrolls becomes a focusable,
  // named region (named after the table's caption); one that fits stays out of the tab order.
  // A box that scrolls also says so on screen: a hint above it (its words, in the page's
  // language, come from the <template> that base.html includes) and a fade on the side that
  // has more columns, gone once the reader reaches the end.
  var hintTemplate = document.getElementById("table-scroll-hint");
  var hintText = hintTemplate ? hintTemplate.content.textContent.trim() : "";

  function markEdge(box) {
    var atEnd = box.scrollLeft + box.clientWidth >= box.scrollWidth - 2;
    box.classList.toggle("scrolls-more", !atEnd);
  }

  function markScrollableTables() {
    document.querySelectorAll(".table-responsive").forEach(function (box) {
      var scrolls = box.scrollWidth > box.clientWidth + 1;
      var hint = box.previousElementSibling;
      var hasHint = hint && hint.classList.contains("table-scroll-hint");
      if (scrolls) {
        box.setAttribute("tabindex", "0");
        box.setAttribute("role", "region");
        var caption = box.querySelector("caption");
        var name = caption ? caption.textContent.trim() : "";
        var label = [name, hintText].filter(Boolean).join(" \u2013 ");
        if (label) { box.setAttribute("aria-label", label); }
        if (!hasHint && hintText) {
          hint = document.createElement("p");
          hint.className = "table-scroll-hint small text-muted mb-1";
          hint.setAttribute("aria-hidden", "true");
          hint.textContent = hintText + " \u2192";
          box.parentNode.insertBefore(hint, box);
        }
        if (!box.dataset.edgeWatched) {
          box.dataset.edgeWatched = "1";
          box.addEventListener("scroll", function () { markEdge(box); }, { passive: true });
        }
        markEdge(box);
      } else {
        if (box.getAttribute("tabindex") === "0") {
          box.removeAttribute("tabindex");
          box.removeAttribute("role");
          box.removeAttribute("aria-label");
        }
        box.classList.remove("scrolls-more");
        if (hasHint) { hint.remove(); }
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
