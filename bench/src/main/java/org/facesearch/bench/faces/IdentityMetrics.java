package org.facesearch.bench.faces;

import java.util.Arrays;
import java.util.List;

/**
 * How well vectors separate people, from L2-normalised vectors with a person label each:
 * same-person vs different-person ROC AUC over all pairs (the chance that a random same-person pair is
 * closer than a random different-person pair) and the share of faces whose nearest other face is the same
 * person (counted over faces whose person has at least two faces).
 */
public record IdentityMetrics(double auc, double nearestIsSame, int faces, int samePairs, int differentPairs,
                              double meanSame, double meanDifferent) {

    public static IdentityMetrics of(List<float[]> vectors, List<String> people) {
        int n = vectors.size();
        int pairs = n * (n - 1) / 2, same = 0;
        double[] score = new double[pairs];
        boolean[] positive = new boolean[pairs];
        double sumSame = 0, sumDifferent = 0;
        int nnFaces = 0, nnHits = 0;
        double[][] sim = new double[n][n];
        for (int i = 0, p = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++, p++) {
                double s = dot(vectors.get(i), vectors.get(j));
                sim[i][j] = sim[j][i] = s;
                score[p] = s;
                positive[p] = people.get(i).equals(people.get(j));
                if (positive[p]) { same++; sumSame += s; } else sumDifferent += s;
            }
        }
        for (int i = 0; i < n; i++) {
            String person = people.get(i);
            if (people.stream().filter(person::equals).count() < 2) continue;
            int best = -1;
            for (int j = 0; j < n; j++) if (j != i && (best < 0 || sim[i][j] > sim[i][best])) best = j;
            nnFaces++;
            if (people.get(best).equals(person)) nnHits++;
        }
        return new IdentityMetrics(auc(score, positive, same), nnFaces == 0 ? Double.NaN : (double) nnHits / nnFaces, n,
                same, pairs - same, sumSame / same, sumDifferent / (pairs - same));
    }

    /** Mann-Whitney U / (positives * negatives), ties counted half. */
    static double auc(double[] score, boolean[] positive, int positives) {
        Integer[] order = new Integer[score.length];
        for (int i = 0; i < order.length; i++) order[i] = i;
        Arrays.sort(order, (a, b) -> Double.compare(score[a], score[b]));
        double rankSum = 0;
        for (int i = 0; i < order.length; ) {
            int j = i;
            while (j < order.length && score[order[j]] == score[order[i]]) j++;
            double rank = (i + j + 1) / 2.0;   // mean 1-based rank of the tie group
            for (int k = i; k < j; k++) if (positive[order[k]]) rankSum += rank;
            i = j;
        }
        long negatives = score.length - positives;
        return (rankSum - positives * (positives + 1) / 2.0) / ((double) positives * negatives);
    }

    private static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) s += a[i] * b[i];
        return s;
    }
}
