package org.facesearch.server;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Set;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.facesearch.faces.ImageDecoder;
import org.facesearch.faces.UnreadableImageException;
import org.facesearch.vector.Box;
import org.facesearch.store.faces.FaceCatalog;

/**
 * Square JPEG thumbnails of stored faces: the face box enlarged by half its size around its centre (hair, chin),
 * clipped to the photo, scaled to {@value #SIZE} px. The photo is decoded like the face pipeline decodes it (EXIF
 * orientation applied), so the stored box lands on the face. Each is made once from the stored photo and kept under the
 * cache directory, named by a hash of the photo URL and the box, so a rebuilt database whose face ids repeat
 * never gets another face's picture. Writes go to a temporary file moved into place, so concurrent requests for
 * the same face at worst make it twice and never serve half a file.
 */
public final class Thumbnails {
    static final int SIZE = 160;

    private final Path cacheDir;
    private final StoredPhotos photos;
    private final long maxPixels;

    Thumbnails(Path cacheDir, StoredPhotos photos, long maxPixels) {
        this.cacheDir = cacheDir;
        this.photos = photos;
        this.maxPixels = maxPixels;
    }

    /** The JPEG thumbnail of {@code face}, from the cache or made now. */
    byte[] of(FaceCatalog.StoredFace face) throws IOException {
        Path file = cacheDir.resolve(key(face) + ".jpg");
        if (Files.isRegularFile(file)) return Files.readAllBytes(file);
        BufferedImage photo;
        try {
            photo = ImageDecoder.decode(photos.read(face), maxPixels).toBufferedImage();
        } catch (UnreadableImageException e) {
            throw new IOException("stored photo " + face.photoUrl() + ": " + e.getMessage(), e);
        }
        byte[] jpeg = jpeg(crop(photo, face.box()));
        Files.createDirectories(cacheDir);
        Path tmp = Files.createTempFile(cacheDir, "thumb", ".tmp");
        Files.write(tmp, jpeg);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return jpeg;
    }

    /**
     * Deletes the cached thumbnails of these faces (files {@code ID-*.jpg}; a forget calls this after its
     * transaction commits); returns how many files were deleted. A missing directory holds none.
     */
    public static int deleteOf(Path cacheDir, Collection<Long> faceIds) throws IOException {
        if (faceIds.isEmpty() || !Files.isDirectory(cacheDir)) return 0;
        Set<String> prefixes = new HashSet<>();
        faceIds.forEach(id -> prefixes.add(id + "-"));
        int deleted = 0;
        try (var files = Files.newDirectoryStream(cacheDir, "*.jpg")) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                if (prefixes.contains(name.substring(0, name.indexOf('-') + 1)) && Files.deleteIfExists(file)) deleted++;
            }
        }
        return deleted;
    }

    static BufferedImage crop(BufferedImage photo, Box box) {
        float side = Math.max(box.width(), box.height()) * 1.5f;
        float cx = box.x() + box.width() / 2, cy = box.y() + box.height() / 2;
        int x0 = clamp(Math.round(cx - side / 2), photo.getWidth() - 1);
        int y0 = clamp(Math.round(cy - side / 2), photo.getHeight() - 1);
        int x1 = clamp(Math.round(cx + side / 2), photo.getWidth());
        int y1 = clamp(Math.round(cy + side / 2), photo.getHeight());
        int w = Math.max(1, x1 - x0), h = Math.max(1, y1 - y0);
        BufferedImage out = new BufferedImage(SIZE, SIZE, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
        g.setColor(java.awt.Color.BLACK);
        g.fillRect(0, 0, SIZE, SIZE);
        float scale = (float) SIZE / Math.max(w, h);
        int dw = Math.round(w * scale), dh = Math.round(h * scale);
        g.drawImage(photo, (SIZE - dw) / 2, (SIZE - dh) / 2, (SIZE - dw) / 2 + dw, (SIZE - dh) / 2 + dh,
                x0, y0, x0 + w, y0 + h, null);
        g.dispose();
        return out;
    }

    private static int clamp(int v, int max) {
        return Math.max(0, Math.min(max, v));
    }

    private static byte[] jpeg(BufferedImage image) throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(out);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(0.85f);
            writer.write(null, new IIOImage(image, null, null), param);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    private static String key(FaceCatalog.StoredFace face) {
        String identity = face.photoUrl() + "|" + face.box();
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(identity.getBytes(StandardCharsets.UTF_8));
            return face.id() + "-" + HexFormat.of().formatHex(digest, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
