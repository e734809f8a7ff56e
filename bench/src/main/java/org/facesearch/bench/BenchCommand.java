package org.facesearch.bench;

import org.facesearch.bench.faces.BlendBench;
import org.facesearch.bench.faces.FacesBench;
import org.facesearch.bench.search.CentroidBench;
import org.facesearch.bench.search.SearchBench;
import org.facesearch.bench.search.VectorsBench;
import picocli.CommandLine.Command;

/**
 * {@code facesearch bench ...}: benchmark programs that print one table and record it in {@code BENCHMARKS.md}.
 * Each benchmark is a subcommand living beside the code it measures; they take explicit options, not the
 * configuration file, so a figure can be reproduced from its recorded command alone. Benchmarks that write
 * synthetic faces use a model id of their own (never mixed with real faces); use a scratch --home or database.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmarks that print figures and record them in BENCHMARKS.md.",
        subcommands = {FacesBench.class, BlendBench.class, SearchBench.class, BenchClusterCommand.class, BenchSearchMysqlCommand.class, VectorsBench.class,
                BenchRerankCommand.class, CentroidBench.class})
final class BenchCommand {
}
