/**
 * {@code facesearch serve}: the HTTP API (Javalin; OpenAPI document and Swagger UI), the upload page, face
 * thumbnails. Uploads are bounded and gated; every error is JSON; searches run on the in-memory index.
 */
package org.facesearch.server;
