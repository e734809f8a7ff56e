package org.facesearch.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

/**
 * A subcommand that is part of the product but not built yet: it says so plainly and fails (exit 1), so
 * scripts never mistake it for success. Each one disappears as its real command lands.
 */
@Command(mixinStandardHelpOptions = true)
final class PlannedCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Unmatched
    java.util.List<String> ignored;

    @Override
    public Integer call() {
        spec.commandLine().getErr().println("facesearch " + spec.name() + ": not built yet in this version");
        return FaceSearchCommand.EXIT_FAILURE;
    }
}
