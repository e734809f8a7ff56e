/**
 * Server load: a synthetic face database written at bulk speed and a load generator for {@code /api/search/vector}.
 */
package org.facesearch.bench.server;
