package org.facesearch.server;

import org.facesearch.faces.ImageDecoder;
import org.facesearch.faces.ImageTooLargeException;
import org.facesearch.faces.RgbImage;
import org.facesearch.faces.UnreadableImageException;

/**
 * An uploaded photo decoded for the face pipeline, or the API error saying why not: 413 when its header declares more
 * pixels than the limit (refused before decoding: a decompression bomb costs nothing), 415 when it is not an image
 * that decodes. Shared by every route that analyses uploads (search, compare).
 */
final class UploadedImages {
    private UploadedImages() {
    }

    static RgbImage decode(byte[] photo, long maxPixels) {
        try {
            return ImageDecoder.decode(photo, maxPixels);
        } catch (ImageTooLargeException e) {
            throw new ApiException(413, "the photo is " + e.getMessage());
        } catch (UnreadableImageException e) {
            throw new ApiException(415, "the photo cannot be decoded: " + e.getMessage());
        }
    }
}
