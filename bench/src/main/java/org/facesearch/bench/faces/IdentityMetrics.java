package org.facesearch.bench.faces;

import java.util.Arrays;
import java.util.List;

/**
 * How well vectors separate people, from L2-normalised vectors with a person label each:
 * same-person vs different-person ROC AUC over all pairs (the chance that a random same-person pair is
 * closer than a random different-person pair), the share of faces whose nearest other face is the same
 * person (counted over faces whose person has at least two faces), and the calibration of a "same person"
 * cosine threshold: the equal-error rate (where the false-match and false-non-match rates meet) and the
 * threshold at a false-match rate of {@link #TARGET_FMR} with the share of same-person pairs it misses.
 */
public record IdentityMetrics(double auc, double nearestIsSame, int faces, int samePairs, int differentPairs,
                              double meanSame, double meanDifferent, Roc roc) {

    /** The false-match rate the product's "same person" threshold is set at. */
    public static final double TARGET_FMR = 0.001;

    /**
     * @param eer                   equal-error rate
     * @param eerThreshold          the cosine where it is reached
     * @param threshold             the lowest cosine (rounded up to 3 decimals) at which at most {@link #TARGET_FMR}
     *                              of different-person pairs match ({@code cosine >= threshold})
     * @param falseNonMatchRate     the share of same-person pairs below {@code threshold}
     * @param falseMatches          different-person pairs at or above {@code threshold}
     */
    public record Roc(double eer, double eerThreshold, double threshold, double falseNonMatchRate, int falseMatches) {

        static Roc of(double[] score, boolean[] positive) {
            int n = score.length, positives = 0;
            for (boolean p : positive) if (p) positives++;
            int negatives = n - positives;
            double[] different = new double[negatives], same = new double[positives];
            for (int i = 0, d = 0, s = 0; i < n; i++) {
                if (positive[i]) same[s++] = score[i]; else different[d++] = score[i];
            }
            Arrays.sort(different);
            Arrays.sort(same);
            int allowed = (int) Math.floor(TARGET_FMR * negatives);
            double threshold = Math.ceil(different[negatives - 1 - allowed] * 1000 + 1e-9) / 1000;
            double eer = 1, eerAt = 0, gap = Double.MAX_VALUE;
            for (double t : score) {
                double fmr = (double) atOrAbove(different, t) / negatives, fnmr = 1 - (double) atOrAbove(same, t) / positives;
                if (Math.abs(fmr - fnmr) < gap) {
                    gap = Math.abs(fmr - fnmr);
                    eer = (fmr + fnmr) / 2;
                    eerAt = t;
                }
            }
            return new Roc(eer, eerAt, threshold, 1 - (double) atOrAbove(same, threshold) / positives, atOrAbove(different, threshold));
        }

        /** How many of the ascending {@code sorted} are >= t. */
        private static int atOrAbove(double[] sorted, double t) {
            int lo = 0, hi = sorted.length;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (sorted[mid] < t) lo = mid + 1; else hi = mid;
            }
            return sorted.length - lo;
        }
    }

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
                same, pairs - same, sumSame / same, sumDifferent / (pairs - same), Roc.of(score, positive));
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
