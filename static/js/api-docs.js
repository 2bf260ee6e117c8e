/* The API documentation page: Swagger UI's markup, mended once it renders, so the page keeps
   the site's accessibility (no link inside a button, every control named,
   scrollable examples reachable by keyboard). Swagger UI re-renders as people expand
   operations, so the mending runs again on each change.

   Loaded before Swagger UI starts: its layout comes from here (SWAGGER_UI_SETTINGS names it). */

/* Swagger UI's own layout ("BaseLayout") wraps the operations in a second <main>, inside the
   page's own. This one is the same layout with a plain <div>: Swagger UI's documented way to
   change its page (a plugin giving a layout component), so React keeps owning its markup. */
window.ApiDocsPage = function (system) {
  "use strict";
  var h = system.React.createElement;

  function PageLayout(props) {
    var spec = props.specSelectors;
    var get = props.getComponent;
    var Errors = get("errors", true);
    var Row = get("Row");
    var Col = get("Col");
    var status = spec.loadingStatus();
    if (status === "failed" || status === "failedConfig") {
      return h("div", { className: "swagger-ui" }, h(Errors, null));
    }
    if (status === "loading" || !spec.specStr()) {
      return h("div", { className: "swagger-ui" });
    }
    var servers = spec.servers();
    var schemes = spec.schemes();
    var withServers = servers && servers.size;
    var withSchemes = schemes && schemes.size;
    var withAuth = !!spec.securityDefinitions();
    var isOAS31 = spec.isOAS31();
    function wide(child) {
      return h(Col, { mobile: 12, desktop: 12 }, child);
    }
    return h(
      "div",
      { className: "swagger-ui" },
      h(get("SvgAssets"), null),
      h(
        get("VersionPragmaFilter"),
        {
          isSwagger2: spec.isSwagger2(),
          isOAS3: spec.isOAS3(),
          isOAS31: isOAS31,
          alsoShow: h(Errors, null),
        },
        h(Errors, null),
        h(Row, { className: "information-container" }, h(Col, { mobile: 12 }, h(get("InfoContainer", true), null))),
        withServers || withSchemes || withAuth
          ? h(
              "div",
              { className: "scheme-container" },
              h(
                Col,
                { className: "schemes wrapper", mobile: 12 },
                withServers || withSchemes
                  ? h(
                      "div",
                      { className: "schemes-server-container" },
                      withServers ? h(get("ServersContainer", true), null) : null,
                      withSchemes ? h(get("SchemesContainer", true), null) : null
                    )
                  : null,
                withAuth ? h(get("AuthorizeBtnContainer", true), null) : null
              )
            )
          : null,
        h(get("FilterContainer", true), null),
        h(
          "div",
          { id: "operations", tabIndex: "-1" },
          h(Row, null, wide(h(get("operations", true), null))),
          isOAS31 ? h(Row, { className: "webhooks-container" }, wide(h(get("Webhooks", true), null))) : null,
          h(Row, null, wide(h(get("Models", true), null)))
        )
      )
    );
  }

  return { components: { PageLayout: PageLayout } };
};

(function () {
  "use strict";
  var root = document.getElementById("swagger-ui");
  if (!root) return;
  var pending = false;

  function mend() {
    pending = false;
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
