package org.facesearch.bench.search;

import org.facesearch.synthetic.SyntheticFaces;

/**
 * Scores search results against ground truth, both as ids per query ({@code long[query][rank]}, -1 = empty; ids are
 * the corpus' row numbers).
 *
 * <p>recall@k is the ANN standard: the share of the exact top k found. Identity recall is what a user sees:
 * for each query, the share of its person's stored faces found in the top k (a person with more faces than k
 * cannot reach 1.0, so exact search itself scores below 1.0), averaged over queries. Identity hit is the share of
 * queries whose top k holds at least one stored face of the query's person (the query is a new photo, never stored).
 */
public record Quality(double recall, double identityRecall, double identityHit) {
    static Quality of(long[][] results, long[][] exact, int[] queryIdentities, SyntheticFaces faces) {
        return of(results, exact, queryIdentities, Identities.of(faces));
    }

    public static Quality of(long[][] results, long[][] exact, int[] queryIdentities, Identities faces) {
        double recall = 0;
        double identity = 0;
        int hits = 0;
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
                if (faces.identityOf().applyAsInt(id) == queryIdentities[q]) {
                    samePerson++;
                }
            }
            recall += (double) found / exact[q].length;
            identity += (double) samePerson / faces.facesOf().applyAsInt(queryIdentities[q]);
            hits += samePerson > 0 ? 1 : 0;
        }
        return new Quality(recall / results.length, identity / results.length, (double) hits / results.length);
    }
}
