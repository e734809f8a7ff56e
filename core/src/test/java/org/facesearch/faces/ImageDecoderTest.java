package org.facesearch.faces;

import org.facesearch.testing.ImageBombs;
import org.facesearch.testing.TestPhotos;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import static org.junit.jupiter.api.Assertions.*;

class ImageDecoderTest {

    @Test
    void readsExifOrientationInBothByteOrders() {
        for (int o = 1; o <= 8; o++) {
            assertEquals(o, ExifOrientation.read(withOrientation(tinyJpeg(), o, true)));
            assertEquals(o, ExifOrientation.read(withOrientation(tinyJpeg(), o, false)));
        }
        assertEquals(1, ExifOrientation.read(tinyJpeg()), "no EXIF block");
        assertEquals(1, ExifOrientation.read("not a jpeg".getBytes()));
    }

    @Test
    void appliesOrientationToPixels() throws Exception {
        // 2x1 image: red left, blue right, stored sideways with orientation 6 (display = rotate 90 clockwise)
        RgbImage stored = new RgbImage(2, 1, new int[]{0xff0000, 0x0000ff});
        RgbImage upright = ExifOrientation.apply(stored, 6);
        assertEquals(1, upright.width());
        assertEquals(2, upright.height());
        assertArrayEquals(new int[]{0xff0000, 0x0000ff}, upright.rgb());   // left goes to the top
        RgbImage anticlockwise = ExifOrientation.apply(stored, 8);
        assertArrayEquals(new int[]{0x0000ff, 0xff0000}, anticlockwise.rgb());
        assertArrayEquals(new int[]{0x0000ff, 0xff0000}, ExifOrientation.apply(stored, 2).rgb());
    }

    /** A portrait stored rotated with the EXIF tag that undoes it is found upright, at the same place. */
    @Test
    void sidewaysPhotoWithExifTagFindsTheFaceUpright() throws Exception {
        BufferedImage upright = ImageIO.read(TestPhotos.singlePortrait().toFile());
        int w = upright.getWidth(), h = upright.getHeight();
        BufferedImage stored = new BufferedImage(h, w, BufferedImage.TYPE_INT_RGB);   // rotated 90 anticlockwise
        for (int y = 0; y < h; y++) for (int x = 0; x < w; x++) stored.setRGB(y, w - 1 - x, upright.getRGB(x, y));
        byte[] tagged = withOrientation(jpeg(stored), 6, false);
        RgbImage decoded = ImageDecoder.decode(tagged);
        assertEquals(w, decoded.width());
        assertEquals(h, decoded.height());
        try (FacePipeline p = FacePipeline.open(TestPhotos.modelsDir(), EmbedderModel.MOBILEFACE)) {
            var faces = p.analyze(tagged);
            var reference = p.analyze(TestPhotos.bytes(TestPhotos.singlePortrait()));
            assertEquals(1, faces.size());
            assertEquals(reference.getFirst().box().x(), faces.getFirst().box().x(), 10);
            assertEquals(reference.getFirst().box().y(), faces.getFirst().box().y(), 10);
        }
    }

    @Test
    void unsupportedAndBrokenInputsSayWhat() {
        assertTrue(assertThrows(UnreadableImageException.class, () -> ImageDecoder.decode(new byte[0])).getMessage().contains("empty"));
        byte[] webp = "RIFF\0\0\0\0WEBPVP8 ".getBytes();
        assertTrue(assertThrows(UnreadableImageException.class, () -> ImageDecoder.decode(webp)).getMessage().startsWith("WebP images are not supported"));
        byte[] png = TestPhotos.bytes(TestPhotos.astronaut());
        byte[] cut = java.util.Arrays.copyOf(png, png.length / 3);
        String message = assertThrows(UnreadableImageException.class, () -> ImageDecoder.decode(cut)).getMessage();
        assertTrue(message.startsWith("truncated") && message.contains("PNG"), message);
    }

    /** Issue 16: a few hundred bytes declaring 20000 x 20000 pixels are refused from the header, not decoded. */
    @Test
    void imagesAboveThePixelLimitAreRefusedFromTheirHeader() throws Exception {
        for (byte[] bomb : new byte[][] {ImageBombs.png(20_000, 20_000), ImageBombs.jpeg(20_000, 20_000)}) {
            assertTrue(bomb.length < 1000, "a bomb of " + bomb.length + " bytes");
            ImageTooLargeException e = assertThrows(ImageTooLargeException.class, () -> ImageDecoder.decode(bomb));
            assertEquals(20_000, e.width());
            assertEquals(20_000, e.height());
            assertEquals("too large (20000 x 20000 pixels; the limit is 40 megapixels)", e.getMessage());
        }
        byte[] portrait = TestPhotos.bytes(TestPhotos.singlePortrait());
        RgbImage image = ImageDecoder.decode(portrait);
        long pixels = (long) image.width() * image.height();
        assertEquals(image.width(), ImageDecoder.decode(portrait, pixels).width(), "exactly at the limit decodes");
        assertThrows(ImageTooLargeException.class, () -> ImageDecoder.decode(portrait, pixels - 1));
    }

    private static byte[] tinyJpeg() {
        return jpeg(new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB));
    }

    private static byte[] jpeg(BufferedImage image) {
        try {
            var out = new ByteArrayOutputStream();
            ImageIO.write(image, "jpg", out);
            return out.toByteArray();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Inserts an APP1 Exif segment holding only the orientation tag right after the JPEG's SOI marker. */
    static byte[] withOrientation(byte[] jpeg, int orientation, boolean littleEndian) {
        ByteBuffer tiff = ByteBuffer.allocate(8 + 2 + 12 + 4).order(littleEndian ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
        tiff.put(littleEndian ? (byte) 'I' : (byte) 'M').put(littleEndian ? (byte) 'I' : (byte) 'M').putShort((short) 42).putInt(8);
        tiff.putShort((short) 1).putShort((short) 0x0112).putShort((short) 3).putInt(1).putShort((short) orientation).putShort((short) 0).putInt(0);
        byte[] exif = "Exif\0\0".getBytes();
        int length = 2 + exif.length + tiff.capacity();
        ByteBuffer out = ByteBuffer.allocate(jpeg.length + 2 + length);
        out.put(jpeg, 0, 2).put((byte) 0xFF).put((byte) 0xE1).putShort((short) length).put(exif).put(tiff.array()).put(jpeg, 2, jpeg.length - 2);
        return out.array();
    }
}
