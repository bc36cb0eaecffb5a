package dev.renown.store;

import java.time.LocalDate;

/**
 * One stored day of a topic: how many accounts were scored on it, and the best score among them.
 *
 * @param day      the day, as of its end
 * @param accounts accounts with a score on the topic that day
 * @param topScore the highest of their scores
 */
public record TopicDay(LocalDate day, int accounts, double topScore) {
}
