package dev.renown.store;

import java.nio.file.Path;

/** Opens the store a JDBC URL names. */
public final class Stores {

    private Stores() {
    }

    /** Where the embedded default lives under a data directory. */
    public static String defaultUrl(Path dataDirectory) {
        return "jdbc:duckdb:" + dataDirectory.resolve("renown.duckdb").toAbsolutePath();
    }

    /**
     * Opens and migrates a store: {@code jdbc:duckdb:…} for DuckDB, {@code jdbc:postgresql:…} for
     * PostgreSQL.
     *
     * @throws IllegalArgumentException for any other URL
     */
    public static Store open(String url, String user, String password) {
        if (url.startsWith("jdbc:duckdb:")) {
            return DuckDbStore.open(url);
        }
        if (url.startsWith("jdbc:postgresql:")) {
            return PostgresStore.open(url, user, password);
        }
        throw new IllegalArgumentException("unsupported database URL '" + redact(url)
                + "': use jdbc:duckdb:/path/file.duckdb or jdbc:postgresql://host/db");
    }

    /** The URL without a password parameter, for messages and logs. */
    static String redact(String url) {
        return url.replaceAll("(?i)(password=)[^&;]*", "$1***");
    }
}
