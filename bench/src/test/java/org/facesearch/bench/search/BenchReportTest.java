package org.facesearch.bench.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchReportTest {
    @TempDir
    Path dir;

    @Test
    void rewritesOnlyItsOwnSection() throws IOException {
        Path file = dir.resolve("BENCHMARKS.md");
        Files.writeString(file, "# Benchmarks\n\n## Cluster\n\nkeep me\n\n## Search\n\nold figures\n\n## VK\n\nkeep me too\n");
        BenchReport.writeSection(file, "## Search", "new figures");
        assertEquals("# Benchmarks\n\n## Cluster\n\nkeep me\n\n## Search\n\nnew figures\n\n## VK\n\nkeep me too\n",
                Files.readString(file));
        BenchReport.writeSection(file, "## Search, compressed (int8 codes + exact re-rank)", "10M");
        assertTrue(Files.readString(file).endsWith("keep me too\n\n## Search, compressed (int8 codes + exact re-rank)\n\n10M\n"));
        BenchReport.writeSection(file, "## Search", "newer");
        assertTrue(Files.readString(file).contains("## Search\n\nnewer\n\n## VK"));
    }

    @Test
    void tableMarksUnmeasuredFigures() {
        String table = BenchReport.table(List.of(new Row("exact", "all", 1, 0.8, Double.NaN, Double.NaN, 100, Double.NaN, 4104)));
        assertTrue(table.contains("| exact | all | 1.000 | 0.800 | – | – | 100 | – | 4104 |"), table);
    }
}
