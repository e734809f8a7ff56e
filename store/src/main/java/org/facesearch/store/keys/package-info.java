/** The HTTP server's API keys: created with a role, stored only as SHA-256 hashes, listed, revoked, checked. */
package org.facesearch.store.keys;
