package org.facesearch.cli;

import picocli.CommandLine.Command;

/** Prints the effective configuration and where each value came from; secrets are masked. */
@Command(name = "config", mixinStandardHelpOptions = true,
        description = "Print the effective configuration: every key, its value and where it came from "
                + "(default, file, environment or flag). Passwords and tokens are shown as ****.",
        footer = {"", "Example:  FACESEARCH_CLUSTER_CAP=1000 facesearch config"})
final class ConfigCommand extends ContextCommand {
    @Override
    protected int run(CliContext context) {
        context.config().describe().forEach(out()::println);
        return FaceSearchCommand.EXIT_OK;
    }
}
