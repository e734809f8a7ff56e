package org.facesearch.faces;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

/** A tarball whose sha512 differs from the pinned integrity is refused and removed (fetches ~13 MB). */
class NpmPackTest {

    @Test
    void tarballNotMatchingThePinnedIntegrityIsRefused(@TempDir Path dir) throws Exception {
        String wrong = "sha512-" + "A".repeat(86) + "==";
        var e = assertThrows(IOException.class, () -> NpmPack.fetch("@vladmandic/face-api", "1.7.15", wrong, dir));
        assertTrue(e.getMessage().startsWith("integrity mismatch for @vladmandic/face-api@1.7.15"), e.getMessage());
        try (var files = Files.list(dir)) {
            assertTrue(files.noneMatch(f -> f.toString().endsWith(".tgz")), "the unverified tarball is deleted");
        }
    }
}
