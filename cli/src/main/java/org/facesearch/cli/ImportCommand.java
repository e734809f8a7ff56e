package org.facesearch.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.facesearch.cluster.Recluster;
import org.facesearch.cluster.ReclusterProgress;
import org.facesearch.cluster.ReclusterReport;
import org.facesearch.config.ConfigKey;
import org.facesearch.crawl.LogProgress;
import org.facesearch.crawl.Progress;
import org.facesearch.crawl.StoreCounts;
import org.facesearch.faces.EmbedderModel;
import org.facesearch.gallery.GalleryCsv;
import org.facesearch.gallery.GalleryEntry;
import org.facesearch.gallery.GalleryImporter;
import org.facesearch.gallery.GalleryScan;
import org.facesearch.store.Database;
import org.facesearch.store.clusters.Clusterings;
import org.facesearch.store.crawl.GalleryRoots;
import org.facesearch.store.faces.FaceBulkInsert;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code facesearch import}: a local gallery through the same storage path as the crawl. */
@Command(name = "import", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Import a local photo gallery: one sub-folder per person (the folder name is the person's name) "
                + "holding that person's photos, or a CSV of path,name,url.",
                "Each face is detected, embedded and stored with its cluster, as for a crawl, under the source 'gallery'. "
                        + "Rerunning imports nothing twice (photos are recognised by their content)."},
        footer = {"", "Examples:", "  facesearch import ~/celebrities", "  facesearch import --csv people.csv --quiet",
                "  facesearch import --vectors embeddings.f32 --names people.csv",
                "  other-tool --export-f32 | facesearch import --vectors - --names people.csv"})
final class ImportCommand extends ContextCommand {
    @Parameters(arity = "0..1", paramLabel = "DIR", description = "The gallery folder: one sub-folder per person.")
    Path dir;

    @Option(names = "--csv", paramLabel = "FILE", description = "A CSV of path,name,url instead of a folder (paths relative to the CSV).")
    Path csv;

    @Option(names = "--vectors", paramLabel = "FILE", description = "Faces whose embeddings are known: float32 "
            + "little-endian rows of the model's dimension (faces.model), stored without photos under the source "
            + "'vectors' in transactions of " + VectorImport.CHUNK + " rows (" + VectorImport.WRITERS + " at once), then "
            + "clustered by one recluster. A row whose id is stored already is skipped, so a rerun after a kill or a full "
            + "disk completes the import. '-' reads the rows from standard input (a pipe), streaming: input that ends "
            + "inside a row is an error once the rows before it are stored.")
    Path vectors;

    @Option(names = "--names", paramLabel = "FILE", description = "With --vectors: one 'id,name' line per row, read in "
            + "step with the rows (default: the row number as id and 'face N' as name).")
    Path names;

    @Option(names = "--batch", paramLabel = "N", defaultValue = "64", description = "Photos per transaction (default ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--threads", paramLabel = "N", description = "Photos analysed at once (default: the number of CPU cores).")
    Integer threads;

    @Option(names = {"-q", "--quiet"}, description = "No progress bar: one log line per batch (with --vectors: the count "
            + "and rate every 30 s).")
    boolean quiet;

    @Override
    protected int run(CliContext context) throws Exception {
        if (vectors != null) {
            if (dir != null || csv != null) {
                throw new UserException("give either a gallery (DIR or --csv) or --vectors, not both");
            }
            return importVectors(context);
        }
        if (names != null) {
            throw new UserException("--names goes with --vectors");
        }
        if ((dir == null) == (csv == null)) {
            throw new UserException("give either a gallery folder DIR or --csv FILE");
        }
        if (batch < 1) {
            throw new UserException("--batch must be positive: " + batch);
        }
        Path input = dir != null ? dir : csv;
        if (!Files.exists(input)) {
            throw new UserException("no such " + (dir != null ? "folder" : "file") + ": " + input);
        }
        List<GalleryEntry> entries = dir != null ? GalleryScan.folders(dir) : GalleryCsv.read(csv);
        if (entries.isEmpty()) {
            throw new UserException("no photos found in " + input + (dir != null ? " (expected one sub-folder per person)" : ""));
        }
        try (StorageSetup storage = StorageSetup.open(context, threads == null ? Runtime.getRuntime().availableProcessors() : threads, "import");
             Progress progress = quiet ? new LogProgress() : new BarProgress()) {
            long start = System.nanoTime();
            GalleryRoots.record(context.database().dsl(), dir != null ? dir : csv.toAbsolutePath().getParent());
            StoreCounts counts = new GalleryImporter(storage.storage(), batch).importAll(entries, progress);
            progress.close();
            long people = entries.stream().map(GalleryEntry::person).distinct().count();
            out().println("import: " + people + " people, " + StorageSetup.summary(counts, entries.size(), "photos",
                    (System.nanoTime() - start) / 1e9));
        }
        return FaceSearchCommand.EXIT_OK;
    }

    private int importVectors(CliContext context) throws Exception {
        EmbedderModel model = ModelNames.parse(context.config().get(ConfigKey.FACES_MODEL));
        VectorImport vectorImport = new VectorImport(vectors, names, model.dimensions(), System.in);
        Database database = context.database();   // started and migrated before the clock starts
        long start = System.nanoTime();
        ReclusterProgress progress = quiet ? new RateLogProgress() : new ConsoleProgress();
        progress.start("Storing faces", vectorImport.rows());
        long[] done = {0};
        FaceBulkInsert.Outcome outcome;
        try {
            outcome = vectorImport.run(database.dataSource(), model.id(), stored -> {
                progress.advance(stored - done[0]);
                done[0] = stored;
            });
        } finally {
            progress.finish();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        out().printf("import: %,d faces of %s stored in %.1f s (%,.0f faces/s); skipped %,d already stored and %,d on the"
                + " do-not-collect list%n", outcome.stored(), model.id(), seconds, outcome.stored() / seconds,
                outcome.alreadyStored(), outcome.notCollected());
        if (outcome.stored() == 0 && Clusterings.active(database.dsl(), model.id()).isPresent()) {
            return FaceSearchCommand.EXIT_OK;
        }
        ReclusterReport report = new Recluster(database.dsl(), ReclusterCommand.options(context.config(), null, null),
                progress).recluster(model.id());
        out().printf("clustered: version %d, %s, in %s%n", report.version(), report.sizes(), report.total());
        ReclusterCommand.updateSearchCache(context.config(), database.dsl(), model);
        return FaceSearchCommand.EXIT_OK;
    }
}
