package dev.renown.store;

import dev.renown.core.event.EventTable;
import dev.renown.core.score.ScoreBoard;
import dev.renown.core.score.Scorer;
import dev.renown.core.score.ScoringParameters;
import dev.renown.core.score.TopicScoring;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.function.IntConsumer;

/**
 * Writes one snapshot per UTC day: the score of every account as of the last millisecond of the
 * day, computed only from that day and the window before it — never from a later day — and the
 * day's topic scores ({@link TopicScoring}) when the interactions carry hashtags. The
 * interactions of the whole range are read once; each day scores its own window of them.
 */
public final class Backfill {

    private static final long DAY_MILLIS = 86_400_000L;

    private final Store store;
    private final ScoringParameters parameters;

    public Backfill(Store store, ScoringParameters parameters) {
        this.store = store;
        this.parameters = parameters;
    }

    /** The instant a day's snapshot is computed as of: its last millisecond. */
    public static long endOfDay(LocalDate day) {
        return day.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli() + DAY_MILLIS - 1;
    }

    /**
     * @param from        first day
     * @param to          last day, inclusive
     * @param onlyMissing skip days that already have snapshots
     * @param onDay       told the index of each day as it starts
     * @return days written
     */
    public int run(LocalDate from, LocalDate to, boolean onlyMissing, long runId, IntConsumer onDay) {
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("backfill range is empty: " + from + " to " + to);
        }
        long loadFrom = endOfDay(from) - parameters.window().toMillis();
        EventTable table = store.load(loadFrom, endOfDay(to));
        java.util.Set<LocalDate> present = onlyMissing ? new java.util.HashSet<>(store.snapshotDays())
                : java.util.Set.of();
        Scorer scorer = new Scorer(parameters);
        TopicScoring topics = new TopicScoring(scorer, TopicScoring.MAX_TOPICS_DEFAULT,
                TopicScoring.MIN_INTERACTIONS_DEFAULT);
        int written = 0;
        int index = 0;
        for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1), index++) {
            onDay.accept(index);
            if (present.contains(day)) {
                continue;
            }
            ScoreBoard board = scorer.score(table, endOfDay(day));
            store.saveSnapshots(day, board, runId);
            if (table.topicCount() > 0) {
                store.saveTopicScores(day, topics.score(table, endOfDay(day)), runId);
            }
            written++;
        }
        return written;
    }
}
