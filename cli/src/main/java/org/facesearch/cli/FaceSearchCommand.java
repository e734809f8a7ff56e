package org.facesearch.cli;

import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The root command {@code facesearch}. Options declared here are inherited by every subcommand, so they may
 * be written before or after its name ({@code facesearch --home /data search x.jpg} or
 * {@code facesearch search x.jpg --home /data}).
 *
 * <p>Exit codes: {@value #EXIT_OK} success, {@value #EXIT_FAILURE} failure (the message says why),
 * {@value #EXIT_USAGE} usage or configuration error.
 */
@Command(name = "facesearch",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        sortOptions = false,
        header = "Find a person's face among tens of millions.",
        description = {
                "Crawls VK profile photos (or imports a local gallery), turns every face into a vector, stores "
                        + "them in MySQL with a k-means cluster id, and finds the 10 nearest faces for a photo.",
                "",
                "With no database configured, facesearch runs its own embedded MariaDB under the data directory. "
                        + "Configuration: --config FILE, else HOME/facesearch.properties; every key can be overridden by "
                        + "an environment variable (FACESEARCH_DB_URL, FACESEARCH_HOME, ...). See 'facesearch config'.",
                ""},
        footer = {"", "Exit codes: 0 ok, 1 failure, 2 usage or configuration error.",
                "Example:  facesearch db migrate && facesearch search me.jpg"},
        subcommands = {CrawlCommand.class, ImportCommand.class, SearchCommand.class, ServeCommand.class, ReclusterCommand.class,
                ClustersCommand.class, FacesCommand.class, CompareCommand.class, ForgetCommand.class,
                AllowCollectionCommand.class, KeysCommand.class, DemoCommand.class, DbCommand.class,
                ConfigCommand.class, CommandLine.HelpCommand.class, AotTrainingCommand.class})
public final class FaceSearchCommand {
    public static final int EXIT_OK = 0;
    public static final int EXIT_FAILURE = 1;
    public static final int EXIT_USAGE = 2;

    @Option(names = "--config", paramLabel = "FILE", scope = ScopeType.INHERIT,
            description = "Configuration file (default: HOME/facesearch.properties if it exists).")
    Path configFile;

    @Option(names = "--home", paramLabel = "DIR", scope = ScopeType.INHERIT,
            description = "Data directory: embedded database, models, caches (default: ~/.facesearch; env FACESEARCH_HOME).")
    Path home;

    @Option(names = "--db-url", paramLabel = "JDBC_URL", scope = ScopeType.INHERIT,
            description = "MySQL/MariaDB JDBC URL, e.g. jdbc:mysql://localhost:3306/vk_db (default: the embedded database).")
    String dbUrl;

    @Option(names = {"-v", "--verbose"}, scope = ScopeType.INHERIT,
            description = "Show debug logs and stack traces.")
    boolean verbose;
}
