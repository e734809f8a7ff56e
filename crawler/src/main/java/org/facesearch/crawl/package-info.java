/**
 * The crawl loop and the one storage path of {@code crawl} and {@code import}: sources walked by cursor, photos
 * analysed outside transactions, each batch stored in ONE transaction with its cursor (resumable, nothing stored
 * twice), clusters kept current through the {@link org.facesearch.crawl.ClusterHook} port (adapted in cli).
 */
package org.facesearch.crawl;
