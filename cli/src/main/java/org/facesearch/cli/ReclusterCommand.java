package org.facesearch.cli;

import java.time.Duration;
import org.facesearch.faces.EmbedderModel;
import org.facesearch.search.CodeFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.facesearch.cluster.ClusterSizes;
import org.facesearch.store.clusters.Clusterings;
import org.facesearch.store.clusters.ClusteringVersion;
import org.facesearch.cluster.Recluster;
import org.facesearch.store.clusters.ReclusterBusyException;
import org.facesearch.cluster.ReclusterOptions;
import org.facesearch.cluster.ReclusterPlan;
import org.facesearch.cluster.ReclusterReport;
import org.facesearch.config.Config;
import org.facesearch.config.ConfigKey;
import org.jooq.DSLContext;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code facesearch recluster}: retrain k-means and reassign every face of one model, switching atomically. */
@Command(name = "recluster", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Retrain k-means with more clusters and reassign every face of one model.",
                "k = max(previous k + 1, ceil(faces / (cap x cluster.fill))) unless --k is given. The new clustering "
                        + "is written beside the active one and switched to in one transaction: searches keep working "
                        + "meanwhile, and an interrupted run leaves the active clustering intact (the next run cleans up).",
                "Only one recluster runs at a time across all processes; a second one is refused."},
        footer = {"", "Examples:", "  facesearch recluster --dry-run", "  facesearch recluster",
                "  facesearch recluster --k 64 --cap 20000 --model mobileface"})
final class ReclusterCommand extends ContextCommand {
    private static final Logger log = LoggerFactory.getLogger(ReclusterCommand.class);
    @Option(names = "--k", paramLabel = "K", description = "Number of clusters (default: chosen from the data and the cap).")
    Integer k;

    @Option(names = "--cap", paramLabel = "FACES", description = "Largest cluster size wanted (default: cluster.cap, 47000).")
    Integer cap;

    @Option(names = "--dry-run", description = "Print the planned k and the current size distribution; change nothing.")
    boolean dryRun;

    @Option(names = "--model", paramLabel = "MODEL", description = "Embedding model whose faces to recluster: faceres, faceres-deep or mobileface (default: faces.model).")
    String model;

    @Override
    protected int run(CliContext context) {
        Config config = context.config();
        String m = ModelNames.parse(model != null ? model : config.get(ConfigKey.FACES_MODEL)).id();
        int c = cap != null ? cap : config.getInt(ConfigKey.CLUSTER_CAP);
        if (c < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--cap must be at least 1, got " + c);
        }
        if (k != null && k < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--k must be at least 1, got " + k);
        }
        ReclusterOptions options = options(config, c, k);
        DSLContext db = context.database().dsl();
        Recluster recluster = new Recluster(db, options, new ConsoleProgress());
        ReclusterPlan plan = recluster.plan(m);
        if (plan.isEmpty()) {
            out().printf("no faces of model %s in the database: nothing to recluster%n", m);
            return FaceSearchCommand.EXIT_OK;
        }
        out().printf("model %s: %,d faces; %s%n", m, plan.faces(), describeActive(db, plan, c));
        out().printf("%s k = %,d%s (sample of %,d faces, cap %,d, fill %.2f)%n", dryRun ? "planned:" : "reclustering with",
                plan.k(), k != null ? "" : ", more if a cluster is predicted over the cap", plan.sampleSize(), c, options.fill());
        if (dryRun) {
            return FaceSearchCommand.EXIT_OK;
        }
        ReclusterReport report;
        try {
            report = recluster.recluster(m);
        } catch (ReclusterBusyException e) {
            throw new UserException(e.getMessage() + "; try again when it has finished", e);
        }
        out().printf("clustering version %d is active: %s%n", report.version(), report.sizes());
        out().printf(report.caughtUp() == 0 ? "%,d faces assigned%n" : "%,d faces assigned, and %,d faces stored while it ran%n",
                report.faces(), report.caughtUp());
        out().printf("time: sampling %s, training %s, assignment+write %s (read %s, assign %s, write %s), switch %s, "
                        + "cleanup %s, total %s%n",
                fmt(report.sampling()), fmt(report.training()), fmt(report.stream()), fmt(report.read()),
                fmt(report.assign()), fmt(report.write()), fmt(report.switchOver()), fmt(report.cleanup()), fmt(report.total()));
        updateSearchCache(config, db, ModelNames.parse(m));
        return FaceSearchCommand.EXIT_OK;
    }

    /**
     * Writes the search cache of the model's new clustering now, so that the next {@code facesearch search} need not
     * (~1 min at 10M faces). Best effort: the clustering is in place either way, so a failure (a full disk, faces
     * of another dimension than the model's) is only reported, and the next search tries again.
     */
    static void updateSearchCache(Config config, DSLContext db, EmbedderModel model) {
        try (CodeFiles files = new CodeFiles(config.home().resolve("cache"))) {
            files.update(db, model.id(), model.dimensions());
        } catch (RuntimeException e) {
            log.warn("search cache not written: {}; the next search will try again", e.getMessage());
        }
    }

    /** The configured recluster options, with the cap and k given on the command line if any. */
    static ReclusterOptions options(Config config, Integer cap, Integer k) {
        return ReclusterOptions.defaults(cap != null ? cap : config.getInt(ConfigKey.CLUSTER_CAP),
                        config.getDouble(ConfigKey.CLUSTER_FILL))
                .withListSize(config.getInt(ConfigKey.CLUSTER_LIST_SIZE)).withK(k == null ? 0 : k);
    }

    private static String describeActive(DSLContext db, ReclusterPlan plan, int cap) {
        if (plan.active().isEmpty()) {
            return "no active clustering yet";
        }
        ClusteringVersion v = plan.active().get();
        return "active clustering version " + v.id() + ": " + ClusterSizes.of(Clusterings.sizes(db, v.id()), cap);
    }

    static String fmt(Duration d) {
        return d.toMillis() < 10_000 ? d.toMillis() + " ms" : String.format("%.1f s", d.toMillis() / 1000.0);
    }
}
