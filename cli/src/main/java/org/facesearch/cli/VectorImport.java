package org.facesearch.cli;

import java.io.BufferedReader;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.LongConsumer;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.facesearch.store.faces.FaceBulkInsert;

/**
 * {@code facesearch import --vectors FILE}: faces whose embeddings are already known, read as float32
 * little-endian rows of the model's dimension from a file or, with {@code -}, from standard input (a pipe from
 * another tool or a generator: 10M x 1024-d is 41 GB, more than the disk beside the database may hold), with an
 * optional names file ({@code id,name} per line, the same order, read line by line in step with the rows), stored
 * through {@link FaceBulkInsert} in transactions of {@value #CHUNK} faces under the source {@value #SOURCE},
 * {@value #WRITERS} at once. Rows are streamed: the transactions' rows are in memory, and the next transaction's are
 * read meanwhile ({@link ReadAhead}, so that a tool writing the pipe is not stopped while transactions are stored);
 * faces therefore get their ids in about, not exactly, the order of the rows. Without names
 * a face's id and name are its row number. The id is the face's profile {@code (vectors, id)}: a row whose id is
 * stored already is skipped (so a re-run after a kill completes the import without duplicates), and so is a row
 * whose id is on the do-not-collect list. Input that ends inside a row is an error, reported after the complete rows before it are stored.
 */
final class VectorImport {
    static final String SOURCE = "vectors";
    /** The {@code --vectors} value that means standard input. */
    static final String STANDARD_INPUT = "-";
    static final int CHUNK = 16_384;
    /**
     * Transactions stored at once, each on its own connection: while one's INSERTs run on the server, the other
     * binds its rows, so both of a small machine's cores work (one writer left a third of two cores idle).
     */
    static final int WRITERS = 2;

    private final Path vectors;
    private final Path namesFile;
    private final InputStream standardInput;
    private final int dimension;
    private final int chunkRows;
    private final long rows;

    /**
     * @param vectors       the file, or {@code -} for {@code standardInput}
     * @param standardInput read when {@code vectors} is {@code -}; never closed here
     */
    VectorImport(Path vectors, Path namesFile, int dimension, InputStream standardInput) throws IOException {
        this(vectors, namesFile, dimension, standardInput, CHUNK);
    }

    /** As above, in transactions of {@code chunkRows} faces (tests make them small to have many). */
    VectorImport(Path vectors, Path namesFile, int dimension, InputStream standardInput, int chunkRows) throws IOException {
        this.vectors = vectors;
        this.chunkRows = chunkRows;
        this.namesFile = namesFile;
        this.standardInput = standardInput;
        this.dimension = dimension;
        if (namesFile != null && !Files.isRegularFile(namesFile)) {
            throw new UserException("no such file: " + namesFile);
        }
        if (fromStandardInput()) {
            this.rows = -1;
            return;
        }
        if (!Files.isRegularFile(vectors)) {
            throw new UserException("no such file: " + vectors);
        }
        long rowBytes = (long) dimension * Float.BYTES;
        long size = Files.size(vectors);
        if (size == 0 || size % rowBytes != 0) {
            throw new UserException(String.format("%s: %,d bytes is not a whole number of %d-d float32 rows (%,d bytes each)",
                    vectors, size, dimension, rowBytes));
        }
        this.rows = size / rowBytes;
        if (namesFile != null) {
            long lines;
            try (Stream<String> names = Files.lines(namesFile, StandardCharsets.UTF_8)) {
                lines = names.count();
            }
            if (lines != rows) {
                throw new UserException(namesFile + " has " + lines + " lines but " + vectors + " holds " + rows + " vectors");
            }
        }
    }

    private boolean fromStandardInput() {
        return vectors.toString().equals(STANDARD_INPUT);
    }

    /** The rows' source; closing it leaves standard input open. */
    private InputStream open() throws IOException {
        if (!fromStandardInput()) {
            return Files.newInputStream(vectors);
        }
        return new FilterInputStream(standardInput) {
            @Override
            public void close() {
                // standard input belongs to the process
            }
        };
    }

    /** Rows in all, or -1 when reading standard input (not known until it ends). */
    long rows() {
        return rows;
    }

    /**
     * Stores every row as a face of {@code model}, skipping those already stored (a re-run after a kill) and those on
     * the do-not-collect list; {@code progress} is told the rows done so far (from one thread at a time).
     */
    FaceBulkInsert.Outcome run(DataSource dataSource, String model, LongConsumer progress) throws IOException, SQLException {
        String url = "vectors:" + (fromStandardInput() ? "stdin" : vectors.getFileName());
        int rowBytes = dimension * Float.BYTES;
        try (InputStream source = open();
                ReadAhead chunks = new ReadAhead(source, chunkRows * rowBytes, WRITERS + 1);
                BufferedReader names = namesFile == null ? null : Files.newBufferedReader(namesFile, StandardCharsets.UTF_8)) {
            Batches batches = new Batches(chunks, names, rowBytes, progress);
            List<Future<FaceBulkInsert.Outcome>> stored = new ArrayList<>();
            try (ExecutorService writers = Executors.newFixedThreadPool(WRITERS, Thread.ofPlatform().name("import-writer-", 1).factory())) {
                for (int w = 0; w < WRITERS; w++) {
                    stored.add(writers.submit(() -> store(batches, dataSource, model, url, rowBytes)));
                }
            }
            batches.rethrowFailure();
            FaceBulkInsert.Outcome total = new FaceBulkInsert.Outcome(0, 0, 0);
            for (Future<FaceBulkInsert.Outcome> writer : stored) {
                if (writer.state() == Future.State.FAILED && writer.exceptionNow() instanceof Error error) {
                    throw error;  // a writer catches every exception, so only an error ends one this way
                }
                total = total.plus(writer.resultNow());
            }
            batches.checkEnd();
            return total;
        }
    }

    /** One writer: stores batches until there are none left or a writer failed. */
    private static FaceBulkInsert.Outcome store(Batches batches, DataSource dataSource, String model, String url, int rowBytes) {
        FaceBulkInsert.Outcome outcome = new FaceBulkInsert.Outcome(0, 0, 0);
        try {
            for (Batch batch; (batch = batches.next()) != null; ) {
                try {
                    outcome = outcome.plus(FaceBulkInsert.insert(dataSource, model, SOURCE, url, batch.first, batch.ids,
                            batch.people, ByteBuffer.wrap(batch.chunk.bytes()).order(ByteOrder.LITTLE_ENDIAN), batch.ids.length,
                            rowBytes));
                } finally {
                    batches.release(batch);
                }
                batches.stored(batch.ids.length);
            }
        } catch (IOException | SQLException | RuntimeException e) {
            batches.fail(e);
        }
        return outcome;
    }

    /** Rows {@code first ..} of the input with their profile ids and names, in a chunk's buffer. */
    private record Batch(long first, String[] ids, String[] people, ReadAhead.Chunk chunk) {
    }

    /**
     * The input cut into batches of whole rows for the writers, each row with its line of the names file, in order;
     * the first failure of any writer, after which no batch is handed out; and the progress.
     */
    private final class Batches {
        private final ReadAhead chunks;
        private final BufferedReader names;
        private final int rowBytes;
        private final LongConsumer progress;
        private final String input = fromStandardInput() ? "standard input" : vectors.toString();
        private long rowsRead;
        private long rowsStored;
        /** Bytes of a row the input ended inside, once its last chunk is read. */
        private int partial = -1;
        private Exception failure;

        Batches(ReadAhead chunks, BufferedReader names, int rowBytes, LongConsumer progress) {
            this.chunks = chunks;
            this.names = names;
            this.rowBytes = rowBytes;
            this.progress = progress;
        }

        /** The next batch, or null once the input has ended or a writer has failed. */
        synchronized Batch next() throws IOException {
            while (failure == null && partial < 0) {
                ReadAhead.Chunk chunk = chunks.next();
                int count = chunk.length() / rowBytes;
                if (chunk.last()) {
                    partial = chunk.length() % rowBytes;
                }
                if (count == 0) {
                    chunks.release(chunk);
                    continue;
                }
                long first = rowsRead;
                String[] ids = new String[count];
                String[] people = new String[count];
                for (int i = 0; i < count; i++) {
                    long row = first + i;
                    String line = names == null ? null : names.readLine();
                    if (names != null && line == null) {
                        chunks.release(chunk);
                        throw new UserException(String.format("%s ended at line %,d, but %s holds more rows (the %,d "
                                + "rows before are stored)", namesFile, row, input, first));
                    }
                    int comma = line == null ? -1 : line.indexOf(',');
                    ids[i] = line == null ? Long.toString(row) : comma < 0 ? line : line.substring(0, comma);
                    people[i] = line == null ? "face " + row : comma < 0 ? line : line.substring(comma + 1);
                }
                rowsRead += count;
                return new Batch(first, ids, people, chunk);
            }
            return null;
        }

        void release(Batch batch) {
            chunks.release(batch.chunk);
        }

        synchronized void stored(int rows) {
            rowsStored += rows;
            progress.accept(rowsStored);
        }

        /** Records a writer's failure (the first one is thrown by {@link #rethrowFailure}); no batch is handed out after it. */
        synchronized void fail(Exception e) {
            if (failure == null) {
                failure = e;
            } else {
                failure.addSuppressed(e);
            }
        }

        synchronized void rethrowFailure() throws IOException, SQLException {
            switch (failure) {
                case null -> { }
                case IOException io -> throw io;
                case SQLException sql -> throw sql;
                case RuntimeException unchecked -> throw unchecked;
                default -> throw new IllegalStateException(failure);
            }
        }

        /** The checks at the end of a complete run: the input ends with a whole row, and the names with its last. */
        synchronized void checkEnd() throws IOException {
            if (partial != 0) {
                throw new UserException(String.format("%s ended inside row %,d: %,d of its %,d bytes (%d-d float32); "
                        + "the %,d complete rows before it are stored", input, rowsRead, partial, rowBytes, dimension, rowsRead));
            }
            if (names != null && names.readLine() != null) {
                throw new UserException(String.format("%s has more lines than the %,d rows of %s (the rows are "
                        + "stored)", namesFile, rowsRead, input));
            }
        }
    }
}
