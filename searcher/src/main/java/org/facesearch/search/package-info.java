/**
 * The search engines: {@link org.facesearch.search.ClusterScan} (the CLI's path: the nprobe nearest IVF lists read
 * as codes from the search cache, {@link org.facesearch.search.CodeFiles}, a file under HOME derived from MySQL,
 * then re-ranked exactly) and the server's in-memory index of codes, loaded by
 * {@link org.facesearch.search.IndexLoader}, re-ranking with vectors read from MySQL
 * ({@link org.facesearch.search.DatabaseVectors}) and kept fresh and swapped on a recluster by {@link org.facesearch.search.IndexKeeper}; hits described as
 * {@link org.facesearch.search.FaceMatch}es. {@link org.facesearch.search.SearchParams} checks top and nprobe for all.
 */
package org.facesearch.search;
