package org.facesearch.server;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Comparator;
import java.util.List;
import javax.imageio.ImageIO;
import org.facesearch.blend.FaceBlender;
import org.facesearch.blend.NoUsableFaceException;
import org.facesearch.faces.Detection;
import org.facesearch.faces.FacePipeline;
import org.facesearch.faces.ImageDecoder;
import org.facesearch.faces.RgbImage;
import org.facesearch.faces.UnreadableImageException;
import org.facesearch.store.faces.FaceCatalog;
import org.facesearch.vector.Box;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The blended face of a query face (one face of an uploaded photo, or a stored face) and a match (a stored face),
 * as a PNG portrait from {@link FaceBlender}. A stored face is taken from its photo at its stored box (the face
 * mesh finds its features there; no detector run, which was half of a blend's time); an upload's faces are counted
 * like {@code POST /api/search} lists them (strongest detection first).
 */
final class FaceBlends {
    private static final Logger log = LoggerFactory.getLogger(FaceBlends.class);

    private final FacePipeline pipeline;
    private final FaceBlender blender;
    private final FaceCatalog catalog;
    private final StoredPhotos photos;
    private final long maxPixels;

    FaceBlends(FacePipeline pipeline, FaceBlender blender, FaceCatalog catalog, StoredPhotos photos, long maxPixels) {
        this.pipeline = pipeline;
        this.blender = blender;
        this.catalog = catalog;
        this.photos = photos;
        this.maxPixels = maxPixels;
    }

    private record Face(RgbImage image, Box box) {
    }

    /** Face number {@code faceNumber} (1-based) of {@code photo} blended with stored face {@code matchId}. */
    byte[] ofUpload(byte[] photo, int faceNumber, long matchId) {
        RgbImage image = UploadedImages.decode(photo, maxPixels);
        List<Detection> faces = pipeline.detect(image).stream().sorted(Comparator.comparingDouble(Detection::score).reversed()).toList();
        if (faces.isEmpty()) throw new ApiException(422, "no face was found in the photo; send one where a face is clearly visible");
        if (faceNumber > faces.size()) {
            throw ApiException.badRequest("face " + faceNumber + " was asked for, but the photo has " + faces.size() + " face" + (faces.size() == 1 ? "" : "s"));
        }
        return blend(new Face(image, faces.get(faceNumber - 1).box()), stored(matchId, "match"));
    }

    /** Stored face {@code faceId} blended with stored face {@code matchId}. */
    byte[] ofStored(long faceId, long matchId) {
        return blend(stored(faceId, "face"), stored(matchId, "match"));
    }

    private byte[] blend(Face a, Face b) {
        long start = System.nanoTime();
        RgbImage portrait;
        try {
            portrait = blender.blend(a.image(), a.box(), b.image(), b.box());
        } catch (NoUsableFaceException e) {
            throw new ApiException(422, e.getMessage());
        }
        log.debug("blend in {} ms", (System.nanoTime() - start) / 1_000_000);
        return png(portrait);
    }

    private Face stored(long id, String role) {
        FaceCatalog.StoredFace face = catalog.face(id).orElseThrow(() -> ApiException.notFound("no " + role + " face " + id));
        RgbImage image;
        try {
            image = ImageDecoder.decode(photos.read(face), maxPixels);
        } catch (IOException | UnreadableImageException e) {
            log.warn("blend: photo of face {} from {}: {}", id, face.photoUrl(), e.toString());
            throw new ApiException(410, "the photo of " + role + " face " + id + " (" + face.name() + ") is no longer available");
        }
        return new Face(image, face.box());
    }

    private static byte[] png(RgbImage image) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image.toBufferedImage(), "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
