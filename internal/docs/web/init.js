// Starts Swagger UI on the API reference page. It lives in its own file so
// that the page's Content-Security-Policy allows no inline script.
(function () {
  "use strict";
  var root = document.getElementById("swagger-ui");
  window.ui = SwaggerUIBundle({
    url: root.dataset.specUrl,
    domNode: root,
    // BaseLayout: no top bar with a URL box to load other specifications.
    presets: [SwaggerUIBundle.presets.apis],
    layout: "BaseLayout",
    deepLinking: true,
    docExpansion: "list",
    defaultModelsExpandDepth: 0,
    displayRequestDuration: true,
    filter: true,
    // The default validator is a third-party service: never call it.
    validatorUrl: null,
  });
})();
