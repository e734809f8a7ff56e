package org.facesearch.cli;

import org.facesearch.faces.EmbedderModel;

/**
 * Reads a model name given by the user ({@code faceres}, {@code mobileface} or a full model id) into the
 * {@link EmbedderModel} whose {@link EmbedderModel#id() id} is stored with every face and filters every query.
 */
final class ModelNames {
    private ModelNames() {
    }

    static EmbedderModel parse(String name) {
        try {
            return EmbedderModel.parse(name);
        } catch (IllegalArgumentException e) {
            throw new UserException(e.getMessage(), e);
        }
    }
}
