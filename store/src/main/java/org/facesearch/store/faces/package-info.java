/**
 * Queries on {@code face} (with its photo and profile): counts, keyset pages of vectors, samples by position, the
 * catalogue of stored faces and profiles that results and the API show, bulk writes of known vectors.
 */
package org.facesearch.store.faces;
