package org.facesearch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.facesearch.cli.CliRunner.Outcome;
import org.facesearch.cluster.ClusterAssignment;
import org.facesearch.store.ConnectionSettings;
import org.facesearch.store.Database;
import org.facesearch.faces.DetectedFace;
import org.facesearch.faces.EmbedderModel;
import org.facesearch.faces.FacePipeline;
import org.facesearch.testing.StoredFaces;
import org.facesearch.testing.TestDatabase;
import org.facesearch.testing.TestPhotos;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code facesearch search PHOTO} end to end: real photos, the real face models, a real database. */
class SearchCommandTest {
    private static final EmbedderModel MODEL = EmbedderModel.FACERES;

    @TempDir
    static Path home;

    private static ConnectionSettings settings;
    private static Database database;

    @BeforeAll
    static void storeKnownPeople() throws Exception {
        Files.createSymbolicLink(home.resolve("models"), TestPhotos.modelsDir());
        settings = TestDatabase.settingsFor("cli_search_" + System.nanoTime());
        database = Database.connect(settings, null);
        ClusterAssignment assignment = new ClusterAssignment(47_000);
        try (FacePipeline pipeline = FacePipeline.open(TestPhotos.modelsDir(), MODEL)) {
            store(pipeline, assignment, TestPhotos.singlePortrait(), "vk", "1001", "Grace Hopper");
            store(pipeline, assignment, TestPhotos.astronaut(), "gallery", "Eileen_Collins", "Eileen Collins");
            store(pipeline, assignment, TestPhotos.groupPhoto(), "vk", "2002", "Sample Person");
        }
    }

    private static void store(FacePipeline pipeline, ClusterAssignment assignment, Path photo, String source,
                              String externalId, String name) throws Exception {
        List<DetectedFace> faces = pipeline.analyze(Files.readAllBytes(photo));
        database.dsl().transaction(c -> {
            int n = 0;
            for (DetectedFace f : faces) {
                long id = StoredFaces.insert(c.dsl(), MODEL.id(), f.vector(), source, externalId + (n == 0 ? "" : "-" + n),
                        name, null, photo.toUri().toString());
                assignment.assignNewFace(c.dsl(), MODEL.id(), id, f.vector());
                n++;
            }
        });
    }

    @AfterAll
    static void close() {
        database.close();
    }

    private static Outcome search(String... args) {
        String[] all = new String[args.length + 5];
        all[0] = "search";
        System.arraycopy(args, 0, all, 1, args.length);
        all[args.length + 1] = "--home";
        all[args.length + 2] = home.toString();
        all[args.length + 3] = "--db-url";
        all[args.length + 4] = settings.url();
        return CliRunner.run(all);
    }

    @Test
    void aStoredPersonIsFoundFirstWithNameLinkAndPhoto() {
        Outcome o = search(TestPhotos.singlePortrait().toString(), "--timings");
        assertEquals(0, o.code(), o.err());
        assertTrue(o.out().startsWith("face 1 of 1 at"), o.out());
        String first = o.out().lines().filter(l -> l.trim().startsWith("1 ")).findFirst().orElseThrow();
        assertTrue(first.contains("Grace Hopper") && first.contains("https://vk.com/id1001")
                && first.contains(TestPhotos.singlePortrait().toString()) && !first.contains("file:"), first);  // a local path
        assertTrue(first.contains("likely the same person"), first);
        assertFalse(o.out().contains("no one in the database"), o.out());
        assertTrue(o.out().contains("timings: centroid search"), o.out());
        Matcher rerank = Pattern.compile("scan [0-9.]+ ms \\(re-rank [0-9.]+ ms of it, ([0-9]+) vectors read\\)").matcher(o.out());
        assertTrue(rerank.find(), o.out());
        assertTrue(Integer.parseInt(rerank.group(1)) >= 1, "the nearest face's vector is read: " + rerank.group());
        assertTrue(o.out().contains("timings: detection"), o.out());
    }

    @Test
    void jsonListsEveryFaceOfAGroupPhoto() throws Exception {
        Outcome o = search(TestPhotos.groupPhoto().toString(), "--json", "--top", "2", "--timings");
        assertEquals(0, o.code(), o.err());
        JsonNode root = new ObjectMapper().readTree(o.out());
        assertEquals(MODEL.id(), root.get("model").asText());
        assertEquals(3, root.get("faces").size());
        for (JsonNode face : root.get("faces")) {
            assertEquals(2, face.get("matches").size());
            JsonNode best = face.get("matches").get(0);
            assertEquals("Sample Person", best.get("name").asText(), "each face finds itself first");
            assertTrue(best.get("distance").asDouble() < 0.05, best.toString());
            assertEquals(1, best.get("rank").asInt());
            assertTrue(best.get("samePerson").asBoolean(), best.toString());
            assertEquals(MODEL.samePersonThreshold(), face.get("threshold").floatValue());
            assertTrue(face.get("samePersonFound").asBoolean());
            JsonNode timings = face.get("timings_ms");
            assertTrue(timings.get("rerank").asDouble() <= timings.get("scan").asDouble(), timings.toString());
            assertTrue(face.get("read").get("vectors").asInt() >= 2, "the top 2 are re-ranked: " + face.get("read"));
        }
        assertTrue(root.get("timings_ms").get("embedding").asDouble() > 0, root.get("timings_ms").toString());
    }

    /** Person A is not stored: his photo's closest faces are strangers, and the answer says so. */
    @Test
    void aPersonNotStoredGetsLookAlikesAndSaysNoOneIsLikelyHim() throws Exception {
        Path query = Files.write(home.resolve("query-person-a.png"), TestPhotos.gridCell(0, 8));
        Outcome o = search(query.toString());
        assertEquals(0, o.code(), o.err());
        assertTrue(o.out().contains("no one in the database is likely this person (no similarity reaches 0.732); the closest look-alikes:"), o.out());
        assertTrue(o.out().lines().filter(l -> l.trim().matches("\\d+ .*")).allMatch(l -> l.contains("look-alike")), o.out());
        JsonNode face = new ObjectMapper().readTree(search(query.toString(), "--json").out()).get("faces").get(0);
        assertFalse(face.get("samePersonFound").asBoolean());
        for (JsonNode m : face.get("matches")) assertFalse(m.get("samePerson").asBoolean(), m.toString());
    }

    @Test
    void aPhotoWithoutAFaceSaysSoAndSucceeds() {
        Outcome o = search(TestPhotos.noFace().toString());
        assertEquals(0, o.code(), o.err());
        assertTrue(o.out().contains("no face found in"), o.out());
    }

    @Test
    void aMissingFileOrANonImageIsAClearErrorWithExitOne() throws Exception {
        Outcome missing = search(home.resolve("nope.jpg").toString());
        assertEquals(FaceSearchCommand.EXIT_FAILURE, missing.code());
        assertTrue(missing.err().contains("no such file: "), missing.err());
        Path text = Files.writeString(home.resolve("notes.jpg"), "these are not pixels");
        Outcome notImage = search(text.toString());
        assertEquals(FaceSearchCommand.EXIT_FAILURE, notImage.code());
        assertTrue(notImage.err().contains("not an image"), notImage.err());
        assertFalse(notImage.err().contains("\tat "), notImage.err());
    }

    @Test
    void aSearchCacheThatCannotBeWrittenIsAClearErrorWithExitOne() throws Exception {
        // a file where HOME/cache should be: the cache cannot be written (root ignores permission bits)
        Path other = Files.createTempDirectory(home, "blocked");
        Files.createSymbolicLink(other.resolve("models"), TestPhotos.modelsDir());
        Files.writeString(other.resolve("cache"), "not a directory");
        Outcome o = CliRunner.run("search", TestPhotos.singlePortrait().toString(), "--home", other.toString(),
                "--db-url", settings.url());
        assertEquals(FaceSearchCommand.EXIT_FAILURE, o.code(), o.err());
        assertTrue(o.err().contains("cannot write the search cache " + other.resolve("cache")), o.err());
        assertTrue(o.err().contains("make " + other.resolve("cache") + " writable"), o.err());
        assertFalse(o.err().contains("\tat "), o.err());
    }

    @Test
    void anEmptyDatabaseSaysSo() {
        ConnectionSettings empty = TestDatabase.settingsFor("cli_search_empty_" + System.nanoTime());
        Outcome o = CliRunner.run("search", TestPhotos.singlePortrait().toString(), "--home", home.toString(),
                "--db-url", empty.url());
        assertEquals(0, o.code(), o.err());
        assertTrue(o.out().contains("the database holds no faces of model faceres yet"), o.out());
    }
}
