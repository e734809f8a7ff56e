/**
 * Index variants that only the benchmarks use: exact brute force (the ground truth), the 10M-face three-pass layout
 * ({@link org.facesearch.bench.index.QuantizedIvfIndex}: 1-bit codes, int8 codes ({@link org.facesearch.bench.index.ScalarQuantizer}),
 * exact re-rank from a memory-mapped float32 {@link org.facesearch.bench.index.VectorFile}).
 */
package org.facesearch.bench.index;
