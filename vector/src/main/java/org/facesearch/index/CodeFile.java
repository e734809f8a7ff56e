package org.facesearch.index;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.CRC32C;
import org.facesearch.vector.Centroids;
import org.facesearch.vector.VectorMath;

/**
 * The lists of an {@link IvfIndex} in one file, so that a process which searches once (the CLI) reads only the
 * lists it probes, from the page cache, instead of a database row per face: at 10M faces a query probes ~1,000
 * lists, ~1.5M codes, which MySQL served in 4-6 s and this file in tens of milliseconds (BENCHMARKS.md).
 *
 * <p>Encoding (little-endian, offsets from the start of the file):
 * <pre>
 *   0  8 bytes  magic "fscodes1"
 *   8  int      format version ({@value #VERSION})
 *  12  int      dimension
 *  16  int      k (lists)
 *  20  int      words (longs per code, {@link SignCodes})
 *  24  long     faces
 *  32  long     source: clustering id, then its creation time (epoch ms), last face id, last removal id
 *  64  short    length n of the model id, then its n UTF-8 bytes, then zeros to a multiple of 8
 *  H   k ints   list sizes
 *      k x dimension floats: the centroids
 *      k x padded floats: the centroids rotated ({@link SignCodes#rotate}, padded components)
 *      int      CRC32C of everything above
 *      then list after list: its codes ({@link CodeBlocks#bytes}), its scalars ({@link ScalarBlocks#length}
 *      floats), its face ids (longs)
 * </pre>
 * Opening checks the magic, version, the CRC of the header, sizes and centroids, and that the file is exactly as
 * long as the sizes say: a truncated or foreign file is refused. The codes are not checksummed (reading 1.4 GB at
 * every open would cost what the file saves); a damaged code only spoils an estimate: results are re-ranked with
 * the stored vectors, so a distance shown is never wrong. {@link #write} writes a temporary file beside the
 * target and renames it over the target, so a reader (or a process killed while writing) never sees half a file.
 *
 * <p>An open file maps the whole file read-only and copies nothing into new heap arrays: {@link #probe} searches
 * the centroids where they lie, {@link #scan} reads each centroid when its list is first scanned, and
 * {@link #read}'s lists are copied into reused per-thread buffers as the scan reaches them (on the 2-vCPU VM
 * measured, fresh heap cost ~4 ms a MB in page faults, more than everything else a query does: BENCHMARKS.md).
 * Thread-safe for reads; {@link #close} unmaps (no read may run then).
 *
 * <p>The face ids are not checksummed either: a damaged id makes another face a candidate, whose distance is then
 * measured from its own stored vector.
 */
public final class CodeFile implements AutoCloseable {
    static final int VERSION = 2;
    private static final byte[] MAGIC = "fscodes1".getBytes(StandardCharsets.US_ASCII);
    private static final int FIXED_HEADER = 66;
    private static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfLong LONG = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfFloat FLOAT =
            ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final int WRITE_BUFFER = 1 << 20;

    /**
     * What a file was written from: the model, the clustering version (its id and creation time, which tell a
     * recreated database's version apart), and the last face id and removal-log position it includes.
     */
    public record Source(String model, long clusteringId, long clusteringCreated, long lastFaceId,
            long lastRemovalId) {
    }

    private final Arena arena;
    private final MemorySegment file;
    private final Source source;
    private final int dimension;
    private final int k;
    private final int words;
    private final long faces;
    private final int[] sizes;
    private final long[] listOffsets;
    private final long centroidsOffset;
    private final int padded;
    /** Per thread, the buffers {@link Probed} copies a list's codes and scalars into, kept from query to query. */
    /** Threads a {@link Probed} reads ahead with (disk requests in flight). */
    static final int READ_AHEAD = 8;
    private static final ExecutorService READERS = Executors.newCachedThreadPool(
            Thread.ofPlatform().daemon().name("code-read-ahead-", 0).factory());
    /** Read-aheads of lists not yet closed, which {@link #close} waits for. */
    private final Queue<Future<?>> readAheads = new ConcurrentLinkedQueue<>();
    private volatile boolean closing;
    private final ThreadLocal<byte[]> buffers = ThreadLocal.withInitial(() -> new byte[0]);
    private final ThreadLocal<float[]> scalarBuffers = ThreadLocal.withInitial(() -> new float[0]);

    private CodeFile(Arena arena, MemorySegment file, Source source, int dimension, int k, int words, long faces,
            int[] sizes, long[] listOffsets, long centroidsOffset) {
        this.arena = arena;
        this.file = file;
        this.source = source;
        this.dimension = dimension;
        this.k = k;
        this.words = words;
        this.faces = faces;
        this.sizes = sizes;
        this.listOffsets = listOffsets;
        this.centroidsOffset = centroidsOffset;
        this.padded = new SignCodes(dimension).padded();
    }

    /** Writes the lists of {@code index} to {@code target} (replacing it atomically), mode 0600 from creation on. */
    public static void write(Path target, IvfIndex index, Source source) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Path partial = Files.createTempFile(dir, target.getFileName() + ".", ".partial");
        try {
            try (FileChannel out = FileChannel.open(partial, StandardOpenOption.WRITE)) {
                writeTo(out, index, source);
                out.force(true);
            }
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(partial);
        }
    }

    private static void writeTo(FileChannel out, IvfIndex index, Source source) throws IOException {
        int k = index.clusters();
        int dimension = index.dimension();
        CandidateScan scan = index.scan();
        int words = scan.words();
        ByteBuffer buffer = ByteBuffer.allocate(WRITE_BUFFER).order(ByteOrder.LITTLE_ENDIAN);
        CRC32C crc = new CRC32C();
        Sink sink = new Sink(out, buffer, crc);
        byte[] model = source.model().getBytes(StandardCharsets.UTF_8);
        buffer.put(MAGIC).putInt(VERSION).putInt(dimension).putInt(k).putInt(words).putLong(index.size())
                .putLong(source.clusteringId()).putLong(source.clusteringCreated()).putLong(source.lastFaceId())
                .putLong(source.lastRemovalId()).putShort((short) model.length).put(model);
        buffer.put(new byte[headerLength(model.length) - FIXED_HEADER - model.length]);
        for (int c = 0; c < k; c++) {
            sink.room(Integer.BYTES).putInt(index.clusterSize(c));
        }
        Centroids centroids = index.centroids();
        for (int c = 0; c < k; c++) {
            for (float value : centroids.centroid(c)) {
                sink.room(Float.BYTES).putFloat(value);
            }
        }
        for (int c = 0; c < k; c++) {
            for (float value : scan.rotatedCentroid(c)) {
                sink.room(Float.BYTES).putFloat(value);
            }
        }
        sink.drain();
        buffer.putInt((int) crc.getValue());
        for (int c = 0; c < k; c++) {
            Cluster list = index.cluster(c);
            int size = list.size();
            byte[] blocks = list.blocks();
            for (int at = 0, n = CodeBlocks.bytes(size, words); at < n; ) {
                int chunk = Math.min(n - at, WRITE_BUFFER);
                sink.room(chunk).put(blocks, at, chunk);
                at += chunk;
            }
            float[] scalars = list.scalars();
            for (int i = 0, n = ScalarBlocks.length(size); i < n; i++) {
                sink.room(Float.BYTES).putFloat(scalars[i]);
            }
            for (int i = 0; i < size; i++) {
                sink.room(Long.BYTES).putLong(list.id(i));
            }
        }
        sink.drain();
    }

    /** A write buffer drained to the channel when full; everything drained before {@code crc} stops counts. */
    private record Sink(FileChannel out, ByteBuffer buffer, CRC32C crc) {
        ByteBuffer room(int bytes) throws IOException {
            if (buffer.remaining() < bytes) drain();
            return buffer;
        }

        void drain() throws IOException {
            buffer.flip();
            crc.update(buffer.duplicate());
            while (buffer.hasRemaining()) out.write(buffer);
            buffer.clear();
        }
    }

    private static int headerLength(int modelBytes) {
        return (FIXED_HEADER + modelBytes + 7) & ~7;
    }

    /**
     * Maps {@code path} and checks it (see the class comment).
     *
     * @throws IOException when it cannot be read or is not a complete code file of this format; the message says
     *     which
     */
    public static CodeFile open(Path path) throws IOException {
        Arena arena = Arena.ofShared();
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            MemorySegment file = channel.map(FileChannel.MapMode.READ_ONLY, 0, channel.size(), arena);
            return check(path, file, arena);
        } catch (IOException | RuntimeException e) {
            arena.close();
            throw e;
        }
    }

    private static CodeFile check(Path path, MemorySegment file, Arena arena) throws IOException {
        long length = file.byteSize();
        if (length < FIXED_HEADER || file.asSlice(0, MAGIC.length).mismatch(MemorySegment.ofArray(MAGIC)) != -1) {
            throw new IOException(path + " is not a facesearch code file");
        }
        int version = file.get(INT, 8);
        if (version != VERSION) {
            throw new IOException(path + " is a code file of format " + version + ", this version reads " + VERSION);
        }
        int dimension = file.get(INT, 12);
        int k = file.get(INT, 16);
        int words = file.get(INT, 20);
        long faces = file.get(LONG, 24);
        int modelBytes = Short.toUnsignedInt(file.get(ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN), 64));
        if (dimension < 1 || k < 1 || words != new SignCodes(dimension).words() || faces < 0
                || headerLength(modelBytes) > length) {
            throw new IOException(path + ": damaged header");
        }
        String model = new String(file.asSlice(FIXED_HEADER, modelBytes).toArray(ValueLayout.JAVA_BYTE),
                StandardCharsets.UTF_8);
        long sizesOffset = headerLength(modelBytes);
        long centroidsOffset = sizesOffset + (long) k * Integer.BYTES;
        long rotatedOffset = centroidsOffset + (long) k * dimension * Float.BYTES;
        long crcOffset = rotatedOffset + (long) k * new SignCodes(dimension).padded() * Float.BYTES;
        if (crcOffset + Integer.BYTES > length) {
            throw new IOException(path + " is truncated");
        }
        CRC32C crc = new CRC32C();
        crc.update(file.asSlice(0, crcOffset).asByteBuffer());
        if ((int) crc.getValue() != file.get(INT, crcOffset)) {
            throw new IOException(path + ": damaged (checksum mismatch)");
        }
        int[] sizes = file.asSlice(sizesOffset, (long) k * Integer.BYTES).toArray(INT);
        long[] listOffsets = new long[k];
        long at = crcOffset + Integer.BYTES;
        long counted = 0;
        for (int c = 0; c < k; c++) {
            if (sizes[c] < 0) throw new IOException(path + ": damaged list sizes");
            listOffsets[c] = at;
            at += listBytes(sizes[c], words);
            counted += sizes[c];
        }
        if (at != length || counted != faces) {
            throw new IOException(path + " is " + length + " bytes, its lists need " + at + " (truncated or damaged)");
        }
        Source source = new Source(model, file.get(LONG, 32), file.get(LONG, 40), file.get(LONG, 48),
                file.get(LONG, 56));
        return new CodeFile(arena, file, source, dimension, k, words, faces, sizes, listOffsets, centroidsOffset);
    }

    /** {@code clusters} in the order a two-thread scan reaches them: its first half and its second, interleaved. */
    static int[] halvesInterleaved(int[] clusters) {
        int half = (clusters.length + 1) / 2;
        int[] order = new int[clusters.length];
        for (int i = 0, o = 0; i < half; i++) {
            order[o++] = clusters[i];
            if (half + i < clusters.length) {
                order[o++] = clusters[half + i];
            }
        }
        return order;
    }

    private static long listBytes(int size, int words) {
        return CodeBlocks.bytes(size, words) + (long) ScalarBlocks.length(size) * Float.BYTES
                + (long) size * Long.BYTES;
    }

    public Source source() {
        return source;
    }

    public int dimension() {
        return dimension;
    }

    /** Faces in all lists. */
    public long faces() {
        return faces;
    }

    /** Longs per code. */
    public int words() {
        return words;
    }

    /** Lists (centroids). */
    public int k() {
        return k;
    }

    /** Centroid {@code cluster}, copied from the file. */
    float[] centroid(int cluster) {
        return file.asSlice(centroidsOffset + (long) cluster * dimension * Float.BYTES, (long) dimension * Float.BYTES)
                .toArray(FLOAT);
    }

    /** Centroid {@code cluster} rotated, copied from the file. */
    private float[] rotatedCentroid(int cluster) {
        long bytes = (long) padded * Float.BYTES;
        return file.asSlice(centroidsOffset + (long) k * dimension * Float.BYTES + cluster * bytes, bytes).toArray(FLOAT);
    }

    /**
     * The {@code n} lists whose centroids are nearest to {@code query}, nearest first: {@link Centroids#probe} over
     * the centroids where they lie in the file, the same lists bit for bit ({@link VectorMath}), without copying 41
     * MB of centroids (at k = 10,000) into fresh heap, which cost a one-shot search more than the probe itself.
     */
    public int[] probe(float[] query, int n) {
        if (query.length != dimension) {
            throw new IllegalArgumentException("the query has " + query.length + " dimensions, the file " + dimension);
        }
        return Centroids.nearest(k, n, c -> VectorMath.squaredL2(query, 0, file,
                centroidsOffset + (long) c * dimension * Float.BYTES, dimension));
    }

    /**
     * An encoder of this file's lists ({@link CandidateScan}), reading each rotated centroid it needs from the file
     * (rotating the 1,000 probed centroids of a query at 10M took 12-105 ms).
     */
    public CandidateScan scan() {
        return CandidateScan.ofRotated(k, dimension, this::rotatedCentroid);
    }

    /**
     * The lists {@code clusters}, copied into the heap for {@link CandidateScan} as it reads them; those not in
     * memory are read ahead on other threads meanwhile. Close the result when the scan is done.
     */
    public Probed read(int[] clusters) {
        return new Probed(clusters);
    }

    /**
     * Some lists of the file, as the scan reads them: a list's codes and scalars are copied when the scan asks for them
     * into buffers of the asking thread, reused list after list and query after query (a query at 10M faces reads
     * ~200 MB of codes: fresh heap for all of them cost more than the copy); the scalars of single faces and their
     * ids are read from the mapping.
     *
     * <p>Read-ahead: when the file is not in the page cache (a cold start), each list the scan reaches would be one
     * page fault after another, one disk request in flight; the disk here serves many at once (16 KB random reads:
     * 4,600 a second one at a time, 36,000 sixteen at a time; {@code fio}). So {@value #READ_AHEAD} threads take the
     * lists in the order the scan's threads reach them (the two halves interleaved) and ask the system to load each
     * one that is not resident ({@link MemorySegment#load}: {@code madvise(WILLNEED)}, then a touch a page). A
     * resident list costs them one {@code mincore} call. {@link #close} stops them and waits, so that the file is
     * never unmapped under them.
     */
    public final class Probed implements CandidateScan.Lists, CandidateScan.FaceIds, AutoCloseable {
        private final long faces;
        private final long bytes;
        private final int[] readOrder;
        private final AtomicInteger nextToRead = new AtomicInteger();
        private final Future<?>[] readers;

        private Probed(int[] clusters) {
            long faces = 0;
            long bytes = 0;
            for (int c : clusters) {
                faces += sizes[c];
                bytes += listBytes(sizes[c], words);
            }
            this.faces = faces;
            this.bytes = bytes;
            this.readOrder = halvesInterleaved(clusters);
            this.readers = new Future<?>[Math.min(READ_AHEAD, clusters.length)];
            for (int r = 0; r < readers.length; r++) {
                readers[r] = READERS.submit(this::readAhead);
                readAheads.add(readers[r]);
            }
        }

        private void readAhead() {
            for (int i = nextToRead.getAndIncrement(); i < readOrder.length && !closing; i = nextToRead.getAndIncrement()) {
                int cluster = readOrder[i];
                MemorySegment list = file.asSlice(listOffsets[cluster], listBytes(sizes[cluster], words));
                if (!list.isLoaded()) {
                    list.load();
                }
            }
        }

        /** Stops the read-ahead and waits for the lists being loaded. */
        @Override
        public void close() {
            nextToRead.set(readOrder.length);
            for (Future<?> reader : readers) {
                awaitReadAhead(reader);
                readAheads.remove(reader);
            }
        }

        /** Faces in the lists read. */
        public long faces() {
            return faces;
        }

        /** Bytes of codes, scalars and ids these lists take in the file. */
        public long bytes() {
            return bytes;
        }

        @Override
        public int size(int cluster) {
            return sizes[cluster];
        }

        /** The list's codes, in this thread's buffer: valid until the thread asks for another list's. */
        @Override
        public byte[] blocks(int cluster) {
            int codeBytes = CodeBlocks.bytes(sizes[cluster], words);
            byte[] buffer = buffers.get();
            if (buffer.length < codeBytes) {
                buffer = new byte[Math.max(codeBytes, buffer.length + (buffer.length >> 1))];
                buffers.set(buffer);
            }
            MemorySegment.copy(file, ValueLayout.JAVA_BYTE, listOffsets[cluster], buffer, 0, codeBytes);
            return buffer;
        }

        /** The list's scalars, in this thread's buffer: valid until the thread asks for another list's. */
        @Override
        public float[] scalars(int cluster) {
            int length = ScalarBlocks.length(sizes[cluster]);
            float[] buffer = scalarBuffers.get();
            if (buffer.length < length) {
                buffer = new float[Math.max(length, buffer.length + (buffer.length >> 1))];
                scalarBuffers.set(buffer);
            }
            MemorySegment.copy(file, FLOAT, scalarsOffset(cluster), buffer, 0, length);
            return buffer;
        }

        @Override
        public float norm(int cluster, int position) {
            return file.get(FLOAT, scalarsOffset(cluster) + (long) ScalarBlocks.normAt(position) * Float.BYTES);
        }

        @Override
        public float factor(int cluster, int position) {
            return file.get(FLOAT, scalarsOffset(cluster) + (long) ScalarBlocks.factorAt(position) * Float.BYTES);
        }

        @Override
        public long faceId(int cluster, int position) {
            long idsOffset = scalarsOffset(cluster) + (long) ScalarBlocks.length(sizes[cluster]) * Float.BYTES;
            return file.get(LONG, idsOffset + (long) Long.BYTES * position);
        }

        private long scalarsOffset(int cluster) {
            return listOffsets[cluster] + CodeBlocks.bytes(sizes[cluster], words);
        }
    }

    /** Unmaps the file, after stopping and waiting for any read-ahead of lists not closed. */
    @Override
    public void close() {
        closing = true;
        for (Future<?> reader : readAheads) {
            awaitReadAhead(reader);
        }
        arena.close();
    }

    private static void awaitReadAhead(Future<?> reader) {
        boolean interrupted = false;
        while (true) {
            try {
                reader.get();
                break;
            } catch (InterruptedException e) {
                interrupted = true;  // unmapping under a reader would crash it: wait anyway
            } catch (ExecutionException e) {
                break;  // a read-ahead that failed only leaves its lists to the scan's own page faults
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
