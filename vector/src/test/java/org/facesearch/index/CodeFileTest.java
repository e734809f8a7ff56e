package org.facesearch.index;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CodeFileTest {
    private static final TestFaces FACES = new TestFaces(64, 2_000, 12, 10);
    private static final CodeFile.Source SOURCE = new CodeFile.Source("faceres@human-models-3.0.4", 7, 1_700_000_000_123L,
            1_999, 42);

    @TempDir
    Path dir;

    @Test
    void readsBackTheListsCentroidsAndSourceItWasWrittenFrom() throws IOException {
        IvfIndex index = FACES.index();
        Path path = dir.resolve("codes.bin");
        CodeFile.write(path, index, SOURCE);
        int[] all = IntStream.range(0, index.clusters()).toArray();
        try (CodeFile file = CodeFile.open(path); CodeFile.Probed lists = file.read(all)) {
            assertEquals(SOURCE, file.source());
            assertEquals(index.size(), file.faces());
            assertEquals(64, file.dimension());
            for (int c = 0; c < index.clusters(); c++) {
                assertArrayEquals(index.centroids().centroid(c), file.centroid(c), "centroid " + c);
            }
            assertEquals(index.size(), lists.faces());
            for (int c = 0; c < index.clusters(); c++) {
                Cluster list = index.cluster(c);
                int size = list.size();
                assertEquals(size, lists.size(c));
                int codeBytes = CodeBlocks.bytes(size, file.words());
                assertArrayEquals(Arrays.copyOf(list.blocks(), codeBytes), Arrays.copyOf(lists.blocks(c), codeBytes));
                assertArrayEquals(Arrays.copyOf(list.scalars(), ScalarBlocks.length(size)),
                        Arrays.copyOf(lists.scalars(c), ScalarBlocks.length(size)));
                for (int i = 0; i < size; i++) {
                    assertEquals(list.id(i), lists.faceId(c, i), "list " + c + " position " + i);
                    assertEquals(ScalarBlocks.norm(list.scalars(), i), lists.norm(c, i));
                    assertEquals(ScalarBlocks.factor(list.scalars(), i), lists.factor(c, i));
                }
            }
        }
    }

    @Test
    void aScanOfTheFileKeepsTheSameCandidatesAsTheIndex() throws IOException {
        IvfIndex index = FACES.index();
        Path path = dir.resolve("codes.bin");
        CodeFile.write(path, index, SOURCE);
        CandidateScan scan = new CandidateScan(index.centroids());
        try (CodeFile file = CodeFile.open(path)) {
            for (int q = 0; q < FACES.queryCount; q++) {
                float[] query = FACES.query(q);
                int[] probed = index.centroids().probe(query, 4);
                assertArrayEquals(probed, file.probe(query, 4), "the mapped centroids probe the same lists");
                assertArrayEquals(index.centroids().probe(query, 12), file.probe(query, 12));
                try (CodeFile.Probed lists = file.read(probed)) {
                    CandidateScan.Shortlist fromFile = file.scan().shortlist(query, probed, lists, 50);
                    CandidateScan.Shortlist fromIndex = scan.shortlist(query, probed, index.lists(), 50);
                    assertArrayEquals(fromIndex.faceIds((c, i) -> index.cluster(c).id(i)), fromFile.faceIds(lists),
                            "query " + q);
                }
            }
        }
    }

    @Test
    void readsAheadEachListOnceInTheOrderATwoThreadScanReachesThem() {
        assertArrayEquals(new int[] {10, 14, 11, 15, 12, 16, 13}, CodeFile.halvesInterleaved(new int[] {10, 11, 12, 13, 14, 15, 16}));
        assertArrayEquals(new int[] {5, 2, 7, 9}, CodeFile.halvesInterleaved(new int[] {5, 7, 2, 9}));
        assertArrayEquals(new int[] {3}, CodeFile.halvesInterleaved(new int[] {3}));
        assertArrayEquals(new int[0], CodeFile.halvesInterleaved(new int[0]));
    }

    @Test
    void closingTheListsWaitsForTheReadAheadSoTheFileCanBeUnmapped() throws IOException {
        IvfIndex index = FACES.index();
        Path path = dir.resolve("codes-closed.bin");
        CodeFile.write(path, index, SOURCE);
        int[] every = IntStream.range(0, index.centroids().k()).toArray();
        for (int round = 0; round < 20; round++) {
            CodeFile file = CodeFile.open(path);
            file.read(every).close();
            file.read(every);  // not closed: closing the file must wait for its read-ahead
            file.close();  // unmapping with a read-ahead thread inside the mapping would fail or crash
        }
        try (CodeFile file = CodeFile.open(path); CodeFile.Probed lists = file.read(every)) {
            assertEquals(index.size(), lists.faces());
        }
    }

    @Test
    void isWrittenPrivateAndAtomicallyWithNothingLeftBeside() throws IOException {
        Path path = dir.resolve("codes.bin");
        Files.writeString(path, "an older file");
        CodeFile.write(path, FACES.index(), SOURCE);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(path)));
        try (var listing = Files.list(dir)) {
            assertEquals(1, listing.count(), "only the file itself, no .partial");
        }
        CodeFile.open(path).close();
    }

    @Test
    void refusesATruncatedFile() throws IOException {
        Path path = dir.resolve("codes.bin");
        CodeFile.write(path, FACES.index(), SOURCE);
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.WRITE)) {
            channel.truncate(channel.size() - 1);
        }
        IOException e = assertThrows(IOException.class, () -> CodeFile.open(path));
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
    }

    @Test
    void refusesAFileWhoseCentroidsChanged() throws IOException {
        Path path = dir.resolve("codes.bin");
        CodeFile.write(path, FACES.index(), SOURCE);
        byte[] bytes = Files.readAllBytes(path);
        int aCentroidByte = 80 + 12 * Integer.BYTES + 100;
        bytes[aCentroidByte] ^= 1;
        Files.write(path, bytes);
        IOException e = assertThrows(IOException.class, () -> CodeFile.open(path));
        assertTrue(e.getMessage().contains("checksum"), e.getMessage());
    }

    @Test
    void refusesAnythingElse() throws IOException {
        Path empty = Files.createFile(dir.resolve("empty.bin"));
        assertTrue(assertThrows(IOException.class, () -> CodeFile.open(empty)).getMessage().contains("not a facesearch code file"));
        Path text = Files.writeString(dir.resolve("text.bin"), "x".repeat(500));
        assertTrue(assertThrows(IOException.class, () -> CodeFile.open(text)).getMessage().contains("not a facesearch code file"));
        Path path = dir.resolve("codes.bin");
        CodeFile.write(path, FACES.index(), SOURCE);
        byte[] bytes = Files.readAllBytes(path);
        bytes[8] = 9;  // format version
        Files.write(path, bytes);
        assertTrue(assertThrows(IOException.class, () -> CodeFile.open(path)).getMessage().contains("format 9"));
    }
}
