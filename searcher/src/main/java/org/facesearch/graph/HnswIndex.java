package org.facesearch.graph;

import io.github.jbellis.jvector.graph.GraphIndexBuilder;
import io.github.jbellis.jvector.graph.GraphSearcher;
import io.github.jbellis.jvector.graph.SearchResult;
import io.github.jbellis.jvector.graph.similarity.BuildScoreProvider;
import io.github.jbellis.jvector.graph.similarity.DefaultSearchScoreProvider;
import io.github.jbellis.jvector.util.Bits;
import io.github.jbellis.jvector.util.PhysicalCoreExecutor;
import io.github.jbellis.jvector.vector.VectorSimilarityFunction;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import org.facesearch.index.FaceIndexBuilder;
import org.facesearch.index.LiveFaceIndex;
import org.facesearch.vector.Neighbor;
import org.facesearch.vector.VectorMath;

/**
 * A graph index of one model's faces on jvector: HNSW layers over a Vamana-style base graph, degree {@link #DEGREE}
 * (M) and construction breadth {@link #CONSTRUCTION_BREADTH}, scored by dot product (the vectors are
 * L2-normalised). A search walks the graph with a breadth of {@code max(k, breadth)} candidates and re-ranks
 * them by exact squared L2 (the same arithmetic as the IVF index), so distances are exact and only the
 * candidate set is approximate; with a breadth as large as the index the answer is the linear scan's.
 *
 * <p>Unlike the IVF snapshots this index grows in place: {@link #withFace} inserts into the graph and returns
 * this same index, and searches running meanwhile may or may not see the new face (jvector's graph takes
 * concurrent inserts and searches). One writer at a time ({@link org.facesearch.index.LiveIndex} serialises).
 * Memory: the float32 vectors plus the graph's adjacency lists (~{@code 4 * M * overflow} bytes a face and level).
 */
public final class HnswIndex implements LiveFaceIndex {
    /**
     * Maximum out-degree of the base layer: 64, the base-layer degree of hnswlib's M=32 (hnswlib doubles M on
     * layer 0, jvector does not). Measured at 50k faces: recall@10 0.987 at breadth 200, against 0.939 with 32.
     */
    public static final int DEGREE = 64;
    /** Candidates kept while inserting a face (efConstruction). */
    public static final int CONSTRUCTION_BREADTH = 100;
    private static final float NEIGHBOR_OVERFLOW = 1.2f, ALPHA = 1.2f;
    /**
     * No second pass over the finished graph (jvector's {@code refineFinalGraph}): it searches the graph again for
     * every node, which doubles the build; at 1M faces the graph meets its recall without it (BENCHMARKS.md).
     */
    private static final boolean REFINE = false;
    /** The jvector release on the class path (from its jar's Maven metadata), named in benchmark rows and notes. */
    public static final String JVECTOR_VERSION = jvectorVersion();
    private static final VectorSimilarityFunction SIMILARITY = VectorSimilarityFunction.DOT_PRODUCT;

    private final String modelId;
    private final int dimension;
    private final int breadth;
    private final FaceVectors vectors;
    private final GraphIndexBuilder builder;
    /** Ordinals of removed faces, replaced whole on each removal (rare: a forget) so searches read it lock-free. */
    private final AtomicReference<BitSet> removed;

    private HnswIndex(String modelId, int dimension, int breadth, FaceVectors vectors, GraphIndexBuilder builder,
                      AtomicReference<BitSet> removed) {
        this.modelId = modelId;
        this.dimension = dimension;
        this.breadth = breadth;
        this.vectors = vectors;
        this.builder = builder;
        this.removed = removed;
    }

    /**
     * A builder: faces are copied in batch by batch ({@link Builder#addAll}), the graph is built on all cores by
     * {@link Builder#build}.
     *
     * @param breadth candidates a search keeps (efSearch); the measured recall per breadth is in BENCHMARKS.md
     */
    public static Builder builder(String modelId, int dimension, int breadth) {
        return new Builder(modelId, dimension, breadth);
    }

    /** Collects the faces (each vector copied into its own array, held by the graph afterwards), then builds. */
    public static final class Builder implements FaceIndexBuilder {
        private final String modelId;
        private final int dimension, breadth;
        private final FaceVectors store;
        private int degree = DEGREE, constructionBreadth = CONSTRUCTION_BREADTH;
        private float alpha = ALPHA;

        private Builder(String modelId, int dimension, int breadth) {
            this.modelId = modelId;
            this.dimension = dimension;
            this.breadth = breadth;
            this.store = new FaceVectors(dimension, 1024);
        }

        @Override
        public Builder addAll(long[] ids, float[] vectors, int n) {
            for (int i = 0; i < n; i++) store.add(ids[i], java.util.Arrays.copyOfRange(vectors, i * dimension, (i + 1) * dimension));
            return this;
        }

        /** Other construction parameters than the defaults (for measuring them). */
        public Builder construction(int degree, int constructionBreadth, float alpha) {
            this.degree = degree;
            this.constructionBreadth = constructionBreadth;
            this.alpha = alpha;
            return this;
        }

        @Override
        public HnswIndex build() {
            // every core: jvector's default parallel executor is the common pool, one thread on a 2-core machine
            ForkJoinPool cores = new ForkJoinPool(Runtime.getRuntime().availableProcessors());
            GraphIndexBuilder graph = new GraphIndexBuilder(BuildScoreProvider.randomAccessScoreProvider(store, SIMILARITY),
                    dimension, degree, constructionBreadth, NEIGHBOR_OVERFLOW, alpha, true, REFINE, PhysicalCoreExecutor.pool(), cores);
            cores.submit(() -> IntStream.range(0, store.size()).parallel().forEach(i -> graph.addGraphNode(i, store.getVector(i)))).join();
            graph.cleanup();
            return new HnswIndex(modelId, dimension, breadth, store, graph, new AtomicReference<>(new BitSet()));
        }
    }

    private static String jvectorVersion() {
        try (var in = GraphIndexBuilder.class.getResourceAsStream("/META-INF/maven/io.github.jbellis/jvector-base/pom.properties")) {
            if (in == null) return "(version unknown)";
            var properties = new java.util.Properties();
            properties.load(in);
            return properties.getProperty("version", "(version unknown)");
        } catch (IOException e) {
            return "(version unknown)";
        }
    }

    /** The same graph searched with another breadth. */
    public HnswIndex withBreadth(int searchBreadth) {
        return new HnswIndex(modelId, dimension, searchBreadth, vectors, builder, removed);
    }

    @Override
    public String modelId() {
        return modelId;
    }

    @Override
    public int dimension() {
        return dimension;
    }

    @Override
    public long size() {
        return vectors.size() - removed.get().cardinality();
    }

    /** A graph has no clusters. */
    @Override
    public int clusters() {
        return 0;
    }

    @Override
    public long bytes() {
        return (long) vectors.size() * (dimension * 4L + 8) + builder.getGraph().ramBytesUsed();
    }

    /** The {@code k} nearest faces found with the index's breadth ({@code nprobe} is an IVF notion, ignored). */
    @Override
    public List<Neighbor> search(String queryModelId, float[] query, int k, int nprobe) {
        requireSameModel(queryModelId, query);
        return search(query, k, Math.max(k, breadth));
    }

    private List<Neighbor> search(float[] query, int k, int candidates) {
        if (vectors.size() == 0) return List.of();
        SearchResult result;
        try (GraphSearcher searcher = new GraphSearcher(builder.getGraph())) {
            var score = DefaultSearchScoreProvider.exact(vectors.wrap(query), SIMILARITY, vectors);
            BitSet gone = removed.get();
            Bits accept = gone.isEmpty() ? Bits.ALL : ordinal -> !gone.get(ordinal);
            result = searcher.search(score, candidates, candidates, 0f, 0f, accept);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Hit> hits = new ArrayList<>(result.getNodes().length);
        for (SearchResult.NodeScore node : result.getNodes()) hits.add(hit(query, node.node));
        hits.sort(Hit.NEAREST_FIRST);
        return hits.stream().limit(k).map(h -> new Neighbor(vectors.id(h.node()), h.distance())).toList();
    }

    /** A graph node and its exact squared L2 distance to the query. */
    private record Hit(int node, float distance) {
        static final Comparator<Hit> NEAREST_FIRST = Comparator.comparingDouble(Hit::distance).thenComparingInt(Hit::node);
    }

    private Hit hit(float[] query, int node) {
        return new Hit(node, VectorMath.squaredL2(query, 0, vectors.array(node), 0, dimension));
    }

    /**
     * Marks the faces removed: searches never return them again (their vectors and graph nodes stay in memory, as
     * waypoints of the graph, until the next rebuild). Returns this index.
     */
    @Override
    public HnswIndex withoutFaces(java.util.Set<Long> removedIds) {
        BitSet next = (BitSet) removed.get().clone();
        for (int ordinal = 0; ordinal < vectors.size(); ordinal++) {
            if (removedIds.contains(vectors.id(ordinal))) next.set(ordinal);
        }
        removed.set(next);
        return this;
    }

    /** Inserts the face into the graph; returns this index (it grows in place). */
    @Override
    public HnswIndex withFace(long id, float[] vector) {
        int ordinal = vectors.add(id, vector.clone());
        builder.addGraphNode(ordinal, vectors.getVector(ordinal));
        return this;
    }
}
