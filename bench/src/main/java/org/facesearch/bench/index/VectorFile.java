package org.facesearch.bench.index;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.facesearch.vector.VectorMath;
import org.facesearch.vector.VectorCodec;

/**
 * Float32 vectors in a flat file, memory-mapped for reading: row {@code r} is {@code dimension}
 * little-endian floats at byte {@code r * dimension * 4}, no header (the same layout as a numpy
 * {@code '<f4'} array, so the benchmark's Python peers read it with {@code numpy.memmap}).
 *
 * <p>Used for the exact re-rank of the int8 index at sizes whose float32 vectors do not fit in memory
 * (10M x 1024 floats = 41 GB): the operating system keeps the pages it can in its cache and reads the others
 * from disk on demand, so re-rank latency depends on how much of the file is cached. The mapping is shared
 * across threads and released by {@link #close}; using it after close fails rather than crashing.
 *
 * <p>An index that reads rows at random calls {@link #adviseRandomAccess} once it has finished its sequential
 * pass ({@code madvise(MADV_RANDOM)} through the FFM API; where {@code madvise} does not exist it is skipped):
 * without it every page fault reads ahead the device's read-ahead window around the row (8 MB on this project's
 * machine), and a re-rank of 100 random rows read 800 MB from disk instead of 400 KB. Sequential reads keep the
 * default advice, with which read-ahead is what makes them fast.
 */
public final class VectorFile implements AutoCloseable {
    private static final ValueLayout.OfFloat FLOAT_LE = VectorCodec.FLOAT_LE;
    /** {@code MADV_RANDOM} of Linux and the BSDs. */
    private static final int MADV_RANDOM = 1;
    private static final MethodHandle MADVISE = madvise();

    private final Arena arena;
    private final MemorySegment segment;
    private final int dimension;
    private final long rows;

    private VectorFile(Arena arena, MemorySegment segment, int dimension) {
        this.arena = arena;
        this.segment = segment;
        this.dimension = dimension;
        this.rows = segment.byteSize() / ((long) dimension * Float.BYTES);
    }

    private static MethodHandle madvise() {
        Linker linker = Linker.nativeLinker();
        return linker.defaultLookup().find("madvise").map(address -> linker.downcallHandle(address,
                FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT)))
                .orElse(null);
    }

    /**
     * Tells the operating system that rows are read at random from now on (no read-ahead); returns whether it
     * took the advice.
     */
    public boolean adviseRandomAccess() {
        if (MADVISE == null || segment.byteSize() == 0) {
            return false;
        }
        try {
            return (int) MADVISE.invokeExact(segment, segment.byteSize(), MADV_RANDOM) == 0;
        } catch (Throwable e) {
            return false;
        }
    }

    /** Maps an existing file of {@code dimension}-d rows. */
    public static VectorFile open(Path file, int dimension) {
        Arena arena = Arena.ofShared();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            if (size % ((long) dimension * Float.BYTES) != 0) {
                throw new IllegalArgumentException(file + " (" + size + " bytes) is not made of " + dimension + "-d rows");
            }
            return new VectorFile(arena, channel.map(FileChannel.MapMode.READ_ONLY, 0, size, arena), dimension);
        } catch (IOException e) {
            arena.close();
            throw new UncheckedIOException(e);
        }
    }

    /** A writer that appends rows to a new (or truncated) file. */
    public static Writer create(Path file) throws IOException {
        return new Writer(Files.newOutputStream(file));
    }

    public long rows() {
        return rows;
    }

    public int dimension() {
        return dimension;
    }

    /** Copies row {@code row} into {@code target[offset..)}. */
    public void read(long row, float[] target, int offset) {
        MemorySegment.copy(segment, FLOAT_LE, row * dimension * Float.BYTES, target, offset, dimension);
    }

    /** Squared L2 distance between {@code query} and row {@code row}, read in place. */
    public float squaredL2(float[] query, long row) {
        return VectorMath.squaredL2(query, 0, segment, row * dimension * Float.BYTES, dimension);
    }

    @Override
    public void close() {
        arena.close();
    }

    /** Appends little-endian float32 rows; {@link #close} flushes. */
    public static final class Writer implements AutoCloseable {
        private final DataOutputStream out;

        private Writer(OutputStream out) {
            this.out = new DataOutputStream(new BufferedOutputStream(out, 1 << 20));
        }

        /** Appends {@code values[offset..offset+length)}. */
        public void append(float[] values, int offset, int length) throws IOException {
            for (int i = offset; i < offset + length; i++) {
                out.writeInt(Integer.reverseBytes(Float.floatToRawIntBits(values[i])));
            }
        }

        @Override
        public void close() throws IOException {
            out.close();
        }
    }
}
