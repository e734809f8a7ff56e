package org.facesearch.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** Runs the facesearch command line in-process, as bin/facesearch does, capturing its output. */
final class CliRunner {
    record Outcome(int code, String out, String err) {
    }

    private CliRunner() {
    }

    static Outcome run(String... args) {
        CommandLine cli = Main.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = Main.execute(cli, args);
        return new Outcome(code, out.toString(), err.toString());
    }
}
