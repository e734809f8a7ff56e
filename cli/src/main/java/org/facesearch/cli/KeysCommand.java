package org.facesearch.cli;

import java.util.List;
import org.facesearch.store.keys.ApiKeys;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code facesearch keys create|list|revoke}: the HTTP server's API keys. A key is printed once, at creation; the
 * database holds only its SHA-256 ({@link ApiKeys}).
 */
@Command(name = "keys", mixinStandardHelpOptions = true,
        description = {"API keys for the HTTP server (header X-API-Key).",
                "admin keys may delete and forget (DELETE /api/profiles/{id}, /api/forget) and search; search keys may "
                        + "search and read. Search needs a key only with http.require-key=true."},
        subcommands = {KeysCommand.Create.class, KeysCommand.ListKeys.class, KeysCommand.Revoke.class})
final class KeysCommand {

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Create a key and print it. It is shown only now: the database keeps only a hash of it.",
            footer = {"", "Example:  facesearch keys create --role admin --label 'privacy desk'"})
    static final class Create extends ContextCommand {
        @Option(names = "--role", paramLabel = "ROLE", required = true, description = "admin or search.")
        String role;

        @Option(names = "--label", paramLabel = "TEXT", defaultValue = "", description = "What the key is for (shown by 'keys list').")
        String label;

        @Override
        protected int run(CliContext context) {
            ApiKeys.Role parsed;
            try {
                parsed = ApiKeys.Role.of(role.strip());
            } catch (IllegalArgumentException e) {
                throw new UserException("--role must be admin or search, got '" + role + "'");
            }
            ApiKeys.Created created = ApiKeys.create(context.database().dsl(), parsed, label);
            out().printf("key %d (%s): %s%n", created.id(), parsed.column(), created.key());
            out().println("store it now: it is not shown again (send it as the X-API-Key header)");
            return FaceSearchCommand.EXIT_OK;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the keys (never the keys themselves).")
    static final class ListKeys extends ContextCommand {
        @Override
        protected int run(CliContext context) {
            List<ApiKeys.Listed> keys = ApiKeys.list(context.database().dsl());
            if (keys.isEmpty()) {
                out().println("no API keys; create one with 'facesearch keys create --role admin|search'");
            }
            for (ApiKeys.Listed k : keys) {
                out().printf("%4d  %-6s  created %s  %-28s  %s%n", k.id(), k.role().column(), k.createdAt(),
                        k.revokedAt() == null ? "active" : "revoked " + k.revokedAt(), k.label());
            }
            return FaceSearchCommand.EXIT_OK;
        }
    }

    @Command(name = "revoke", mixinStandardHelpOptions = true, description = "Revoke a key: it stops working at once.",
            footer = {"", "Example:  facesearch keys revoke 3"})
    static final class Revoke extends ContextCommand {
        @Parameters(paramLabel = "ID", description = "The key's id, as 'keys list' shows it.")
        long id;

        @Override
        protected int run(CliContext context) {
            if (!ApiKeys.revoke(context.database().dsl(), id)) {
                throw new UserException("no active key " + id + " (see 'facesearch keys list')");
            }
            out().printf("key %d revoked%n", id);
            return FaceSearchCommand.EXIT_OK;
        }
    }
}
