package org.facesearch.testing;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Decompression bombs for tests: files of a few hundred bytes whose header declares a huge image. A decoder that
 * trusts the header allocates width x height pixels (1.2 GB for 20000 x 20000 RGB) before it finds out the pixel
 * data is short; one that reads the header first refuses them at once.
 */
public final class ImageBombs {
    private ImageBombs() {
    }

    /** An 8-bit greyscale PNG declaring {@code width x height}, whose pixel data holds only the first row. */
    public static byte[] png(int width, int height) {
        ByteBuffer ihdr = ByteBuffer.allocate(13).putInt(width).putInt(height)
                .put((byte) 8).put((byte) 0).put((byte) 0).put((byte) 0).put((byte) 0);
        Deflater deflater = new Deflater(9);
        deflater.setInput(new byte[1 + width]);
        deflater.finish();
        byte[] buffer = new byte[1 + width];
        byte[] idat = java.util.Arrays.copyOf(buffer, deflater.deflate(buffer));
        deflater.end();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        chunk(out, "IHDR", ihdr.array());
        chunk(out, "IDAT", idat);
        chunk(out, "IEND", new byte[0]);
        return out.toByteArray();
    }

    /** A real 16 x 16 JPEG whose frame header (SOF0) is rewritten to declare {@code width x height}. */
    public static byte[] jpeg(int width, int height) {
        ByteArrayOutputStream encoded = new ByteArrayOutputStream();
        try {
            javax.imageio.ImageIO.write(new java.awt.image.BufferedImage(16, 16, java.awt.image.BufferedImage.TYPE_INT_RGB), "jpg", encoded);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        byte[] jpeg = encoded.toByteArray();
        for (int i = 2; i + 8 < jpeg.length; ) {
            if ((jpeg[i] & 0xff) != 0xFF) throw new IllegalStateException("no SOF0 marker found");
            int marker = jpeg[i + 1] & 0xff;
            if (marker == 0xC0) {
                ByteBuffer.wrap(jpeg, i + 5, 4).putShort((short) height).putShort((short) width);
                return jpeg;
            }
            i += 2 + (((jpeg[i + 2] & 0xff) << 8) | (jpeg[i + 3] & 0xff));
        }
        throw new IllegalStateException("no SOF0 marker found");
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
        byte[] name = type.getBytes(StandardCharsets.US_ASCII);
        out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
        out.writeBytes(name);
        out.writeBytes(data);
        CRC32 crc = new CRC32();
        crc.update(name);
        crc.update(data);
        out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }
}
