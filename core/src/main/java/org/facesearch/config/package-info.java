/**
 * Configuration: every key with its type and default ({@link org.facesearch.config.ConfigKey}), read from defaults,
 * the file, {@code FACESEARCH_*} environment variables and flags, in that order of precedence; one message per bad
 * value naming the key, where it came from and what is expected. Secrets are masked when printed.
 */
package org.facesearch.config;
