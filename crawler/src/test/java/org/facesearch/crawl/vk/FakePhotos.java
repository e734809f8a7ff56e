package org.facesearch.crawl.vk;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;

/**
 * Small, valid, distinct images generated on the fly for the fake VK CDN: a coloured oval on a background that
 * depends on the seed, so every fake user has a photo with its own SHA-256. They contain no face; tests that need
 * real faces should serve the face engineer's {@code org.facesearch.testing.TestPhotos} through
 * {@link FakeVkServer#photo}.
 */
public final class FakePhotos {
    private FakePhotos() {
    }

    public static byte[] jpeg(long seed) {
        return encode(seed, "jpg", BufferedImage.TYPE_INT_RGB);
    }

    public static byte[] png(long seed) {
        return encode(seed, "png", BufferedImage.TYPE_INT_ARGB);
    }

    private static byte[] encode(long seed, String format, int type) {
        BufferedImage image = new BufferedImage(96, 96, type);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color((int) (seed * 2654435761L) & 0xFFFFFF));
        g.fillRect(0, 0, 96, 96);
        g.setColor(new Color(0xE0B090));
        g.fillOval(24, 16, 48, 64);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, format, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
