package org.facesearch.faces;

/**
 * The image's header declares more pixels than the configured limit, so it was refused before decoding (a
 * decompression bomb costs gigabytes and tens of seconds otherwise). The message reads
 * {@code too large (W x H pixels; the limit is N megapixels)}, which the crawler stores as the failure reason
 * and the server answers with 413.
 */
public final class ImageTooLargeException extends UnreadableImageException {
    private final int width;
    private final int height;

    public ImageTooLargeException(int width, int height, long maxPixels) {
        super("too large (" + width + " x " + height + " pixels; the limit is " + megapixels(maxPixels) + " megapixels)");
        this.width = width;
        this.height = height;
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    private static String megapixels(long pixels) {
        return pixels % 1_000_000 == 0 ? Long.toString(pixels / 1_000_000) : String.format(java.util.Locale.ROOT, "%.1f", pixels / 1e6);
    }
}
