/**
 * {@code facesearch bench}: benchmark programs that print one table for BENCHMARKS.md, outside the product.
 *
 * <p>Nothing depends on this module and the product's jar does not contain it: {@link org.facesearch.bench.BenchExtension}
 * adds the {@code bench} command when {@code bin/facesearch} finds this module's jar. Benchmarks that write faces use
 * a synthetic model id of their own ({@link org.facesearch.bench.SyntheticFaceLoader}) and never mix with real faces.
 */
package org.facesearch.bench;
