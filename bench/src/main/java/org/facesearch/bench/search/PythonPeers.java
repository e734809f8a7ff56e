package org.facesearch.bench.search;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * Runs the benchmark's peers (FAISS, hnswlib) in Debian's Python on the vectors the bench wrote to its work
 * directory, through the script {@code peers.py} shipped as a resource. Each peer runs in its own process so
 * that its memory is returned before the next one starts. A peer whose Python module is missing is installed
 * from Debian when the bench runs as root, else skipped with the script's message; a failing script fails the
 * bench (a silent gap in the table would mislead).
 */
final class PythonPeers {
    private final Path python;
    private final Path workDir;
    private final int dimension;
    private final ObjectMapper json = new ObjectMapper();

    PythonPeers(Path python, Path workDir, int dimension) {
        this.python = python;
        this.workDir = workDir;
        this.dimension = dimension;
    }

    /**
     * Runs {@code peer} ("faiss" or "hnswlib") with the given arguments; {@code score} turns a result-ids file
     * and its query count into a {@link Quality}.
     */
    List<Row> run(String peer, Map<String, Object> arguments, BiFunction<long[][], Integer, Quality> score)
            throws IOException, InterruptedException {
        if (!Files.isExecutable(python)) {
            System.out.println("skipping " + peer + ": " + python + " not found");
            return List.of();
        }
        installIfMissing(peer);
        Path script = workDir.resolve("peers.py");
        try (InputStream in = PythonPeers.class.getResourceAsStream("peers.py")) {
            Files.copy(in, script, StandardCopyOption.REPLACE_EXISTING);
        }
        Process process = new ProcessBuilder(python.toString(), script.toString(), workDir.toString(),
                Integer.toString(dimension), peer, json.writeValueAsString(arguments))
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        List<Row> rows = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (line.startsWith("ROW ")) {
                    rows.add(toRow(json.readTree(line.substring(4)), score));
                } else {
                    System.out.println(line);
                }
            }
        }
        if (process.waitFor() != 0) {
            throw new IOException(peer + " peer script failed with exit code " + process.exitValue());
        }
        return rows;
    }

    /**
     * Installs Debian's {@code python3-<peer>} when the module does not import and this process runs as root
     * with apt-get (the bench's own setup, as on CI machines); otherwise leaves it to the script, which skips
     * the peer with a message saying how to install it.
     */
    private void installIfMissing(String peer) throws IOException, InterruptedException {
        if (exitCode(List.of(python.toString(), "-c", "import " + peer)) == 0
                || !"root".equals(System.getProperty("user.name")) || !Files.isExecutable(Path.of("/usr/bin/apt-get"))) {
            return;
        }
        String debianPackage = "python3-" + peer;
        System.out.println("installing " + debianPackage + " with apt-get ...");
        if (exitCode(List.of("apt-get", "install", "-y", "-qq", debianPackage)) != 0) {
            exitCode(List.of("apt-get", "update", "-qq"));
            exitCode(List.of("apt-get", "install", "-y", "-qq", debianPackage));
        }
    }

    private static int exitCode(List<String> command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.environment().put("DEBIAN_FRONTEND", "noninteractive");
        return builder.start().waitFor();
    }

    private Row toRow(JsonNode node, BiFunction<long[][], Integer, Quality> score) throws IOException {
        int queries = node.get("queries").asInt();
        Quality quality = score.apply(readIds(workDir.resolve(node.get("ids").asText()), queries), queries);
        System.out.printf("  %s %s: recall@10 %.3f%n", node.get("engine").asText(), node.get("parameters").asText(),
                quality.recall());
        return new Row(node.get("engine").asText(), node.get("parameters").asText(), quality.recall(),
                quality.identityRecall(), node.get("p50").asDouble(), node.get("p99").asDouble(),
                node.get("qps").asDouble(), node.get("build_s").asDouble(), node.get("bytes_per_face").asDouble());
    }

    private static long[][] readIds(Path file, int queries) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        int k = buffer.remaining() / Long.BYTES / queries;
        long[][] ids = new long[queries][k];
        for (int q = 0; q < queries; q++) {
            for (int r = 0; r < k; r++) {
                ids[q][r] = buffer.getLong();
            }
        }
        return ids;
    }
}
