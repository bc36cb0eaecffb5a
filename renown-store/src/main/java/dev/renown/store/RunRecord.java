package dev.renown.store;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;

/**
 * One run: an ingest, a backfill, an import, a day of the daily cycle.
 *
 * @param finishedAt   null while running, or when the run was interrupted
 * @param status       {@link #RUNNING}, {@link #OK}, {@link #FAILED} or {@link #INTERRUPTED}
 * @param day          the day a daily run scored, else null
 * @param accounts     accounts in the day's snapshot, or -1
 * @param interactions interactions in the window of the day's snapshot, or -1
 * @param summary      what the run did, or why it failed
 */
public record RunRecord(long runId, String kind, String input, String parameters, Instant startedAt,
                        Instant finishedAt, String status, LocalDate day, long accounts, long interactions,
                        String summary) {

    public static final String RUNNING = "running";
    public static final String OK = "ok";
    public static final String FAILED = "failed";
    public static final String INTERRUPTED = "interrupted";

    /** How long the run took, or has taken so far (to {@code now}) while running. */
    public Duration duration(Instant now) {
        return Duration.between(startedAt, finishedAt != null ? finishedAt : now);
    }
}
