package org.facesearch.cluster;

import java.util.Arrays;

/** The size distribution of one clustering version: k, smallest, median and largest cluster, clusters over the cap. */
public record ClusterSizes(int k, long faces, int min, int median, int max, int overCap) {

    public static ClusterSizes of(int[] sizes, int cap) {
        if (sizes.length == 0) {
            return new ClusterSizes(0, 0, 0, 0, 0, 0);
        }
        int[] sorted = sizes.clone();
        Arrays.sort(sorted);
        long faces = Arrays.stream(sizes).asLongStream().sum();
        int over = (int) Arrays.stream(sizes).filter(s -> s > cap).count();
        return new ClusterSizes(sorted.length, faces, sorted[0], sorted[sorted.length / 2], sorted[sorted.length - 1], over);
    }

    @Override
    public String toString() {
        return String.format("k %,d, faces %,d, cluster sizes min %,d / median %,d / max %,d, %,d of them over the cap",
                k, faces, min, median, max, overCap);
    }
}
