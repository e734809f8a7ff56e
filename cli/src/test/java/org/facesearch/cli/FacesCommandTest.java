package org.facesearch.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.facesearch.testing.TestPhotos;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import javax.imageio.ImageIO;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

/** {@code facesearch faces} in-process, with the real models (shared test cache linked in as HOME/models). */
class FacesCommandTest {
    @TempDir
    Path home;

    private record Outcome(int code, String out, String err) {}

    @BeforeEach
    void linkModels() throws Exception {
        Files.createDirectories(TestPhotos.modelsDir());
        Files.createSymbolicLink(home.resolve("models"), TestPhotos.modelsDir());
    }

    private Outcome run(String... args) {
        CommandLine cli = Main.commandLine();
        StringWriter out = new StringWriter(), err = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        String[] all = new String[args.length + 2];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--home";
        all[args.length + 1] = home.toString();
        return new Outcome(Main.execute(cli, all), out.toString(), err.toString());
    }

    @Test
    void portraitPrintsOneFaceAndLandscapeNoFace() {
        Outcome o = run("faces", TestPhotos.singlePortrait().toString(), TestPhotos.noFace().toString());
        assertEquals(0, o.code(), o.err());
        assertTrue(o.out().contains("grace_hopper_512x512.jpg: 1 face (faceres@human-models-3.0.4)"), o.out());
        assertTrue(o.out().contains("  face 1: box x="), o.out());
        assertTrue(o.out().contains("640px-IceBlockNearJoekullsarlon.jpg: no face"), o.out());
    }

    @Test
    void jsonHasEveryFaceWithItsFullVector() throws Exception {
        Outcome o = run("faces", "--json", "--model", "mobileface", TestPhotos.groupPhoto().toString());
        assertEquals(0, o.code(), o.err());
        JsonNode photo = new ObjectMapper().readTree(o.out()).get(0);
        assertEquals(1920, photo.get("width").asInt());
        assertEquals(3, photo.get("faces").size());
        JsonNode face = photo.get("faces").get(0);
        assertEquals(256, face.get("vector").size());
        assertEquals("mobileface@human-models-3.0.4", face.get("modelId").asText());
        assertTrue(face.get("score").asDouble() > 0.5);
    }

    @Test
    void textFileAndTruncatedJpegFailWithOneClearLine() throws Exception {
        Path text = home.resolve("notes.txt");
        Files.writeString(text, "not a photo\n");
        Path cut = home.resolve("cut.jpg");
        byte[] full = Files.readAllBytes(TestPhotos.singlePortrait());
        Files.write(cut, java.util.Arrays.copyOf(full, full.length / 2));
        Outcome o = run("faces", text.toString(), cut.toString(), TestPhotos.singlePortrait().toString());
        assertEquals(FaceSearchCommand.EXIT_FAILURE, o.code());
        assertTrue(o.err().contains("notes.txt: not an image"), o.err());
        assertTrue(o.err().contains("cut.jpg: truncated or corrupt JPEG"), o.err());
        assertFalse(o.err().contains("\tat "), "no stack trace: " + o.err());
        assertTrue(o.out().contains("grace_hopper_512x512.jpg: 1 face"), "the good photo still runs: " + o.out());
    }

    @Test
    void drawWritesThePhotoWithBoxes() throws Exception {
        Path png = home.resolve("boxes.png");
        Outcome o = run("faces", TestPhotos.groupPhoto().toString(), "--draw", png.toString());
        assertEquals(0, o.code(), o.err());
        var image = ImageIO.read(png.toFile());
        assertEquals(1920, image.getWidth());
        assertEquals(1280, image.getHeight());
    }

    @Test
    void unknownModelIsAUsageError() {
        assertEquals(FaceSearchCommand.EXIT_USAGE, run("faces", "--model", "mobilefacenet", TestPhotos.singlePortrait().toString()).code());
    }

    @Test
    void vectorsOutWritesEveryFaceAsUnitFloat32RowsOfTheJsonVectors() throws Exception {
        Path file = home.resolve("seeds.f32");
        Outcome o = run("faces", "--json", "--vectors-out", file.toString(), TestPhotos.groupPhoto().toString(),
                TestPhotos.noFace().toString());
        assertEquals(0, o.code(), o.err());
        JsonNode faces = new ObjectMapper().readTree(o.out()).get(0).get("faces");
        assertEquals(3, faces.size());
        byte[] bytes = Files.readAllBytes(file);
        assertEquals(3 * 1024 * Float.BYTES, bytes.length, "3 faces x 1024 float32, no header; the landscape adds none");
        var floats = java.nio.ByteBuffer.wrap(bytes).order(java.nio.ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
        for (int f = 0; f < 3; f++) {
            double norm = 0;
            for (int d = 0; d < 1024; d++) {
                float x = floats.get(f * 1024 + d);
                assertEquals(faces.get(f).get("vector").get(d).floatValue(), x, "face " + f + " value " + d);
                assertTrue(x >= 0f);
                norm += x * x;
            }
            assertEquals(1.0, norm, 1e-4);
        }
        assertTrue(o.err().contains("wrote 3 vectors (faceres@human-models-3.0.4, 1024 float32 each"), o.err());
    }

    @Test
    void folderStandsForTheImagesUnderIt() throws Exception {
        Path folder = home.resolve("photos");
        Files.createDirectories(folder.resolve("nested"));
        Files.copy(TestPhotos.singlePortrait(), folder.resolve("nested").resolve("grace.jpg"));
        Files.writeString(folder.resolve("notes.txt"), "not a photo\n");
        Files.createDirectories(folder.resolve(".hidden"));
        Files.copy(TestPhotos.singlePortrait(), folder.resolve(".hidden").resolve("copy.jpg"));
        Path empty = Files.createDirectories(home.resolve("empty"));
        Path file = home.resolve("seeds.f32");
        Outcome o = run("faces", folder.toString(), empty.toString(), "--vectors-out", file.toString());
        assertEquals(FaceSearchCommand.EXIT_FAILURE, o.code(), "an argument folder without photos is an error");
        assertTrue(o.err().contains("empty: no JPEG, PNG, GIF or BMP file in this folder"), o.err());
        assertTrue(o.out().contains("grace.jpg: 1 face"), o.out());
        assertFalse(o.out().contains("notes.txt") || o.out().contains("copy.jpg"), o.out());
        assertEquals(1024 * Float.BYTES, Files.size(file));
    }

    @Test
    void vectorsOutIntoAMissingFolderIsAUsageError() {
        Path bad = home.resolve("no-such-dir").resolve("seeds.f32");
        Outcome o = run("faces", "--vectors-out", bad.toString(), TestPhotos.singlePortrait().toString());
        assertEquals(FaceSearchCommand.EXIT_USAGE, o.code());
        assertTrue(o.err().contains("--vectors-out " + bad + ": no such folder " + bad.getParent()), o.err());
        assertFalse(o.err().contains("\tat "), "no stack trace: " + o.err());
        Outcome folder = run("faces", "--vectors-out", home.toString(), TestPhotos.singlePortrait().toString());
        assertEquals(FaceSearchCommand.EXIT_USAGE, folder.code());
        assertTrue(folder.err().contains("is a folder; give a file name"), folder.err());
    }
}
