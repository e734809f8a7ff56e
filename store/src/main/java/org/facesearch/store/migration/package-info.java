/**
 * Schema migrations that need Java (SQL ones live in {@code db/migrations}): data conversions Flyway runs
 * between two SQL versions, written to be resumed when killed.
 */
package org.facesearch.store.migration;
