// Swagger UI for this server's own document; nothing is loaded from elsewhere.
window.onload = () => {
  window.ui = SwaggerUIBundle({url: '/openapi.json', dom_id: '#swagger-ui', deepLinking: true});
};
