package org.facesearch.bench;

import org.facesearch.testing.TestPhotos;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.junit.jupiter.api.Assertions.*;
import org.facesearch.cli.Main;

/** {@code facesearch bench faces} runs end to end on the labelled fixture and prints its table (figures not asserted). */
class FacesBenchTest {

    @Test
    void printsOneRowPerModelAndTheDetectionLine() {
        CommandLine cli = Main.commandLine();
        StringWriter out = new StringWriter(), err = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = Main.execute(cli, "bench", "faces", TestPhotos.labelledFaces().toString(), "--photo", TestPhotos.groupPhoto().toString(),
                "--models-dir", TestPhotos.modelsDir().toString(), "--iterations", "3");
        assertEquals(0, code, err.toString());
        String table = out.toString();
        // most of the 81 grid cells (~100 px faces) are found; the row format is what BENCHMARKS.md records
        assertTrue(table.lines().anyMatch(l -> l.matches("\\| mobileface \\(256-d\\) \\| (7\\d|8[01])/81 \\| 0\\.\\d+ \\|.*")), table);
        assertTrue(table.lines().anyMatch(l -> l.matches("\\| faceres \\(1024-d\\) \\| (7\\d|8[01])/81 \\| 0\\.\\d+ \\|.*")), table);
        assertTrue(table.lines().anyMatch(l -> l.matches("\\| faceres-deep \\(1024-d\\) \\| (7\\d|8[01])/81 \\| 0\\.\\d+ \\|.*")), table);
        assertTrue(table.contains("detection on sample1.jpg (1920x1280, 3 faces)"), table);
    }
}
