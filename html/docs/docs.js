"use strict";
// Swagger UI over the OpenAPI description NGINX serves at /api/openapi.json.
window.addEventListener("DOMContentLoaded", () => {
  window.SwaggerUIBundle({ url: "/api/openapi.json", dom_id: "#swagger-ui", deepLinking: true });
});
