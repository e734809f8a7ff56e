package org.facesearch.cluster;

import org.facesearch.testing.StoredFaces;
import java.util.SplittableRandom;
import org.facesearch.vector.VectorCodec;

/** Test vectors: unit vectors scattered around a few random centres, so k-means has structure to find. */
final class Blobs {
    private final float[][] centres;
    private final SplittableRandom random;

    Blobs(int count, int dimension, long seed) {
        random = new SplittableRandom(seed);
        centres = new float[count][];
        for (int i = 0; i < count; i++) {
            centres[i] = StoredFaces.randomUnit(random, dimension);
        }
    }

    float[] next() {
        float[] centre = centres[random.nextInt(centres.length)];
        float[] v = new float[centre.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = centre[i] + (float) random.nextGaussian() * 0.25f;
        }
        return VectorCodec.normalize(v);
    }
}
