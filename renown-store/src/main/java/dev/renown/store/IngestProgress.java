package dev.renown.store;

/**
 * How far an input has been ingested: {@code recordsDone} records of it are committed.
 */
public record IngestProgress(String sourceKey, String description, long recordsDone, boolean completed, Long runId) {
}
