package org.facesearch.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The account facesearch uses on its embedded server: user {@value #USER} at 127.0.0.1 with a random password
 * generated at the first start and kept in {@code HOME/db/credentials} (mode 0600). Without it a connection is
 * refused, so another local account cannot read the faces; every facesearch process of the same OS user reads it.
 * The server is told the password at each start through an init file ({@link #initSql()}), which also removes
 * accounts that would let anyone in without one.
 */
record EmbeddedCredentials(String password) {
    static final String USER = "facesearch";
    private static final String FILE = "credentials";

    /** Reads the password kept in {@code dir}, generating and keeping one on the first call. */
    static EmbeddedCredentials in(Path dir) throws IOException {
        Path file = dir.resolve(FILE);
        if (Files.isRegularFile(file)) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            return new EmbeddedCredentials(Files.readString(file).strip());
        }
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        String password = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        PrivateFiles.write(file, password + "\n");
        return new EmbeddedCredentials(password);
    }

    /**
     * Run by the server at start with all privileges: the account with the current password, and no account that
     * needs none (MariaDB's installer leaves root reachable only through the socket in the private directory).
     */
    String initSql() {
        String account = "'" + USER + "'@'127.0.0.1'";
        return "CREATE USER IF NOT EXISTS " + account + " IDENTIFIED BY '" + password + "';\n"
                + "ALTER USER " + account + " IDENTIFIED BY '" + password + "';\n"
                + "GRANT ALL PRIVILEGES ON *.* TO " + account + " WITH GRANT OPTION;\n"
                + "DROP USER IF EXISTS ''@'localhost';\n"
                + "DROP USER IF EXISTS ''@'127.0.0.1';\n"
                + "DROP USER IF EXISTS 'root'@'127.0.0.1';\n"
                + "DROP USER IF EXISTS 'root'@'::1';\n"
                + "FLUSH PRIVILEGES;\n";
    }

    @Override
    public String toString() {
        return "EmbeddedCredentials[user=" + USER + ", password=****]";
    }
}
