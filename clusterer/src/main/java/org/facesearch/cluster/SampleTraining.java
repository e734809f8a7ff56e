package org.facesearch.cluster;

import java.util.Arrays;
import org.facesearch.vector.Centroids;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains the centroids of a recluster on the sample and checks, on the same sample, that no cluster is predicted
 * to come out over the cap.
 *
 * <p>k-means on face embeddings gives unequal clusters: with k chosen for an average fill of half the cap, the
 * largest cluster can still pass the cap, and the automatic trigger would fire again at once. So the sample is
 * assigned to the trained centroids (cheap: sample x k) and each cluster's size is extrapolated to all faces;
 * if the largest passes {@code cap * (1 + fill) / 2} (the midpoint between the target fill and the cap), k grows
 * in proportion and training repeats, at most {@value #MAX_ROUNDS} rounds. The estimate has sampling error
 * (about {@code 1/sqrt(points in the cluster)}), hence the margin below the cap.
 */
final class SampleTraining {
    private static final Logger log = LoggerFactory.getLogger(SampleTraining.class);
    private static final int MAX_ROUNDS = 3;
    private static final int MAX_ITERATIONS = 25;

    private SampleTraining() {
    }

    static Centroids train(float[][] sample, int k, long population, ReclusterOptions options) {
        double limit = options.cap() * (1 + options.fill()) / 2;
        Centroids centroids = null;
        for (int round = 0; round < MAX_ROUNDS; round++) {
            int trainK = Math.min(k, sample.length);
            centroids = new KMeansTrainer(trainK, options.pointsPerCentroid(), MAX_ITERATIONS, options.seed() + round)
                    .fit(sample);
            int[] counts = new int[trainK];
            for (float[] v : sample) {
                counts[centroids.assign(v, 0)]++;
            }
            int largest = Arrays.stream(counts).max().orElse(0);
            double predicted = (double) largest * population / sample.length;
            if (predicted <= limit || trainK == sample.length) {
                return centroids;
            }
            if (round == MAX_ROUNDS - 1) {
                log.info("k = {}: largest cluster predicted at {} faces (limit {}); keeping k = {} after {} rounds",
                        trainK, Math.round(predicted), Math.round(limit), trainK, MAX_ROUNDS);
                break;
            }
            k = Math.max(trainK + 1, (int) Math.ceil(trainK * predicted / limit));
            log.info("k = {}: largest cluster predicted at {} faces (limit {}); retraining with k = {}",
                    trainK, Math.round(predicted), Math.round(limit), k);
        }
        return centroids;
    }
}
