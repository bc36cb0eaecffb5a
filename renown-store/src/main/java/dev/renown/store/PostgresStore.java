package dev.renown.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;
import org.postgresql.PGConnection;

import java.io.IOException;
import java.io.StringReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.LocalDate;
import java.util.Locale;

/**
 * PostgreSQL, for servers: a HikariCP pool of pgJDBC connections. Bulk loads go through
 * {@code COPY … FROM STDIN} in CSV (about 600k rows/s here). Exports to CSV use
 * {@code COPY … TO STDOUT}; exports to Parquet stream the rows through an in-memory DuckDB.
 */
public final class PostgresStore extends JdbcStore {

    private static final int POOL_SIZE = 4;

    private final HikariDataSource pool;

    private PostgresStore(String url, HikariDataSource pool) {
        super(url);
        this.pool = pool;
    }

    /**
     * Opens and migrates a PostgreSQL store. The user and password come from the arguments when
     * given, else from the URL ({@code ?user=…&password=…}).
     */
    public static PostgresStore open(String url, String user, String password) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        if (user != null) {
            config.setUsername(user);
        }
        if (password != null) {
            config.setPassword(password);
        }
        config.setMaximumPoolSize(POOL_SIZE);
        config.setPoolName("renown-postgres");
        HikariDataSource pool;
        try {
            pool = new HikariDataSource(config);
        } catch (RuntimeException e) {
            throw new StoreException("cannot connect to " + Stores.redact(url), e);
        }
        try {
            migrate(pool, "postgresql");
        } catch (RuntimeException e) {
            pool.close();
            throw new StoreException("cannot migrate " + Stores.redact(url), e);
        }
        return new PostgresStore(Stores.redact(url), pool);
    }

    @Override
    Connection connection() throws SQLException {
        return pool.getConnection();
    }

    @Override
    String insertNewInteractions() {
        return "INSERT INTO interactions (" + INTERACTION_COLUMNS + ") SELECT " + INTERACTION_COLUMNS
                + " FROM staging_interactions ON CONFLICT (event_key) DO NOTHING";
    }

    @Override
    void createStaging(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TEMP TABLE IF NOT EXISTS staging_interactions (LIKE interactions)");
            s.execute("CREATE TEMP TABLE IF NOT EXISTS staging_accounts (LIKE accounts)");
            s.execute(CREATE_STAGING_LINKS);
        }
    }

    @Override
    void bulkInsert(Connection c, String table, String columns, ColumnBatch rows) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        StringBuilder csv = new StringBuilder(rows.size() * 96);
        for (int r = 0; r < rows.size(); r++) {
            for (int k = 0; k < rows.columnCount(); k++) {
                if (k > 0) {
                    csv.append(',');
                }
                Object v = rows.get(r, k);
                if (v instanceof String) {
                    csv.append('"');
                    String text = (String) v;
                    for (int i = 0; i < text.length(); i++) {
                        char ch = text.charAt(i);
                        if (ch == '"') {
                            csv.append("\"\"");
                        } else if (ch == 0) {
                            csv.append('\uFFFD'); // PostgreSQL text cannot hold NUL
                        } else {
                            csv.append(ch);
                        }
                    }
                    csv.append('"');
                } else if (v != null) {
                    csv.append(v);
                }
            }
            csv.append('\n');
        }
        try {
            c.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY " + table + " (" + columns
                    + ") FROM STDIN (FORMAT csv)", new StringReader(csv.toString()));
        } catch (IOException e) {
            throw new SQLException("COPY into " + table + " failed", e);
        }
    }

    @Override
    public long export(Table table, Path file) throws IOException {
        String format = Exports.format(file);
        try (Connection c = connection()) {
            if (format.startsWith("FORMAT CSV")) {
                try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                    return c.unwrap(PGConnection.class).getCopyAPI().copyOut("COPY (" + exportQuery(table)
                            + ") TO STDOUT WITH (FORMAT csv, HEADER)", w);
                }
            }
            return exportThroughDuckDb(c, exportQuery(table), file);
        } catch (SQLException e) {
            throw new IOException("cannot export " + table + " to " + file + ": " + e.getMessage(), e);
        }
    }

    /** Streams a query's rows into an in-memory DuckDB table and writes it as Parquet. */
    private static long exportThroughDuckDb(Connection c, String query, Path file) throws SQLException {
        try (DuckDBConnection duck = (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:");
             Statement s = c.createStatement()) {
            c.setAutoCommit(false); // lets pgJDBC stream with a cursor instead of loading everything
            s.setFetchSize(10_000);
            try (ResultSet r = s.executeQuery(query)) {
                ResultSetMetaData meta = r.getMetaData();
                StringBuilder ddl = new StringBuilder("CREATE TABLE export (");
                for (int k = 1; k <= meta.getColumnCount(); k++) {
                    ddl.append(k > 1 ? ", " : "").append(meta.getColumnName(k)).append(' ')
                            .append(duckType(meta.getColumnType(k)));
                }
                try (Statement d = duck.createStatement()) {
                    d.execute(ddl.append(')').toString());
                }
                try (DuckDBAppender a = duck.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "export")) {
                    while (r.next()) {
                        a.beginRow();
                        for (int k = 1; k <= meta.getColumnCount(); k++) {
                            appendValue(a, r, k, meta.getColumnType(k));
                        }
                        a.endRow();
                    }
                }
            } finally {
                c.setAutoCommit(true);
            }
            try (Statement d = duck.createStatement()) {
                d.execute("COPY export TO '" + Exports.quote(file) + "' (FORMAT PARQUET)");
            }
            return Exports.count(duck, file);
        }
    }

    private static String duckType(int sqlType) {
        switch (sqlType) {
            case Types.BIGINT: return "BIGINT";
            case Types.INTEGER: case Types.SMALLINT: return "INTEGER";
            case Types.DOUBLE: case Types.FLOAT: case Types.REAL: return "DOUBLE";
            case Types.DATE: return "DATE";
            case Types.BOOLEAN: case Types.BIT: return "BOOLEAN";
            default: return "VARCHAR";
        }
    }

    private static void appendValue(DuckDBAppender a, ResultSet r, int k, int sqlType) throws SQLException {
        switch (sqlType) {
            case Types.BIGINT: {
                long v = r.getLong(k);
                if (r.wasNull()) {
                    a.appendNull();
                } else {
                    a.append(v);
                }
                return;
            }
            case Types.INTEGER: case Types.SMALLINT: {
                int v = r.getInt(k);
                if (r.wasNull()) {
                    a.appendNull();
                } else {
                    a.append(v);
                }
                return;
            }
            case Types.DOUBLE: case Types.FLOAT: case Types.REAL: {
                double v = r.getDouble(k);
                if (r.wasNull()) {
                    a.appendNull();
                } else {
                    a.append(v);
                }
                return;
            }
            case Types.DATE: {
                java.sql.Date v = r.getDate(k);
                if (v == null) {
                    a.appendNull();
                } else {
                    a.append(v.toLocalDate());
                }
                return;
            }
            case Types.BOOLEAN: case Types.BIT: {
                boolean v = r.getBoolean(k);
                if (r.wasNull()) {
                    a.appendNull();
                } else {
                    a.append(v);
                }
                return;
            }
            default: {
                String v = r.getString(k);
                if (v == null) {
                    a.appendNull();
                } else {
                    a.append(v);
                }
            }
        }
    }

    @Override
    public void close() {
        pool.close();
    }

    @Override
    public String toString() {
        return "PostgresStore[" + url().toLowerCase(Locale.ROOT) + "]";
    }
}
