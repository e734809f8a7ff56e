/**
 * The in-memory IVF index: lists (one per k-means centroid) holding face ids and 1-bit codes of their randomly
 * rotated residuals contiguously ({@link org.facesearch.index.SignCodes}, RaBitQ-style, laid out in blocks of 32 by
 * {@link org.facesearch.index.CodeBlocks}); a query scans the codes of its nprobe nearest lists through lookup
 * tables ({@link org.facesearch.index.CandidateScan}, {@link org.facesearch.index.LookupQuery}) and re-ranks the best candidates exactly
 * ({@link org.facesearch.index.ExactRerank}) with float32 vectors from a {@link org.facesearch.index.RerankVectors}
 * (the database for the server, the heap for benchmarks); {@link org.facesearch.index.LiveIndex} takes appends and
 * swaps atomically. JDK only.
 */
package org.facesearch.index;
