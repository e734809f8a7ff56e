package org.facesearch.faces;

/**
 * Whether two faces are likely the same person: their cosine similarity against the model's calibrated
 * {@link EmbedderModel#samePersonThreshold() threshold}. A ranked list alone cannot say this: the closest
 * stranger is always someone, so every answer that shows a similarity also carries this verdict.
 *
 * @param similarity cosine similarity of the two L2-normalised vectors (-1..1)
 * @param threshold  the model's threshold the similarity was judged against
 * @param samePerson whether {@code similarity >= threshold}
 */
public record SamePersonVerdict(double similarity, float threshold, boolean samePerson) {

    public static SamePersonVerdict of(EmbedderModel model, double similarity) {
        return new SamePersonVerdict(similarity, model.samePersonThreshold(), model.samePerson(similarity));
    }

    /** The verdict on two vectors of {@code model} (both L2-normalised, as the pipeline returns them). */
    public static SamePersonVerdict of(EmbedderModel model, float[] a, float[] b) {
        if (a.length != model.dimensions() || b.length != model.dimensions()) {
            throw new IllegalArgumentException("vectors of " + a.length + " and " + b.length + " values are not both " + model + " vectors");
        }
        double dot = 0;
        for (int i = 0; i < a.length; i++) dot += a[i] * b[i];
        return of(model, dot);
    }

    /** "likely the same person" or "look-alike", as the product shows it. */
    public String label() {
        return samePerson ? "likely the same person" : "look-alike";
    }
}
