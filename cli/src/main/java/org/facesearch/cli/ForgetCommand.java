package org.facesearch.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.facesearch.config.Config;
import org.facesearch.config.ConfigKey;
import org.facesearch.crawl.vk.NoUsableTokenException;
import org.facesearch.crawl.vk.RetryPolicy;
import org.facesearch.crawl.vk.TokenPool;
import org.facesearch.crawl.vk.VkApiException;
import org.facesearch.crawl.vk.VkClient;
import org.facesearch.crawl.vk.VkClientOptions;
import org.facesearch.crawl.vk.VkProfile;
import org.facesearch.faces.Detection;
import org.facesearch.faces.EmbedderModel;
import org.facesearch.faces.FacePipeline;
import org.facesearch.faces.ImageDecoder;
import org.facesearch.faces.ModelUnavailableException;
import org.facesearch.faces.RgbImage;
import org.facesearch.faces.UnreadableImageException;
import org.facesearch.search.ClusterScan;
import org.facesearch.search.CodeFiles;
import org.facesearch.search.SamePerson;
import org.facesearch.search.SearchCacheException;
import org.facesearch.search.SearchParams;
import org.facesearch.server.Thumbnails;
import org.facesearch.store.faces.FaceCatalog;
import org.facesearch.store.privacy.DoNotCollect;
import org.facesearch.store.privacy.ProfileEraser;
import org.facesearch.store.privacy.ProfileLookup;
import org.facesearch.vector.Neighbor;
import org.jooq.DSLContext;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code facesearch forget}: removes a person (profiles, photos, faces, cluster rows, cached thumbnails) in one
 * transaction ({@link ProfileEraser}) and puts them on the do-not-collect list, so no later crawl or import
 * stores them again. By photo, the stored profiles likely of that person are listed and confirmed first.
 * {@code --list} prints the do-not-collect list; {@code allow-collection} is the one way off it.
 */
@Command(name = "forget", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Remove a person from the database and keep them out of later crawls and imports.",
                "Removes the profile(s), their photos, faces and cluster rows in one transaction, deletes their cached "
                        + "thumbnails, and adds them to the do-not-collect list. A running 'serve' drops the faces "
                        + "within its refresh interval. This cannot be undone."},
        footer = {"", "Examples:", "  facesearch forget vk:123              # a VK user id (also blocks it if not stored)",
                "  facesearch forget vk:durov            # a VK screen name (resolved through VK if not stored: needs a token)",
                "  facesearch forget 42                  # a profile id (as 'search' and the API show it)",
                "  facesearch forget --photo me.jpg      # every stored profile likely of this person (look-alikes listed), confirmed first",
                "  facesearch forget --list              # the do-not-collect list",
                "  facesearch allow-collection vk:123    # take an entry off the list"})
final class ForgetCommand extends ContextCommand {
    @ArgGroup(multiplicity = "1")
    Target target;

    static final class Target {
        @Parameters(paramLabel = "PERSON", description = "vk:ID, vk:SCREEN_NAME, SOURCE:ID (e.g. gallery:anna) or a profile id.")
        String person;

        @Option(names = "--photo", paramLabel = "PHOTO", description = "A photo of the person: forget every stored profile whose face is likely theirs "
                + "(the model's same-person threshold); look-alikes down to forget.min-similarity are listed, not forgotten.")
        Path photo;

        @Option(names = "--list", description = "Print the do-not-collect list and exit.")
        boolean list;
    }

    @Option(names = {"-y", "--yes"}, description = "Do not ask for confirmation.")
    boolean yes;

    @Option(names = "--model", paramLabel = "MODEL", description = "Embedding model for --photo: faceres or mobileface (default: faces.model).")
    String model;

    @Option(names = "--token", paramLabel = "TOKEN", description = "A VK access token (repeatable), to resolve a screen name that is not stored; added to vk.tokens and vk.token-file.")
    List<String> tokens = new ArrayList<>();

    @Option(names = "--token-file", paramLabel = "FILE", description = "A file with one VK token a line (overrides vk.token-file).")
    Path tokenFile;

    @Override
    protected int run(CliContext context) throws IOException, InterruptedException {
        DSLContext db = context.database().dsl();
        if (target.list) {
            return printList(db);
        }
        List<FaceCatalog.Profile> profiles = target.photo != null ? byPhoto(context, db) : byName(context.config(), db);
        if (profiles.isEmpty()) {
            return FaceSearchCommand.EXIT_OK;
        }
        out().printf("%8s  %-10s  %-28s  %s%n", "profile", "source", "name", "link");
        for (FaceCatalog.Profile p : profiles) {
            out().printf("%8d  %-10s  %-28s  %s%n", p.id(), p.source() + ":" + p.externalId(), p.name(), link(p));
        }
        if (!yes && !confirmed(profiles.size())) {
            throw new UserException("not confirmed: nothing was removed (--yes skips the question)");
        }
        ProfileEraser.Erased erased = ProfileEraser.erase(db, profiles.stream().map(FaceCatalog.Profile::id).toList());
        int thumbnails = Thumbnails.deleteOf(context.config().home().resolve("thumbnails"), erased.faceIds());
        CodeFiles.deleteAll(context.config().home().resolve("cache"));
        out().printf("forgot %d profile(s) (%s): %d photo(s), %d face(s), %d cached thumbnail(s) removed; "
                        + "now on the do-not-collect list. A running server drops them within its refresh interval.%n",
                erased.profiles().size(), String.join(", ", erased.profiles()), erased.photos(), erased.faces(), thumbnails);
        return FaceSearchCommand.EXIT_OK;
    }

    private int printList(DSLContext db) {
        List<DoNotCollect.Entry> entries = DoNotCollect.list(db);
        if (entries.isEmpty()) {
            out().println("the do-not-collect list is empty");
        }
        for (DoNotCollect.Entry e : entries) {
            out().printf("%-32s  since %s%n", e, e.since());
        }
        return FaceSearchCommand.EXIT_OK;
    }

    /**
     * The stored profile the name gives; a VK id that is not stored is only put on the list. A VK screen name is
     * looked for among the stored profile pages, else resolved to its id through VK (which needs a token).
     */
    private List<FaceCatalog.Profile> byName(Config config, DSLContext db) throws InterruptedException {
        PersonName name = PersonName.parse(target.person);
        if (name.profileId().isPresent()) {
            long id = name.profileId().get();
            return List.of(ProfileLookup.byId(db, id).orElseThrow(() -> new UserException("no profile " + id + " is stored")));
        }
        if (name.isVkScreenName()) {
            var stored = ProfileLookup.byVkScreenName(db, name.externalId());
            if (stored.isPresent()) {
                return List.of(stored.get());
            }
            name = new PersonName(Optional.empty(), "vk", Long.toString(resolveVkId(config, name.externalId())));
        }
        var stored = ProfileLookup.byExternalId(db, name.source(), name.externalId());
        if (stored.isEmpty()) {
            DoNotCollect.add(db, name.source(), name.externalId());
            out().printf("%s is not stored; added to the do-not-collect list, so no crawl or import will store it%n", name);
            return List.of();
        }
        return List.of(stored.get());
    }

    private long resolveVkId(Config config, String screenName) throws InterruptedException {
        TokenPool pool = VkTokens.pool(tokens, tokenFile, config);
        VkClientOptions options = new VkClientOptions(1, 1, RetryPolicy.DEFAULT, Duration.ofSeconds(10), Duration.ofSeconds(60));
        try (VkClient vk = new VkClient(URI.create(config.get(ConfigKey.VK_ENDPOINT)), pool, options)) {
            List<VkProfile> found = vk.users(List.of(screenName));
            if (found.isEmpty() || found.getFirst().id() <= 0) {
                throw new UserException("VK knows no user with the screen name '" + screenName + "'");
            }
            out().printf("vk:%s is vk:%d%n", screenName, found.getFirst().id());
            return found.getFirst().id();
        } catch (NoUsableTokenException | VkApiException e) {
            throw new UserException("cannot resolve the screen name '" + screenName + "' through VK: " + e.getMessage(), e);
        }
    }

    /**
     * The stored profiles likely of a person in the photo (the model's same-person threshold); look-alikes from
     * {@code forget.min-similarity} up are listed too, for the user to forget by id if they are the same person.
     */
    private List<FaceCatalog.Profile> byPhoto(CliContext context, DSLContext db) throws IOException {
        Config config = context.config();
        EmbedderModel embedder = ModelNames.parse(model != null ? model : config.get(ConfigKey.FACES_MODEL));
        RgbImage image;
        try {
            image = ImageDecoder.decode(Files.readAllBytes(target.photo));
        } catch (NoSuchFileException e) {
            throw new UserException("no such file: " + target.photo, e);
        } catch (UnreadableImageException e) {
            throw new UserException(target.photo + ": " + e.getMessage(), e);
        }
        double minSimilarity = config.getDouble(ConfigKey.FORGET_MIN_SIMILARITY);
        List<List<Neighbor>> nearest = new ArrayList<>();
        try (FacePipeline pipeline = FacePipeline.open(config.home().resolve("models"), embedder);
                ClusterScan scan = new ClusterScan(config.home().resolve("cache"))) {
            List<Detection> detections = pipeline.detect(image);
            float[][] vectors = detections.isEmpty() ? new float[0][] : pipeline.embed(image, detections);
            SearchParams params = new SearchParams(SamePerson.NEIGHBORS, SearchParams.parseNprobe(config.get(ConfigKey.SEARCH_NPROBE)));
            for (float[] vector : vectors) {
                scan.search(db, embedder.id(), vector, params).ifPresent(found -> nearest.add(found.neighbors()));
            }
            if (detections.isEmpty()) {
                out().printf("no face found in %s: nothing to forget%n", target.photo);
                return List.of();
            }
        } catch (ModelUnavailableException e) {
            throw new UserException("the face models are not available: " + e.getMessage(), e);
        } catch (SearchCacheException e) {
            throw new UserException(e.getMessage(), e);
        }
        float threshold = embedder.samePersonThreshold();
        List<SamePerson.Candidate> candidates = SamePerson.candidates(db, nearest, minSimilarity, threshold);
        if (candidates.isEmpty()) {
            out().printf("no stored face is similar to the person in %s (cosine similarity >= %.2f, forget.min-similarity)%n",
                    target.photo, minSimilarity);
            return List.of();
        }
        out().printf("stored profiles similar to the person in %s (cosine similarity >= %.2f; the same person from %.3f, "
                + "model %s):%n", target.photo, minSimilarity, threshold, embedder.id());
        for (SamePerson.Candidate c : candidates) {
            out().printf("  profile %d: %d face(s), best similarity %.3f: %s%n", c.profile().id(), c.faces().size(),
                    c.bestSimilarity(), c.samePerson() ? "likely the same person" : "look-alike, not forgotten "
                            + "(if it is the same person: facesearch forget " + c.profile().id() + ")");
        }
        List<FaceCatalog.Profile> same = candidates.stream().filter(SamePerson.Candidate::samePerson)
                .map(SamePerson.Candidate::profile).toList();
        if (same.isEmpty()) {
            out().println("none is likely the same person: nothing is forgotten");
        }
        return same;
    }

    private static String link(FaceCatalog.Profile p) {
        if (p.profileUrl() != null && !p.profileUrl().isBlank()) return p.profileUrl();
        return p.source() + ":" + p.externalId();
    }

    private boolean confirmed(int count) throws IOException {
        out().printf("Forget these %d profile(s)? This cannot be undone. [y/N] ", count);
        out().flush();
        String answer = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        return answer != null && answer.strip().toLowerCase(java.util.Locale.ROOT).matches("y|yes");
    }
}
