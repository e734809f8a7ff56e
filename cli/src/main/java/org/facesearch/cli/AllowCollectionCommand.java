package org.facesearch.cli;

import org.facesearch.store.privacy.DoNotCollect;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code facesearch allow-collection SOURCE:ID}: takes one entry off the do-not-collect list, the one explicit way
 * to undo that part of a {@code forget} (what the forget removed stays removed).
 */
@Command(name = "allow-collection", mixinStandardHelpOptions = true,
        description = {"Take a person off the do-not-collect list, so later crawls and imports may store them again.",
                "Only for a person who asked for it: 'facesearch forget' put them there. Nothing removed is restored."},
        footer = {"", "Example:  facesearch allow-collection vk:123        ('facesearch forget --list' shows the list)"})
final class AllowCollectionCommand extends ContextCommand {
    @Parameters(paramLabel = "ENTRY", description = "The entry as 'forget --list' prints it: vk:ID or SOURCE:ID.")
    String entry;

    @Override
    protected int run(CliContext context) {
        PersonName name = PersonName.parse(entry);
        if (name.profileId().isPresent()) {
            throw new UserException("the list holds SOURCE:ID entries (e.g. vk:123), not profile ids: see 'facesearch forget --list'");
        }
        if (!DoNotCollect.remove(context.database().dsl(), name.source(), name.externalId())) {
            throw new UserException(name + " is not on the do-not-collect list");
        }
        out().printf("%s is off the do-not-collect list: later crawls and imports may store it again%n", name);
        return FaceSearchCommand.EXIT_OK;
    }
}
