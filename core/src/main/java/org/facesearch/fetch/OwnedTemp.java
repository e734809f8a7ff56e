package org.facesearch.fetch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;

/**
 * Temporary files and folders named after the process that writes them ({@code <prefix><pid>-<rest>}), so that
 * what a killed process (kill -9, power cut) left behind can be told from what a live one is still writing and
 * be swept by the next fetch, while a concurrent fetch's work is left alone.
 */
public final class OwnedTemp {
    private OwnedTemp() {
    }

    /** A fresh folder {@code <parent>/<prefix><pid>-<random>}. */
    public static Path directory(Path parent, String prefix) throws IOException {
        Files.createDirectories(parent);
        return Files.createTempDirectory(parent, prefix + ProcessHandle.current().pid() + "-");
    }

    /** The name {@code <dir>/<prefix><pid>-<name>} (not created). */
    static Path file(Path dir, String prefix, String name) {
        return dir.resolve(prefix + ProcessHandle.current().pid() + "-" + name);
    }

    /** Deletes every {@code <prefix><pid>-...} entry of {@code parent} whose process is gone. */
    public static void sweep(Path parent, String prefix) throws IOException {
        if (!Files.isDirectory(parent)) return;
        try (var entries = Files.list(parent)) {
            for (Path p : entries.toList()) {
                String name = p.getFileName().toString();
                if (!name.startsWith(prefix)) continue;
                int dash = name.indexOf('-', prefix.length());
                if (dash < 0) continue;
                long pid;
                try {
                    pid = Long.parseLong(name.substring(prefix.length(), dash));
                } catch (NumberFormatException e) {
                    continue;
                }
                if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) continue;
                deleteTree(p);
            }
        }
    }

    /** Deletes {@code root} and everything under it, if it exists. */
    public static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) return;
        try (var walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }
}
