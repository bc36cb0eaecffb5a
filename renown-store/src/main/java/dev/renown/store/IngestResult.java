package dev.renown.store;

/**
 * What an ingest session did.
 *
 * @param records    interactions the input produced in this session, skipped ones included
 * @param skipped    of those, the ones a previous session had already committed
 * @param inserted   interactions added to the store
 * @param duplicates interactions already stored (same event id), not added again
 * @param profiles   account profiles applied
 */
public record IngestResult(long records, long skipped, long inserted, long duplicates, long profiles) {
}
