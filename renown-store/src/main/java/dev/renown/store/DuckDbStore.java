package dev.renown.store;

import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.Optional;

/**
 * The embedded default: one DuckDB file ({@code jdbc:duckdb:/path/renown.duckdb}), or an
 * in-memory database ({@code jdbc:duckdb:}). Bulk loads go through DuckDB's appender (about
 * 800k rows/s here, against a few thousand for batched {@code PreparedStatement}s). Every unit
 * of work gets its own connection, duplicated from one root connection, so threads can read
 * concurrently; DuckDB allows one writing process per file.
 */
public final class DuckDbStore extends JdbcStore {

    private final DuckDBConnection root;
    /** For {@link #loadParquet}: whether its functions are registered, and the rows of the file it loads. */
    private boolean functionsRegistered;
    private final DuckDbParquetLoad.RowKeys parquetRows = new DuckDbParquetLoad.RowKeys();

    private DuckDbStore(String url, DuckDBConnection root) {
        super(url);
        this.root = root;
    }

    /** Opens (creating the file and its directory if needed) and migrates a DuckDB store. */
    public static DuckDbStore open(String url) {
        String path = url.substring("jdbc:duckdb:".length());
        try {
            if (!path.isEmpty() && !path.startsWith(":memory:")) {
                Path parent = Path.of(path).toAbsolutePath().getParent();
                if (parent != null) {
                    Files.createDirectories(parent);
                }
            }
            // Results stream chunk by chunk instead of being materialised whole before the first row
            // comes back (10M interactions: 1.9 GB of native memory and 4.5 s before the first row,
            // which at 100M exhausted the machine beside the heap); connections duplicated from the
            // root inherit it.
            java.util.Properties properties = new java.util.Properties();
            properties.setProperty(org.duckdb.DuckDBDriver.JDBC_STREAM_RESULTS, "true");
            DuckDBConnection root = (DuckDBConnection) DriverManager.getConnection(url, properties);
            // The database file stays locked until every connection to it is closed, this one too.
            try (Connection migration = root.duplicate()) {
                migrate(new SingleConnectionDataSource(migration), "duckdb");
            } catch (SQLException | RuntimeException e) {
                root.close();
                throw e;
            }
            return new DuckDbStore(url, root);
        } catch (IOException e) {
            throw new StoreException("cannot create the directory for " + url, e);
        } catch (SQLException e) {
            throw new StoreException("cannot open " + url, e);
        }
    }

    @Override
    Connection connection() throws SQLException {
        return root.duplicate();
    }

    @Override
    public synchronized Optional<IngestResult> loadParquet(Path file, String sourceKey, long runId, long latestMillis,
                                                           RowRejects rejects) throws IOException {
        try (Connection c = connection()) {
            if (!functionsRegistered) {
                DuckDbParquetLoad.registerFunctions(c, parquetRows);
                functionsRegistered = true;
            }
            return Optional.of(DuckDbParquetLoad.load(c, parquetRows, file, sourceKey, runId, latestMillis, rejects));
        } catch (SQLException e) {
            throw new StoreException("cannot load " + file + " into " + url(), e);
        }
    }

    @Override
    protected String numericIdSql(String column) {
        return "CASE WHEN regexp_full_match(" + column + ", '0|[1-9][0-9]{0,17}') THEN CAST(" + column
                + " AS BIGINT) END";
    }

    /**
     * None: DuckDB returns a table's rows in insertion order (its default {@code
     * preserve_insertion_order}), which is deterministic and is the order the files were ingested
     * in, so the rows stream at once instead of after a sort of the whole window.
     */
    @Override
    protected String loadOrder() {
        return "";
    }

    @Override
    String insertNewInteractions() {
        return "INSERT INTO interactions (" + INTERACTION_COLUMNS + ") SELECT " + INTERACTION_COLUMNS
                + " FROM staging_interactions s WHERE NOT EXISTS "
                + "(SELECT 1 FROM interactions i WHERE i.event_key = s.event_key)";
    }

    @Override
    void createStaging(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TEMP TABLE IF NOT EXISTS staging_interactions AS SELECT " + INTERACTION_COLUMNS
                    + " FROM interactions LIMIT 0");
            s.execute("CREATE TEMP TABLE IF NOT EXISTS staging_accounts AS SELECT " + ACCOUNT_COLUMNS
                    + " FROM accounts LIMIT 0");
            s.execute(CREATE_STAGING_LINKS);
        }
    }

    @Override
    void bulkInsert(Connection c, String table, String columns, ColumnBatch rows) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        boolean temp = table.startsWith("staging_");
        DuckDBConnection d = c.unwrap(DuckDBConnection.class);
        int n = rows.size();
        int k = rows.columnCount();
        try (DuckDBAppender a = temp ? d.createAppender("temp", "main", table)
                : d.createAppender(DuckDBConnection.DEFAULT_SCHEMA, table)) {
            for (int r = 0; r < n; r++) {
                a.beginRow();
                for (int col = 0; col < k; col++) {
                    switch (rows.type(col)) {
                        case LONG:
                            a.append(rows.getLong(r, col));
                            break;
                        case INT:
                            a.append(rows.getInt(r, col));
                            break;
                        case DOUBLE:
                            a.append(rows.getDouble(r, col));
                            break;
                        case NULLABLE_LONG: {
                            Long v = rows.getNullableLong(r, col);
                            if (v == null) {
                                a.appendNull();
                            } else {
                                a.append((long) v);
                            }
                            break;
                        }
                        case STRING: {
                            String v = rows.getString(r, col);
                            if (v == null) {
                                a.appendNull();
                            } else {
                                a.append(v);
                            }
                            break;
                        }
                        case DATE: {
                            LocalDate v = rows.getDate(r, col);
                            if (v == null) {
                                a.appendNull();
                            } else {
                                a.append(v);
                            }
                            break;
                        }
                        default:
                            throw new AssertionError(rows.type(col));
                    }
                }
                a.endRow();
            }
        }
    }

    @Override
    public long export(Table table, Path file) throws IOException {
        String format = Exports.format(file);
        try (Connection c = connection(); Statement s = c.createStatement()) {
            s.execute("COPY (" + exportQuery(table) + ") TO '" + Exports.quote(file) + "' (" + format + ")");
            return Exports.count(c, file);
        } catch (SQLException e) {
            throw new IOException("cannot export " + table + " to " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            root.close();
        } catch (SQLException e) {
            throw new StoreException("cannot close " + url(), e);
        }
    }
}
