/**
 * The {@code facesearch} command line: picocli commands, the wiring of the modules (configuration to plain parameters,
 * the clusterer behind the crawler's {@code ClusterHook} port, progress bars on stderr) and the runnable distribution.
 *
 * <p>Only commands read {@code Config}; library classes take explicit parameters. Exit codes: 0 ok, 1 failure, 2 usage.
 * Subcommands outside the product's jar (the benchmarks) arrive through {@link org.facesearch.cli.CommandExtension}.
 */
package org.facesearch.cli;
