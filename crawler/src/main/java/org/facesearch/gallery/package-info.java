/**
 * {@code facesearch import}: a local gallery (one folder per person, or a CSV of path, name, url) stored through
 * the crawl's storage path.
 */
package org.facesearch.gallery;
