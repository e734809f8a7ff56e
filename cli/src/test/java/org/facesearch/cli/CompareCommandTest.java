package org.facesearch.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.facesearch.testing.TestPhotos;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

/** {@code facesearch compare A B} in-process with the real models: the demo's Person A against himself and a stranger. */
class CompareCommandTest {
    @TempDir
    Path home;

    private Path query, personA, stranger;

    @BeforeEach
    void photos() throws Exception {
        Files.createDirectories(TestPhotos.modelsDir());
        Files.createSymbolicLink(home.resolve("models"), TestPhotos.modelsDir());
        query = Files.write(home.resolve("query-person-a.png"), TestPhotos.gridCell(0, 8));
        personA = Files.write(home.resolve("person-a.png"), TestPhotos.gridCell(0, 0));
        stranger = Files.write(home.resolve("stranger.png"), TestPhotos.gridCell(3, 0));
    }

    private CliRunner.Outcome run(String... args) {
        String[] all = java.util.Arrays.copyOf(args, args.length + 2);
        all[args.length] = "--home";
        all[args.length + 1] = home.toString();
        return CliRunner.run(all);
    }

    @Test
    void samePersonAndStrangerGetTheirVerdicts() {
        var same = run("compare", query.toString(), personA.toString());
        assertEquals(0, same.code(), same.err());
        assertTrue(same.out().matches("(?s).*similarity 0\\.\\d{4}, threshold 0\\.732 \\(faceres\\): likely the same person\\n"), same.out());
        var other = run("compare", query.toString(), stranger.toString());
        assertEquals(0, other.code(), other.err());
        assertTrue(other.out().contains(": not likely the same person"), other.out());
    }

    @Test
    void jsonCarriesSimilarityThresholdAndVerdict() throws Exception {
        var o = run("compare", "--json", TestPhotos.groupPhoto().toString(), query.toString(), "--face-a", "2");
        assertEquals(0, o.code(), o.err());
        JsonNode r = new ObjectMapper().readTree(o.out());
        assertEquals(0.732, r.get("threshold").asDouble(), 1e-6);
        assertFalse(r.get("samePerson").asBoolean(), "a woman of sample1 is not Person A");
        assertEquals(2, r.get("a").get("face").asInt());
        assertEquals(3, r.get("a").get("faces").asInt());
        assertTrue(r.get("similarity").asDouble() < 0.732);
    }

    @Test
    void photoWithoutFaceFailsAndAMissingFaceNumberIsAUsageError() {
        var none = run("compare", TestPhotos.noFace().toString(), query.toString());
        assertEquals(1, none.code());
        assertTrue(none.err().contains("no face found, nothing to compare"), none.err());
        var usage = run("compare", query.toString(), personA.toString(), "--face-b", "2");
        assertEquals(2, usage.code());
        assertTrue(usage.err().contains("--face-b 2: " + personA + " has 1 face"), usage.err());
        var zero = run("compare", query.toString(), personA.toString(), "--face-a", "0");
        assertEquals(2, zero.code());
        assertTrue(zero.err().contains("--face-a counts from 1 (the largest face), got 0"), zero.err());
    }
}
