package org.facesearch.bench.search;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Formats the benchmark's rows as one Markdown table (printed, and written into a section of
 * {@code BENCHMARKS.md}). {@link #writeSection} replaces the section whose heading it names, from the heading
 * to the next heading of the same level, and leaves the rest of the file alone, so other benchmarks' sections
 * survive a re-run.
 */
final class BenchReport {
    private BenchReport() {
    }

    static String table(List<Row> rows) {
        StringBuilder out = new StringBuilder();
        out.append("| engine | search | recall@10 | identity recall | p50 ms | p99 ms | QPS | build s | bytes/face |\n");
        out.append("|---|---|---|---|---|---|---|---|---|\n");
        for (Row r : rows) {
            out.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s | %s | %s |%n", r.engine(),
                    r.parameters(), number(r.recall(), 3), number(r.identityRecall(), 3), number(r.p50Millis(), 2),
                    number(r.p99Millis(), 2), number(r.qps(), 0), number(r.buildSeconds(), 1),
                    number(r.bytesPerFace(), 0)));
        }
        return out.toString();
    }

    private static String number(double value, int decimals) {
        return Double.isNaN(value) ? "–" : String.format(Locale.ROOT, "%." + decimals + "f", value);
    }

    /** Replaces (or appends) the section {@code heading} (e.g. "## Search") of {@code file} with {@code body}. */
    static void writeSection(Path file, String heading, String body) throws IOException {
        String text = Files.exists(file) ? Files.readString(file) : "# Benchmarks\n";
        String section = heading + "\n\n" + body.strip() + "\n";
        int found = text.startsWith(heading + "\n") ? 0 : text.indexOf("\n" + heading + "\n");
        if (found < 0) {
            Files.writeString(file, text.stripTrailing() + "\n\n" + section);
            return;
        }
        int start = found == 0 && text.startsWith(heading) ? 0 : found + 1;
        String level = heading.substring(0, heading.indexOf(' ') + 1);
        int end = text.indexOf("\n" + level, start + heading.length());
        String rest = end < 0 ? "" : text.substring(end + 1);
        Files.writeString(file, text.substring(0, start) + section + (rest.isEmpty() ? "" : "\n" + rest));
    }

    /** CPU, cores, memory and JDK of this machine, for the record. */
    static String machine() throws IOException {
        String cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                .findFirst().map(l -> l.substring(l.indexOf(':') + 1).strip()).orElse("unknown CPU");
        String memory = Files.readAllLines(Path.of("/proc/meminfo")).getFirst().replaceAll("\\s+", " ");
        return String.format("%s, %d cores visible to the JVM, %s; JDK %s, Vector API species %d bits",
                cpu, Runtime.getRuntime().availableProcessors(), memory, Runtime.version(),
                jdk.incubator.vector.FloatVector.SPECIES_PREFERRED.vectorBitSize());
    }
}
