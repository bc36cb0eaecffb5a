package dev.renown.sources.live;

import dev.renown.core.event.InteractionSink;

/**
 * Where a live connector puts what it reads: interactions and profiles as they are parsed, and
 * commit points. A commit must make everything received since the previous one durable together
 * with its cursor, atomically: the connector resumes from the last committed cursor, so a cursor
 * stored without its interactions would leave a gap. The sink must also drop interactions it
 * already holds (same event id): connectors replay a little before the cursor on every resume.
 */
public interface LiveSink extends InteractionSink {

    /** The cursor stored with the stream's last commit, or null for a stream never read. */
    String cursor();

    /** Makes durable what was received since the last commit, with {@code cursor}; returns when durable. */
    void commit(String cursor);
}
