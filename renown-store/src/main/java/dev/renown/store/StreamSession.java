package dev.renown.store;

import dev.renown.core.event.InteractionSink;

/**
 * Receives the interactions of one live stream and commits them when told, each commit in one
 * transaction together with the stream's cursor — the position in the stream that the commit
 * covers — so that a connector restarted after any crash resumes from a cursor whose events are
 * all stored. Streams replay from a cursor with some overlap; interactions already stored (same
 * event id) are not stored again, so the overlap adds nothing.
 */
public interface StreamSession extends InteractionSink, AutoCloseable {

    /** The cursor of the stream's last commit, by this session or an earlier one; null if none. */
    String cursor();

    /**
     * Commits what was received since the last commit, with {@code cursor}, in one transaction;
     * returns when it is durable.
     *
     * @throws StoreException when the database refuses; nothing of this commit is then stored
     */
    void commit(String cursor);

    /** What the session did so far; {@code skipped} is always 0 (streams dedup by event id only). */
    IngestResult totals();

    /** Abandons what is not committed (committed batches stay). */
    @Override
    void close();
}
