"use strict";
// Swagger UI over HotSox's FastAPI description, which NGINX serves at /fastapi/v1/openapi.json.
window.addEventListener("DOMContentLoaded", () => {
  window.SwaggerUIBundle({ url: "/fastapi/v1/openapi.json", dom_id: "#swagger-ui", deepLinking: true });
});
