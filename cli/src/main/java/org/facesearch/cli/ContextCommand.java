package org.facesearch.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * Base of every subcommand that needs the configuration or the database: builds the {@link CliContext}
 * from the root command's inherited options and closes it when the command ends (also on Ctrl-C).
 * Subclasses implement {@link #run(CliContext)} and return an exit code.
 */
public abstract class ContextCommand implements Callable<Integer> {
    @Spec
    protected CommandSpec spec;

    protected abstract int run(CliContext context) throws Exception;

    @Override
    public final Integer call() throws Exception {
        FaceSearchCommand root = (FaceSearchCommand) spec.root().userObject();
        CliContext context = new CliContext(root, System.getenv());
        Thread hook = new Thread(context::close, "facesearch-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            return run(context);
        } catch (RuntimeException e) {
            throw context.explain(e);
        } finally {
            context.close();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException alreadyShuttingDown) {
                // the hook is running or ran: nothing to remove
            }
        }
    }

    /** Where commands print results (picocli's writer, so tests can capture it). */
    protected java.io.PrintWriter out() {
        return spec.commandLine().getOut();
    }
}
