package org.facesearch.bench.search;

import org.facesearch.synthetic.SyntheticFaces;

/**
 * Scores search results against ground truth, both as ids per query ({@code long[query][rank]}, -1 = empty).
 *
 * <p>recall@k is the ANN standard: the share of the exact top k found. Identity recall is what a user sees:
 * for each query, the share of its person's stored faces found in the top k (a person with more faces than k
 * cannot reach 1.0, so exact search itself scores below 1.0), averaged over queries.
 */
record Quality(double recall, double identityRecall) {
    static Quality of(long[][] results, long[][] exact, int[] queryIdentities, SyntheticFaces faces) {
        double recall = 0;
        double identity = 0;
        for (int q = 0; q < results.length; q++) {
            int found = 0;
            int samePerson = 0;
            for (long id : results[q]) {
                if (id < 0) {
                    continue;
                }
                for (long truth : exact[q]) {
                    if (truth == id) {
                        found++;
                        break;
                    }
                }
                if (faces.identityOf(id) == queryIdentities[q]) {
                    samePerson++;
                }
            }
            recall += (double) found / exact[q].length;
            identity += (double) samePerson / faces.facesOf(queryIdentities[q]);
        }
        return new Quality(recall / results.length, identity / results.length);
    }
}
