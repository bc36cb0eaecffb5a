package dev.renown.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.ResultSet;
import java.util.Locale;

/** File formats of exports, read and written with DuckDB, which does Parquet natively. */
final class Exports {

    private Exports() {
    }

    /** DuckDB's COPY options for a file name: Parquet or CSV with a header. */
    static String format(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".parquet")) {
            return "FORMAT PARQUET";
        }
        if (name.endsWith(".csv")) {
            return "FORMAT CSV, HEADER";
        }
        throw new IllegalArgumentException(file + ": export to .parquet or .csv");
    }

    /** A path as a SQL string literal's content. */
    static String quote(Path file) {
        return file.toAbsolutePath().toString().replace("'", "''");
    }

    /** Rows in an exported file. */
    static long count(Connection duckdb, Path file) throws SQLException {
        String reader = file.toString().toLowerCase(Locale.ROOT).endsWith(".parquet") ? "read_parquet" : "read_csv_auto";
        try (Statement s = duckdb.createStatement();
             ResultSet r = s.executeQuery("SELECT COUNT(*) FROM " + reader + "('" + quote(file) + "')")) {
            r.next();
            return r.getLong(1);
        }
    }
}
