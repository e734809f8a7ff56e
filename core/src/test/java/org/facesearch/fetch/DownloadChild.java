package org.facesearch.fetch;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A process that downloads one package for {@link NpmRegistryTest}, to be killed mid-way: args registry URL, folder,
 * name, version, integrity. Prints {@code receiving} once the first bytes are written.
 */
public final class DownloadChild {
    private DownloadChild() {
    }

    public static void main(String[] args) throws Exception {
        var registry = new NpmRegistry(new NpmSettings(Map.of("npm_config_registry", args[0]), List.of()));
        registry.download(new NpmPackage(args[2], args[3], args[4]), Path.of(args[1]), new DownloadProgress() {
            private boolean said;

            @Override
            public void start(String what, long totalBytes) {
            }

            @Override
            public void advance(long bytes) {
                if (said) return;
                said = true;
                System.out.println("receiving");
                System.out.flush();
            }

            @Override
            public void finish() {
            }
        });
    }
}
