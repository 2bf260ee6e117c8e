/* The API documentation page: Swagger UI's markup, mended once it renders, so the page keeps
   the site's accessibility (one main landmark, no link inside a button, every control named,
   scrollable examples reachable by keyboard). Swagger UI re-renders as people expand
   operations, so the mending runs again on each change. */
(function () {
  "use strict";
  var root = document.getElementById("swagger-ui");
  if (!root) return;
  var pending = false;

  function mend() {
    pending = false;
    // Swagger UI marks its operations as a second "main" landmark inside the page's own.
    root.querySelectorAll("main, [role=main]").forEach(function (el) {
      el.setAttribute("role", "region");
      el.setAttribute("aria-label", "Operations");
    });
    // The operation's path is a link inside the button that opens it: keep the text only.
    root.querySelectorAll(".opblock-summary-control a").forEach(function (a) {
      var span = document.createElement("span");
      span.className = a.className;
      span.textContent = a.textContent;
      a.replaceWith(span);
    });
    // Selects for a parameter's value or a media type, named after their parameter.
    root.querySelectorAll("select:not([aria-label])").forEach(function (select) {
      var row = select.closest("tr");
      var name = row && row.querySelector(".parameter__name");
      var label = name ? name.textContent.replace("*", "").trim() : "Media type";
      select.setAttribute("aria-label", label);
    });
    // Example blocks scroll sideways: reachable and readable by keyboard.
    root.querySelectorAll(".highlight-code pre, .microlight").forEach(function (pre) {
      if (!pre.hasAttribute("tabindex")) pre.setAttribute("tabindex", "0");
    });
    // Section headings follow the page's own h1.
    var levels = { H1: "2", H2: "2", H3: "2", H4: "3", H5: "4", H6: "4" };
    root.querySelectorAll("h1, h2, h3, h4, h5, h6").forEach(function (h) {
      if (!h.hasAttribute("aria-level")) {
        h.setAttribute("role", "heading");
        h.setAttribute("aria-level", h.closest(".models") && h.parentElement.classList.contains("models") ? "2" : levels[h.tagName]);
      }
    });
  }

  new MutationObserver(function () {
    if (!pending) {
      pending = true;
      window.requestAnimationFrame(mend);
    }
  }).observe(root, { childList: true, subtree: true });
})();
