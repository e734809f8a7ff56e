package org.facesearch.cli;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.SQLException;
import java.util.List;
import java.util.function.LongConsumer;
import javax.sql.DataSource;
import org.facesearch.store.faces.FaceBulkInsert;

/**
 * {@code facesearch import --vectors FILE}: faces whose embeddings are already known, read as float32
 * little-endian rows of the model's dimension, with an optional names file ({@code id,name} per line, the same
 * order), stored through {@link FaceBulkInsert} in transactions of {@value #CHUNK} faces under the source
 * {@value #SOURCE}. Without names a face's id and name are its row number. The id is the face's profile
 * {@code (vectors, id)}: a row whose id is stored already is skipped (so a re-run after a kill completes the import
 * without duplicates), and so is a row whose id is on the do-not-collect list.
 */
final class VectorImport {
    static final String SOURCE = "vectors";
    private static final int CHUNK = 16_384;

    private final Path vectors;
    private final List<String> names;
    private final int dimension;
    private final long rows;

    VectorImport(Path vectors, Path namesFile, int dimension) throws IOException {
        if (!Files.isRegularFile(vectors)) {
            throw new UserException("no such file: " + vectors);
        }
        long rowBytes = (long) dimension * Float.BYTES;
        long size = Files.size(vectors);
        if (size == 0 || size % rowBytes != 0) {
            throw new UserException(String.format("%s: %,d bytes is not a whole number of %d-d float32 rows (%,d bytes each)",
                    vectors, size, dimension, rowBytes));
        }
        this.vectors = vectors;
        this.dimension = dimension;
        this.rows = size / rowBytes;
        if (namesFile != null) {
            if (!Files.isRegularFile(namesFile)) {
                throw new UserException("no such file: " + namesFile);
            }
            this.names = Files.readAllLines(namesFile, StandardCharsets.UTF_8);
            if (names.size() != rows) {
                throw new UserException(namesFile + " has " + names.size() + " lines but " + vectors + " holds " + rows + " vectors");
            }
        } else {
            this.names = null;
        }
    }

    long rows() {
        return rows;
    }

    /**
     * Stores every row as a face of {@code model}, skipping those already stored (a re-run after a kill) and those on
     * the do-not-collect list; {@code progress} is told the rows done so far.
     */
    FaceBulkInsert.Outcome run(DataSource dataSource, String model, LongConsumer progress) throws IOException, SQLException {
        String url = "vectors:" + vectors.getFileName();
        int rowBytes = dimension * Float.BYTES;
        FaceBulkInsert.Outcome total = new FaceBulkInsert.Outcome(0, 0, 0);
        try (FileChannel channel = FileChannel.open(vectors, StandardOpenOption.READ)) {
            ByteBuffer buffer = ByteBuffer.allocate(CHUNK * rowBytes).order(ByteOrder.LITTLE_ENDIAN);
            for (long first = 0; first < rows; first += CHUNK) {
                int count = (int) Math.min(CHUNK, rows - first);
                buffer.clear().limit(count * rowBytes);
                while (buffer.hasRemaining()) {
                    if (channel.read(buffer, first * rowBytes + buffer.position()) < 0) {
                        throw new IOException(vectors + " ended early");
                    }
                }
                String[] ids = new String[count];
                String[] people = new String[count];
                for (int i = 0; i < count; i++) {
                    long row = first + i;
                    String line = names == null ? null : names.get((int) row);
                    int comma = line == null ? -1 : line.indexOf(',');
                    ids[i] = line == null ? Long.toString(row) : comma < 0 ? line : line.substring(0, comma);
                    people[i] = line == null ? "face " + row : comma < 0 ? line : line.substring(comma + 1);
                }
                total = total.plus(FaceBulkInsert.insert(dataSource, model, SOURCE, url, first, ids, people, buffer, count, rowBytes));
                progress.accept(first + count);
            }
        }
        return total;
    }
}
