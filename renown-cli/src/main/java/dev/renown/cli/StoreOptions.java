package dev.renown.cli;

import dev.renown.store.Store;
import dev.renown.store.Stores;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * Which database to use: {@code --db}, else {@code RENOWN_DB_URL}, else {@code db.url} in the
 * configuration file ({@code --config}, or {@code renown.properties} in the working directory),
 * else the embedded default, {@code renown-data/renown.duckdb} under the Renown home. A
 * password comes from the URL, {@code RENOWN_DB_PASSWORD} or {@code db.password} — never from
 * the command line, where other users could see it.
 */
final class StoreOptions {

    static final String DEFAULT_FILE = "renown-data/renown.duckdb";

    @Option(names = "--db", paramLabel = "JDBC_URL",
            description = "Database: jdbc:duckdb:FILE or jdbc:postgresql://HOST/DB (default: " + DEFAULT_FILE
                    + " under the Renown home; also RENOWN_DB_URL, or db.url in renown.properties).")
    String url;

    @Option(names = "--config", paramLabel = "FILE",
            description = "Configuration file with db.url, db.user, db.password (default: renown.properties if present).")
    Path config;

    /** Opens the store, migrating it if needed. */
    Store open() throws IOException {
        Properties p = properties();
        String jdbc = url != null ? url : env("RENOWN_DB_URL", p.getProperty("db.url"));
        if (jdbc == null) {
            jdbc = "jdbc:duckdb:" + home().resolve(DEFAULT_FILE).toAbsolutePath().normalize();
        }
        String user = env("RENOWN_DB_USER", p.getProperty("db.user"));
        String password = env("RENOWN_DB_PASSWORD", p.getProperty("db.password"));
        return Stores.open(jdbc, user, password);
    }

    private static String env(String name, String otherwise) {
        String value = System.getenv(name);
        return value != null && !value.isBlank() ? value : otherwise;
    }

    private Properties properties() throws IOException {
        Path file = config != null ? config : Path.of("renown.properties");
        Properties p = new Properties();
        if (config != null && !Files.isReadable(file)) {
            throw new IOException(file + ": configuration file not found or not readable");
        }
        if (Files.isReadable(file)) {
            try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                p.load(r);
            }
        }
        return p;
    }

    /** The Renown home: where {@code ./renown} lives, or the working directory. */
    static Path home() {
        return Path.of(System.getProperty("renown.home", "."));
    }
}
