package org.facesearch.bench.search;

import java.util.function.IntUnaryOperator;
import java.util.function.LongToIntFunction;
import org.facesearch.synthetic.SyntheticFaces;

/**
 * Who each stored face is, as {@link Quality} needs it: the identity of a face (row number) and how many stored faces
 * an identity has. From the generator's corpus when it is in memory, or from the row identities of a
 * {@link GroundTruth} file when the corpus went into a database through a pipe and no copy of it exists.
 */
public record Identities(LongToIntFunction identityOf, IntUnaryOperator facesOf) {
    /** No identities known (a base file without them): every face is nobody, so identity figures are 0. */
    public static final Identities UNKNOWN = new Identities(face -> -1, identity -> 1);

    public static Identities of(SyntheticFaces corpus) {
        return new Identities(corpus::identityOf, corpus::facesOf);
    }

    /** {@code rowIdentities[r]} = the identity of row {@code r}. */
    public static Identities ofRows(int[] rowIdentities) {
        int identities = 0;
        for (int identity : rowIdentities) {
            identities = Math.max(identities, identity + 1);
        }
        int[] faces = new int[identities];
        for (int identity : rowIdentities) {
            faces[identity]++;
        }
        return new Identities(row -> rowIdentities[Math.toIntExact(row)], identity -> faces[identity]);
    }
}
