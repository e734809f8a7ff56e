package org.facesearch.faces;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

/** Extraction of chosen entries from a .tgz made by the system's tar (ustar, like npm's). */
class TarGzTest {

    @Test
    void extractsOnlyAcceptedRegularFilesFlattened(@TempDir Path tmp) throws Exception {
        Path src = tmp.resolve("src/package/models");
        Files.createDirectories(src.resolve("sub"));
        Files.writeString(src.resolve("a.json"), "{\"a\":1}");
        byte[] big = new byte[70_000];   // spans several 512-byte blocks and a partial last one
        for (int i = 0; i < big.length; i++) big[i] = (byte) (i * 31);
        Files.write(src.resolve("a.bin"), big);
        Files.writeString(src.resolve("sub/skip.txt"), "not wanted");
        Path tgz = tmp.resolve("p.tgz");
        Process tar = new ProcessBuilder("tar", "--format=ustar", "-czf", tgz.toString(), "-C", tmp.resolve("src").toString(), "package")
                .inheritIO().start();
        assertEquals(0, tar.waitFor());

        Path out = tmp.resolve("out");
        Set<String> written = TarGz.extract(tgz, e -> e.endsWith(".json") || e.endsWith(".bin"), out);
        assertEquals(Set.of("a.json", "a.bin"), written);
        assertEquals("{\"a\":1}", Files.readString(out.resolve("a.json")));
        assertArrayEquals(big, Files.readAllBytes(out.resolve("a.bin")));
        try (var files = Files.list(out)) {
            assertEquals(2, files.count(), "nothing else written, no .part files left");
        }
    }
}
