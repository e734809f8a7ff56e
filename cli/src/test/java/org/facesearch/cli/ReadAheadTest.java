package org.facesearch.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ReadAheadTest {
    @Test
    void givesTheStreamInChunksInOrderTheLastOneShort() throws IOException {
        byte[] data = new byte[25];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) i;
        }
        try (ReadAhead chunks = new ReadAhead(new ByteArrayInputStream(data), 10, 2)) {
            for (int first = 0; first < 20; first += 10) {
                ReadAhead.Chunk chunk = chunks.next();
                assertFalse(chunk.last());
                assertArrayEquals(Arrays.copyOfRange(data, first, first + 10), chunk.bytes());
                chunks.release(chunk);
            }
            ReadAhead.Chunk end = chunks.next();
            assertTrue(end.last());
            assertEquals(5, end.length());
            assertArrayEquals(Arrays.copyOfRange(data, 20, 25), Arrays.copyOf(end.bytes(), 5));
            assertThrows(IllegalStateException.class, chunks::next);
        }
        try (ReadAhead chunks = new ReadAhead(new ByteArrayInputStream(new byte[20]), 10, 3)) {
            chunks.next();
            chunks.next();
            assertEquals(0, chunks.next().length(), "a whole number of chunks ends with an empty one");
        }
    }

    @Test
    void aWriterAtTheOtherEndOfAPipeGoesOnWhileTheCallerHoldsAChunk() throws Exception {
        PipedInputStream in = new PipedInputStream(16);  // a pipe far smaller than a chunk, as the OS's 64 KB is
        PipedOutputStream out = new PipedOutputStream(in);
        Thread writer = Thread.ofPlatform().start(() -> {
            try (out) {
                out.write(new byte[128]);  // two chunks of 64
            } catch (IOException e) {
                throw new RuntimeException(e);
            }
        });
        try (ReadAhead chunks = new ReadAhead(in, 64, 2)) {
            ReadAhead.Chunk first = chunks.next();
            assertEquals(64, first.length());
            // the caller works on the first chunk and reads nothing more: the second is read meanwhile
            assertTrue(writer.join(Duration.ofSeconds(10)), "the writer finished while the caller held a chunk");
            chunks.release(first);
            assertEquals(64, chunks.next().length());
            assertTrue(chunks.next().last());
        }
    }

    @Test
    void aHeldChunkIsNeverReadIntoAndAReleasedBufferIsReadIntoAgain() throws Exception {
        byte[] data = new byte[40];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (i + 1);
        }
        try (ReadAhead chunks = new ReadAhead(new ByteArrayInputStream(data), 10, 2)) {
            ReadAhead.Chunk first = chunks.next();
            ReadAhead.Chunk second = chunks.next();  // both buffers held: the reader must wait for one
            Thread.sleep(100);  // time for a reader that did not wait to overwrite one
            assertArrayEquals(Arrays.copyOfRange(data, 0, 10), first.bytes());
            assertArrayEquals(Arrays.copyOfRange(data, 10, 20), second.bytes());
            chunks.release(first);
            ReadAhead.Chunk third = chunks.next();
            assertArrayEquals(Arrays.copyOfRange(data, 20, 30), third.bytes());
            assertArrayEquals(Arrays.copyOfRange(data, 10, 20), second.bytes(), "the chunk still held is intact");
            chunks.release(second);
            assertArrayEquals(Arrays.copyOfRange(data, 30, 40), chunks.next().bytes());
        }
    }

    @Test
    void aFailedReadIsThrownByTheCallThatWantsItsChunk() throws IOException {
        InputStream failing = new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("disk gone");
            }
        };
        try (ReadAhead chunks = new ReadAhead(failing, 8, 2)) {
            assertEquals("disk gone", assertThrows(IOException.class, chunks::next).getMessage());
        }
    }
}
