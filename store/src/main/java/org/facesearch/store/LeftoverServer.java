package org.facesearch.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A MariaDB server still running on a data directory whose owning facesearch process is gone (killed with -9:
 * the server is a separate process and outlives it, its socket and files locked). Found by its command line in
 * {@code /proc} (a {@code mariadbd}/{@code mysqld} whose {@code --datadir} is ours), and stopped cleanly (SIGTERM,
 * then SIGKILL after a minute) before a new server starts, so the next command works instead of failing on
 * "Can't lock aria control file". Only called by the process that holds {@code server.lock}: no live owner exists.
 */
final class LeftoverServer {
    private static final Logger log = LoggerFactory.getLogger(LeftoverServer.class);

    private LeftoverServer() {
    }

    /** Stops any server left running on {@code dataDir}. */
    static void stopAny(Path dataDir) {
        for (ProcessHandle server : find(dataDir)) {
            log.warn("a database server (pid {}) left running on {} by a facesearch process that did not stop it "
                    + "(killed with -9?); stopping it", server.pid(), dataDir);
            if (!server.destroy() || !waitFor(server, 60) && !(server.destroyForcibly() && waitFor(server, 10))) {
                throw new DatabaseException("a MariaDB server (pid " + server.pid() + ") still runs on " + dataDir
                        + " and cannot be stopped by this user; stop it (kill " + server.pid() + ") and run the command again");
            }
            log.info("the leftover database server (pid {}) stopped", server.pid());
        }
    }

    /** Running processes whose command is a MariaDB server with {@code dataDir} as its data directory. */
    static List<ProcessHandle> find(Path dataDir) {
        String dir;
        try {
            dir = dataDir.toRealPath().toString();  // the server is given its canonical path
        } catch (IOException e) {
            return List.of();  // no data directory: no server on it
        }
        try (Stream<ProcessHandle> all = ProcessHandle.allProcesses()) {
            return all.filter(p -> commandLine(p.pid()).map(args -> isServerOn(args, dir)).orElse(false)).toList();
        }
    }

    private static boolean isServerOn(List<String> args, String dir) {
        if (args.isEmpty() || !(args.getFirst().endsWith("mariadbd") || args.getFirst().endsWith("mysqld"))) return false;
        return args.stream().anyMatch(a -> a.startsWith("--datadir=")
                && a.substring("--datadir=".length()).equals(dir));
    }

    /** The process's arguments from {@code /proc/PID/cmdline} (readable for every user's processes on Linux). */
    private static Optional<List<String>> commandLine(long pid) {
        try {
            String raw = Files.readString(Path.of("/proc", Long.toString(pid), "cmdline"), StandardCharsets.UTF_8);
            return Optional.of(Arrays.asList(raw.split("\0")));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();  // gone meanwhile, or not Linux
        }
    }

    private static boolean waitFor(ProcessHandle process, int seconds) {
        try {
            process.onExit().get(seconds, TimeUnit.SECONDS);
            return true;
        } catch (TimeoutException | ExecutionException e) {
            return !process.isAlive();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
