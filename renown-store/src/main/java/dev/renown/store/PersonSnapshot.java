package dev.renown.store;

import java.time.LocalDate;

/** A person's stored score of one day: its combined score, rank among the persons, and signal values. */
public record PersonSnapshot(LocalDate day, String person, double score, int rank, double reach, double amplification,
                             double networkImpact, double conversation, double outreach, long runId) {
}
