package org.facesearch.cli;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.InputStream;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Reads a stream in chunks of a fixed size ahead of its callers, on a thread of its own, into a fixed set of
 * buffers, so that whatever writes the stream (another tool at the other end of a pipe) and the callers' work on
 * the chunks (storing them) run at the same time instead of in turn: while callers hold chunks, the next is read
 * into a free buffer. A pipe holds only 64 KB, so without this the writer stops as soon as the callers stop reading.
 *
 * <p>A chunk's buffer is its caller's until it {@link #release}s it; with every buffer held, reading waits. The
 * thread is a daemon: one blocked on a standard input that never ends does not keep the process alive after
 * {@link #close}. {@link #next} is for one thread at a time; {@link #release} for any.
 */
final class ReadAhead implements AutoCloseable {
    private final InputStream in;
    private final BlockingQueue<byte[]> free;
    /** Chunks read, in order, or the failure that ended reading. */
    private final BlockingQueue<Object> read;
    private final Thread reader;
    private boolean ended;

    /** One chunk: {@code length} bytes read into {@code bytes}; fewer than its length only for the stream's last. */
    record Chunk(byte[] bytes, int length) {
        boolean last() {
            return length < bytes.length;
        }
    }

    /** Reads {@code in} into {@code buffers} buffers of {@code chunkBytes}: callers may hold all but one meanwhile. */
    ReadAhead(InputStream in, int chunkBytes, int buffers) {
        this.in = in;
        this.free = new ArrayBlockingQueue<>(buffers);
        for (int i = 0; i < buffers; i++) {
            free.add(new byte[chunkBytes]);
        }
        this.read = new ArrayBlockingQueue<>(buffers + 1);
        this.reader = Thread.ofPlatform().daemon().name("read-ahead").start(this::readAll);
    }

    private void readAll() {
        try {
            while (true) {
                byte[] buffer = free.take();
                Chunk chunk = new Chunk(buffer, in.readNBytes(buffer, 0, buffer.length));
                read.add(chunk);
                if (chunk.last()) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            // closed
        } catch (IOException | RuntimeException e) {
            read.add(e);  // room: at most one entry a buffer is ever queued before it
        }
    }

    /** The next chunk, waiting for it if it is still being read. */
    Chunk next() throws IOException {
        if (ended) {
            throw new IllegalStateException("the stream's last chunk was read already");
        }
        Object next;
        try {
            next = read.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while reading ahead");
        }
        if (next instanceof Chunk chunk) {
            ended = chunk.last();
            return chunk;
        }
        ended = true;
        if (next instanceof IOException io) {
            throw io;
        }
        throw (RuntimeException) next;
    }

    /** Gives {@code chunk}'s buffer back to be read into: the caller is done with its bytes. */
    void release(Chunk chunk) {
        free.add(chunk.bytes());
    }

    @Override
    public void close() {
        reader.interrupt();
    }
}
