package org.facesearch.cli;

/**
 * A subcommand of {@code facesearch} that ships outside the product's jar, found with {@link java.util.ServiceLoader}
 * when its jar is on the class path (the {@code bench} module's benchmarks: {@code bin/facesearch} adds them when
 * they are built). The product never depends on an extension.
 */
public interface CommandExtension {
    /** The subcommand's name, e.g. {@code bench}. */
    String name();

    /** A picocli command object (annotated with {@code @Command}). */
    Object command();
}
