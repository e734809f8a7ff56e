package org.facesearch.config;

/** A configuration problem a user can fix; the message names the key, where the value came from and what is expected. */
public class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message);
    }
}
