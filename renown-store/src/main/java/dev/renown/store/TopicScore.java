package dev.renown.store;

import dev.renown.core.event.AccountKey;

import java.time.LocalDate;

/** An account's score on one topic, as of the end of a day, and its rank among that topic's accounts. */
public record TopicScore(LocalDate day, String topic, AccountKey account, double score, int rank) {
}
