/**
 * {@code bench search}: the in-memory engine against exact search and the peers (FAISS and hnswlib through
 * {@code peers.py}) on face-like synthetic vectors at equal recall: recall@10, identity recall, p50/p99, QPS, bytes a face.
 */
package org.facesearch.bench.search;
