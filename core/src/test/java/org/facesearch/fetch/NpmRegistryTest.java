package org.facesearch.fetch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Downloads from a registry on 127.0.0.1: verified, reported in bytes, and refused whole when anything is off. */
class NpmRegistryTest {
    private static final byte[] TARBALL = tarball();

    @TempDir
    Path dir;
    private LocalRegistry server;
    private NpmRegistry registry;
    private final NpmPackage pkg = new NpmPackage("@test/pack", "1.0.0", integrity(TARBALL));

    @BeforeEach
    void start() throws IOException {
        server = new LocalRegistry();
        registry = new NpmRegistry(new NpmSettings(Map.of("npm_config_registry", server.uri().toString()), List.of()));
    }

    @AfterEach
    void stop() throws IOException {
        server.close();
    }

    @Test
    void downloadsTheVerifiedTarballAndReportsItsBytes() throws Exception {
        server.publish(pkg, pkg.integrity(), server.uri() + "tarballs/" + pkg.tarballFile(), LocalRegistry.Answer.of(TARBALL));
        var progress = new Recorded();
        Path tgz = registry.download(pkg, dir, progress);
        assertEquals(dir.resolve("test-pack-1.0.0.tgz"), tgz);
        assertArrayEquals(TARBALL, Files.readAllBytes(tgz));
        assertEquals(List.of("start " + TARBALL.length), progress.events.subList(0, 1));
        assertEquals(TARBALL.length, progress.advanced);
        assertEquals("finish", progress.events.getLast());
        assertEquals(List.of("/@test%2Fpack/1.0.0", "/tarballs/test-pack-1.0.0.tgz"), server.asked);
        assertEquals(List.of(tgz), list(dir), "no .part file left");

        registry.download(pkg, dir, new Recorded());
        assertEquals(2, server.asked.size(), "a verified tarball already there is not fetched again");
    }

    @Test
    void aTarballNotMatchingThePinIsRefusedAndRemoved() throws Exception {
        byte[] other = Arrays.copyOf(TARBALL, TARBALL.length);
        other[100] ^= 1;
        server.publish(pkg, "", server.uri() + "tarballs/" + pkg.tarballFile(), LocalRegistry.Answer.of(other));
        var e = assertThrows(IOException.class, () -> registry.download(pkg, dir, new Recorded()));
        assertTrue(e.getMessage().startsWith("integrity mismatch for @test/pack@1.0.0"), e.getMessage());
        assertEquals(List.of(), list(dir), "neither the tarball nor its .part is left");
    }

    @Test
    void aRegistryListingAnotherIntegrityIsRefusedBeforeTheDownload() throws Exception {
        server.publish(pkg, integrity(new byte[1]), server.uri() + "tarballs/" + pkg.tarballFile(), LocalRegistry.Answer.of(TARBALL));
        var e = assertThrows(IOException.class, () -> registry.download(pkg, dir, new Recorded()));
        assertTrue(e.getMessage().contains("not the pinned"), e.getMessage());
        assertEquals(List.of("/@test%2Fpack/1.0.0"), server.asked);
    }

    @Test
    void aTruncatedBodyIsRefused() throws Exception {
        byte[] half = Arrays.copyOf(TARBALL, TARBALL.length / 2);
        server.publish(pkg, pkg.integrity(), server.uri() + "tarballs/" + pkg.tarballFile(), LocalRegistry.Answer.truncated(half, TARBALL.length));
        var progress = new Recorded();
        var e = assertThrows(IOException.class, () -> registry.download(pkg, dir, progress));
        assertFalse(Files.exists(dir.resolve(pkg.tarballFile())), e.getMessage());
        assertEquals(List.of(), list(dir), "no .part left");
        assertEquals("finish", progress.events.getLast(), "the bar is closed on failure too");
    }

    @Test
    void aTarballOnAnotherHostIsNotFetched() throws Exception {
        String elsewhere = "http://localhost:" + server.uri().getPort() + "/tarballs/" + pkg.tarballFile();
        server.publish(pkg, pkg.integrity(), elsewhere, LocalRegistry.Answer.of(TARBALL));
        var e = assertThrows(IOException.class, () -> registry.download(pkg, dir, new Recorded()));
        assertTrue(e.getMessage().startsWith("refusing " + elsewhere + ": not on the configured npm registry"), e.getMessage());
        assertEquals(List.of("/@test%2Fpack/1.0.0"), server.asked);
    }

    @Test
    void aPartLeftByAKilledProcessIsSwept() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        Path stale = Files.writeString(dir.resolve(".part-" + gone.pid() + "-" + pkg.tarballFile()), "half");
        server.publish(pkg, pkg.integrity(), server.uri() + "tarballs/" + pkg.tarballFile(), LocalRegistry.Answer.of(TARBALL));
        Path tgz = registry.download(pkg, dir, new Recorded());
        assertEquals(List.of(tgz), list(dir), stale + " is swept");
    }

    @Test
    void aDownloadKilledMidwayLeavesNoTarballAndTheNextOneSucceeds() throws Exception {
        byte[] half = Arrays.copyOf(TARBALL, TARBALL.length / 2);
        server.publish(pkg, pkg.integrity(), server.uri() + "tarballs/" + pkg.tarballFile(), LocalRegistry.Answer.stalled(half, TARBALL.length));
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), DownloadChild.class.getName(), server.uri().toString(), dir.toString(),
                pkg.name(), pkg.version(), pkg.integrity()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
            assertEquals("receiving", child.inputReader().readLine());
            child.destroyForcibly();   // SIGKILL mid-transfer
            child.waitFor();
        } finally {
            child.destroyForcibly();
        }
        assertFalse(Files.exists(dir.resolve(pkg.tarballFile())), "no tarball under the final name");
        assertEquals(1, list(dir).size(), "only the killed download's .part: " + list(dir));

        server.publish(pkg, pkg.integrity(), server.uri() + "tarballs/" + pkg.tarballFile(), LocalRegistry.Answer.of(TARBALL));
        Path tgz = registry.download(pkg, dir, new Recorded());
        assertArrayEquals(TARBALL, Files.readAllBytes(tgz));
        assertEquals(List.of(tgz), list(dir), "the killed download's .part is swept");
    }

    /** What a download reported. */
    private static final class Recorded implements DownloadProgress {
        final List<String> events = new ArrayList<>();
        long advanced;

        @Override
        public void start(String what, long totalBytes) {
            events.add("start " + totalBytes);
        }

        @Override
        public void advance(long bytes) {
            advanced += bytes;
        }

        @Override
        public void finish() {
            events.add("finish");
        }
    }

    private static List<Path> list(Path dir) throws IOException {
        try (var files = Files.list(dir)) {
            return files.toList();
        }
    }

    private static byte[] tarball() {
        try {
            byte[] content = new byte[300_000];
            new Random(7).nextBytes(content);
            return new Ustar().file("package/data.bin", content).tgz();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String integrity(byte[] bytes) {
        try {
            return "sha512-" + Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-512").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
