package org.facesearch.server;

import static org.facesearch.store.schema.Tables.FACE;
import static org.facesearch.store.schema.Tables.PHOTO;
import static org.facesearch.store.schema.Tables.PROFILE;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.facesearch.cluster.ClusterAssignment;
import org.facesearch.faces.DetectedFace;
import org.facesearch.faces.FacePipeline;
import org.facesearch.faces.UnreadableImageException;
import org.facesearch.vector.VectorCodec;
import org.facesearch.store.crawl.GalleryRoots;
import org.jooq.DSLContext;

/**
 * Test data stored the way a gallery import stores it: the photo written to a gallery folder (so thumbnails
 * are cut from a real local file), analysed by the real face pipeline, one profile per person, its photo and
 * faces in one transaction, each face assigned to the model's active clustering.
 */
final class TestGallery {
    private final DSLContext db;
    private final FacePipeline pipeline;
    private final Path dir;
    private final ClusterAssignment clusters = new ClusterAssignment(47_000);

    TestGallery(DSLContext db, FacePipeline pipeline, Path dir) {
        this.db = db;
        this.pipeline = pipeline;
        this.dir = dir;
    }

    /** Records the gallery folder as {@code facesearch import} does, so the server may read its files. */
    private void recordRoot() {
        try {
            GalleryRoots.record(db, dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stores one photo of {@code person}; returns the ids of the faces found in it. */
    List<Long> add(String person, byte[] photo, String extension) {
        List<DetectedFace> faces;
        try {
            faces = pipeline.analyze(photo);
        } catch (UnreadableImageException e) {
            throw new IllegalArgumentException("fixture photo of " + person + " does not decode", e);
        }
        Path file = dir.resolve(person.replaceAll("[^A-Za-z0-9]+", "_") + "-" + System.nanoTime() + "." + extension);
        try {
            Files.createDirectories(dir);
            Files.write(file, photo);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String model = pipeline.model().id();
        recordRoot();
        return db.transactionResult(tx -> {
            DSLContext t = tx.dsl();
            Long profile = t.select(PROFILE.ID).from(PROFILE)
                    .where(PROFILE.SOURCE.eq("gallery"), PROFILE.EXTERNAL_ID.eq(person)).fetchOne(PROFILE.ID);
            if (profile == null) {
                profile = t.insertInto(PROFILE).set(PROFILE.SOURCE, "gallery").set(PROFILE.EXTERNAL_ID, person)
                        .set(PROFILE.DISPLAY_NAME, person).set(PROFILE.STATUS, "ok")
                        .set(PROFILE.PHOTO_URL, file.toUri().toString())
                        .returningResult(PROFILE.ID).fetchSingle(PROFILE.ID);
            }
            long photoId = t.insertInto(PHOTO).set(PHOTO.PROFILE_ID, profile).set(PHOTO.URL, file.toUri().toString())
                    .set(PHOTO.BYTE_SIZE, photo.length).set(PHOTO.STATUS, faces.isEmpty() ? "no_face" : "ok")
                    .returningResult(PHOTO.ID).fetchSingle(PHOTO.ID);
            List<Long> ids = new ArrayList<>();
            for (DetectedFace f : faces) {
                long id = t.insertInto(FACE).set(FACE.PHOTO_ID, photoId).set(FACE.PROFILE_ID, profile)
                        .set(FACE.BOX_X, (double) f.box().x()).set(FACE.BOX_Y, (double) f.box().y())
                        .set(FACE.BOX_W, (double) f.box().width()).set(FACE.BOX_H, (double) f.box().height())
                        .set(FACE.SCORE, (double) f.score()).set(FACE.MODEL, model)
                        .set(FACE.VECTOR, VectorCodec.encode(f.vector()))
                        .returningResult(FACE.ID).fetchSingle(FACE.ID);
                clusters.assignNewFace(t, model, id, f.vector());
                ids.add(id);
            }
            return ids;
        });
    }
}
