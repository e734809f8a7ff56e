package org.facesearch.store;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Stops the embedded server when the process that owns it dies, however it dies (kill -9 included), so that the
 * server does not outlive its owner until the next command. A small shell process started by the owner blocks
 * reading a pipe whose only writer is the owner's JVM: the kernel closes that pipe when the owner exits, the read
 * returns, and the watchdog sends the server SIGTERM (MariaDB's clean shutdown) if the pid still is that server (its
 * command line names our data directory, so a reused pid is never hit). No polling, no timing. It ignores the
 * terminal's Ctrl-C and hang-up, which the owner handles itself; a clean {@link #close()} ends it. The JDK starts
 * every child with only stdin/stdout/stderr open, so no other child holds the pipe's write end open.
 *
 * <p>Linux (and other systems with {@code /proc}); elsewhere, and if the watchdog itself is killed,
 * {@link LeftoverServer} still stops the server at the next start.
 */
final class OwnerWatchdog implements AutoCloseable {
    private static final String SCRIPT = """
            trap '' INT HUP QUIT
            while read -r _; do :; done
            if tr '\\000' '\\n' < "/proc/$1/cmdline" 2>/dev/null | grep -qxF -- "--datadir=$2"; then kill -TERM "$1"; fi
            """;

    private final Process process;

    private OwnerWatchdog(Process process) {
        this.process = process;
    }

    /** Watches this process on behalf of {@code server}, which runs on {@code dataDir} (its canonical path). */
    static OwnerWatchdog start(ProcessHandle server, Path dataDir) throws IOException {
        Process p = new ProcessBuilder("/bin/sh", "-c", SCRIPT, "facesearch-db-watchdog", Long.toString(server.pid()), dataDir.toString())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();   // stdin stays a pipe from this JVM: the watchdog's trigger
        return new OwnerWatchdog(p);
    }

    /** The watchdog's process (for tests). */
    ProcessHandle process() {
        return process.toHandle();
    }

    /** Ends the watchdog without touching the server (the owner stops it itself). */
    @Override
    public void close() {
        process.destroy();
    }
}
