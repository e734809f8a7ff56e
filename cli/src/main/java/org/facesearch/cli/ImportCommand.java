package org.facesearch.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.facesearch.crawl.LogProgress;
import org.facesearch.crawl.Progress;
import org.facesearch.crawl.StoreCounts;
import org.facesearch.gallery.GalleryCsv;
import org.facesearch.gallery.GalleryEntry;
import org.facesearch.gallery.GalleryImporter;
import org.facesearch.gallery.GalleryScan;
import org.facesearch.store.crawl.GalleryRoots;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code facesearch import}: a local gallery through the same storage path as the crawl. */
@Command(name = "import", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Import a local photo gallery: one sub-folder per person (the folder name is the person's name) "
                + "holding that person's photos, or a CSV of path,name,url.",
                "Each face is detected, embedded and stored with its cluster, as for a crawl, under the source 'gallery'. "
                        + "Rerunning imports nothing twice (photos are recognised by their content)."},
        footer = {"", "Examples:", "  facesearch import ~/celebrities", "  facesearch import --csv people.csv --quiet"})
final class ImportCommand extends ContextCommand {
    @Parameters(arity = "0..1", paramLabel = "DIR", description = "The gallery folder: one sub-folder per person.")
    Path dir;

    @Option(names = "--csv", paramLabel = "FILE", description = "A CSV of path,name,url instead of a folder (paths relative to the CSV).")
    Path csv;

    @Option(names = "--batch", paramLabel = "N", defaultValue = "64", description = "Photos per transaction (default ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--threads", paramLabel = "N", description = "Photos analysed at once (default: the number of CPU cores).")
    Integer threads;

    @Option(names = {"-q", "--quiet"}, description = "No progress bar: one log line per batch.")
    boolean quiet;

    @Override
    protected int run(CliContext context) throws Exception {
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
}
