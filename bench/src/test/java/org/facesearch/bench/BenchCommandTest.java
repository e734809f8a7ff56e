package org.facesearch.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import org.facesearch.cli.Main;

class BenchCommandTest {
    @Test
    void theBenchJarAddsTheBenchCommandToTheRootHelp() {
        CommandLine cli = Main.commandLine();
        StringWriter out = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        assertEquals(0, Main.execute(cli, "--help"));
        assertTrue(out.toString().contains("  bench "), "bench missing from:\n" + out);
    }

    @Test
    void benchSearchIsRegisteredWithItsOptions() {
        CommandLine cli = Main.commandLine();
        StringWriter out = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        assertEquals(0, Main.execute(cli, "bench", "search", "--help"));
        for (String option : new String[] {"--faces", "--nprobe", "--peers", "--compressed", "Example"}) {
            assertTrue(out.toString().contains(option), option + " missing from:\n" + out);
        }
    }
}
