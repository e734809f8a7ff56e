package org.facesearch.crawl;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** SHA-256 of photo bytes, the key by which a photo already seen is recognised ({@code photo.content_sha256}). */
public final class ContentHash {
    private ContentHash() {
    }

    public static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }
}
