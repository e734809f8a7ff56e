package org.facesearch.cli;

import picocli.CommandLine.Command;

/** {@code facesearch bench ...}: benchmarks that print a table of figures (recorded in BENCHMARKS.md). */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Benchmarks: programs that measure and print one table. They write synthetic faces into the "
                + "configured database under a model id of their own (never mixed with real faces); use a scratch "
                + "--home or database."},
        subcommands = {BenchClusterCommand.class, BenchSearchMysqlCommand.class})
final class BenchCommand {
}
