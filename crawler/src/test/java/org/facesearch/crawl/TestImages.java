package org.facesearch.crawl;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.facesearch.faces.EmbedderModel;
import org.facesearch.faces.FacePipeline;
import org.facesearch.faces.ImageDecoder;
import org.facesearch.faces.ModelUnavailableException;
import org.facesearch.testing.TestPhotos;

/**
 * The real face pipeline and real photos for storage tests: one-face portraits, a landscape without a face, and a
 * corrupt image. Public for the cli module's tests (crawler test-jar).
 */
public final class TestImages {
    /** The default embedder over the shared test model cache, opened once per JVM. */
    public static final FaceAnalyzer ANALYZER = openPipeline();

    private static final byte[][] PORTRAITS = {TestPhotos.bytes(TestPhotos.singlePortrait()), TestPhotos.bytes(TestPhotos.astronaut())};

    private TestImages() {
    }

    private static FaceAnalyzer openPipeline() {
        try {
            return new PipelineAnalyzer(FacePipeline.open(TestPhotos.modelsDir(), EmbedderModel.DEFAULT), ImageDecoder.DEFAULT_MAX_PIXELS);
        } catch (ModelUnavailableException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A real photo showing exactly one face (Grace Hopper or Eileen Collins, alternating), with bytes distinct per
     * {@code n}: a few bytes after the image's end, which decoders ignore, so each is a new photo to the storage path.
     */
    public static byte[] face(int n) {
        byte[] image = PORTRAITS[n % PORTRAITS.length];
        byte[] suffix = ("#" + n).getBytes(StandardCharsets.US_ASCII);
        byte[] bytes = Arrays.copyOf(image, image.length + suffix.length);
        System.arraycopy(suffix, 0, bytes, image.length, suffix.length);
        return bytes;
    }

    /** A real landscape photo without any person. */
    public static byte[] noFace() {
        return TestPhotos.bytes(TestPhotos.noFace());
    }

    /**
     * A WebP file header followed by garbage: passes the downloader's check (the JDK has no WebP reader to look
     * deeper) and reaches the face pipeline, which cannot decode it.
     */
    public static byte[] corruptWebp() {
        return "RIFF\u0040\u0000\u0000\u0000WEBPVP8 garbage-garbage-garbage-garbage-garbage-garbage".getBytes(StandardCharsets.ISO_8859_1);
    }
}
