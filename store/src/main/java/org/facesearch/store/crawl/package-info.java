/**
 * Queries of the storage path: profiles upserted by (source, external id), photos, faces, stored content hashes, and
 * each crawl source's cursor in {@code crawl_state}.
 */
package org.facesearch.store.crawl;
