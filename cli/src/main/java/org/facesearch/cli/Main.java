package org.facesearch.cli;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.List;
import java.util.ServiceLoader;
import org.facesearch.config.ConfigException;
import org.facesearch.store.DatabaseException;
import picocli.CommandLine;

/**
 * Entry point of {@code bin/facesearch}. Builds the command tree and maps outcomes to exit codes: a problem the
 * user can fix (bad configuration, unreachable database, bad input) is one line on stderr without a stack
 * trace unless {@code --verbose}.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        // jOOQ's banner and tip of the day: log lines (hidden anyway) that cost start-up time
        System.setProperty("org.jooq.no-logo", "true");
        System.setProperty("org.jooq.no-tips", "true");
        System.exit(run(args));
    }

    public static int run(String... args) {
        return execute(commandLine(), args);
    }

    public static int execute(CommandLine cli, String... args) {
        boolean verbose = Arrays.asList(args).contains("-v") || Arrays.asList(args).contains("--verbose");
        if (verbose) LogLevels.verbose();
        cli.setParameterExceptionHandler(Main::usageError);
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            boolean userError = e instanceof ConfigException || e instanceof DatabaseException || e instanceof UserException;
            if (verbose || !userError) e.printStackTrace(cmd.getErr());
            cmd.getErr().println("facesearch: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
            return e instanceof ConfigException ? FaceSearchCommand.EXIT_USAGE : FaceSearchCommand.EXIT_FAILURE;
        });
        return cli.execute(args);
    }

    /**
     * A usage error is the message (which names the option and the value) and a hint, not the whole usage: the
     * help is one {@code --help} away and 30 lines of it would push the message off the screen.
     */
    private static int usageError(CommandLine.ParameterException e, String[] args) {
        CommandLine cmd = e.getCommandLine();
        PrintWriter err = cmd.getErr();
        err.println(cmd.getCommandSpec().qualifiedName() + ": " + e.getMessage());
        if (e instanceof CommandLine.UnmatchedArgumentException unmatched) {
            List<String> suggestions = unmatched.getSuggestions();
            if (!suggestions.isEmpty()) err.println("Did you mean: " + String.join(", ", suggestions) + "?");
        }
        err.println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help' for more information.");
        return FaceSearchCommand.EXIT_USAGE;
    }

    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new FaceSearchCommand());
        for (CommandExtension extension : ServiceLoader.load(CommandExtension.class)) {
            cli.addSubcommand(extension.name(), extension.command());
        }
        return cli;
    }
}
