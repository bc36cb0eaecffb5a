package dev.renown.store;

import dev.renown.core.event.AccountKey;

import java.time.LocalDate;

/**
 * An account's score as of the end of one UTC day, with the raw values of its five signals.
 *
 * @param day            the day; the score counts interactions up to its last millisecond
 * @param account        the account
 * @param score          the 1–100 score
 * @param reach          raw reach
 * @param amplification  raw amplification
 * @param networkImpact  raw network impact
 * @param conversation   raw conversation
 * @param outreach       raw outreach
 * @param rank           rank among the accounts scored that day
 * @param percentile     percent of accounts below, ties counting half
 * @param runId          the run that wrote it
 */
public record Snapshot(LocalDate day, AccountKey account, double score, double reach, double amplification,
                       double networkImpact, double conversation, double outreach, int rank, double percentile,
                       long runId) {
}
