package org.facesearch.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.facesearch.store.ConnectionSettings;

/**
 * A facesearch command in a child JVM, as {@code bin/facesearch} runs it (this JVM's class path and flags), with
 * the database credentials of {@code settings}, its output in a log file: for tests that kill it.
 */
final class ChildProcess {
    private ChildProcess() {
    }

    static Process start(Class<?> main, List<String> args, ConnectionSettings settings, Path log) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), main.getName()));
        command.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        // the credentials TestDatabase uses: the embedded server's account, or the external test server's user
        pb.environment().put("FACESEARCH_DB_USER", settings.user());
        pb.environment().put("FACESEARCH_DB_PASSWORD", settings.password());
        return pb.start();
    }
}
