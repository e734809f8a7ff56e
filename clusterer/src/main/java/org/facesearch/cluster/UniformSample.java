package org.facesearch.cluster;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * A uniform random sample of row positions without replacement (Floyd's algorithm): {@code n} distinct values
 * of {@code [0, population)}, sorted ascending so that a caller can read them in one pass (an array, a file,
 * or database rows in key order). Memory is O(n), never O(population). Deterministic for a given seed.
 */
public final class UniformSample {
    private UniformSample() {
    }

    /** {@code min(n, population)} distinct positions in {@code [0, population)}, ascending. */
    public static long[] positions(long population, int n, long seed) {
        if (population < 0 || n < 0) {
            throw new IllegalArgumentException("population " + population + ", n " + n);
        }
        int size = (int) Math.min(n, population);
        SplittableRandom random = new SplittableRandom(seed);
        Set<Long> chosen = HashSet.newHashSet(size);
        for (long j = population - size; j < population; j++) {
            long t = random.nextLong(j + 1);
            chosen.add(chosen.contains(t) ? j : t);
        }
        long[] positions = chosen.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(positions);
        return positions;
    }
}
