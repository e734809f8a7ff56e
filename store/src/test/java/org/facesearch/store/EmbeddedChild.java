package org.facesearch.store;

import java.nio.file.Path;

/**
 * A second facesearch-like process for {@link EmbeddedDatabaseTest}: opens the embedded database in
 * {@code args[0]} (starting it or attaching), prints {@code owned=BOOLEAN rows=N} (rows of {@code crawl_state}),
 * then either exits ({@code args[1]} = {@code once}) or prints {@code ready} and waits to be killed ({@code hold}).
 */
public final class EmbeddedChild {
    private EmbeddedChild() {
    }

    public static void main(String[] args) throws Exception {
        EmbeddedDatabase server = EmbeddedDatabase.startOrAttach(Path.of(args[0]));
        try (Database db = Database.connect(server.settings(2), server)) {
            System.out.println("owned=" + server.owned() + " rows=" + db.dsl().fetchCount(db.dsl().selectFrom("crawl_state")));
            if ("hold".equals(args[1])) {
                System.out.println("ready");
                System.out.flush();
                Thread.sleep(Long.MAX_VALUE);
            }
        }
    }
}
