package org.facesearch.crawl.vk;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * What a downloaded body is, judged from its bytes rather than the server's Content-Type: the magic number picks the
 * format, then (for formats the JDK reads) the image header must decode to a positive size. The full decode is left
 * to the face pipeline; this only weeds out HTML error pages, empty bodies and garbage before they are stored.
 */
public enum ImageFormat {
    JPEG, PNG, GIF, WEBP;

    /** The format of {@code bytes}, or null when they are not a readable image. */
    static ImageFormat detect(byte[] bytes) {
        ImageFormat format = sniff(bytes);
        if (format == null || format == WEBP) {
            return format; // the JDK has no WebP reader: the magic number is all we can check here
        }
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                return null;
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in);
                return reader.getWidth(0) > 0 && reader.getHeight(0) > 0 ? format : null;
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static ImageFormat sniff(byte[] b) {
        if (b.length >= 3 && (b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0xD8 && (b[2] & 0xFF) == 0xFF) {
            return JPEG;
        }
        if (b.length >= 8 && (b[0] & 0xFF) == 0x89 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G') {
            return PNG;
        }
        if (b.length >= 6 && b[0] == 'G' && b[1] == 'I' && b[2] == 'F' && b[3] == '8') {
            return GIF;
        }
        if (b.length >= 12 && b[0] == 'R' && b[1] == 'I' && b[2] == 'F' && b[3] == 'F'
                && b[8] == 'W' && b[9] == 'E' && b[10] == 'B' && b[11] == 'P') {
            return WEBP;
        }
        return null;
    }
}
