package dev.renown.store;

import dev.renown.core.event.AccountProfile;
import dev.renown.core.event.EventTableBuilder;
import dev.renown.core.event.Interaction;
import it.unimi.dsi.fastutil.longs.LongOpenHashSet;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Batches one input's interactions into the store. Each batch is one transaction: the
 * interactions go to a staging table through the bulk path and from there into
 * {@code interactions} with {@code ON CONFLICT DO NOTHING} on the event key; the accounts they
 * name, and the profiles that came with them, are upserted; and the input's progress — how many
 * of its records are now committed — is written. A crash loses at most the uncommitted batch,
 * which the next session re-reads; nothing is stored twice.
 */
final class JdbcIngestSession implements IngestSession {

    private final JdbcStore store;
    private final Connection c;
    private final String sourceKey;
    private final String description;
    private final long runId;
    private final int batchSize;
    private final long resumedAt;
    private final List<Object[]> interactions = new ArrayList<>();
    private final LongOpenHashSet batchKeys = new LongOpenHashSet();
    private final Map<String, Object[]> accounts = new LinkedHashMap<>();
    private long records;
    private long skipped;
    private long inserted;
    private long duplicates;
    private long profiles;

    JdbcIngestSession(JdbcStore store, Connection c, String sourceKey, String description, long runId, int batchSize)
            throws SQLException {
        this.batchSize = batchSize;
        this.store = store;
        this.c = c;
        this.sourceKey = sourceKey;
        this.description = description;
        this.runId = runId;
        Optional<IngestProgress> previous = JdbcStore.progress(c, sourceKey);
        this.resumedAt = previous.map(IngestProgress::recordsDone).orElse(0L);
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
        if (!batchKeys.add(key)) {
            duplicates++;
            return;
        }
        interactions.add(new Object[] {key, i.eventId(), i.network(), i.kind().wireName(), i.actorId(), i.targetId(),
            i.timeMillis(), i.postId(), i.targetPostId(), i.hashtags().isEmpty() ? null : String.join(" ", i.hashtags()),
            i.text()});
        account(i.network(), i.actorId());
        account(i.network(), i.targetId());
        if (interactions.size() >= batchSize) {
            commit(false);
        }
    }

    private void account(String network, String id) {
        accounts.putIfAbsent(network + '\u0000' + id, new Object[] {network, id, null, null, null, null, null});
    }

    @Override
    public void profile(AccountProfile p) {
        // Profiles are upserts: applying one again on resume changes nothing.
        profiles++;
        accounts.put(p.account().network() + '\u0000' + p.account().id(), new Object[] {p.account().network(),
            p.account().id(), p.handle(), p.displayName(), known(p.followers()), known(p.following()), known(p.posts())});
    }

    private static Long known(long count) {
        return count == AccountProfile.UNKNOWN ? null : count;
    }

    @Override
    public IngestResult finish() {
        commit(true);
        return new IngestResult(records, skipped, inserted, duplicates, profiles);
    }

    /** Commits the batch with the progress; {@code complete} marks the input done. */
    private void commit(boolean complete) {
        try {
            c.setAutoCommit(false);
            try {
                int added = 0;
                if (!interactions.isEmpty()) {
                    try (Statement s = c.createStatement()) {
                        s.executeUpdate("DELETE FROM " + store.stagingInteractions());
                        s.executeUpdate("DELETE FROM " + store.stagingAccounts());
                    }
                    store.bulkInsert(c, store.stagingInteractions(), JdbcStore.INTERACTION_COLUMNS, interactions);
                    try (Statement s = c.createStatement()) {
                        added = s.executeUpdate("INSERT INTO interactions (" + JdbcStore.INTERACTION_COLUMNS
                                + ") SELECT " + JdbcStore.INTERACTION_COLUMNS + " FROM " + store.stagingInteractions()
                                + " ON CONFLICT (event_key) DO NOTHING");
                    }
                }
                upsertAccounts();
                writeProgress(complete);
                c.commit();
                inserted += added;
                duplicates += interactions.size() - added;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreException("cannot commit a batch to " + store.url(), e);
        }
        interactions.clear();
        batchKeys.clear();
        accounts.clear();
    }

    private void upsertAccounts() throws SQLException {
        if (accounts.isEmpty()) {
            return;
        }
        List<Object[]> plain = new ArrayList<>();
        List<Object[]> profiled = new ArrayList<>();
        for (Object[] a : accounts.values()) {
            boolean any = false;
            for (int k = 2; k < a.length; k++) {
                any |= a[k] != null;
            }
            (any ? profiled : plain).add(a);
        }
        try (Statement s = c.createStatement()) {
            s.executeUpdate("DELETE FROM " + store.stagingAccounts());
        }
        store.bulkInsert(c, store.stagingAccounts(), JdbcStore.ACCOUNT_COLUMNS, plain);
        try (Statement s = c.createStatement()) {
            s.executeUpdate("INSERT INTO accounts (" + JdbcStore.ACCOUNT_COLUMNS + ") SELECT " + JdbcStore.ACCOUNT_COLUMNS
                    + " FROM " + store.stagingAccounts() + " ON CONFLICT (network, account_id) DO NOTHING");
            s.executeUpdate("DELETE FROM " + store.stagingAccounts());
        }
        if (!profiled.isEmpty()) {
            store.bulkInsert(c, store.stagingAccounts(), JdbcStore.ACCOUNT_COLUMNS, profiled);
            try (Statement s = c.createStatement()) {
                s.executeUpdate("INSERT INTO accounts (" + JdbcStore.ACCOUNT_COLUMNS + ") SELECT "
                        + JdbcStore.ACCOUNT_COLUMNS + " FROM " + store.stagingAccounts()
                        + " ON CONFLICT (network, account_id) DO UPDATE SET"
                        + " handle = COALESCE(EXCLUDED.handle, accounts.handle),"
                        + " display_name = COALESCE(EXCLUDED.display_name, accounts.display_name),"
                        + " followers = COALESCE(EXCLUDED.followers, accounts.followers),"
                        + " following = COALESCE(EXCLUDED.following, accounts.following),"
                        + " posts = COALESCE(EXCLUDED.posts, accounts.posts)");
            }
        }
    }

    private void writeProgress(boolean complete) throws SQLException {
        long done = Math.max(records, resumedAt);
        try (PreparedStatement p = c.prepareStatement(
                "UPDATE ingest_progress SET records_done = ?, completed = ?, run_id = ? WHERE source_key = ?")) {
            p.setLong(1, done);
            p.setBoolean(2, complete);
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
            p.setLong(3, done);
            p.setBoolean(4, complete);
            p.setLong(5, runId);
            p.executeUpdate();
        }
    }

    @Override
    public void close() {
        try {
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
