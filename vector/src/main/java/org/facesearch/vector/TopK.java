package org.facesearch.vector;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The {@code k} nearest (id, distance) pairs seen so far: a bounded max-heap on primitive arrays.
 *
 * <p>Order is total and stable: by distance, then by id, so equal distances always rank the smaller id first
 * whatever the order of {@link #offer} calls (scan order depends on cluster layout and thread interleaving; the
 * result must not). The root is the worst kept pair; a candidate enters only if it ranks before the root.
 * {@link #threshold()} lets a scan skip work early. Not thread-safe: one per query (or per scanning thread,
 * then {@link #offerAll merged}).
 */
public final class TopK {
    private final long[] ids;
    private final float[] distances;
    private int size;

    public TopK(int k) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be >= 1, got " + k);
        }
        ids = new long[k];
        distances = new float[k];
    }

    /** Offers a candidate; returns whether it was kept. NaN distances are refused. */
    public boolean offer(long id, float distance) {
        if (Float.isNaN(distance)) {
            throw new IllegalArgumentException("NaN distance for id " + id);
        }
        if (size < ids.length) {
            ids[size] = id;
            distances[size] = distance;
            siftUp(size++);
            return true;
        }
        if (!before(id, distance, ids[0], distances[0])) {
            return false;
        }
        ids[0] = id;
        distances[0] = distance;
        siftDown(0);
        return true;
    }

    /** Offers every pair kept by {@code other}. */
    public void offerAll(TopK other) {
        for (int i = 0; i < other.size; i++) {
            offer(other.ids[i], other.distances[i]);
        }
    }

    /** Distance a candidate must not exceed to be kept: the worst kept distance once full, else +infinity. */
    public float threshold() {
        return size < ids.length ? Float.POSITIVE_INFINITY : distances[0];
    }

    public int size() {
        return size;
    }

    /** The kept ids in no particular order (a copy): for a re-rank pass, which needs the set, not its order. */
    public long[] ids() {
        return Arrays.copyOf(ids, size);
    }

    /** The kept pairs, nearest first (ties by ascending id). Does not change this heap. */
    public List<Neighbor> sorted() {
        List<Neighbor> result = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            result.add(new Neighbor(ids[i], distances[i]));
        }
        result.sort((x, y) -> before(x.id(), x.distance(), y.id(), y.distance()) ? -1
                : before(y.id(), y.distance(), x.id(), x.distance()) ? 1 : 0);
        return result;
    }

    private static boolean before(long id, float distance, long otherId, float otherDistance) {
        return distance < otherDistance || (distance == otherDistance && id < otherId);
    }

    private void siftUp(int i) {
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (!before(ids[parent], distances[parent], ids[i], distances[i])) {
                return;
            }
            swap(i, parent);
            i = parent;
        }
    }

    private void siftDown(int i) {
        while (true) {
            int worst = i;
            int left = 2 * i + 1;
            int right = left + 1;
            if (left < size && before(ids[worst], distances[worst], ids[left], distances[left])) {
                worst = left;
            }
            if (right < size && before(ids[worst], distances[worst], ids[right], distances[right])) {
                worst = right;
            }
            if (worst == i) {
                return;
            }
            swap(i, worst);
            i = worst;
        }
    }

    private void swap(int i, int j) {
        long id = ids[i];
        ids[i] = ids[j];
        ids[j] = id;
        float distance = distances[i];
        distances[i] = distances[j];
        distances[j] = distance;
    }
}
