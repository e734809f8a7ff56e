/**
 * The search engines: {@link org.facesearch.search.ClusterScan} (the CLI's path: the nprobe nearest IVF lists read
 * from MySQL and scanned exactly) and the server's in-memory index, loaded by {@link org.facesearch.search.IndexLoader}
 * and kept fresh and swapped on a recluster by {@link org.facesearch.search.IndexKeeper}; hits described as
 * {@link org.facesearch.search.FaceMatch}es. {@link org.facesearch.search.SearchParams} checks top and nprobe for all.
 */
package org.facesearch.search;
