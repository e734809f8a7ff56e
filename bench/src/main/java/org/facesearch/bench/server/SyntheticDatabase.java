package org.facesearch.bench.server;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import org.facesearch.cluster.KMeansTrainer;
import org.facesearch.store.Database;
import org.facesearch.store.EmbeddedDatabase;
import org.facesearch.faces.EmbedderModel;
import org.facesearch.synthetic.FaceLikeGenerator;
import org.facesearch.synthetic.FaceStatistics;
import org.facesearch.synthetic.SyntheticFaces;
import org.facesearch.vector.Centroids;
import org.facesearch.vector.VectorCodec;

/**
 * Fills the embedded database of a data directory with {@code N} face-like synthetic faces of the default model
 * (see {@link FaceLikeGenerator}: strangers at cosine ~0.41, the same person at ~0.79), one VK-like profile per
 * identity and one photo per face, plus an active clustering with {@code N / 23,500} centroids (the cluster cap
 * of 47,000 at fill 0.5) trained on a sample: what {@code facesearch serve} needs to be measured at scale.
 *
 * <p>Only for benchmarks: ids are written explicitly, there are no {@code face_cluster} rows (the server does
 * not read them) and the photo URLs point nowhere, so thumbnails of these faces cannot be made.
 *
 * <pre>java ... org.facesearch.bench.server.SyntheticDatabase HOME FACES</pre>
 */
public final class SyntheticDatabase {
    private static final int BATCH = 1_000;

    private SyntheticDatabase() {
    }

    public static void main(String[] args) throws Exception {
        Path home = Path.of(args[0]);
        long faces = Long.parseLong(args[1]);
        EmbedderModel model = EmbedderModel.DEFAULT;
        int dimension = model.dimensions();
        SyntheticFaces corpus = new SyntheticFaces(
                FaceLikeGenerator.calibrated(FaceStatistics.fallback(dimension, 1), 7, 0.41, 0.79), faces);
        EmbeddedDatabase embedded = EmbeddedDatabase.startOrAttach(home.resolve("db"));
        try (Database db = Database.connect(embedded.settings(4), embedded)) {
            long t0 = System.nanoTime();
            Centroids centroids = train(corpus, (int) Math.max(2, faces / 23_500));
            System.out.printf("trained %d centroids in %.1f s%n", centroids.k(), (System.nanoTime() - t0) / 1e9);
            int[] sizes = new int[centroids.k()];
            try (Connection c = db.dataSource().getConnection()) {
                c.setAutoCommit(false);
                insertProfiles(c, corpus);
                insertFaces(c, corpus, model.id(), centroids, sizes);
                insertClustering(c, model.id(), centroids, sizes);
                c.commit();
            }
            System.out.printf("stored %d faces of %d identities in %.1f s%n", faces, corpus.identities(),
                    (System.nanoTime() - t0) / 1e9);
        }
    }

    private static Centroids train(SyntheticFaces corpus, int k) {
        KMeansTrainer trainer = new KMeansTrainer(k, KMeansTrainer.DEFAULT_POINTS_PER_CENTROID,
                KMeansTrainer.DEFAULT_MAX_ITERATIONS, 11);
        int n = (int) Math.min(corpus.faces(), trainer.sampleSize());
        float[] sample = new float[n * corpus.dimension()];
        long stride = corpus.faces() / n;
        float[] one = new float[corpus.dimension()];
        for (int i = 0; i < n; i++) {
            corpus.fill(i * stride, 1, one);
            System.arraycopy(one, 0, sample, i * corpus.dimension(), corpus.dimension());
        }
        return trainer.train(sample, n, corpus.dimension());
    }

    private static void insertProfiles(Connection c, SyntheticFaces corpus) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("insert into profile (id, source, external_id, display_name, "
                + "profile_url, status) values (?, 'vk', ?, ?, ?, 'ok')")) {
            for (int i = 0; i < corpus.identities(); i++) {
                p.setLong(1, i + 1);
                p.setString(2, String.valueOf(1_000_000 + i));
                p.setString(3, "Synthetic Person " + i);
                p.setString(4, "https://vk.com/id" + (1_000_000 + i));
                p.addBatch();
                if ((i + 1) % BATCH == 0) p.executeBatch();
            }
            p.executeBatch();
        }
    }

    private static void insertFaces(Connection c, SyntheticFaces corpus, String model, Centroids centroids, int[] sizes)
            throws SQLException {
        int dimension = corpus.dimension();
        float[] vectors = new float[BATCH * dimension];
        float[] one = new float[dimension];
        try (PreparedStatement photo = c.prepareStatement(
                "insert into photo (id, profile_id, url, status) values (?, ?, ?, 'ok')");
             PreparedStatement face = c.prepareStatement("insert into face (id, photo_id, profile_id, box_x, box_y, "
                     + "box_w, box_h, score, model, vector) values (?, ?, ?, 10, 10, 100, 100, 0.99, ?, ?)")) {
            for (long first = 0; first < corpus.faces(); first += BATCH) {
                int count = (int) Math.min(BATCH, corpus.faces() - first);
                corpus.fill(first, count, vectors);
                int[] clusters = centroids.assignAll(vectors, count);
                for (int i = 0; i < count; i++) {
                    long id = first + i + 1;
                    long profile = corpus.identityOf(first + i) + 1;
                    sizes[clusters[i]]++;
                    photo.setLong(1, id);
                    photo.setLong(2, profile);
                    photo.setString(3, "https://synthetic.invalid/photo/" + id + ".jpg");
                    photo.addBatch();
                    System.arraycopy(vectors, i * dimension, one, 0, dimension);
                    face.setLong(1, id);
                    face.setLong(2, id);
                    face.setLong(3, profile);
                    face.setString(4, model);
                    face.setBytes(5, VectorCodec.encode(one));
                    face.addBatch();
                }
                photo.executeBatch();
                face.executeBatch();
                c.commit();
                if ((first / BATCH) % 50 == 0) System.out.printf("  %d / %d faces%n", first + count, corpus.faces());
            }
        }
    }

    private static void insertClustering(Connection c, String model, Centroids centroids, int[] sizes) throws SQLException {
        long id;
        try (Statement s = c.createStatement()) {
            s.executeUpdate("insert into clustering (model, k, cap, status, activated_at) values ('" + model + "', "
                    + centroids.k() + ", 47000, 'active', current_timestamp(3))", Statement.RETURN_GENERATED_KEYS);
            try (var keys = s.getGeneratedKeys()) {
                keys.next();
                id = keys.getLong(1);
            }
        }
        try (PreparedStatement p = c.prepareStatement(
                "insert into centroid (clustering_id, cluster_id, vector, size) values (?, ?, ?, ?)")) {
            for (int k = 0; k < centroids.k(); k++) {
                p.setLong(1, id);
                p.setInt(2, k);
                p.setBytes(3, VectorCodec.encode(centroids.centroid(k)));
                p.setInt(4, sizes[k]);
                p.addBatch();
            }
            p.executeBatch();
        }
    }
}
