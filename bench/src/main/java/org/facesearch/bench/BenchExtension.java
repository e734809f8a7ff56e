package org.facesearch.bench;

import org.facesearch.cli.CommandExtension;

/** Adds {@code facesearch bench} to the command line when this module's jar is on the class path. */
public final class BenchExtension implements CommandExtension {
    @Override
    public String name() {
        return "bench";
    }

    @Override
    public Object command() {
        return new BenchCommand();
    }
}
