package org.facesearch.index;

import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.facesearch.vector.Neighbor;

/**
 * The index a server queries while faces keep arriving and reclusterings happen: an atomic reference to the
 * current index: an immutable {@link IvfIndex} snapshot or a graph that grows in place.
 *
 * <p>A query reads the reference once and runs entirely on that index, lock-free, so it never sees a mix of two
 * clusterings; on an IVF snapshot it never sees half of an append either (a graph takes an insert while it is
 * searched: a query running meanwhile may or may not find the new face). {@link #add} publishes a new snapshot that holds
 * the new face (visible to the next query, no restart) at the cost of copying the array of cluster references
 * ({@code k} pointers) and, amortised, O(dimension) for the vector. {@link #swap} replaces the whole index, e.g.
 * by one built for a new clustering, and {@link #remove} drops forgotten faces. Writers serialise on this
 * object's lock, which is what makes the array
 * sharing in {@link Cluster} safe.
 *
 * <p>Caveat: faces added between the moment a replacement index was read from the database and its
 * {@link #swap} are not in the replacement; the caller re-adds them (e.g. everything with an id above the last
 * one loaded).
 */
public final class LiveIndex {
    private final AtomicReference<LiveFaceIndex> current;

    public LiveIndex(LiveFaceIndex initial) {
        current = new AtomicReference<>(initial);
    }

    /** The snapshot queries run on now. */
    public LiveFaceIndex current() {
        return current.get();
    }

    /** Searches the current snapshot (see {@link FaceIndex#search}). */
    public List<Neighbor> search(String modelId, float[] query, int k, int nprobe) {
        return current.get().search(modelId, query, k, nprobe);
    }

    /** Adds one face of the index's model; visible to queries that start after this returns. */
    public synchronized void add(String modelId, long id, float[] vector) {
        LiveFaceIndex index = current.get();
        index.requireSameModel(modelId, vector);
        current.set(index.withFace(id, vector));
    }

    /**
     * Removes faces (ids not in the index are ignored); queries that start after this returns never see them.
     * Costs one pass over the index's ids plus a copy of each cluster that held one.
     */
    public synchronized void remove(java.util.Set<Long> ids) {
        if (!ids.isEmpty()) current.set(current.get().withoutFaces(ids));
    }

    /** Replaces the whole index atomically; returns the previous one. */
    public synchronized LiveFaceIndex swap(LiveFaceIndex replacement) {
        return current.getAndSet(replacement);
    }
}
