package org.facesearch.faces;

/**
 * Reads the EXIF orientation tag (0x0112) of a JPEG and turns stored pixels upright. ImageIO ignores the
 * tag, yet phones write most portraits sideways with the tag set, so without this many faces would lie on
 * their side and go undetected. Values: 1 upright, 2 mirrored, 3 rotated 180, 4 flipped, 5 transposed,
 * 6 needs 90 degrees clockwise, 7 transversed, 8 needs 90 degrees anticlockwise.
 */
final class ExifOrientation {

    private ExifOrientation() {}

    /** The orientation tag of a JPEG, or 1 if absent, unreadable or not a JPEG. */
    static int read(byte[] jpeg) {
        if (jpeg.length < 4 || (jpeg[0] & 0xff) != 0xFF || (jpeg[1] & 0xff) != 0xD8) return 1;
        int pos = 2;
        while (pos + 4 <= jpeg.length && (jpeg[pos] & 0xff) == 0xFF) {
            int marker = jpeg[pos + 1] & 0xff;
            int length = u16(jpeg, pos + 2, false);
            if (marker == 0xDA || length < 2) return 1;            // start of scan: no metadata after it
            if (marker == 0xE1 && startsWith(jpeg, pos + 4, "Exif\0\0")) {
                return tiffOrientation(jpeg, pos + 10, Math.min(jpeg.length, pos + 2 + length));
            }
            pos += 2 + length;
        }
        return 1;
    }

    private static int tiffOrientation(byte[] b, int tiff, int end) {
        if (tiff + 8 > end) return 1;
        boolean little = b[tiff] == 'I' && b[tiff + 1] == 'I';
        if (!little && !(b[tiff] == 'M' && b[tiff + 1] == 'M')) return 1;
        long ifd = tiff + u32(b, tiff + 4, little);
        if (ifd + 2 > end) return 1;
        int entries = u16(b, (int) ifd, little);
        for (int i = 0; i < entries; i++) {
            int e = (int) ifd + 2 + 12 * i;
            if (e + 12 > end) return 1;
            if (u16(b, e, little) == 0x0112) {
                int v = u16(b, e + 8, little);
                return v >= 1 && v <= 8 ? v : 1;
            }
        }
        return 1;
    }

    /** The upright image for {@code orientation}: each displayed pixel taken from where the tag says it is stored. */
    static RgbImage apply(RgbImage img, int orientation) {
        if (orientation == 1) return img;
        int w = img.width(), h = img.height();
        boolean swap = orientation >= 5;
        int ow = swap ? h : w, oh = swap ? w : h;
        int[] out = new int[ow * oh];
        for (int y = 0; y < oh; y++) {
            for (int x = 0; x < ow; x++) {
                int sx, sy;
                switch (orientation) {
                    case 2 -> { sx = w - 1 - x; sy = y; }
                    case 3 -> { sx = w - 1 - x; sy = h - 1 - y; }
                    case 4 -> { sx = x; sy = h - 1 - y; }
                    case 5 -> { sx = y; sy = x; }
                    case 6 -> { sx = y; sy = h - 1 - x; }
                    case 7 -> { sx = w - 1 - y; sy = h - 1 - x; }
                    case 8 -> { sx = w - 1 - y; sy = x; }
                    default -> throw new IllegalArgumentException("EXIF orientation " + orientation);
                }
                out[y * ow + x] = img.rgb()[sy * w + sx];
            }
        }
        return new RgbImage(ow, oh, out);
    }

    private static boolean startsWith(byte[] b, int off, String s) {
        if (off + s.length() > b.length) return false;
        for (int i = 0; i < s.length(); i++) if (b[off + i] != s.charAt(i)) return false;
        return true;
    }

    private static int u16(byte[] b, int off, boolean little) {
        if (off + 2 > b.length) return 0;
        int x = b[off] & 0xff, y = b[off + 1] & 0xff;
        return little ? y << 8 | x : x << 8 | y;
    }

    private static long u32(byte[] b, int off, boolean little) {
        if (off + 4 > b.length) return Integer.MAX_VALUE;
        long hi = u16(b, little ? off + 2 : off, little), lo = u16(b, little ? off : off + 2, little);
        return hi << 16 | lo;
    }
}
