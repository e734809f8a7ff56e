package org.facesearch.faces;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.util.Arrays;

/**
 * A decoded, upright image as packed 0xRRGGBB ints (4 bytes a pixel: a 1920x1280 photo is ~10 MB, against
 * ~30 MB as floats). All crops the models need are taken by {@link #sample}: one bilinear pass from source
 * pixels straight into a model's float input, so no intermediate images are made.
 */
public record RgbImage(int width, int height, int[] rgb) {

    public RgbImage {
        if (width <= 0 || height <= 0 || rgb.length != width * height) throw new IllegalArgumentException("bad image size " + width + "x" + height);
    }

    public static RgbImage of(BufferedImage image) {
        int w = image.getWidth(), h = image.getHeight();
        // fast path for what ImageIO's JPEG reader returns: getRGB goes through the colour model pixel by pixel (~3x slower)
        if (image.getType() == BufferedImage.TYPE_3BYTE_BGR
                && image.getRaster().getDataBuffer() instanceof DataBufferByte buffer
                && buffer.getNumBanks() == 1 && buffer.getData().length == w * h * 3) {
            byte[] bgr = buffer.getData();
            int[] rgb = new int[w * h];
            for (int i = 0, j = 0; i < rgb.length; i++, j += 3) {
                rgb[i] = (bgr[j + 2] & 0xff) << 16 | (bgr[j + 1] & 0xff) << 8 | (bgr[j] & 0xff);
            }
            return new RgbImage(w, h, rgb);
        }
        return new RgbImage(w, h, image.getRGB(0, 0, w, h, null, 0, w));
    }

    public BufferedImage toBufferedImage() {
        BufferedImage b = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        b.setRGB(0, 0, width, height, rgb, 0, width);
        return b;
    }

    /**
     * Writes the {@code size x size} crop {@code m} describes into {@code out} at {@code offset}, HWC RGB,
     * each value {@code pixel * scale + bias}; source pixel centres sit at integer coordinates, outside is black.
     */
    void sample(Affine m, int size, float[] out, int offset, float scale, float bias) {
        int o = offset;
        for (int v = 0; v < size; v++) {
            for (int u = 0; u < size; u++) {
                double x = m.x(u, v), y = m.y(u, v);
                int x0 = (int) Math.floor(x), y0 = (int) Math.floor(y);
                float fx = (float) (x - x0), fy = (float) (y - y0);
                int p00 = at(x0, y0), p10 = at(x0 + 1, y0), p01 = at(x0, y0 + 1), p11 = at(x0 + 1, y0 + 1);
                for (int shift = 16; shift >= 0; shift -= 8) {
                    float top = ((p00 >> shift) & 0xff) * (1 - fx) + ((p10 >> shift) & 0xff) * fx;
                    float bottom = ((p01 >> shift) & 0xff) * (1 - fx) + ((p11 >> shift) & 0xff) * fx;
                    out[o++] = (top * (1 - fy) + bottom * fy) * scale + bias;
                }
            }
        }
    }

    private int at(int x, int y) {
        return x < 0 || y < 0 || x >= width || y >= height ? 0 : rgb[y * width + x];
    }

    /**
     * Averages {@code k x k} blocks: a cheap area filter before a large downscale, so that bilinear sampling
     * of a big photo does not alias (a 1920-px photo becomes 256 px for the detector).
     */
    RgbImage shrink(int k) {
        int w = width / k, h = height / k;
        int[] out = new int[w * h];
        int[] sum = new int[w * 3];
        int area = k * k;
        for (int y = 0; y < h; y++) {
            Arrays.fill(sum, 0);
            for (int dy = 0; dy < k; dy++) {
                int row = (y * k + dy) * width;
                for (int x = 0; x < w; x++) {
                    for (int dx = 0, src = row + x * k; dx < k; dx++, src++) {
                        int p = rgb[src];
                        sum[3 * x] += (p >> 16) & 0xff;
                        sum[3 * x + 1] += (p >> 8) & 0xff;
                        sum[3 * x + 2] += p & 0xff;
                    }
                }
            }
            for (int x = 0; x < w; x++) {
                out[y * w + x] = (sum[3 * x] / area) << 16 | (sum[3 * x + 1] / area) << 8 | sum[3 * x + 2] / area;
            }
        }
        return new RgbImage(w, h, out);
    }
}
