package dev.renown.store;

import dev.renown.core.event.EventTableBuilder;
import dev.renown.core.event.InteractionKind;
import org.duckdb.DuckDBColumnType;
import org.duckdb.DuckDBFunctions;
import org.duckdb.DuckDBReadableVector;
import it.unimi.dsi.fastutil.longs.LongOpenHashSet;

import java.io.IOException;
import java.lang.invoke.VarHandle;
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
 * reads the Parquet columns it needs, in parallel, and two scalar functions registered from Java
 * carry each row's key ({@link EventTableBuilder#fingerprint64} of its event id, the key every
 * ingest stores) from one scan to the next, in arrays indexed by the file's row number:
 * <ol>
 *   <li>a scan of the rows that pass every check (event id, network, actor, target, kind, time,
 *       time within the bound) computes their keys; only when fewer rows pass than the file has
 *       does a second scan send the others to the caller's rejects with their row numbers and the
 *       first check each fails;</li>
 *   <li>one pass over the keys in row order, in Java, marks the rows that repeat an earlier row's
 *       key;</li>
 *   <li>a scan of the file filtered by a function of the row number alone (the key, or null for a
 *       row to leave out) appends the rest to {@code interactions}, but for keys stored already.
 *       No join and no sort: the table's insertion order — the order {@link JdbcStore#load}
 *       reads — is the file's, as after a record-by-record ingest;</li>
 *   <li>the accounts the new rows name that are not stored yet are added, and the file's
 *       progress is recorded complete, in the same transaction.</li>
 * </ol>
 * The event id's string crosses from DuckDB to Java once per row (about a quarter of a
 * microsecond each); the arrays take 9 bytes a row while the load runs.
 * Kinds are parsed by {@link InteractionKind#parse}, once per distinct spelling in the file.
 */
final class DuckDbParquetLoad {

    static final String KEY_FUNCTION = "renown_note_row_key";
    static final String ROW_KEY_FUNCTION = "renown_row_key";

    /** The rows of the file being loaded: each row's key, and whether it is to be inserted. */
    static final class RowKeys {
        private static final byte SKIP = 0;
        private static final byte INSERT = 1;
        private long[] keys = new long[0];
        private byte[] state = new byte[0];

        void reset(int rows) {
            keys = new long[rows];
            state = new byte[rows];
        }

        void release() {
            reset(0);
        }

        /** Marks the rows whose key an earlier row has; returns how many. */
        long skipRepeats(long valid) {
            LongOpenHashSet seen = new LongOpenHashSet((int) Math.min(valid, Integer.MAX_VALUE - 8));
            long repeats = 0;
            for (int row = 0; row < state.length; row++) {
                if (state[row] == INSERT && !seen.add(keys[row])) {
                    state[row] = SKIP;
                    repeats++;
                }
            }
            return repeats;
        }
    }

    private DuckDbParquetLoad() {
    }

    /**
     * Registers the two functions on the database behind {@code c} (once per database), over
     * {@code rows}, which the load in progress fills (loads on one database run one at a time):
     * {@link #KEY_FUNCTION}{@code (event_id, row)} computes and keeps the row's key, and
     * {@link #ROW_KEY_FUNCTION}{@code (row)} gives it back, or null for a row not to insert.
     * Several DuckDB threads call them at once, each on rows of its own.
     */
    static void registerFunctions(Connection c, RowKeys rows) throws SQLException {
        DuckDBFunctions.scalarFunction()
                .withName(KEY_FUNCTION)
                .withParameters(DuckDBColumnType.VARCHAR, DuckDBColumnType.BIGINT)
                .withReturnType(DuckDBColumnType.BIGINT)
                .withVolatile()
                .withVectorizedFunction((in, out) -> {
                    DuckDBReadableVector ids = in.vector(0);
                    DuckDBReadableVector rowNumbers = in.vector(1);
                    long[] keys = rows.keys;
                    byte[] state = rows.state;
                    for (long i = 0, n = in.rowCount(); i < n; i++) {
                        int row = (int) rowNumbers.getLong(i);
                        long key = EventTableBuilder.fingerprint64(ids.getString(i));
                        keys[row] = key;
                        state[row] = RowKeys.INSERT;
                        out.setLong(i, key);
                    }
                })
                .register(c);
        DuckDBFunctions.scalarFunction()
                .withName(ROW_KEY_FUNCTION)
                .withParameter(DuckDBColumnType.BIGINT)
                .withReturnType(DuckDBColumnType.BIGINT)
                .withVolatile()
                .withVectorizedFunction((in, out) -> {
                    DuckDBReadableVector rowNumbers = in.vector(0);
                    long[] keys = rows.keys;
                    byte[] state = rows.state;
                    for (long i = 0, n = in.rowCount(); i < n; i++) {
                        int row = (int) rowNumbers.getLong(i);
                        if (state[row] == RowKeys.INSERT) {
                            out.setLong(i, keys[row]);
                        } else {
                            out.setNull(i);
                        }
                    }
                })
                .register(c);
    }

    static IngestResult load(Connection c, RowKeys rows, Path file, String sourceKey, long runId,
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
            if (records > Integer.MAX_VALUE - 8) {
                throw new IOException(file + ": " + records + " rows in one file; split it into files of at most "
                        + (Integer.MAX_VALUE - 8) + " rows");
            }
            rows.reset((int) records);
            long valid = count(s, "SELECT COUNT(" + KEY_FUNCTION + "(event_id, file_row_number)) FROM " + source
                    + " WHERE " + bad + " IS NULL");
            // The functions ran on DuckDB's threads; what they wrote is read from this one.
            VarHandle.fullFence();
            long rejected = valid == records ? 0 : reportRejects(s, source, bad, latestMillis, rejects);
            rows.skipRepeats(valid);
            long start = count(s, "SELECT COALESCE(MAX(rowid) + 1, 0) FROM interactions");
            // A scan of the file filtered by a function of the row number alone, no join, keeps the
            // file's order into the table without sorting.
            long inserted = s.executeUpdate("INSERT INTO interactions (" + JdbcStore.INTERACTION_COLUMNS + ") "
                    + "SELECT k, event_id, network, " + kind + ", actor, target, time_ms, post_id, target_post_id, "
                    + "hashtags, text FROM (SELECT " + ROW_KEY_FUNCTION + "(file_row_number) AS k, * FROM " + source
                    + ") WHERE k IS NOT NULL"
                    + (start > 0 ? " AND k NOT IN (SELECT event_key FROM interactions)" : ""));
            rows.release();
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
            rows.release();
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
