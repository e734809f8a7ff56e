package org.facesearch.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Debian's Chromium and its driver for the browser test. When they are missing and the test runs as root
 * (CI containers), they are installed with apt-get; otherwise the test is skipped with a message saying how
 * to install them. Nothing is downloaded by Selenium itself: the driver path is given explicitly.
 */
final class Chromium {
    static final Path BROWSER = Path.of("/usr/bin/chromium");
    static final Path DRIVER = Path.of("/usr/bin/chromedriver");

    private Chromium() {
    }

    static synchronized void requireInstalled() {
        if (installed()) return;
        boolean root = "root".equals(System.getProperty("user.name"));
        Assumptions.assumeTrue(root, "Chromium is not installed and this user cannot install it; run "
                + "'apt-get install -y chromium chromium-driver' as root to enable the browser test");
        try {
            run(List.of("apt-get", "update", "-qq"));
            run(List.of("apt-get", "install", "-y", "-qq", "chromium", "chromium-driver"));
        } catch (IOException e) {
            Assumptions.abort("cannot install Chromium with apt-get (" + e.getMessage() + "); the browser test is skipped");
        }
        Assumptions.assumeTrue(installed(), "apt-get did not install chromium and chromium-driver; the browser test is skipped");
    }

    private static boolean installed() {
        return Files.isExecutable(BROWSER) && Files.isExecutable(DRIVER);
    }

    private static void run(List<String> command) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        pb.environment().put("DEBIAN_FRONTEND", "noninteractive");
        Process p = pb.start();
        try {
            if (!p.waitFor(20, TimeUnit.MINUTES) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IOException(String.join(" ", command) + " failed");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
