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
import java.util.function.LongConsumer;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.facesearch.store.faces.FaceBulkInsert;

/**
 * {@code facesearch import --vectors FILE}: faces whose embeddings are already known, read as float32
 * little-endian rows of the model's dimension from a file or, with {@code -}, from standard input (a pipe from
 * another tool or a generator: 10M x 1024-d is 41 GB, more than the disk beside the database may hold), with an
 * optional names file ({@code id,name} per line, the same order, read line by line in step with the rows), stored
 * through {@link FaceBulkInsert} in transactions of {@value #CHUNK} faces under the source {@value #SOURCE}. Rows
 * are streamed: one transaction's rows are in memory, and the next transaction's are read meanwhile
 * ({@link ReadAhead}, so that a tool writing the pipe is not stopped while a transaction is stored). Without names
 * a face's id and name are its row number. The id is the face's profile {@code (vectors, id)}: a row whose id is
 * stored already is skipped (so a re-run after a kill completes the import without duplicates), and so is a row
 * whose id is on the do-not-collect list. Input that ends inside a row is an error, reported after the complete rows before it are stored.
 */
final class VectorImport {
    static final String SOURCE = "vectors";
    /** The {@code --vectors} value that means standard input. */
    static final String STANDARD_INPUT = "-";
    private static final int CHUNK = 16_384;

    private final Path vectors;
    private final Path namesFile;
    private final InputStream standardInput;
    private final int dimension;
    private final long rows;

    /**
     * @param vectors       the file, or {@code -} for {@code standardInput}
     * @param standardInput read when {@code vectors} is {@code -}; never closed here
     */
    VectorImport(Path vectors, Path namesFile, int dimension, InputStream standardInput) throws IOException {
        this.vectors = vectors;
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
     * the do-not-collect list; {@code progress} is told the rows done so far.
     */
    FaceBulkInsert.Outcome run(DataSource dataSource, String model, LongConsumer progress) throws IOException, SQLException {
        String input = fromStandardInput() ? "standard input" : vectors.toString();
        String url = "vectors:" + (fromStandardInput() ? "stdin" : vectors.getFileName());
        int rowBytes = dimension * Float.BYTES;
        FaceBulkInsert.Outcome total = new FaceBulkInsert.Outcome(0, 0, 0);
        try (InputStream source = open();
                ReadAhead chunks = new ReadAhead(source, CHUNK * rowBytes);
                BufferedReader names = namesFile == null ? null : Files.newBufferedReader(namesFile, StandardCharsets.UTF_8)) {
            long first = 0;
            while (true) {
                ReadAhead.Chunk chunk = chunks.next();
                int bytes = chunk.length();
                int count = bytes / rowBytes;
                if (count > 0) {
                    String[] ids = new String[count];
                    String[] people = new String[count];
                    for (int i = 0; i < count; i++) {
                        long row = first + i;
                        String line = names == null ? null : names.readLine();
                        if (names != null && line == null) {
                            throw new UserException(String.format("%s ended at line %,d, but %s holds more rows (the %,d "
                                    + "rows before are stored)", namesFile, row, input, first));
                        }
                        int comma = line == null ? -1 : line.indexOf(',');
                        ids[i] = line == null ? Long.toString(row) : comma < 0 ? line : line.substring(0, comma);
                        people[i] = line == null ? "face " + row : comma < 0 ? line : line.substring(comma + 1);
                    }
                    total = total.plus(FaceBulkInsert.insert(dataSource, model, SOURCE, url, first, ids, people,
                            ByteBuffer.wrap(chunk.bytes()).order(ByteOrder.LITTLE_ENDIAN), count, rowBytes));
                    first += count;
                    progress.accept(first);
                }
                if (chunk.last()) {
                    int partial = bytes % rowBytes;
                    if (partial != 0) {
                        throw new UserException(String.format("%s ended inside row %,d: %,d of its %,d bytes (%d-d float32); "
                                + "the %,d complete rows before it are stored", input, first, partial, rowBytes, dimension, first));
                    }
                    if (names != null && names.readLine() != null) {
                        throw new UserException(String.format("%s has more lines than the %,d rows of %s (the rows are "
                                + "stored)", namesFile, first, input));
                    }
                    return total;
                }
            }
        }
    }
}
