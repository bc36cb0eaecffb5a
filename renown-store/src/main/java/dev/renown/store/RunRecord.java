package dev.renown.store;

import java.time.Instant;

/**
 * One run: an ingest, a backfill, an import.
 *
 * @param finishedAt null while running, or when the run was killed
 */
public record RunRecord(long runId, String kind, String input, String parameters, Instant startedAt,
                        Instant finishedAt, String summary) {
}
