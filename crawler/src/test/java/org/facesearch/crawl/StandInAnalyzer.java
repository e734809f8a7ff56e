package org.facesearch.crawl;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * TEMPORARY stand-in for the face pipeline (branch faces has not landed yet): decodes with ImageIO, reports one
 * "face" when the centre pixel is FakePhotos' skin-coloured oval. To be replaced by the real pipeline.
 */
final class StandInAnalyzer implements FaceAnalyzer {
    @Override
    public String model() {
        return "stand-in";
    }

    @Override
    public Analysis analyze(byte[] image) {
        BufferedImage img;
        try {
            img = ImageIO.read(new ByteArrayInputStream(image));
        } catch (IOException e) {
            img = null;
        }
        if (img == null) {
            return new Unreadable("not a decodable image");
        }
        int rgb = img.getRGB(img.getWidth() / 2, img.getHeight() / 2);
        int corner = img.getRGB(0, 0);
        boolean face = Math.abs(((rgb >> 16) & 0xFF) - 0xE0) < 24 && Math.abs(((rgb >> 8) & 0xFF) - 0xB0) < 24;
        if (!face) {
            return new Faces(img.getWidth(), img.getHeight(), List.of());
        }
        float[] v = {((corner >> 16) & 0xFF) + 1, ((corner >> 8) & 0xFF) + 1, (corner & 0xFF) + 1};
        float n = (float) Math.sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]);
        for (int i = 0; i < 3; i++) {
            v[i] /= n;
        }
        return new Faces(img.getWidth(), img.getHeight(), List.of(new Face(24, 16, 48, 64, 0.9f, v)));
    }
}
