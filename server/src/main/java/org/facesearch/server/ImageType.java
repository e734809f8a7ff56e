package org.facesearch.server;

import java.util.Optional;

/**
 * The image formats the server accepts, recognised by their leading bytes rather than by what the client
 * claims: a declared {@code Content-Type} can be wrong or forged, the signature cannot. These are the formats
 * the JDK's image decoders read (WebP, HEIC and others are refused with 415).
 */
enum ImageType {
    JPEG("image/jpeg"), PNG("image/png"), GIF("image/gif"), BMP("image/bmp");

    private final String mediaType;

    ImageType(String mediaType) {
        this.mediaType = mediaType;
    }

    String mediaType() {
        return mediaType;
    }

    static Optional<ImageType> sniff(byte[] b) {
        if (b.length >= 3 && (b[0] & 0xff) == 0xff && (b[1] & 0xff) == 0xd8 && (b[2] & 0xff) == 0xff) return Optional.of(JPEG);
        if (b.length >= 8 && (b[0] & 0xff) == 0x89 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G') return Optional.of(PNG);
        if (b.length >= 6 && b[0] == 'G' && b[1] == 'I' && b[2] == 'F' && b[3] == '8') return Optional.of(GIF);
        if (b.length >= 14 && b[0] == 'B' && b[1] == 'M') return Optional.of(BMP);
        return Optional.empty();
    }

    /** True when a declared media type can be an image upload (clients often send no or a generic type). */
    static boolean acceptableDeclaration(String contentType) {
        if (contentType == null || contentType.isBlank()) return true;
        String t = contentType.toLowerCase(java.util.Locale.ROOT);
        return t.startsWith("image/") || t.startsWith("application/octet-stream");
    }
}
