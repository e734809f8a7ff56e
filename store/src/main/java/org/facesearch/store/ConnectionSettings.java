package org.facesearch.store;

/**
 * How to reach a MySQL or MariaDB database. {@link #toString()} never shows the password.
 *
 * @param url JDBC URL, e.g. {@code jdbc:mysql://localhost:3306/vk_db}
 */
public record ConnectionSettings(String url, String user, String password, int poolSize) {
    @Override
    public String toString() {
        return "ConnectionSettings[url=" + url + ", user=" + user + ", password=****, poolSize=" + poolSize + "]";
    }
}
