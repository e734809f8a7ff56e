package org.facesearch.search;

import java.util.Locale;

/**
 * Which in-memory index the server builds from the stored faces ({@code index.kind}, {@code serve --index}):
 * the IVF lists of the active clustering (1-bit codes, exact re-rank) or a jvector graph (HNSW).
 */
public enum IndexKind {
    IVF, HNSW;

    /** The index kind with its search setting: {@code graphBreadth} is the candidates a graph search keeps. */
    public record Choice(IndexKind kind, int graphBreadth) {
    }

    public static IndexKind parse(String name) {
        try {
            return valueOf(name.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown index kind '" + name + "'; choose ivf or hnsw");
        }
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
