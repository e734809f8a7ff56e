package org.facesearch.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Directories and files only their owner may open: the data directory (HOME), the embedded server's directory
 * with its socket and data, the file holding its password. Another local account must not read faces and
 * profiles, nor reach the server's socket, so these are created 0700 / 0600 and tightened when found looser.
 */
public final class PrivateFiles {
    private PrivateFiles() {
    }

    /**
     * Creates {@code dir} and any missing parent with mode 0700 (existing parents are left as they are) and sets
     * {@code dir} itself to 0700.
     */
    public static Path directory(Path dir) throws IOException {
        Path absolute = dir.toAbsolutePath();
        if (absolute.getParent() != null && !Files.isDirectory(absolute.getParent())) directory(absolute.getParent());
        if (!Files.isDirectory(absolute)) {
            Files.createDirectories(absolute, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        }
        Files.setPosixFilePermissions(absolute, PosixFilePermissions.fromString("rwx------"));
        return absolute;
    }

    /** Writes {@code text} to {@code file} with mode 0600 from its creation on (never readable by others). */
    static void write(Path file, String text) throws IOException {
        Files.deleteIfExists(file);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, text);
    }
}
