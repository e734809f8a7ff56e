package org.facesearch.crawl.vk;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * One VK access token. The secret is reachable only inside this package (the SDK needs it to build a request);
 * everything that can end up in a log, an exception or a progress line uses {@link #label()}: the token's position
 * in the configured list and the first 8 hex digits of its SHA-256, e.g. {@code token #2 (sha256 3fa1c09e)}.
 * A user finds the culprit with {@code printf %s "$TOKEN" | sha256sum}; 32 bits of a hash of a high-entropy token
 * reveal nothing useful about it.
 */
public final class VkToken {
    /** Real tokens are 70+ characters; anything this short is a paste error (and trips the SDK's own masking). */
    static final int MIN_LENGTH = 16;

    private final String secret;
    private final String label;

    VkToken(int index, String secret) {
        if (secret == null || secret.isBlank()) {
            throw new IllegalArgumentException("VK token #" + (index + 1) + " is empty");
        }
        this.secret = secret.strip();
        if (this.secret.length() < MIN_LENGTH) {
            throw new IllegalArgumentException("VK token #" + (index + 1) + " is too short (" + this.secret.length()
                    + " characters) to be an access token");
        }
        this.label = "token #" + (index + 1) + " (sha256 " + sha256Prefix(this.secret) + ")";
    }

    String secret() {
        return secret;
    }

    /** A masked name that is safe to print. */
    public String label() {
        return label;
    }

    /**
     * {@code text} with this token replaced by its label: for error details that quote a server answer (VK once
     * echoed {@code access_token} in {@code request_params}; a proxy's error page might quote the request).
     */
    String redact(String text) {
        return text == null ? null : text.replace(secret, label);
    }

    @Override
    public String toString() {
        return label;
    }

    private static String sha256Prefix(String value) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }
}
