package org.facesearch.faces;

import javax.imageio.IIOException;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.event.IIOReadWarningListener;
import javax.imageio.stream.ImageInputStream;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Turns file bytes into an upright {@link RgbImage}, or says precisely why it cannot.
 *
 * <p>JPEG, PNG, GIF and BMP come from the JDK's ImageIO; WebP only if an ImageIO WebP plugin is on the
 * classpath (the JDK has none; none is bundled), otherwise the error names the format. ImageIO decodes a
 * truncated JPEG silently into a grey-filled image and only reports a warning: such warnings are treated as
 * errors, so half a photo never yields phantom faces. EXIF orientation is applied ({@link ExifOrientation}).
 *
 * <p>The image's dimensions are read from its header before any pixel is decoded: a few hundred bytes can
 * declare 20000 x 20000 pixels (a decompression bomb: 1.6 GB of pixels, tens of seconds of CPU), so an image
 * above the pixel limit is refused with {@link ImageTooLargeException} at the cost of reading its header.
 */
public final class ImageDecoder {

    /** The limit used where none is configured ({@code image.max-megapixels}, 40 MP: a 7,000 x 5,700 photo). */
    public static final long DEFAULT_MAX_PIXELS = 40_000_000L;

    private ImageDecoder() {}

    /** Decodes with the default pixel limit ({@link #DEFAULT_MAX_PIXELS}). */
    public static RgbImage decode(byte[] bytes) throws UnreadableImageException {
        return decode(bytes, DEFAULT_MAX_PIXELS);
    }

    /**
     * Decodes {@code bytes} unless the header declares more than {@code maxPixels} pixels.
     *
     * @throws ImageTooLargeException above the limit (nothing decoded)
     * @throws UnreadableImageException not an image, unsupported, truncated or corrupt
     */
    public static RgbImage decode(byte[] bytes, long maxPixels) throws UnreadableImageException {
        if (bytes.length == 0) throw new UnreadableImageException("empty file, not an image");
        String format = sniff(bytes);
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw new UnreadableImageException(format == null
                        ? "not an image (unknown format; JPEG, PNG, GIF or BMP expected)"
                        : format + " images are not supported here (no ImageIO reader); JPEG, PNG, GIF or BMP expected");
            }
            ImageReader reader = readers.next();
            List<String> warnings = new ArrayList<>();
            reader.addIIOReadWarningListener((IIOReadWarningListener) (source, warning) -> warnings.add(warning));
            try {
                reader.setInput(in, true, true);
                int width = reader.getWidth(0), height = reader.getHeight(0);
                if ((long) width * height > maxPixels) throw new ImageTooLargeException(width, height, maxPixels);
                BufferedImage image = reader.read(0);
                if (!warnings.isEmpty()) {
                    throw new UnreadableImageException("truncated or corrupt " + reader.getFormatName().toUpperCase() + " image: " + warnings.getFirst());
                }
                int orientation = "JPEG".equals(format) ? ExifOrientation.read(bytes) : 1;
                return ExifOrientation.apply(RgbImage.of(image), orientation);
            } finally {
                reader.dispose();
            }
        } catch (IIOException | IndexOutOfBoundsException | IllegalArgumentException | NegativeArraySizeException e) {
            throw new UnreadableImageException("truncated, corrupt or unsupported " + (format == null ? "" : format + " ") + "image: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UnreadableImageException("cannot read image: " + e.getMessage(), e);
        }
    }

    /** The format the magic bytes announce, or null; only used to word errors. */
    static String sniff(byte[] b) {
        if (b.length >= 3 && (b[0] & 0xff) == 0xFF && (b[1] & 0xff) == 0xD8 && (b[2] & 0xff) == 0xFF) return "JPEG";
        if (b.length >= 8 && (b[0] & 0xff) == 0x89 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G') return "PNG";
        if (b.length >= 12 && b[0] == 'R' && b[1] == 'I' && b[2] == 'F' && b[3] == 'F' && b[8] == 'W' && b[9] == 'E' && b[10] == 'B' && b[11] == 'P') return "WebP";
        if (b.length >= 12 && b[4] == 'f' && b[5] == 't' && b[6] == 'y' && b[7] == 'p') return "HEIF/AVIF";
        if (b.length >= 3 && b[0] == 'G' && b[1] == 'I' && b[2] == 'F') return "GIF";
        return null;
    }
}
