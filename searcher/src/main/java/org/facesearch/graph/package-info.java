/**
 * The graph index option of the in-memory engine ({@code index.kind=hnsw}): a jvector graph (HNSW layers over a
 * Vamana-style base layer) over the same faces as the IVF index, growing in place as faces arrive.
 */
package org.facesearch.graph;
