package org.facesearch.crawl;

import org.facesearch.faces.FacePipeline;
import org.facesearch.faces.ImageDecoder;
import org.facesearch.faces.RgbImage;
import org.facesearch.faces.UnreadableImageException;
import org.facesearch.store.faces.Faces;

/**
 * The face pipeline ({@link FacePipeline}: decode with EXIF orientation, BlazeFace, crop/align, embed) behind the
 * storage path's {@link FaceAnalyzer}. Decoding happens here rather than in {@link FacePipeline#analyze(byte[])}
 * so that the photo's size can be stored too; a photo above the pixel limit is {@code failed: too large (W x H ...)}
 * without being decoded. Thread-safe, as the pipeline is; the caller owns and closes it.
 */
public final class PipelineAnalyzer implements FaceAnalyzer {
    private final FacePipeline pipeline;
    private final long maxPixels;

    /** @param maxPixels the largest image decoded (width x height from its header) */
    public PipelineAnalyzer(FacePipeline pipeline, long maxPixels) {
        this.pipeline = pipeline;
        this.maxPixels = maxPixels;
    }

    @Override
    public String model() {
        return pipeline.model().id();
    }

    @Override
    public Analysis analyze(byte[] image) {
        RgbImage decoded;
        try {
            decoded = ImageDecoder.decode(image, maxPixels);
        } catch (UnreadableImageException e) {
            return new Unreadable(e.getMessage());
        }
        return new Faces(decoded.width(), decoded.height(), pipeline.analyze(decoded));
    }
}
