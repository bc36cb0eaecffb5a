package dev.renown.store;

import dev.renown.core.event.AccountKey;
import dev.renown.core.event.AccountProfile;
import dev.renown.core.event.EventTable;
import dev.renown.core.event.EventTableBuilder;
import dev.renown.core.event.Interaction;
import dev.renown.core.event.InteractionKind;
import dev.renown.core.event.ProfileLink;
import dev.renown.core.people.LinkSuggestions;
import dev.renown.core.score.AccountScore;
import dev.renown.core.score.ScoreBoard;
import dev.renown.core.score.SignalKind;
import dev.renown.core.score.TopicScoring;
import org.flywaydb.core.Flyway;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The part of the store both databases share: the schema (Flyway migrations in
 * {@code db/migration}), and every query, written in SQL both DuckDB and PostgreSQL accept, with
 * parameters bound — never concatenated. Subclasses supply connections and the bulk path
 * ({@link #bulkInsert}): DuckDB's appender, PostgreSQL's {@code COPY}.
 */
abstract class JdbcStore implements Store {

    static final String INTERACTION_COLUMNS =
            "event_key, event_id, network, kind, actor, target, time_ms, post_id, target_post_id, hashtags, text";
    static final String ACCOUNT_COLUMNS = "network, account_id, handle, display_name, followers, following, posts";
    static final String SNAPSHOT_COLUMNS = "day, network, account_id, score, reach, amplification, network_impact, "
            + "conversation, outreach, score_rank, percentile, run_id";

    private final String url;

    JdbcStore(String url) {
        this.url = url;
    }

    /** Quiets Flyway's informational logging (java.util.logging); warnings still show. */
    private static final java.util.logging.Logger FLYWAY_LOG = java.util.logging.Logger.getLogger("org.flywaydb");

    static {
        FLYWAY_LOG.setLevel(java.util.logging.Level.WARNING);
    }

    /**
     * Applies the migrations the database does not have yet: {@code db/migration/common}, then
     * {@code db/migration/<vendor>} ({@code duckdb} or {@code postgresql}).
     */
    static void migrate(DataSource dataSource, String vendor) {
        Flyway.configure().dataSource(dataSource)
                .locations("classpath:db/migration/common", "classpath:db/migration/" + vendor).load().migrate();
    }

    /**
     * The statement that moves the staged interactions not yet stored into {@code interactions};
     * it returns the number moved.
     */
    abstract String insertNewInteractions();

    @Override
    public String url() {
        return url;
    }

    /** A connection for one unit of work; the caller closes it. */
    abstract Connection connection() throws SQLException;

    /**
     * Appends rows to a table through the database's bulk path, inside the connection's current
     * transaction; the batch's columns are in the order of {@code columns}.
     */
    abstract void bulkInsert(Connection c, String table, String columns, ColumnBatch rows) throws SQLException;

    static final ColumnBatch.Type[] INTERACTION_TYPES = {ColumnBatch.Type.LONG, ColumnBatch.Type.STRING,
        ColumnBatch.Type.STRING, ColumnBatch.Type.STRING, ColumnBatch.Type.STRING, ColumnBatch.Type.STRING,
        ColumnBatch.Type.LONG, ColumnBatch.Type.STRING, ColumnBatch.Type.STRING, ColumnBatch.Type.STRING,
        ColumnBatch.Type.STRING};
    static final ColumnBatch.Type[] ACCOUNT_TYPES = {ColumnBatch.Type.STRING, ColumnBatch.Type.STRING,
        ColumnBatch.Type.STRING, ColumnBatch.Type.STRING, ColumnBatch.Type.NULLABLE_LONG,
        ColumnBatch.Type.NULLABLE_LONG, ColumnBatch.Type.NULLABLE_LONG};
    /** The columns of the profile-links staging table; {@code verified} is 0 or 1 there. */
    static final String LINK_COLUMNS = "network, account_id, url, field, verified";
    static final ColumnBatch.Type[] LINK_TYPES = {ColumnBatch.Type.STRING, ColumnBatch.Type.STRING,
        ColumnBatch.Type.STRING, ColumnBatch.Type.STRING, ColumnBatch.Type.INT};
    /** The profile-links staging table, the same in both databases. */
    static final String CREATE_STAGING_LINKS = "CREATE TEMP TABLE IF NOT EXISTS staging_profile_links "
            + "(network VARCHAR(64), account_id VARCHAR(512), url VARCHAR, field VARCHAR, verified INTEGER)";
    static final ColumnBatch.Type[] SNAPSHOT_TYPES = {ColumnBatch.Type.DATE, ColumnBatch.Type.STRING,
        ColumnBatch.Type.STRING, ColumnBatch.Type.DOUBLE, ColumnBatch.Type.DOUBLE, ColumnBatch.Type.DOUBLE,
        ColumnBatch.Type.DOUBLE, ColumnBatch.Type.DOUBLE, ColumnBatch.Type.DOUBLE, ColumnBatch.Type.INT,
        ColumnBatch.Type.DOUBLE, ColumnBatch.Type.LONG};

    /** Creates, if needed, the connection-local staging tables an ingest session loads into. */
    abstract void createStaging(Connection c) throws SQLException;

    /** The staging table of interactions, as SQL can name it. */
    String stagingInteractions() {
        return "staging_interactions";
    }

    String stagingAccounts() {
        return "staging_accounts";
    }

    String stagingLinks() {
        return "staging_profile_links";
    }

    @Override
    public IngestSession beginIngest(String sourceKey, String description, long runId, int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be positive: " + batchSize);
        }
        try {
            Connection c = connection();
            createStaging(c);
            return new JdbcIngestSession(this, c, sourceKey, description, runId, batchSize, false);
        } catch (SQLException e) {
            throw new StoreException("cannot start ingest into " + url, e);
        }
    }

    @Override
    public StreamSession beginStream(String sourceKey, String description, long runId) {
        try {
            Connection c = connection();
            createStaging(c);
            return new JdbcIngestSession(this, c, sourceKey, description, runId, STREAM_BATCH_LIMIT, true);
        } catch (SQLException e) {
            throw new StoreException("cannot start a stream into " + url, e);
        }
    }

    /**
     * Interactions a stream session buffers before it writes them without moving the cursor;
     * connectors commit far more often than this, so it only bounds memory.
     */
    static final int STREAM_BATCH_LIMIT = 50_000;

    @Override
    public Optional<String> streamCursor(String sourceKey) {
        try (Connection c = connection()) {
            return streamCursor(c, sourceKey);
        } catch (SQLException e) {
            throw new StoreException("cannot read the stream cursor from " + url, e);
        }
    }

    static Optional<String> streamCursor(Connection c, String sourceKey) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT cursor_value FROM stream_cursors WHERE source_key = ?")) {
            p.setString(1, sourceKey);
            try (ResultSet r = p.executeQuery()) {
                return r.next() ? Optional.of(r.getString(1)) : Optional.empty();
            }
        }
    }

    @Override
    public void ping() {
        queryLong("SELECT 1");
    }

    @Override
    public long interactionCount() {
        return queryLong("SELECT COUNT(*) FROM interactions").orElse(0);
    }

    @Override
    public long accountCount() {
        return queryLong("SELECT COUNT(*) FROM accounts").orElse(0);
    }

    @Override
    public OptionalLong lastInteractionMillis() {
        return queryLong("SELECT MAX(time_ms) FROM interactions WHERE actor <> target");
    }

    @Override
    public OptionalLong firstInteractionMillis() {
        return queryLong("SELECT MIN(time_ms) FROM interactions");
    }

    private OptionalLong queryLong(String sql) {
        try (Connection c = connection(); Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            if (r.next()) {
                long v = r.getLong(1);
                return r.wasNull() ? OptionalLong.empty() : OptionalLong.of(v);
            }
            return OptionalLong.empty();
        } catch (SQLException e) {
            throw new StoreException("query failed on " + url, e);
        }
    }

    @Override
    public EventTable load(long fromExclusive, long toInclusive) {
        return load(fromExclusive, toInclusive, null);
    }

    @Override
    public EventTable load(long fromExclusive, long toInclusive, dev.renown.core.event.TopicSource topics) {
        // Rows are distinct by event_key, the fingerprint the builder would deduplicate by.
        EventTableBuilder builder = EventTableBuilder.ofDistinctEvents(topics);
        try (Connection c = connection()) {
            List<String> networks = new ArrayList<>();
            try (PreparedStatement p = c.prepareStatement("SELECT DISTINCT network FROM interactions "
                    + "WHERE time_ms > ? AND time_ms <= ? ORDER BY network")) {
                p.setLong(1, fromExclusive);
                p.setLong(2, toInclusive);
                try (ResultSet r = p.executeQuery()) {
                    while (r.next()) {
                        networks.add(r.getString(1));
                    }
                }
            }
            try (PreparedStatement p = c.prepareStatement(interactionsQuery(networks, builder.needsText()))) {
                p.setLong(1, fromExclusive);
                p.setLong(2, toInclusive);
                p.setFetchSize(10_000);
                loadPipelined(p, builder, networks);
            }
            try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT " + ACCOUNT_COLUMNS
                    + " FROM accounts WHERE handle IS NOT NULL OR display_name IS NOT NULL OR followers IS NOT NULL")) {
                while (r.next()) {
                    AccountKey key = new AccountKey(r.getString(1), r.getString(2));
                    if (builder.knows(key)) {
                        builder.profile(new AccountProfile(key, r.getString(3), r.getString(4), count(r, 5), count(r, 6),
                                count(r, 7)));
                    }
                }
            }
        } catch (SQLException e) {
            throw new StoreException("cannot load interactions from " + url, e);
        }
        return builder.build();
    }

    /**
     * The interactions of a window in time order, with every string the driver would otherwise
     * decode row by row (about half a microsecond each over DuckDB's JDBC, against a few
     * nanoseconds for a number) given as a number where it can be: the network as its index in
     * {@code networks}, the kind as its ordinal, account and post ids that are plain decimal
     * numbers as {@code BIGINT}s. The string columns beside them are null unless the number is.
     * With {@code withText}, the post's text follows the hashtags (for a topic source).
     */
    private String interactionsQuery(List<String> networks, boolean withText) {
        StringBuilder network = new StringBuilder("CASE network");
        for (int i = 0; i < networks.size(); i++) {
            network.append(" WHEN ").append(literal(networks.get(i))).append(" THEN ").append(i);
        }
        network.append(" ELSE -1 END");
        StringBuilder kind = new StringBuilder("CASE kind");
        for (InteractionKind k : InteractionKind.values()) {
            kind.append(" WHEN ").append(literal(k.wireName())).append(" THEN ").append(k.ordinal());
        }
        kind.append(" ELSE -1 END");
        StringBuilder sql = new StringBuilder("SELECT ").append(network).append(", CASE WHEN ")
                .append(network).append(" < 0 THEN network END, ").append(kind).append(", CASE WHEN ").append(kind)
                .append(" < 0 THEN kind END");
        for (String column : List.of("actor", "target", "post_id", "target_post_id")) {
            String number = numericIdSql(column);
            sql.append(", COALESCE(").append(number).append(", -1), CASE WHEN ").append(number)
                    .append(" IS NULL THEN ").append(column).append(" END");
        }
        return sql.append(", time_ms, hashtags").append(withText ? ", text" : "")
                .append(" FROM interactions WHERE time_ms > ? AND time_ms <= ?")
                .append(loadOrder()).toString();
    }

    /**
     * The order in which {@link #load} reads a window's interactions, for a deterministic load (the
     * score does not depend on the order of events, but sums in floating point follow it). Here
     * time then fingerprint; DuckDB's store reads in insertion order without sorting.
     */
    protected String loadOrder() {
        return " ORDER BY time_ms, event_key";
    }

    /**
     * SQL for {@code column} as a {@code BIGINT} when it is written exactly as
     * {@link dev.renown.core.event.AccountIndex#intern(String, long, String) the account index}
     * keeps ids as numbers (decimal digits, no sign, no leading zero, at most 18 digits), else
     * null. This is PostgreSQL's spelling; DuckDB's store gives its own.
     */
    protected String numericIdSql(String column) {
        return "CASE WHEN " + column + " ~ '^(0|[1-9][0-9]{0,17})$' THEN CAST(" + column + " AS BIGINT) END";
    }

    private static String literal(String text) {
        return "'" + text.replace("'", "''") + "'";
    }

    /** Rows of the interactions query, decoded on the reading thread. */
    private static final class Rows {
        static final int SIZE = 4096;
        static final Rows END = new Rows();
        final String[] network = new String[SIZE];
        final InteractionKind[] kind = new InteractionKind[SIZE];
        final long[] actorNumber = new long[SIZE];
        final String[] actor = new String[SIZE];
        final long[] targetNumber = new long[SIZE];
        final String[] target = new String[SIZE];
        final long[] postNumber = new long[SIZE];
        final String[] post = new String[SIZE];
        final long[] targetPostNumber = new long[SIZE];
        final String[] targetPost = new String[SIZE];
        final long[] time = new long[SIZE];
        final String[] tags = new String[SIZE];
        final String[] text = new String[SIZE];
        int size;
    }

    /**
     * Runs the interactions query on a thread of its own, which decodes the rows, while this
     * thread adds them to the builder, in the query's order, through a small bounded queue.
     */
    private void loadPipelined(PreparedStatement p, EventTableBuilder builder, List<String> networks)
            throws SQLException {
        java.util.concurrent.BlockingQueue<Rows> queue = new java.util.concurrent.ArrayBlockingQueue<>(16);
        Throwable[] failure = new Throwable[1];
        InteractionKind[] kinds = InteractionKind.values();
        boolean withText = builder.needsText();
        Thread reader = new Thread(() -> {
            try (ResultSet r = p.executeQuery()) {
                Rows rows = new Rows();
                while (r.next()) {
                    int i = rows.size;
                    int network = r.getInt(1);
                    rows.network[i] = network >= 0 ? networks.get(network) : r.getString(2);
                    int kind = r.getInt(3);
                    rows.kind[i] = kind >= 0 ? kinds[kind] : InteractionKind.parse(r.getString(4));
                    rows.actorNumber[i] = r.getLong(5);
                    rows.actor[i] = r.getString(6);
                    rows.targetNumber[i] = r.getLong(7);
                    rows.target[i] = r.getString(8);
                    rows.postNumber[i] = r.getLong(9);
                    rows.post[i] = r.getString(10);
                    rows.targetPostNumber[i] = r.getLong(11);
                    rows.targetPost[i] = r.getString(12);
                    rows.time[i] = r.getLong(13);
                    rows.tags[i] = r.getString(14);
                    rows.text[i] = withText ? r.getString(15) : null;
                    if (++rows.size == Rows.SIZE) {
                        queue.put(rows);
                        rows = new Rows();
                    }
                }
                if (rows.size > 0) {
                    queue.put(rows);
                }
            } catch (InterruptedException e) {
                return; // the consumer failed and is gone
            } catch (Throwable t) {
                failure[0] = t;
            }
            try {
                queue.put(Rows.END);
            } catch (InterruptedException e) {
                // the consumer is gone
            }
        }, "renown-store-reader");
        reader.setDaemon(true);
        reader.start();
        try {
            for (Rows rows; (rows = queue.take()) != Rows.END; ) {
                for (int i = 0; i < rows.size; i++) {
                    String tags = rows.tags[i];
                    builder.addDistinct(rows.network[i], rows.kind[i], rows.actorNumber[i], rows.actor[i],
                            rows.targetNumber[i], rows.target[i], rows.time[i], rows.postNumber[i], rows.post[i],
                            rows.targetPostNumber[i], rows.targetPost[i],
                            tags == null || tags.isEmpty() ? List.of() : Arrays.asList(tags.split(" ")), rows.text[i]);
                }
            }
            reader.join();
        } catch (InterruptedException e) {
            reader.interrupt();
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted while loading interactions from " + url, e);
        } catch (RuntimeException | Error e) {
            reader.interrupt();
            throw e;
        }
        if (failure[0] instanceof SQLException sql) {
            throw sql;
        }
        if (failure[0] instanceof RuntimeException r) {
            throw r;
        }
        if (failure[0] instanceof Error e) {
            throw e;
        }
    }

    private static long count(ResultSet r, int column) throws SQLException {
        long v = r.getLong(column);
        return r.wasNull() ? AccountProfile.UNKNOWN : v;
    }

    @Override
    public long startRun(String kind, String input, String parameters) {
        try (Connection c = connection()) {
            long id;
            try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT nextval('run_ids')")) {
                r.next();
                id = r.getLong(1);
                // Read to the end: a streamed result closed early ends its statement as interrupted,
                // and DuckDB then logs no use of the sequence, so after a crash it hands out this id again.
                while (r.next()) {
                    // one row
                }
            }
            try (PreparedStatement p = c.prepareStatement(
                    "INSERT INTO runs (run_id, kind, input, parameters, started_at, status) VALUES (?, ?, ?, ?, ?, ?)")) {
                p.setLong(1, id);
                p.setString(2, kind);
                p.setString(3, input);
                p.setString(4, parameters);
                p.setTimestamp(5, Timestamp.from(Instant.now()));
                p.setString(6, RunRecord.RUNNING);
                p.executeUpdate();
            }
            return id;
        } catch (SQLException e) {
            throw new StoreException("cannot record a run in " + url, e);
        }
    }

    @Override
    public void finishRun(long runId, String summary) {
        finishDailyRun(runId, RunRecord.OK, null, -1, -1, summary);
    }

    @Override
    public void finishDailyRun(long runId, String status, LocalDate day, long accounts, long interactions,
                               String summary) {
        if (!RunRecord.OK.equals(status) && !RunRecord.FAILED.equals(status)) {
            throw new IllegalArgumentException("a run ends ok or failed, not " + status);
        }
        try (Connection c = connection();
             PreparedStatement p = c.prepareStatement("UPDATE runs SET finished_at = ?, summary = ?, status = ?, "
                     + "day = COALESCE(?, day), accounts = ?, interactions = ? WHERE run_id = ?")) {
            p.setTimestamp(1, Timestamp.from(Instant.now()));
            p.setString(2, summary);
            p.setString(3, status);
            if (day == null) {
                p.setNull(4, Types.DATE);
            } else {
                p.setDate(4, Date.valueOf(day));
            }
            setCount(p, 5, accounts);
            setCount(p, 6, interactions);
            p.setLong(7, runId);
            p.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("cannot record a run in " + url, e);
        }
    }

    private static void setCount(PreparedStatement p, int index, long count) throws SQLException {
        if (count < 0) {
            p.setNull(index, Types.BIGINT);
        } else {
            p.setLong(index, count);
        }
    }

    @Override
    public int interruptRuns(String kind) {
        try (Connection c = connection();
             PreparedStatement p = c.prepareStatement("UPDATE runs SET status = ? WHERE kind = ? AND status = ? "
                     + "AND finished_at IS NULL")) {
            p.setString(1, RunRecord.INTERRUPTED);
            p.setString(2, kind);
            p.setString(3, RunRecord.RUNNING);
            return p.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("cannot record a run in " + url, e);
        }
    }

    @Override
    public List<RunRecord> runs() {
        return readRuns("", List.of());
    }

    @Override
    public List<RunRecord> runs(String kind, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive: " + limit);
        }
        return readRuns((kind == null ? "" : " WHERE kind = ?") + " ORDER BY run_id DESC LIMIT " + limit,
                kind == null ? List.of() : List.of(kind));
    }

    /** The runs a query tail selects ({@code " ORDER BY run_id"} when it is empty), with its string parameters. */
    private List<RunRecord> readRuns(String tail, List<String> parameters) {
        List<RunRecord> runs = new ArrayList<>();
        try (Connection c = connection(); PreparedStatement p = c.prepareStatement(
                "SELECT run_id, kind, input, parameters, started_at, finished_at, status, day, accounts, interactions, "
                        + "summary FROM runs" + (tail.isEmpty() ? " ORDER BY run_id" : tail))) {
            for (int i = 0; i < parameters.size(); i++) {
                p.setString(i + 1, parameters.get(i));
            }
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    Timestamp finished = r.getTimestamp(6);
                    String status = r.getString(7);
                    if (status == null) { // recorded before runs had a status
                        status = finished == null ? RunRecord.INTERRUPTED : RunRecord.OK;
                    }
                    Date day = r.getDate(8);
                    runs.add(new RunRecord(r.getLong(1), r.getString(2), r.getString(3), r.getString(4),
                            r.getTimestamp(5).toInstant(), finished == null ? null : finished.toInstant(), status,
                            day == null ? null : day.toLocalDate(), count(r, 9), count(r, 10), r.getString(11)));
                }
            }
        } catch (SQLException e) {
            throw new StoreException("cannot read runs from " + url, e);
        }
        return runs;
    }

    @Override
    public void saveCalibration(StoredCalibration k) {
        inTransaction("cannot record a calibration in " + url, c -> {
            try (PreparedStatement d = c.prepareStatement("DELETE FROM calibrations WHERE day = ?");
                 PreparedStatement p = c.prepareStatement("INSERT INTO calibrations (day, fitted, parameters, reason, "
                         + "run_id, created_at) VALUES (?, ?, ?, ?, ?, ?)")) {
                d.setDate(1, java.sql.Date.valueOf(k.day()));
                d.executeUpdate();
                p.setDate(1, java.sql.Date.valueOf(k.day()));
                p.setBoolean(2, k.fitted());
                p.setString(3, k.parameters());
                p.setString(4, k.reason());
                p.setLong(5, k.runId());
                p.setTimestamp(6, Timestamp.from(k.createdAt()));
                p.executeUpdate();
            }
        });
    }

    @Override
    public Optional<StoredCalibration> calibration(LocalDate day) {
        try (Connection c = connection(); PreparedStatement p = c.prepareStatement("SELECT day, fitted, parameters, "
                + "reason, run_id, created_at FROM calibrations WHERE day <= ? ORDER BY day DESC LIMIT 1")) {
            p.setDate(1, java.sql.Date.valueOf(day));
            try (ResultSet r = p.executeQuery()) {
                return r.next() ? Optional.of(calibration(r)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new StoreException("cannot read calibrations from " + url, e);
        }
    }

    @Override
    public void savePersonLinks(List<PersonLink> links) {
        inTransaction("cannot store person links in " + url, c -> {
            try (PreparedStatement d = c.prepareStatement("DELETE FROM person_links WHERE network = ? AND account_id = ?");
                 PreparedStatement p = c.prepareStatement("INSERT INTO person_links (network, account_id, person, "
                         + "linked_by, linked_at) VALUES (?, ?, ?, ?, ?)")) {
                for (PersonLink link : links) {
                    d.setString(1, link.account().network());
                    d.setString(2, link.account().id());
                    d.executeUpdate();
                    p.setString(1, link.account().network());
                    p.setString(2, link.account().id());
                    p.setString(3, link.person());
                    p.setString(4, link.linkedBy());
                    p.setTimestamp(5, Timestamp.from(link.linkedAt()));
                    p.executeUpdate();
                }
            }
        });
    }

    @Override
    public List<PersonLink> replacePerson(String person, List<AccountKey> accounts, String linkedBy, Instant at) {
        inTransaction("cannot store person links in " + url, c -> {
            try (PreparedStatement gone = c.prepareStatement("DELETE FROM person_links WHERE person = ?");
                 PreparedStatement d = c.prepareStatement("DELETE FROM person_links WHERE network = ? AND account_id = ?");
                 PreparedStatement p = c.prepareStatement("INSERT INTO person_links (network, account_id, person, "
                         + "linked_by, linked_at) VALUES (?, ?, ?, ?, ?)")) {
                gone.setString(1, person);
                gone.executeUpdate();
                for (AccountKey account : new java.util.LinkedHashSet<>(accounts)) {
                    d.setString(1, account.network());
                    d.setString(2, account.id());
                    d.executeUpdate();
                    p.setString(1, account.network());
                    p.setString(2, account.id());
                    p.setString(3, person);
                    p.setString(4, linkedBy);
                    p.setTimestamp(5, Timestamp.from(at));
                    p.executeUpdate();
                }
            }
        });
        return personLinks().stream().filter(l -> l.person().equals(person)).toList();
    }

    static final String PERSON_SNAPSHOT_COLUMNS = "day, person, score, score_rank, reach, amplification, "
            + "network_impact, conversation, outreach, run_id";
    static final ColumnBatch.Type[] PERSON_SNAPSHOT_TYPES = {ColumnBatch.Type.DATE, ColumnBatch.Type.STRING,
        ColumnBatch.Type.DOUBLE, ColumnBatch.Type.INT, ColumnBatch.Type.DOUBLE, ColumnBatch.Type.DOUBLE,
        ColumnBatch.Type.DOUBLE, ColumnBatch.Type.DOUBLE, ColumnBatch.Type.DOUBLE, ColumnBatch.Type.LONG};

    @Override
    public void savePersonSnapshots(LocalDate day, List<dev.renown.core.people.PersonScores.PersonScore> persons,
                                    long runId) {
        ColumnBatch rows = new ColumnBatch(PERSON_SNAPSHOT_TYPES);
        for (dev.renown.core.people.PersonScores.PersonScore s : persons) {
            if (!s.scored()) {
                continue; // no account of the person in the window
            }
            int r = rows.addRow();
            rows.setDate(r, 0, day);
            rows.setString(r, 1, s.person());
            rows.setDouble(r, 2, s.score());
            rows.setInt(r, 3, s.rank());
            rows.setDouble(r, 4, s.value(SignalKind.REACH));
            rows.setDouble(r, 5, s.value(SignalKind.AMPLIFICATION));
            rows.setDouble(r, 6, s.value(SignalKind.NETWORK_IMPACT));
            rows.setDouble(r, 7, s.value(SignalKind.CONVERSATION));
            rows.setDouble(r, 8, s.value(SignalKind.OUTREACH));
            rows.setLong(r, 9, runId);
        }
        replaceDay("person_snapshots", PERSON_SNAPSHOT_COLUMNS, day, rows);
    }

    @Override
    public List<PersonSnapshot> personHistory(String person, LocalDate from, LocalDate to) {
        List<PersonSnapshot> history = new ArrayList<>();
        try (Connection c = connection(); PreparedStatement p = c.prepareStatement("SELECT " + PERSON_SNAPSHOT_COLUMNS
                + " FROM person_snapshots WHERE person = ? AND day >= ? AND day <= ? ORDER BY day")) {
            p.setString(1, person);
            p.setDate(2, Date.valueOf(from));
            p.setDate(3, Date.valueOf(to));
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    history.add(new PersonSnapshot(r.getDate(1).toLocalDate(), r.getString(2), r.getDouble(3),
                            r.getInt(4), r.getDouble(5), r.getDouble(6), r.getDouble(7), r.getDouble(8),
                            r.getDouble(9), r.getLong(10)));
                }
            }
        } catch (SQLException e) {
            throw new StoreException("cannot read a person's history from " + url, e);
        }
        return history;
    }

    @Override
    public List<PersonLink> personLinks() {
        List<PersonLink> all = new ArrayList<>();
        try (Connection c = connection(); Statement s = c.createStatement(); ResultSet r = s.executeQuery(
                "SELECT person, network, account_id, linked_by, linked_at FROM person_links "
                        + "ORDER BY person, linked_at, network, account_id")) {
            while (r.next()) {
                all.add(new PersonLink(r.getString(1), new AccountKey(r.getString(2), r.getString(3)), r.getString(4),
                        r.getTimestamp(5).toInstant()));
            }
        } catch (SQLException e) {
            throw new StoreException("cannot read person links from " + url, e);
        }
        return all;
    }

    @Override
    public List<ProfileLinkRecord> profileLinks(AccountKey account) {
        List<ProfileLinkRecord> links = new ArrayList<>();
        try (Connection c = connection(); PreparedStatement p = c.prepareStatement("SELECT url, field, verified, seen_at"
                + " FROM profile_links WHERE network = ? AND account_id = ? ORDER BY field, url")) {
            p.setString(1, account.network());
            p.setString(2, account.id());
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    links.add(new ProfileLinkRecord(account, new ProfileLink(r.getString(1), r.getString(2),
                            r.getBoolean(3)), r.getTimestamp(4).toInstant()));
                }
            }
        } catch (SQLException e) {
            throw new StoreException("cannot read profile links from " + url, e);
        }
        return links;
    }

    @Override
    public List<AccountProfile> linkableProfiles() {
        List<String> named = LinkSuggestions.NAMED_BY_ID.stream().sorted().toList();
        String sql = "SELECT a.network, a.account_id, a.handle, a.display_name, a.followers, a.following, a.posts,"
                + " l.url, l.field, l.verified FROM accounts a LEFT JOIN profile_links l"
                + " ON l.network = a.network AND l.account_id = a.account_id"
                + " WHERE a.handle IS NOT NULL OR l.url IS NOT NULL OR a.network IN ("
                + String.join(", ", java.util.Collections.nCopies(named.size(), "?")) + ")"
                + " ORDER BY a.network, a.account_id, l.field, l.url";
        List<AccountProfile> profiles = new ArrayList<>();
        try (Connection c = connection(); PreparedStatement p = c.prepareStatement(sql)) {
            for (int i = 0; i < named.size(); i++) {
                p.setString(i + 1, named.get(i));
            }
            p.setFetchSize(10_000);
            try (ResultSet r = p.executeQuery()) {
                AccountKey current = null;
                String[] names = null;
                long[] counts = null;
                List<ProfileLink> links = new ArrayList<>();
                while (r.next()) {
                    AccountKey key = new AccountKey(r.getString(1), r.getString(2));
                    if (!key.equals(current)) {
                        if (current != null) {
                            profiles.add(new AccountProfile(current, names[0], names[1], counts[0], counts[1],
                                    counts[2], links));
                        }
                        current = key;
                        names = new String[] {r.getString(3), r.getString(4)};
                        counts = new long[] {count(r, 5), count(r, 6), count(r, 7)};
                        links = new ArrayList<>();
                    }
                    String link = r.getString(8);
                    if (link != null) {
                        links.add(new ProfileLink(link, r.getString(9), r.getBoolean(10)));
                    }
                }
                if (current != null) {
                    profiles.add(new AccountProfile(current, names[0], names[1], counts[0], counts[1], counts[2], links));
                }
            }
        } catch (SQLException e) {
            throw new StoreException("cannot read accounts and profile links from " + url, e);
        }
        return profiles;
    }

    @Override
    public List<StoredCalibration> calibrations() {
        List<StoredCalibration> all = new ArrayList<>();
        try (Connection c = connection(); Statement s = c.createStatement(); ResultSet r = s.executeQuery(
                "SELECT day, fitted, parameters, reason, run_id, created_at FROM calibrations ORDER BY day")) {
            while (r.next()) {
                all.add(calibration(r));
            }
        } catch (SQLException e) {
            throw new StoreException("cannot read calibrations from " + url, e);
        }
        return all;
    }

    private static StoredCalibration calibration(ResultSet r) throws SQLException {
        return new StoredCalibration(r.getDate(1).toLocalDate(), r.getBoolean(2), r.getString(3), r.getString(4),
                r.getLong(5), r.getTimestamp(6).toInstant());
    }

    @Override
    public void saveSnapshots(LocalDate day, ScoreBoard board, long runId) {
        // Written a chunk of rows at a time, in the day's one transaction: a batch of every account
        // at once held two strings a row beside the board (16M accounts, 100M interactions: out of
        // a 17 GB heap).
        replaceDay("score_snapshots", day, c -> {
            for (int start = 0; start < board.size(); start += SNAPSHOT_CHUNK) {
                ColumnBatch rows = new ColumnBatch(SNAPSHOT_TYPES);
                for (int i = start, end = Math.min(board.size(), start + SNAPSHOT_CHUNK); i < end; i++) {
                    int v = board.nodeAt(i);
                    AccountScore s = board.accountScore(v);
                    int r = rows.addRow();
                    rows.setDate(r, 0, day);
                    rows.setString(r, 1, s.account().network());
                    rows.setString(r, 2, s.account().id());
                    rows.setDouble(r, 3, s.score());
                    rows.setDouble(r, 4, s.signal(SignalKind.REACH).value());
                    rows.setDouble(r, 5, s.signal(SignalKind.AMPLIFICATION).value());
                    rows.setDouble(r, 6, s.signal(SignalKind.NETWORK_IMPACT).value());
                    rows.setDouble(r, 7, s.signal(SignalKind.CONVERSATION).value());
                    rows.setDouble(r, 8, s.signal(SignalKind.OUTREACH).value());
                    rows.setInt(r, 9, s.rank());
                    rows.setDouble(r, 10, s.percentile());
                    rows.setLong(r, 11, runId);
                }
                bulkInsert(c, "score_snapshots", SNAPSHOT_COLUMNS, rows);
            }
        });
    }

    /** Rows of a day's snapshot written to the database at a time. */
    private static final int SNAPSHOT_CHUNK = 100_000;

    /** Work on a connection inside a transaction. */
    @FunctionalInterface
    private interface RowWriter {
        void write(Connection c) throws SQLException;
    }

    /** Replaces a day's rows of a per-day table, in one transaction. */
    private void replaceDay(String table, String columns, LocalDate day, ColumnBatch rows) {
        replaceDay(table, day, c -> bulkInsert(c, table, columns, rows));
    }

    /** Replaces a day's rows of a per-day table with what {@code writer} writes, in one transaction. */
    private void replaceDay(String table, LocalDate day, RowWriter writer) {
        inTransaction("cannot save " + table + " of " + day + " in " + url, c -> {
            try (PreparedStatement p = c.prepareStatement("DELETE FROM " + table + " WHERE day = ?")) {
                p.setDate(1, Date.valueOf(day));
                p.executeUpdate();
            }
            writer.write(c);
        });
    }

    /** Runs {@code work} on a connection of its own in one transaction, rolled back if it fails. */
    private void inTransaction(String failure, RowWriter work) {
        try (Connection c = connection()) {
            c.setAutoCommit(false);
            try {
                work.write(c);
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new StoreException(failure, e);
        }
    }

    static final String TOPIC_COLUMNS = "day, topic, network, account_id, score, score_rank, run_id";
    static final ColumnBatch.Type[] TOPIC_TYPES = {ColumnBatch.Type.DATE, ColumnBatch.Type.STRING,
        ColumnBatch.Type.STRING, ColumnBatch.Type.STRING, ColumnBatch.Type.DOUBLE, ColumnBatch.Type.INT,
        ColumnBatch.Type.LONG};

    @Override
    public void saveTopicScores(LocalDate day, List<TopicScoring.TopicBoard> boards, long runId) {
        ColumnBatch rows = new ColumnBatch(TOPIC_TYPES);
        for (TopicScoring.TopicBoard topic : boards) {
            ScoreBoard board = topic.board();
            for (int i = 0; i < board.size(); i++) {
                int v = board.nodeAt(i);
                AccountKey key = board.table().accounts().key(board.graph().account(v));
                int r = rows.addRow();
                rows.setDate(r, 0, day);
                rows.setString(r, 1, topic.topic());
                rows.setString(r, 2, key.network());
                rows.setString(r, 3, key.id());
                rows.setDouble(r, 4, board.score(v));
                rows.setInt(r, 5, board.rank(v));
                rows.setLong(r, 6, runId);
            }
        }
        replaceDay("topic_scores", TOPIC_COLUMNS, day, rows);
    }

    @Override
    public List<String> topics(LocalDate day) {
        List<String> topics = new ArrayList<>();
        try (Connection c = connection(); PreparedStatement p = c.prepareStatement("SELECT topic FROM topic_scores "
                + "WHERE day = ? GROUP BY topic ORDER BY COUNT(*) DESC, topic")) {
            p.setDate(1, Date.valueOf(day));
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    topics.add(r.getString(1));
                }
            }
        } catch (SQLException e) {
            throw new StoreException("cannot read topics from " + url, e);
        }
        return topics;
    }

    @Override
    public List<TopicScore> topicScores(AccountKey account, LocalDate day) {
        return topicQuery("SELECT " + TOPIC_COLUMNS + " FROM topic_scores WHERE day = ? AND network = ? AND account_id = ?"
                + " ORDER BY score_rank, topic", day, account.network(), account.id(), 0);
    }

    @Override
    public List<TopicScore> topicLeaders(LocalDate day, String topic, int limit) {
        return topicQuery("SELECT " + TOPIC_COLUMNS + " FROM topic_scores WHERE day = ? AND topic = ?"
                + " ORDER BY score_rank, network, account_id LIMIT ?", day, topic, null, limit);
    }

    @Override
    public List<TopicDay> topicTrend(String topic) {
        List<TopicDay> days = new ArrayList<>();
        try (Connection c = connection(); PreparedStatement p = c.prepareStatement("SELECT day, COUNT(*), MAX(score) "
                + "FROM topic_scores WHERE topic = ? GROUP BY day ORDER BY day")) {
            p.setString(1, topic);
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    days.add(new TopicDay(r.getDate(1).toLocalDate(), r.getInt(2), r.getDouble(3)));
                }
            }
        } catch (SQLException e) {
            throw new StoreException("cannot read the trend of topic " + topic + " from " + url, e);
        }
        return days;
    }

    /** Runs a topic query with parameters day, {@code a}, {@code b} when not null, and the limit when it asks one. */
    private List<TopicScore> topicQuery(String sql, LocalDate day, String a, String b, int limit) {
        List<TopicScore> scores = new ArrayList<>();
        try (Connection c = connection(); PreparedStatement p = c.prepareStatement(sql)) {
            int k = 1;
            p.setDate(k++, Date.valueOf(day));
            p.setString(k++, a);
            if (b != null) {
                p.setString(k++, b);
            }
            if (sql.endsWith("LIMIT ?")) {
                p.setInt(k, limit);
            }
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    scores.add(new TopicScore(r.getDate(1).toLocalDate(), r.getString(2),
                            new AccountKey(r.getString(3), r.getString(4)), r.getDouble(5), r.getInt(6)));
                }
            }
        } catch (SQLException e) {
            throw new StoreException("cannot read topic scores from " + url, e);
        }
        return scores;
    }

    @Override
    public List<LocalDate> snapshotDays() {
        List<LocalDate> days = new ArrayList<>();
        try (Connection c = connection(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT DISTINCT day FROM score_snapshots ORDER BY day")) {
            while (r.next()) {
                days.add(r.getDate(1).toLocalDate());
            }
        } catch (SQLException e) {
            throw new StoreException("cannot read snapshots from " + url, e);
        }
        return days;
    }

    @Override
    public int snapshotCount(LocalDate day) {
        try (Connection c = connection();
             PreparedStatement p = c.prepareStatement("SELECT COUNT(*) FROM score_snapshots WHERE day = ?")) {
            p.setDate(1, Date.valueOf(day));
            try (ResultSet r = p.executeQuery()) {
                r.next();
                return r.getInt(1);
            }
        } catch (SQLException e) {
            throw new StoreException("cannot read snapshots from " + url, e);
        }
    }

    @Override
    public List<Snapshot> snapshots(LocalDate day) {
        List<Snapshot> all = new ArrayList<>();
        try (Connection c = connection(); PreparedStatement p = c.prepareStatement("SELECT " + SNAPSHOT_COLUMNS
                + " FROM score_snapshots WHERE day = ? ORDER BY score_rank, network, account_id")) {
            p.setDate(1, Date.valueOf(day));
            p.setFetchSize(10_000);
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    all.add(snapshot(r));
                }
            }
        } catch (SQLException e) {
            throw new StoreException("cannot read snapshots from " + url, e);
        }
        return all;
    }

    @Override
    public List<Snapshot> history(AccountKey account, LocalDate from, LocalDate to) {
        List<Snapshot> history = new ArrayList<>();
        try (Connection c = connection(); PreparedStatement p = c.prepareStatement("SELECT " + SNAPSHOT_COLUMNS
                + " FROM score_snapshots WHERE network = ? AND account_id = ? AND day >= ? AND day <= ? ORDER BY day")) {
            p.setString(1, account.network());
            p.setString(2, account.id());
            p.setDate(3, Date.valueOf(from));
            p.setDate(4, Date.valueOf(to));
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    history.add(snapshot(r));
                }
            }
        } catch (SQLException e) {
            throw new StoreException("cannot read history from " + url, e);
        }
        return history;
    }

    @Override
    public Optional<Snapshot> snapshot(AccountKey account, LocalDate day) {
        List<Snapshot> one = history(account, day, day);
        return one.isEmpty() ? Optional.empty() : Optional.of(one.get(0));
    }

    private static Snapshot snapshot(ResultSet r) throws SQLException {
        return new Snapshot(r.getDate(1).toLocalDate(), new AccountKey(r.getString(2), r.getString(3)), r.getDouble(4),
                r.getDouble(5), r.getDouble(6), r.getDouble(7), r.getDouble(8), r.getDouble(9), r.getInt(10),
                r.getDouble(11), r.getLong(12));
    }

    @Override
    public List<AccountKey> findAccounts(String text) {
        String t = text.trim();
        String handle = t.startsWith("@") ? t.substring(1) : t;
        int colon = t.indexOf(':');
        List<AccountKey> found = new ArrayList<>();
        try (Connection c = connection(); PreparedStatement p = c.prepareStatement("SELECT network, account_id FROM accounts"
                + " WHERE (network = ? AND account_id = ?) OR account_id = ? OR LOWER(handle) = LOWER(?)"
                + " ORDER BY network, account_id LIMIT 10")) {
            p.setString(1, colon > 0 ? t.substring(0, colon) : "");
            p.setString(2, colon > 0 ? t.substring(colon + 1) : "");
            p.setString(3, t);
            p.setString(4, handle);
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    found.add(new AccountKey(r.getString(1), r.getString(2)));
                }
            }
        } catch (SQLException e) {
            throw new StoreException("cannot search accounts in " + url, e);
        }
        return found;
    }

    @Override
    public Optional<AccountRecord> account(AccountKey account) {
        try (Connection c = connection(); PreparedStatement p = c.prepareStatement(
                "SELECT " + ACCOUNT_COLUMNS + " FROM accounts WHERE network = ? AND account_id = ?")) {
            p.setString(1, account.network());
            p.setString(2, account.id());
            try (ResultSet r = p.executeQuery()) {
                if (!r.next()) {
                    return Optional.empty();
                }
                return Optional.of(new AccountRecord(account, r.getString(3), r.getString(4), boxed(r, 5), boxed(r, 6),
                        boxed(r, 7)));
            }
        } catch (SQLException e) {
            throw new StoreException("cannot read accounts from " + url, e);
        }
    }

    private static Long boxed(ResultSet r, int column) throws SQLException {
        long v = r.getLong(column);
        return r.wasNull() ? null : v;
    }

    @Override
    public Optional<IngestProgress> progress(String sourceKey) {
        try (Connection c = connection()) {
            return progress(c, sourceKey);
        } catch (SQLException e) {
            throw new StoreException("cannot read ingest progress from " + url, e);
        }
    }

    static Optional<IngestProgress> progress(Connection c, String sourceKey) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT source_key, description, records_done, completed, run_id "
                + "FROM ingest_progress WHERE source_key = ?")) {
            p.setString(1, sourceKey);
            try (ResultSet r = p.executeQuery()) {
                if (!r.next()) {
                    return Optional.empty();
                }
                return Optional.of(new IngestProgress(r.getString(1), r.getString(2), r.getLong(3), r.getBoolean(4),
                        boxed(r, 5)));
            }
        }
    }

    /** The query {@link #export} writes for a table. */
    static String exportQuery(Table table) {
        switch (table) {
            case INTERACTIONS:
                return "SELECT event_id, network, kind, actor, target, time_ms, post_id, target_post_id, hashtags, text "
                        + "FROM interactions ORDER BY time_ms, event_key";
            case SNAPSHOTS:
                return "SELECT " + SNAPSHOT_COLUMNS + " FROM score_snapshots ORDER BY day, score_rank, network, account_id";
            default:
                throw new AssertionError(table);
        }
    }
}
