package org.facesearch.vector;

/** One search hit: a face id and its squared L2 distance to the query (smaller is nearer). */
public record Neighbor(long id, float distance) {
}
