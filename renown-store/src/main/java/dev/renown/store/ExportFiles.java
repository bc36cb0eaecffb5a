package dev.renown.store;

import dev.renown.core.event.Interaction;
import dev.renown.core.event.InteractionKind;
import dev.renown.core.event.InteractionSink;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Reads files written by {@link Store#export} back as interactions — the interchange format
 * between stores, and the input of the Spark runner. Parquet and CSV are read with an in-memory
 * DuckDB.
 */
public final class ExportFiles {

    private ExportFiles() {
    }

    /**
     * Sends every interaction of an exported file to the sink, in the file's order.
     *
     * @return how many were read
     */
    public static long readInteractions(Path file, InteractionSink sink) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString());
        }
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        String reader = name.endsWith(".parquet") ? "read_parquet" : name.endsWith(".csv") ? "read_csv_auto" : null;
        if (reader == null) {
            throw new IOException(file + ": import reads .parquet or .csv files written by renown export");
        }
        long count = 0;
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:"); Statement s = duck.createStatement();
             ResultSet r = s.executeQuery("SELECT event_id, network, kind, actor, target, time_ms, post_id, "
                     + "target_post_id, hashtags, text FROM " + reader + "('" + Exports.quote(file) + "')")) {
            while (r.next()) {
                String tags = r.getString(9);
                List<String> hashtags = tags == null || tags.isEmpty() ? List.of() : Arrays.asList(tags.split(" "));
                sink.accept(new Interaction(r.getString(1), r.getString(2), InteractionKind.parse(r.getString(3)),
                        r.getString(4), r.getString(5), r.getLong(6), r.getString(7), r.getString(8), r.getString(10),
                        hashtags));
                count++;
            }
        } catch (SQLException e) {
            throw new IOException(file + ": not an export of interactions: " + e.getMessage(), e);
        }
        return count;
    }
}
