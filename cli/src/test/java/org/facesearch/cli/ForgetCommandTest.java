package org.facesearch.cli;

import static org.facesearch.store.schema.Tables.CENTROID;
import static org.facesearch.store.schema.Tables.FACE;
import static org.facesearch.store.schema.Tables.FACE_CLUSTER;
import static org.facesearch.store.schema.Tables.PHOTO;
import static org.facesearch.store.schema.Tables.PROFILE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.facesearch.crawl.TestImages;
import org.facesearch.crawl.vk.FakeVkServer;
import org.facesearch.crawl.vk.FakeVkServer.User;
import org.facesearch.crawl.vk.VkTestClients;
import org.facesearch.faces.EmbedderModel;
import org.facesearch.search.CodeFiles;
import org.facesearch.store.Database;
import org.facesearch.testing.TestDatabase;
import org.facesearch.testing.TestPhotos;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code facesearch forget}, {@code allow-collection} and {@code keys} as a user runs them: after a forget no row
 * refers to the person, their cached thumbnails are gone, and a re-crawl of the same VK id stores nothing of them
 * (and says so); the do-not-collect list only shrinks by the explicit command; keys are shown once.
 */
class ForgetCommandTest {
    static final String TOKEN = VkTestClients.token("forget");

    @TempDir
    Path dir;

    @Test
    void aForgottenPersonLeavesNoRowNorThumbnailAndARecrawlStoresNothingOfThem() throws Exception {
        try (FakeVkServer vk = FakeVkServer.start(); Database database = TestDatabase.fresh()) {
            for (int id = 1; id <= 3; id++) {
                vk.photo("f" + id + ".jpg", TestImages.face(id)).user(User.active(id, "f" + id + ".jpg").withScreenName("user" + id));
            }
            Path home = Files.createDirectories(dir.resolve("home"));
            Files.createSymbolicLink(home.resolve("models"), TestPhotos.modelsDir());
            Path config = Files.writeString(dir.resolve("facesearch.properties"), "vk.endpoint = " + vk.endpoint() + "\n");
            List<String> common = List.of("--home", home.toString(), "--config", config.toString(), "--db-url", database.url());
            DSLContext db = database.dsl();

            assertEquals(0, run(common, "crawl", "--users", "1-3", "--token", TOKEN, "--quiet").code());
            assertEquals(3, db.fetchCount(FACE));
            long face2 = db.select(FACE.ID).from(FACE).join(PROFILE).on(PROFILE.ID.eq(FACE.PROFILE_ID))
                    .where(PROFILE.EXTERNAL_ID.eq("2")).fetchSingle(FACE.ID);
            Path thumbnails = Files.createDirectories(home.resolve("thumbnails"));
            Path forgottenThumb = Files.write(thumbnails.resolve(face2 + "-0123456789abcdef01234567.jpg"), new byte[] {1});
            Path otherThumb = Files.write(thumbnails.resolve((face2 + 100) + "-0123456789abcdef01234567.jpg"), new byte[] {1});
            Path searchCache = new CodeFiles(home.resolve("cache")).pathOf(EmbedderModel.FACERES.id());
            CliRunner.Outcome searched = run(common, "search", TestPhotos.singlePortrait().toString());
            assertEquals(0, searched.code(), searched.err());
            assertTrue(Files.exists(searchCache), "the search wrote its cache");

            CliRunner.Outcome forgot = run(common, "forget", "vk:2", "--yes");
            assertEquals(0, forgot.code(), forgot.err());
            assertTrue(forgot.out().contains("forgot 1 profile(s) (vk:2): 1 photo(s), 1 face(s), 1 cached thumbnail(s)"), forgot.out());
            assertEquals(0, db.fetchCount(PROFILE, PROFILE.SOURCE.eq("vk").and(PROFILE.EXTERNAL_ID.eq("2"))));
            assertEquals(2, db.fetchCount(PROFILE));
            assertEquals(2, db.fetchCount(PHOTO));
            assertEquals(0, db.fetchCount(FACE, FACE.ID.eq(face2)));
            assertEquals(0, db.fetchCount(FACE_CLUSTER, FACE_CLUSTER.FACE_ID.eq(face2)));
            assertEquals(2, db.fetchCount(FACE_CLUSTER));
            assertEquals(2, db.select(DSL.sum(CENTROID.SIZE)).from(CENTROID).fetchSingle(0, Integer.class),
                    "the centroid sizes count the remaining faces");
            assertFalse(Files.exists(forgottenThumb), "the forgotten face's thumbnail is deleted");
            assertTrue(Files.exists(otherThumb), "other thumbnails stay");
            assertFalse(Files.exists(searchCache), "the search cache, holding the forgotten face's code, is deleted");
            assertTrue(run(common, "forget", "--list").out().contains("vk:2"));

            // the range was crawled to its end: crawl the forgotten id again from a list
            Path users = Files.writeString(dir.resolve("users.txt"), "2\n3\n");
            CliRunner.Outcome recrawl = run(common, "crawl", "--users-file", users.toString(), "--token", TOKEN, "--quiet");
            assertEquals(0, recrawl.code(), recrawl.err());
            assertTrue(recrawl.out().contains("skipped (do-not-collect list) 1"), recrawl.out());
            assertEquals(0, db.fetchCount(PROFILE, PROFILE.SOURCE.eq("vk").and(PROFILE.EXTERNAL_ID.eq("2"))),
                    "a re-crawl stores nothing of the forgotten person");
            assertEquals(2, db.fetchCount(FACE));

            CliRunner.Outcome blocked = run(common, "forget", "vk:77", "--yes");
            assertEquals(0, blocked.code(), blocked.err());
            assertTrue(blocked.out().contains("vk:77 is not stored; added to the do-not-collect list"), blocked.out());
            assertEquals(1, run(common, "forget", "99999", "--yes").code(), "no such profile");
            assertEquals(0, run(common, "allow-collection", "vk:2").code());
            assertEquals(1, run(common, "allow-collection", "vk:2").code(), "already off the list");
            String list = run(common, "forget", "--list").out();
            assertFalse(list.contains("vk:2 "), list);
            assertTrue(list.contains("vk:77"), list);

            // a screen name: stored profiles keep the id page (https://vk.com/id3), so VK resolves it (a token is needed)
            assertEquals(1, run(common, "forget", "vk:user3", "--yes").code(), "no token to resolve the name with");
            CliRunner.Outcome byName = run(common, "forget", "vk:user3", "--yes", "--token", TOKEN);
            assertEquals(0, byName.code(), byName.err());
            assertTrue(byName.out().contains("vk:user3 is vk:3") && byName.out().contains("forgot 1 profile(s) (vk:3)"), byName.out());
            assertEquals(1, db.fetchCount(PROFILE));
        }
    }

    @Test
    void keysAreShownOnceListedWithoutTheKeyAndRevoked() {
        try (Database database = TestDatabase.fresh()) {
            List<String> common = List.of("--home", dir.toString(), "--db-url", database.url());
            CliRunner.Outcome created = run(common, "keys", "create", "--role", "admin", "--label", "desk");
            assertEquals(0, created.code(), created.err());
            String key = created.out().replaceAll("(?s).*?(fsk_[A-Za-z0-9_-]{43}).*", "$1");
            assertTrue(key.startsWith("fsk_") && key.length() == 47, created.out());
            String listed = run(common, "keys", "list").out();
            assertTrue(listed.contains("admin") && listed.contains("desk") && listed.contains("active"), listed);
            assertFalse(listed.contains(key), "the key is never shown again");
            assertEquals(0, run(common, "keys", "revoke", "1").code());
            assertTrue(run(common, "keys", "list").out().contains("revoked"));
            assertEquals(1, run(common, "keys", "revoke", "1").code());
            assertEquals(1, run(common, "keys", "create", "--role", "root").code());
        }
    }

    private static CliRunner.Outcome run(List<String> common, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(common);
        return CliRunner.run(all.toArray(String[]::new));
    }
}
