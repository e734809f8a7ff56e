package org.facesearch.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Reads a stream in chunks of a fixed size, one chunk ahead on a thread of its own, so that whatever writes the
 * stream (another tool at the other end of a pipe) and the caller's work on the chunks (storing them) run at the same
 * time instead of in turn: while the caller works on chunk n, chunk n + 1 is read into the other of two buffers.
 * A pipe holds only 64 KB, so without this the writer stops as soon as the caller stops reading.
 *
 * <p>A chunk's buffer is the caller's until its next call to {@link #next}. The thread is a daemon: one blocked on a
 * standard input that never ends does not keep the process alive after {@link #close}.
 */
final class ReadAhead implements AutoCloseable {
    private final InputStream in;
    private final byte[][] buffers;
    private final ExecutorService reader = Executors.newSingleThreadExecutor(Thread.ofPlatform().daemon().name("read-ahead").factory());
    private Future<Integer> pending;
    private int turn;

    /** One chunk: {@code length} bytes read into {@code bytes}; fewer than its length only for the stream's last. */
    record Chunk(byte[] bytes, int length) {
        boolean last() {
            return length < bytes.length;
        }
    }

    ReadAhead(InputStream in, int chunkBytes) {
        this.in = in;
        this.buffers = new byte[][] {new byte[chunkBytes], new byte[chunkBytes]};
        this.pending = readInto(buffers[0]);
    }

    /** The next chunk, waiting for it if it is still being read; the one after it is read meanwhile. */
    Chunk next() throws IOException {
        if (pending == null) {
            throw new IllegalStateException("the stream's last chunk was read already");
        }
        byte[] buffer = buffers[turn];
        int length;
        try {
            length = pending.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while reading ahead");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            if (e.getCause() instanceof RuntimeException unchecked) {
                throw unchecked;
            }
            throw new IOException(e.getCause());
        }
        turn ^= 1;
        pending = length == buffer.length ? readInto(buffers[turn]) : null;
        return new Chunk(buffer, length);
    }

    private Future<Integer> readInto(byte[] buffer) {
        return reader.submit(() -> in.readNBytes(buffer, 0, buffer.length));
    }

    @Override
    public void close() {
        reader.shutdownNow();
    }
}
