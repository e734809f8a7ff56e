package org.facesearch.cli;

import java.util.Optional;
import org.facesearch.cluster.ClusterSizes;
import org.facesearch.store.clusters.Clusterings;
import org.facesearch.store.clusters.ClusteringVersion;
import org.facesearch.config.ConfigKey;
import org.jooq.DSLContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import org.facesearch.store.faces.Faces;

/** {@code facesearch clusters}: the active clustering of a model and its size distribution. */
@Command(name = "clusters", mixinStandardHelpOptions = true,
        description = {"Print the active clustering of one model: version, k, and the cluster sizes "
                + "(min / median / max, how many are over the cap)."},
        footer = {"", "Examples:", "  facesearch clusters", "  facesearch clusters --model mobileface --cap 20000"})
final class ClustersCommand extends ContextCommand {
    @Option(names = "--model", paramLabel = "MODEL", description = "Embedding model: faceres, faceres-deep or mobileface (default: faces.model).")
    String model;

    @Option(names = "--cap", paramLabel = "FACES", description = "Cap to count oversized clusters against (default: cluster.cap).")
    Integer cap;

    @Override
    protected int run(CliContext context) {
        String m = ModelNames.parse(model != null ? model : context.config().get(ConfigKey.FACES_MODEL)).id();
        int c = cap != null ? cap : context.config().getInt(ConfigKey.CLUSTER_CAP);
        DSLContext db = context.database().dsl();
        long faces = Faces.count(db, m);
        Optional<ClusteringVersion> active = Clusterings.active(db, m);
        if (active.isEmpty()) {
            out().println(faces == 0 ? "the database holds no faces of model " + m
                    : "model " + m + ": " + faces + " faces but no active clustering (run 'facesearch recluster')");
            return FaceSearchCommand.EXIT_OK;
        }
        ClusteringVersion v = active.get();
        ClusterSizes sizes = ClusterSizes.of(Clusterings.sizes(db, v.id()), c);
        out().printf("model %s: %,d faces, active clustering version %d (created %s, trained for a cap of %,d faces a cluster)%n",
                m, faces, v.id(), v.createdAt().withNano(0), v.cap());
        out().printf("k %,d; cluster sizes min %,d, median %,d, max %,d; %,d of %,d clusters over the cap of %,d (%s)%n",
                sizes.k(), sizes.min(), sizes.median(), sizes.max(), sizes.overCap(), sizes.k(), c,
                cap != null ? "--cap" : ConfigKey.CLUSTER_CAP.key());
        return FaceSearchCommand.EXIT_OK;
    }
}
