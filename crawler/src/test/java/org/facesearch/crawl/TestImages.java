package org.facesearch.crawl;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import javax.imageio.ImageIO;
import org.facesearch.crawl.vk.FakePhotos;

/** Images and the face pipeline for storage tests: photos with one face each, a photo without a face, and corrupt images. */
public final class TestImages {
    /** The face pipeline used by storage tests. */
    public static final FaceAnalyzer ANALYZER = new StandInAnalyzer();

    private TestImages() {
    }

    /** A photo showing one face; distinct content per {@code n}. */
    public static byte[] face(int n) {
        return FakePhotos.jpeg(n);
    }

    /** A photo without any face: a plain gradient. */
    public static byte[] noFace() {
        BufferedImage image = new BufferedImage(128, 96, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setPaint(new java.awt.GradientPaint(0, 0, new Color(0x3060A0), 128, 96, new Color(0x90C0E0)));
        g.fillRect(0, 0, 128, 96);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "jpg", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /**
     * A WebP file header followed by garbage: passes the downloader's check (the JDK has no WebP reader to look
     * deeper) and reaches the face pipeline, which cannot decode it.
     */
    public static byte[] corruptWebp() {
        byte[] b = "RIFF\u0040\u0000\u0000\u0000WEBPVP8 garbage-garbage-garbage-garbage-garbage-garbage"
                .getBytes(StandardCharsets.ISO_8859_1);
        return b;
    }
}
