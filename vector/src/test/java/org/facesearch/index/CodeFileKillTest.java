package org.facesearch.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kill -9} of a process while it writes a {@link CodeFile}: the target is never half-written. A child JVM
 * ({@link Writer}) writes the same index over one target again and again; the test kills it as soon as it sees a
 * temporary file beside the target (a write in progress), then opens the target, which must be absent (killed in
 * the first write) or whole (an earlier write), never a prefix.
 */
class CodeFileKillTest {
    private static final CodeFile.Source SOURCE = new CodeFile.Source("faceres", 3, 1_700_000_000_000L, 99, 0);

    @TempDir
    Path dir;

    /** The child: writes a code file of {@code args[1]} random faces to {@code args[0]} until killed. */
    static final class Writer {
        public static void main(String[] args) throws IOException {
            IvfIndex index = new TestFaces(128, Integer.parseInt(args[1]), 32, 1).index();
            Path target = Path.of(args[0]);
            while (true) {
                CodeFile.write(target, index, SOURCE);
            }
        }
    }

    @Test
    void aWriterKilledMidWayLeavesNoHalfFile() throws Exception {
        Path target = dir.resolve("codes-faceres.bin");
        int faces = 8_000;
        for (int round = 0; round < 2; round++) {
            for (Path leftover : partials()) {
                Files.delete(leftover);  // what CodeFiles does with a killed writer's file (after 30 min)
            }
            Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "--add-modules", "jdk.incubator.vector", "-cp", System.getProperty("java.class.path"),
                    Writer.class.getName(), target.toString(), Integer.toString(faces))
                    .redirectErrorStream(true).redirectOutput(dir.resolve("child.log").toFile()).start();
            try {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                // kill while a write is in progress (its partial file exists); after the first round, once the
                // child has written a whole file: the kill must leave that one whole
                while (partials().isEmpty() || round > 0 && !Files.exists(target)) {
                    assertTrue(child.isAlive(), () -> "the writer exited: " + log());
                    assertTrue(System.nanoTime() < deadline, "no write seen in 60 s");
                    Thread.onSpinWait();
                }
                child.destroyForcibly();  // SIGKILL
                assertTrue(child.waitFor(20, TimeUnit.SECONDS));
            } finally {
                child.destroyForcibly();
            }
            if (Files.exists(target)) {
                try (CodeFile file = CodeFile.open(target)) {  // refuses a truncated or changed file
                    assertEquals(faces, file.faces());
                    assertEquals(SOURCE, file.source());
                }
            } else {
                assertEquals(0, round, "a whole file written before the kill is kept");
            }
        }
    }

    private List<Path> partials() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().contains(".partial")).toList();
        }
    }

    private String log() {
        try {
            return Files.readString(dir.resolve("child.log"));
        } catch (IOException e) {
            return e.toString();
        }
    }
}
