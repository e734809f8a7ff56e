package org.facesearch.cli;

import org.facesearch.crawl.FaceAnalyzer;

/** The face pipeline of {@code faces.model} as the storage path's {@link FaceAnalyzer}. */
final class FacePipelines {
    private FacePipelines() {
    }

    static FaceAnalyzer open(CliContext context) {
        // TODO(store): wire org.facesearch.faces once the faces branch lands
        throw new UserException("the face pipeline is not part of this build yet");
    }
}
