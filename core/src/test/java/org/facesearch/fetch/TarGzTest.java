package org.facesearch.fetch;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.*;

/** Extraction of chosen entries from a .tgz (ustar, like npm's), and its refusals of hostile archives. */
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

    @Test
    void anEntryClimbingOutOfTheFolderRefusesTheArchive(@TempDir Path tmp) throws Exception {
        Path tgz = Files.write(tmp.resolve("evil.tgz"), new Ustar().file("package/ok.txt", bytes("fine"))
                .file("package/../../evil.txt", bytes("escaped")).tgz());
        Path out = tmp.resolve("a/b/out");
        var e = assertThrows(IOException.class, () -> TarGz.extract(tgz, name -> true, out));
        assertTrue(e.getMessage().contains("unsafe entry path 'package/../../evil.txt'"), e.getMessage());
        assertFalse(Files.exists(tmp.resolve("a/evil.txt")) || Files.exists(tmp.resolve("evil.txt")), "nothing written outside");
    }

    @Test
    void absoluteAndDotDotNamesAreRefusedEvenWhenNotWanted(@TempDir Path tmp) throws Exception {
        for (String name : new String[] {"/etc/evil", "package/..", "package/."}) {
            Path tgz = Files.write(tmp.resolve("x.tgz"), new Ustar().file(name, bytes("x")).tgz());
            var e = assertThrows(IOException.class, () -> TarGz.extract(tgz, n -> false, tmp.resolve("out")), name);
            assertTrue(e.getMessage().startsWith("unsafe entry path"), e.getMessage());
        }
    }

    @Test
    void anEntryOverTheSizeLimitIsRefused(@TempDir Path tmp) throws Exception {
        Path tgz = Files.write(tmp.resolve("big.tgz"), new Ustar().file("package/big.bin", new byte[5000]).tgz());
        var e = assertThrows(IOException.class, () -> TarGz.extract(tgz, n -> true, tmp.resolve("out"), 4096, 1 << 20));
        assertTrue(e.getMessage().contains("package/big.bin in big.tgz is 5000 bytes, over the limit of 4096"), e.getMessage());
        try (var files = Files.list(tmp.resolve("out"))) {
            assertEquals(0, files.count());
        }
    }

    @Test
    void anArchiveUnpackingPastTheTotalLimitIsRefused(@TempDir Path tmp) throws Exception {
        // 40 MB of zeros gzip to ~40 KB: a bomb in miniature, refused after the limit even for entries not extracted
        Path tgz = Files.write(tmp.resolve("bomb.tgz"), new Ustar().file("package/zeros", new byte[40 << 20]).tgz());
        var e = assertThrows(IOException.class, () -> TarGz.extract(tgz, n -> false, tmp.resolve("out"), 1 << 30, 1 << 20));
        assertTrue(e.getMessage().contains("unpacks to over 1048576 bytes"), e.getMessage());
    }

    @Test
    void aDamagedHeaderIsRefused(@TempDir Path tmp) throws Exception {
        byte[] raw = new Ustar().file("package/a.txt", bytes("a")).tgz();
        var tar = new ByteArrayOutputStream();
        try (var in = new GZIPInputStream(new ByteArrayInputStream(raw))) {
            in.transferTo(tar);
        }
        byte[] t = tar.toByteArray();
        t[3] ^= 1;   // a bit flipped in the name
        var gz = new ByteArrayOutputStream();
        try (var out = new GZIPOutputStream(gz)) {
            out.write(t);
        }
        Path tgz = Files.write(tmp.resolve("damaged.tgz"), gz.toByteArray());
        var e = assertThrows(IOException.class, () -> TarGz.extract(tgz, n -> true, tmp.resolve("out")));
        assertTrue(e.getMessage().contains("checksum mismatch"), e.getMessage());
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
