package org.facesearch.blend;

/** A face given to {@link FaceBlender} whose landmarks cannot be trusted (the mesh model sees no face in its crop). */
public final class NoUsableFaceException extends Exception {
    public NoUsableFaceException(String message) {
        super(message);
    }
}
