package org.facesearch.synthetic;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * A corpus of {@code faces} face-like vectors for benchmarks and tests: identities 0, 1, 2, ... each with
 * {@link FaceLikeGenerator#photosOf} photos, face ids assigned consecutively identity by identity (the last
 * identity is cut short to hit the exact size), and queries that are new photos of stored identities.
 *
 * <p>Nothing but the identity boundaries is kept: {@link #fill} regenerates any range of faces
 * deterministically, in parallel over identities, so 10M x 1024-d can be streamed in chunks that never need to
 * be in memory together.
 */
public final class SyntheticFaces {
    private final FaceLikeGenerator generator;
    private final long faces;
    /** firstFace[i] = id of identity i's first face; one extra entry = faces. */
    private final long[] firstFace;

    public SyntheticFaces(FaceLikeGenerator generator, long faces) {
        this.generator = generator;
        this.faces = faces;
        long[] starts = new long[16];
        int identities = 0;
        long next = 0;
        while (next < faces) {
            if (identities + 1 >= starts.length) {
                starts = Arrays.copyOf(starts, starts.length * 2);
            }
            starts[identities] = next;
            next = Math.min(faces, next + generator.photosOf(identities));
            identities++;
        }
        starts[identities] = faces;
        this.firstFace = Arrays.copyOf(starts, identities + 1);
    }

    public long faces() {
        return faces;
    }

    public int identities() {
        return firstFace.length - 1;
    }

    public int dimension() {
        return generator.dimension();
    }

    /** The identity (person) of face {@code face}. */
    public int identityOf(long face) {
        int i = Arrays.binarySearch(firstFace, face);
        return i >= 0 ? i : -i - 2;
    }

    /** Stored faces of {@code identity} (ids {@code firstFaceOf(identity)} onwards). */
    public int facesOf(int identity) {
        return (int) (firstFace[identity + 1] - firstFace[identity]);
    }

    public long firstFaceOf(int identity) {
        return firstFace[identity];
    }

    /** Writes faces {@code [first, first + count)} contiguously into {@code target} (count * dimension floats). */
    public void fill(long first, int count, float[] target) {
        int dimension = dimension();
        int from = identityOf(first);
        int to = identityOf(first + count - 1);
        IntStream.rangeClosed(from, to).parallel().forEach(identity -> {
            float[] centre = new float[dimension];
            generator.centre(identity, centre);
            long start = Math.max(first, firstFace[identity]);
            long end = Math.min(first + count, firstFace[identity + 1]);
            for (long face = start; face < end; face++) {
                int photo = (int) (face - firstFace[identity]);
                generator.photo(centre, identity, photo, target, (int) (face - first) * dimension);
            }
        });
    }

    /**
     * {@code n} query photos, each a new photo (never stored) of a uniformly drawn identity; the identity of
     * query {@code q} is written to {@code identities[q]}.
     */
    public float[] queries(int n, long seed, int[] identities) {
        int dimension = dimension();
        SplittableRandom random = new SplittableRandom(seed);
        for (int q = 0; q < n; q++) {
            identities[q] = random.nextInt(identities());
        }
        float[] queries = new float[n * dimension];
        IntStream.range(0, n).parallel().forEach(q -> {
            float[] centre = new float[dimension];
            generator.centre(identities[q], centre);
            generator.photo(centre, identities[q], FaceLikeGenerator.MAX_PHOTOS + 2 + q, queries, q * dimension);
        });
        return queries;
    }
}
