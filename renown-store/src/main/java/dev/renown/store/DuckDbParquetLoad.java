package dev.renown.store;

import dev.renown.core.event.EventTableBuilder;
import dev.renown.core.event.InteractionKind;
import org.duckdb.DuckDBColumnType;
import org.duckdb.DuckDBFunctions;
import org.duckdb.DuckDBReadableVector;
import it.unimi.dsi.fastutil.longs.LongOpenHashSet;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@link Store#loadParquet} on DuckDB: the file never passes through Java row by row. DuckDB
 * reads the Parquet columns it needs, in parallel; a scalar function registered from Java gives
 * each event id its key ({@link EventTableBuilder#fingerprint64}, the key every ingest stores),
 * and a few statements do the rest in one transaction:
 * <ol>
 *   <li>the rows that fail a check (the first failing of: event id, network, actor, target,
 *       kind, time, time beyond the bound) go to the caller's rejects with their row numbers;</li>
 *   <li>a pass over the valid rows' keys finds the rows that repeat an earlier row's key;</li>
 *   <li>the others are appended to {@code interactions}, but for keys stored already, by a scan
 *       of the file filtered with scalar functions (the repeated rows are a Java set behind a
 *       registered function, not a join), which keeps the file's order: the table's insertion
 *       order — the order {@link JdbcStore#load} reads — is the file's, as after a
 *       record-by-record ingest;</li>
 *   <li>the accounts the new rows name that are not stored yet are added, and the file's
 *       progress is recorded complete.</li>
 * </ol>
 * Kinds are parsed by {@link InteractionKind#parse}, once per distinct spelling in the file.
 */
final class DuckDbParquetLoad {

    static final String KEY_FUNCTION = "renown_event_key";
    static final String REPEAT_FUNCTION = "renown_repeated_row";

    private DuckDbParquetLoad() {
    }

    /**
     * Registers {@link #KEY_FUNCTION} and {@link #REPEAT_FUNCTION} on the database behind {@code c}
     * (once per database); the second answers whether a row number is in {@code repeated}, the
     * set the load in progress fills (loads on one database run one at a time).
     */
    static void registerFunctions(Connection c, LongOpenHashSet repeated) throws SQLException {
        DuckDBFunctions.scalarFunction()
                .withName(REPEAT_FUNCTION)
                .withParameter(DuckDBColumnType.BIGINT)
                .withReturnType(DuckDBColumnType.BOOLEAN)
                .withVectorizedFunction((in, out) -> {
                    DuckDBReadableVector rows = in.vector(0);
                    for (long i = 0, n = in.rowCount(); i < n; i++) {
                        out.setBoolean(i, repeated.contains(rows.getLong(i)));
                    }
                })
                .register(c);
        DuckDBFunctions.scalarFunction()
                .withName(KEY_FUNCTION)
                .withParameter(DuckDBColumnType.VARCHAR)
                .withReturnType(DuckDBColumnType.BIGINT)
                .withVectorizedFunction((in, out) -> {
                    DuckDBReadableVector ids = in.vector(0);
                    for (long i = 0, n = in.rowCount(); i < n; i++) {
                        if (ids.isNull(i)) {
                            out.setNull(i);
                        } else {
                            out.setLong(i, EventTableBuilder.fingerprint64(ids.getString(i)));
                        }
                    }
                })
                .register(c);
    }

    static IngestResult load(Connection c, LongOpenHashSet repeated, Path file, String sourceKey, long runId,
                             long latestMillis, Store.RowRejects rejects) throws IOException, SQLException {
        String source = "read_parquet('" + Exports.quote(file) + "', file_row_number = true)";
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            String kind = kindCase(s, source, file);
            String bad = "CASE WHEN " + blank("event_id") + " THEN 'event_id' WHEN " + blank("network")
                    + " THEN 'network' WHEN contains(network, ':') THEN 'network:' WHEN " + blank("actor")
                    + " THEN 'actor' WHEN " + blank("target") + " THEN 'target' WHEN " + kind + " IS NULL THEN 'kind' "
                    + "WHEN time_ms IS NULL THEN 'time_ms' WHEN time_ms > " + latestMillis + " THEN 'future' END";
            long records = count(s, "SELECT COUNT(*) FROM " + source);
            long rejected = reportRejects(s, source, bad, latestMillis, rejects);
            long start = count(s, "SELECT COALESCE(MAX(rowid) + 1, 0) FROM interactions");
            // The rows that repeat an earlier row's key: a pass over the keys alone.
            s.execute("CREATE OR REPLACE TEMP TABLE bulk_keys AS SELECT " + KEY_FUNCTION + "(event_id) AS k, "
                    + "file_row_number AS row_no FROM " + source + " WHERE " + bad + " IS NULL");
            repeated.clear();
            try (ResultSet r = s.executeQuery("SELECT b.row_no FROM bulk_keys b JOIN (SELECT k, min(row_no) AS first "
                    + "FROM bulk_keys GROUP BY k HAVING COUNT(*) > 1) d ON d.k = b.k WHERE b.row_no <> d.first")) {
                while (r.next()) {
                    repeated.add(r.getLong(1));
                }
            }
            s.execute("DROP TABLE bulk_keys");
            // A scan of the file filtered by scalar functions only, no join, keeps the file's order
            // into the table without sorting.
            long inserted = s.executeUpdate("INSERT INTO interactions (" + JdbcStore.INTERACTION_COLUMNS + ") "
                    + "SELECT k, event_id, network, " + kind + ", actor, target, time_ms, post_id, target_post_id, "
                    + "hashtags, text FROM (SELECT " + KEY_FUNCTION + "(event_id) AS k, * FROM " + source + " WHERE "
                    + bad + " IS NULL AND NOT " + REPEAT_FUNCTION + "(file_row_number))"
                    + (start > 0 ? " WHERE k NOT IN (SELECT event_key FROM interactions)" : ""));
            repeated.clear();
            s.execute("INSERT INTO accounts (network, account_id) SELECT network, account FROM ("
                    + "SELECT network, actor AS account FROM interactions WHERE rowid >= " + start
                    + " UNION SELECT network, target FROM interactions WHERE rowid >= " + start + ") n "
                    + "WHERE NOT EXISTS (SELECT 1 FROM accounts a WHERE a.network = n.network "
                    + "AND a.account_id = n.account)");
            try (PreparedStatement p = c.prepareStatement("DELETE FROM ingest_progress WHERE source_key = ?")) {
                p.setString(1, sourceKey);
                p.executeUpdate();
            }
            try (PreparedStatement p = c.prepareStatement("INSERT INTO ingest_progress (source_key, description, "
                    + "records_done, completed, run_id) VALUES (?, ?, ?, TRUE, ?)")) {
                p.setString(1, sourceKey);
                p.setString(2, file.toString());
                p.setLong(3, records);
                p.setLong(4, runId);
                p.executeUpdate();
            }
            c.commit();
            return new IngestResult(records - rejected, 0, inserted, records - rejected - inserted, 0);
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(autoCommit);
        }
    }

    /**
     * A {@code CASE} that turns each spelling of a kind in the file into the stored one, as
     * {@link InteractionKind#parse} reads it; a spelling it does not know becomes null.
     */
    private static String kindCase(Statement s, String source, Path file) throws IOException, SQLException {
        Map<String, String> stored = new LinkedHashMap<>();
        try (ResultSet r = s.executeQuery("SELECT DISTINCT kind FROM " + source + " WHERE kind IS NOT NULL")) {
            while (r.next()) {
                String spelling = r.getString(1);
                try {
                    stored.put(spelling, InteractionKind.parse(spelling).wireName());
                } catch (IllegalArgumentException e) {
                    // left out: the row is rejected
                }
            }
        } catch (SQLException e) {
            throw new IOException(file + ": not an export of interactions: " + e.getMessage(), e);
        }
        StringBuilder sql = new StringBuilder("CASE kind");
        stored.forEach((spelling, wire) -> sql.append(" WHEN ").append(literal(spelling)).append(" THEN ")
                .append(literal(wire)));
        return stored.isEmpty() ? "CAST(NULL AS VARCHAR)" : sql.append(" END").toString();
    }

    /** Sends the rows that fail a check to {@code rejects}; returns how many. */
    private static long reportRejects(Statement s, String source, String bad, long latestMillis,
                                      Store.RowRejects rejects) throws SQLException {
        long count = 0;
        try (ResultSet r = s.executeQuery("SELECT row_no, bad, time_ms, record FROM (SELECT file_row_number + 1 AS "
                + "row_no, " + bad + " AS bad, time_ms, to_json(struct_pack(event_id, network, kind, actor, target, "
                + "time_ms, post_id, target_post_id, hashtags, text)) AS record FROM " + source + ") "
                + "WHERE bad IS NOT NULL ORDER BY row_no")) {
            while (r.next()) {
                String check = r.getString(2);
                long row = r.getLong(1);
                String record = r.getString(4);
                switch (check) {
                    case "future" -> rejects.reject(row, "time_ms", "future-time", "time "
                            + Instant.ofEpochMilli(r.getLong(3)) + " is after the latest accepted, "
                            + Instant.ofEpochMilli(latestMillis) + " (the clock plus the skew)", record);
                    case "network:" -> rejects.reject(row, "network", "invalid-value",
                            "network name must be non-blank without ':'", record);
                    case "kind" -> rejects.reject(row, "kind", "invalid-value",
                            "not an interaction kind (repost, quote, reply, mention, like, follow)", record);
                    default -> rejects.reject(row, check, "missing-field", "required field '" + check
                            + "' is missing or blank", record);
                }
                count++;
            }
        }
        return count;
    }

    private static String blank(String column) {
        return "(" + column + " IS NULL OR trim(" + column + ") = '')";
    }

    private static long count(Statement s, String sql) throws SQLException {
        try (ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }

    private static String literal(String text) {
        return "'" + text.replace("'", "''") + "'";
    }
}
