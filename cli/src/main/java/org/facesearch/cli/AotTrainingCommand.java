package org.facesearch.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariConfig;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import org.facesearch.index.ScanWarmUp;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import javax.imageio.ImageIO;
import org.facesearch.faces.ImageDecoder;
import org.flywaydb.core.Flyway;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.jooq.tools.jdbc.MockConnection;
import org.jooq.tools.jdbc.MockDataProvider;
import org.jooq.tools.jdbc.MockResult;
import org.tensorflow.TensorFlow;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The training run of the JDK's ahead-of-time cache ({@code bin/build} runs it once after packaging, with
 * {@code -XX:AOTCacheOutput}; {@code bin/facesearch} then starts with {@code -XX:AOTCache}). It touches what a
 * one-shot command loads before its real work (picocli and every command's help, configuration, logging, Jackson,
 * jOOQ (on its mock connection), the MySQL driver (up to a refused connection), HikariCP, Flyway's set-up, image decoding, TensorFlow's Java classes and native library,
 * and the search after the database: a code file mapped, scanned and re-ranked), so those
 * classes come loaded and linked from the cache instead of from 99 jars. It needs no database, model or network.
 */
@Command(name = "aot-training", hidden = true, description = "Training run for the start-up cache (bin/build runs it).")
final class AotTrainingCommand extends ContextCommand {
    @Override
    protected int run(CliContext context) throws Exception {
        PrintWriter sink = new PrintWriter(new StringWriter());
        CommandLine root = spec.root().commandLine();
        root.usage(sink);
        root.getSubcommands().values().forEach(command -> command.usage(sink));
        sink.println(context.config().home());
        sink.println(new ObjectMapper().writeValueAsString(Map.of("faces", 1)));
        sink.println(DSL.using(SQLDialect.MYSQL).selectOne().getSQL());
        sink.println(new HikariConfig().getMaximumPoolSize());
        try (Connection refused = DriverManager.getConnection("jdbc:mysql://127.0.0.1:1/facesearch?connectTimeout=500", "root", "")) {
            sink.println(refused);
        } catch (SQLException expected) {
            sink.println(expected.getMessage());  // the driver's connection path is loaded either way
        }
        sink.println(Flyway.configure().locations("classpath:db/migration").loggers("slf4j").load().getConfiguration());
        MockDataProvider empty = query -> new MockResult[] {new MockResult(0, DSL.using(SQLDialect.MYSQL).newResult())};
        sink.println(DSL.using(new MockConnection(empty), SQLDialect.MYSQL).fetch("select 1"));
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB), "png", png);
        sink.println(ImageDecoder.decode(png.toByteArray()).width());
        sink.println(TensorFlow.version());
        sink.println(ScanWarmUp.run(Files.createDirectories(context.config().home()), 1024, 1, () -> false));
        return FaceSearchCommand.EXIT_OK;
    }
}
