package org.facesearch.fetch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * Downloads a pinned package's tarball the way {@code npm pack} would, without npm: reads the version's document
 * ({@code <registry>/<name>/<version>}), takes its {@code dist.tarball} and {@code dist.integrity}, streams the
 * tarball into {@code .part-<pid>-<file>} beside the destination while hashing it and reporting bytes, checks the
 * length and the sha512 against the pin, then renames it into place. The destination therefore holds a verified
 * tarball or nothing: an interrupted or killed download leaves only its {@code .part} file, swept by the next one.
 */
public final class NpmRegistry {
    static final long MAX_DOCUMENT_BYTES = 8L << 20, MAX_TARBALL_BYTES = 1L << 30;
    private static final String PART = ".part-";

    private final NpmSettings settings;

    public NpmRegistry(NpmSettings settings) {
        this.settings = settings;
    }

    /** The registry this user configured for npm (see {@link NpmSettings}). */
    public static NpmRegistry configured() throws IOException {
        return new NpmRegistry(NpmSettings.fromEnvironment());
    }

    /**
     * {@code dir/}{@link NpmPackage#tarballFile()}, verified; downloaded first unless already there with the pinned
     * integrity.
     */
    public Path download(NpmPackage pkg, Path dir, DownloadProgress progress) throws IOException {
        Files.createDirectories(dir);
        Path dest = dir.resolve(pkg.tarballFile());
        OwnedTemp.sweep(dir, PART);
        if (Files.isRegularFile(dest) && integrity(dest).equals(pkg.integrity())) return dest;
        URI registry = settings.registry(pkg);
        var http = new RegistryHttp(registry, settings.authToken(registry));
        URI tarball = tarballOf(http, registry, pkg);
        Path part = OwnedTemp.file(dir, PART, pkg.tarballFile());
        try {
            stream(http, tarball, part, pkg, progress);
            String actual = integrity(part);
            if (!actual.equals(pkg.integrity())) {
                throw new IOException("integrity mismatch for " + pkg + " from " + tarball + ": expected " + pkg.integrity() + ", got " + actual);
            }
            Files.move(part, dest, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return dest;
        } finally {
            Files.deleteIfExists(part);
        }
    }

    private static URI tarballOf(RegistryHttp http, URI registry, NpmPackage pkg) throws IOException {
        URI doc = registry.resolve(URLEncoder.encode(pkg.name(), StandardCharsets.UTF_8).replace("%40", "@") + "/" + pkg.version());
        JsonNode dist;
        try (InputStream in = http.get(doc, "application/json", MAX_DOCUMENT_BYTES).in()) {
            dist = new ObjectMapper().readTree(in.readNBytes((int) MAX_DOCUMENT_BYTES)).path("dist");
        }
        String integrity = dist.path("integrity").asText("");
        if (!integrity.isEmpty() && !integrity.equals(pkg.integrity())) {
            throw new IOException("the npm registry " + registry + " lists " + pkg + " with integrity " + integrity
                    + ", not the pinned " + pkg.integrity() + "; refusing it");
        }
        String tarball = dist.path("tarball").asText("");
        if (tarball.isEmpty()) throw new IOException("the npm registry " + registry + " gives no tarball for " + pkg);
        try {
            return registry.resolve(tarball);
        } catch (IllegalArgumentException e) {
            throw new IOException("the npm registry " + registry + " gives a malformed tarball URL for " + pkg + ": " + tarball, e);
        }
    }

    private static void stream(RegistryHttp http, URI tarball, Path part, NpmPackage pkg, DownloadProgress progress) throws IOException {
        var body = http.get(tarball, "application/octet-stream", MAX_TARBALL_BYTES);
        long written = 0;
        // short enough for a bar on an 80-column terminal; a mirror is named, since the user chose it
        String from = tarball.getHost().equals(NpmSettings.PUBLIC_REGISTRY.getHost()) ? "" : " from " + tarball.getHost();
        progress.start(pkg + from, body.length());
        try (InputStream in = body.in();
             FileChannel out = FileChannel.open(part, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) {
                written += n;
                if (written > MAX_TARBALL_BYTES) throw new IOException(tarball + " goes on past the limit of " + MAX_TARBALL_BYTES + " bytes");
                out.write(ByteBuffer.wrap(buf, 0, n));
                progress.advance(n);
            }
            out.force(true);
        } finally {
            progress.finish();
        }
        if (body.length() >= 0 && written != body.length()) {
            throw new IOException("truncated download of " + pkg + ": " + written + " of " + body.length() + " bytes from " + tarball);
        }
    }

    /** The Subresource-Integrity form npm uses: {@code sha512-} + base64 of the digest. */
    static String integrity(Path file) throws IOException {
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
