package org.facesearch.cli;

import java.util.ServiceLoader;
import org.facesearch.config.ConfigException;
import org.facesearch.store.DatabaseException;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;

/**
 * Entry point of {@code bin/facesearch}. Builds the command tree and maps outcomes to exit codes: a problem the
 * user can fix (bad configuration, unreachable database, bad input) is one line on stderr without a stack
 * trace unless {@code --verbose}.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    public static int run(String... args) {
        return execute(commandLine(), args);
    }

    public static int execute(CommandLine cli, String... args) {
        boolean verbose = java.util.Arrays.asList(args).contains("-v") || java.util.Arrays.asList(args).contains("--verbose");
        if (verbose) ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).setLevel(Level.DEBUG);
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            boolean userError = e instanceof ConfigException || e instanceof DatabaseException || e instanceof UserException;
            if (verbose || !userError) e.printStackTrace(cmd.getErr());
            cmd.getErr().println("facesearch: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
            return e instanceof ConfigException ? FaceSearchCommand.EXIT_USAGE : FaceSearchCommand.EXIT_FAILURE;
        });
        return cli.execute(args);
    }

    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new FaceSearchCommand());
        for (CommandExtension extension : ServiceLoader.load(CommandExtension.class)) {
            cli.addSubcommand(extension.name(), extension.command());
        }
        return cli;
    }
}
