package dev.renown.store;

import dev.renown.core.event.AccountKey;
import dev.renown.core.event.AccountProfile;
import dev.renown.core.event.EventTableBuilder;
import dev.renown.core.event.Interaction;
import dev.renown.core.event.ProfileLink;
import it.unimi.dsi.fastutil.longs.Long2IntOpenHashMap;
import it.unimi.dsi.fastutil.longs.LongOpenHashSet;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Batches one input's interactions into the store. Each batch is one transaction: the
 * interactions go to a staging table through the bulk path and from there into
 * {@code interactions} unless their event key is stored already; the accounts they name, and
 * the profiles that came with them, are added or updated (with the links of the profiles that
 * give them, {@link #writeLinks}); and the input's progress — how many of
 * its records are now committed — is written. A crash loses at most the uncommitted batches,
 * which the next session re-reads; nothing is stored twice.
 *
 * <p>Into an empty store the session takes a shorter path: it remembers every event key and
 * account it has queued, so what it writes is known to be new and is appended straight into the
 * tables, without staging or existence checks. That is the common first load; it switches back
 * to the staging path if the remembered keys would grow past {@link #MAX_REMEMBERED_KEYS}.
 *
 * <p>Batches are written by a background thread, one at a time, while the caller fills the
 * next: reading, parsing and writing overlap. {@link #accept} waits only when a full batch is
 * ready and the previous one is still being written.
 *
 * <p>As a {@link StreamSession} (a live stream, {@code stream = true}) the session skips nothing
 * by position — a stream has no stable record numbers, it replays from a cursor — and always
 * takes the staging path, so that duplicates from the replay are dropped against the stored
 * keys and memory stays bounded however long the stream runs. {@link #commit} writes the batch
 * and the stream's cursor in one transaction and waits for it.
 */
final class JdbcIngestSession implements IngestSession, StreamSession {

    /** Event keys remembered for the direct path (16 bytes each in the hash set, about 300 MB). */
    static final int MAX_REMEMBERED_KEYS = 20_000_000;

    private final JdbcStore store;
    private final Connection c;
    private final String sourceKey;
    private final String description;
    private final long runId;
    private final int batchSize;
    private final long resumedAt;
    private final boolean stream;
    /** For a stream: records committed by earlier sessions, so progress keeps counting up. */
    private final long earlierRecords;
    private volatile String cursor;
    private final ExecutorService writer;
    private final LongOpenHashSet sessionKeys = new LongOpenHashSet();
    private final LongOpenHashSet queuedAccounts = new LongOpenHashSet();
    private Batch batch;
    private Future<int[]> inFlight;
    private boolean direct;
    private long records;
    private long skipped;
    private long inserted;
    private long duplicates;
    private long profiles;

    /** One batch: immutable once handed to the writer. */
    private static final class Batch {
        final ColumnBatch interactions = new ColumnBatch(JdbcStore.INTERACTION_TYPES);
        final LongOpenHashSet keys = new LongOpenHashSet();
        /** Accounts the batch names for the first time in this session, without profile data. */
        final ColumnBatch plainAccounts = new ColumnBatch(JdbcStore.ACCOUNT_TYPES);
        /** Profiles, merged per account: the row of each account's fingerprint. */
        final ColumnBatch profiledAccounts = new ColumnBatch(JdbcStore.ACCOUNT_TYPES);
        final Long2IntOpenHashMap profileRow = new Long2IntOpenHashMap();
        /** The links of each account whose profile gave them, the last profile's. */
        final Map<AccountKey, List<ProfileLink>> links = new HashMap<>();
        boolean direct;
        long recordsDone;
        boolean complete;
        /** The stream cursor this batch brings the stream to, or null to leave it. */
        String cursor;

        Batch() {
            profileRow.defaultReturnValue(-1);
        }
    }

    JdbcIngestSession(JdbcStore store, Connection c, String sourceKey, String description, long runId, int batchSize,
                      boolean stream) throws SQLException {
        this.store = store;
        this.c = c;
        this.sourceKey = sourceKey;
        this.description = description;
        this.runId = runId;
        this.batchSize = batchSize;
        this.stream = stream;
        Optional<IngestProgress> previous = JdbcStore.progress(c, sourceKey);
        long done = previous.map(IngestProgress::recordsDone).orElse(0L);
        this.resumedAt = stream ? 0 : done;
        this.earlierRecords = stream ? done : 0;
        this.cursor = stream ? JdbcStore.streamCursor(c, sourceKey).orElse(null) : null;
        this.direct = !stream && isEmpty(c);
        this.batch = new Batch();
        this.writer = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "renown-ingest-writer");
            t.setDaemon(true);
            return t;
        });
    }

    private static boolean isEmpty(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(
                "SELECT (SELECT COUNT(*) FROM interactions) + (SELECT COUNT(*) FROM accounts)")) {
            r.next();
            return r.getLong(1) == 0;
        }
    }

    @Override
    public long resumedAt() {
        return resumedAt;
    }

    @Override
    public void accept(Interaction i) {
        records++;
        if (records <= resumedAt) {
            skipped++;
            return;
        }
        long key = EventTableBuilder.fingerprint64(i.eventId());
        if (!batch.keys.add(key) || (direct && sessionKeys.contains(key))) {
            duplicates++;
            return;
        }
        ColumnBatch rows = batch.interactions;
        int r = rows.addRow();
        rows.setLong(r, 0, key);
        rows.setString(r, 1, i.eventId());
        rows.setString(r, 2, i.network());
        rows.setString(r, 3, i.kind().wireName());
        rows.setString(r, 4, i.actorId());
        rows.setString(r, 5, i.targetId());
        rows.setLong(r, 6, i.timeMillis());
        rows.setString(r, 7, i.postId());
        rows.setString(r, 8, i.targetPostId());
        rows.setString(r, 9, i.hashtags().isEmpty() ? null : String.join(" ", i.hashtags()));
        rows.setString(r, 10, i.text());
        account(i.network(), i.actorId());
        account(i.network(), i.targetId());
        if (rows.size() >= batchSize) {
            submit(false);
        }
    }

    /** The fingerprint of an account, without building a string per call. */
    private static long accountKey(String network, String id) {
        return EventTableBuilder.fingerprint64(id) * 31 + EventTableBuilder.fingerprint64(network);
    }

    private void account(String network, String id) {
        if (queuedAccounts.add(accountKey(network, id))) {
            ColumnBatch a = batch.plainAccounts;
            int r = a.addRow();
            a.setString(r, 0, network);
            a.setString(r, 1, id);
        }
    }

    @Override
    public void profile(AccountProfile p) {
        // Profiles are updates: applying one again on resume changes nothing.
        profiles++;
        String network = p.account().network();
        String id = p.account().id();
        long key = accountKey(network, id);
        queuedAccounts.add(key);
        ColumnBatch a = batch.profiledAccounts;
        int r = batch.profileRow.get(key);
        if (r < 0) {
            r = a.addRow();
            batch.profileRow.put(key, r);
            a.setString(r, 0, network);
            a.setString(r, 1, id);
        }
        // Later profiles of the same account win, field by field.
        if (p.handle() != null) {
            a.setString(r, 2, p.handle());
        }
        if (p.displayName() != null) {
            a.setString(r, 3, p.displayName());
        }
        if (known(p.followers()) != null) {
            a.setNullableLong(r, 4, known(p.followers()));
        }
        if (known(p.following()) != null) {
            a.setNullableLong(r, 5, known(p.following()));
        }
        if (known(p.posts()) != null) {
            a.setNullableLong(r, 6, known(p.posts()));
        }
        if (p.links() != null) {
            batch.links.put(p.account(), p.links());
        }
    }

    private static Long known(long count) {
        return count == AccountProfile.UNKNOWN ? null : count;
    }

    @Override
    public IngestResult finish() {
        submit(true, null);
        awaitInFlight();
        return totals();
    }

    @Override
    public String cursor() {
        return cursor;
    }

    @Override
    public void commit(String newCursor) {
        if (!stream) {
            throw new IllegalStateException("commit(cursor) is for stream sessions; a file ingest ends with finish()");
        }
        submit(false, newCursor);
        awaitInFlight();
        if (newCursor != null) {
            cursor = newCursor;
        }
    }

    @Override
    public IngestResult totals() {
        return new IngestResult(records, skipped, inserted, duplicates, profiles);
    }

    /** Hands the current batch to the writer (after the previous one is written) and starts another. */
    private void submit(boolean complete) {
        submit(complete, null);
    }

    private void submit(boolean complete, String newCursor) {
        Batch full = batch;
        full.direct = direct;
        full.recordsDone = stream ? earlierRecords + records : Math.max(records, resumedAt);
        full.complete = complete && !stream;
        full.cursor = newCursor;
        if (direct) {
            sessionKeys.addAll(full.keys);
            if (sessionKeys.size() >= MAX_REMEMBERED_KEYS) {
                direct = false;
                sessionKeys.clear();
            }
        }
        batch = new Batch();
        awaitInFlight();
        inFlight = writer.submit(() -> write(full));
    }

    private void awaitInFlight() {
        if (inFlight == null) {
            return;
        }
        try {
            int[] written = inFlight.get();
            inserted += written[0];
            duplicates += written[1];
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("ingest interrupted");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw cause instanceof StoreException ? (StoreException) cause
                    : new StoreException("cannot commit a batch to " + store.url(), cause);
        } finally {
            inFlight = null;
        }
    }

    /** Writes one batch in one transaction; returns {inserted, already stored}. */
    private int[] write(Batch b) {
        try {
            c.setAutoCommit(false);
            try {
                int added = 0;
                if (!b.interactions.isEmpty() && b.direct) {
                    store.bulkInsert(c, "interactions", JdbcStore.INTERACTION_COLUMNS, b.interactions);
                    added = b.interactions.size();
                } else if (!b.interactions.isEmpty()) {
                    try (Statement s = c.createStatement()) {
                        s.executeUpdate("DELETE FROM " + store.stagingInteractions());
                    }
                    store.bulkInsert(c, store.stagingInteractions(), JdbcStore.INTERACTION_COLUMNS, b.interactions);
                    try (Statement s = c.createStatement()) {
                        added = s.executeUpdate(store.insertNewInteractions());
                        s.executeUpdate("DELETE FROM " + store.stagingInteractions());
                    }
                }
                writeAccounts(b);
                writeLinks(b);
                writeProgress(b);
                c.commit();
                return new int[] {added, b.interactions.size() - added};
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreException("cannot commit a batch to " + store.url(), e);
        }
    }

    /**
     * Adds the batch's new accounts and applies its profiles with portable statements over the
     * staging table — an {@code UPDATE … FROM} of the accounts already stored, keeping what a
     * profile leaves out, and an {@code INSERT} of the others — so neither database needs a
     * unique index for it. On the direct path, plain accounts are known to be new and appended.
     */
    private void writeAccounts(Batch b) throws SQLException {
        if (b.direct) {
            store.bulkInsert(c, "accounts", JdbcStore.ACCOUNT_COLUMNS, b.plainAccounts);
            stageAccounts(b.profiledAccounts, true);
        } else {
            stageAccounts(b.profiledAccounts, true);
            stageAccounts(b.plainAccounts, false);
        }
    }

    private void stageAccounts(ColumnBatch accounts, boolean update) throws SQLException {
        if (accounts.isEmpty()) {
            return;
        }
        String stage = store.stagingAccounts();
        try (Statement s = c.createStatement()) {
            s.executeUpdate("DELETE FROM " + stage);
        }
        store.bulkInsert(c, stage, JdbcStore.ACCOUNT_COLUMNS, accounts);
        try (Statement s = c.createStatement()) {
            if (update) {
                s.executeUpdate("UPDATE accounts SET handle = COALESCE(s.handle, accounts.handle),"
                        + " display_name = COALESCE(s.display_name, accounts.display_name),"
                        + " followers = COALESCE(s.followers, accounts.followers),"
                        + " following = COALESCE(s.following, accounts.following),"
                        + " posts = COALESCE(s.posts, accounts.posts)"
                        + " FROM " + stage + " s WHERE accounts.network = s.network"
                        + " AND accounts.account_id = s.account_id");
            }
            s.executeUpdate("INSERT INTO accounts (" + JdbcStore.ACCOUNT_COLUMNS + ") SELECT " + JdbcStore.ACCOUNT_COLUMNS
                    + " FROM " + stage + " s WHERE NOT EXISTS (SELECT 1 FROM accounts a"
                    + " WHERE a.network = s.network AND a.account_id = s.account_id)");
            s.executeUpdate("DELETE FROM " + stage);
        }
    }

    /**
     * Replaces the stored links of every account whose profile the batch gave in full — an
     * account given with no links loses the ones it had — through a staging table: the batch's
     * rows (an account without links as one row with a null url) are appended, the accounts'
     * stored rows deleted, the new ones inserted, all stamped with the time of writing.
     */
    private void writeLinks(Batch b) throws SQLException {
        if (b.links.isEmpty()) {
            return;
        }
        ColumnBatch rows = new ColumnBatch(JdbcStore.LINK_TYPES);
        b.links.forEach((account, links) -> {
            if (links.isEmpty()) {
                int r = rows.addRow();
                rows.setString(r, 0, account.network());
                rows.setString(r, 1, account.id());
            }
            for (ProfileLink link : links) {
                int r = rows.addRow();
                rows.setString(r, 0, account.network());
                rows.setString(r, 1, account.id());
                rows.setString(r, 2, link.url());
                rows.setString(r, 3, link.field());
                rows.setInt(r, 4, link.verified() ? 1 : 0);
            }
        });
        String stage = store.stagingLinks();
        try (Statement s = c.createStatement()) {
            s.executeUpdate("DELETE FROM " + stage);
        }
        store.bulkInsert(c, stage, JdbcStore.LINK_COLUMNS, rows);
        try (Statement s = c.createStatement()) {
            s.executeUpdate("DELETE FROM profile_links WHERE EXISTS (SELECT 1 FROM " + stage + " s"
                    + " WHERE s.network = profile_links.network AND s.account_id = profile_links.account_id)");
        }
        try (PreparedStatement p = c.prepareStatement("INSERT INTO profile_links (network, account_id, url, field, "
                + "verified, seen_at) SELECT network, account_id, url, field, verified = 1, CAST(? AS TIMESTAMP)"
                + " FROM " + stage + " WHERE url IS NOT NULL")) {
            p.setTimestamp(1, Timestamp.from(Instant.now()));
            p.executeUpdate();
        }
        try (Statement s = c.createStatement()) {
            s.executeUpdate("DELETE FROM " + stage);
        }
    }

    private void writeProgress(Batch b) throws SQLException {
        if (b.cursor != null) {
            writeCursor(b.cursor);
        }
        try (PreparedStatement p = c.prepareStatement(
                "UPDATE ingest_progress SET records_done = ?, completed = ?, run_id = ? WHERE source_key = ?")) {
            p.setLong(1, b.recordsDone);
            p.setBoolean(2, b.complete);
            p.setLong(3, runId);
            p.setString(4, sourceKey);
            if (p.executeUpdate() > 0) {
                return;
            }
        }
        try (PreparedStatement p = c.prepareStatement("INSERT INTO ingest_progress (source_key, description, "
                + "records_done, completed, run_id) VALUES (?, ?, ?, ?, ?)")) {
            p.setString(1, sourceKey);
            p.setString(2, description);
            p.setLong(3, b.recordsDone);
            p.setBoolean(4, b.complete);
            p.setLong(5, runId);
            p.executeUpdate();
        }
    }

    private void writeCursor(String value) throws SQLException {
        Timestamp now = Timestamp.from(Instant.now());
        try (PreparedStatement p = c.prepareStatement(
                "UPDATE stream_cursors SET cursor_value = ?, run_id = ?, updated_at = ? WHERE source_key = ?")) {
            p.setString(1, value);
            p.setLong(2, runId);
            p.setTimestamp(3, now);
            p.setString(4, sourceKey);
            if (p.executeUpdate() > 0) {
                return;
            }
        }
        try (PreparedStatement p = c.prepareStatement(
                "INSERT INTO stream_cursors (source_key, cursor_value, run_id, updated_at) VALUES (?, ?, ?, ?)")) {
            p.setString(1, sourceKey);
            p.setString(2, value);
            p.setLong(3, runId);
            p.setTimestamp(4, now);
            p.executeUpdate();
        }
    }

    /** Lets the batch being written finish (a crash stops it anyway), drops the rest, closes. */
    @Override
    public void close() {
        try {
            if (inFlight != null) {
                try {
                    awaitInFlight();
                } catch (StoreException e) {
                    // reported by the caller's own failure, if any
                }
            }
            writer.shutdownNow();
            if (!c.getAutoCommit()) {
                c.rollback();
                c.setAutoCommit(true);
            }
            c.close();
        } catch (SQLException e) {
            throw new StoreException("cannot close the ingest connection to " + store.url(), e);
        }
    }
}
