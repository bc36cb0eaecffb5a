package dev.renown.store;

import dev.renown.core.event.EventTable;
import dev.renown.core.score.ScoreBoard;
import dev.renown.core.score.Scorer;
import dev.renown.core.score.ScoringParameters;
import dev.renown.core.score.TopicScoring;
import dev.renown.core.validation.Calibrator;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.function.IntConsumer;

/**
 * Writes one snapshot per UTC day: the score of every account as of the last millisecond of the
 * day, computed only from that day and the window before it — never from a later day — and the
 * day's topic scores ({@link TopicScoring}) when the interactions carry hashtags. The
 * interactions of the whole range are read once; each day scores its own window of them.
 *
 * <p><b>Which weights.</b> Unless the parameters were given ({@link #fixed}), each day is scored
 * with the calibration in force ({@link #calibrationFor}): the latest stored one on or before
 * the day, while it is fitted and less than {@value #REFIT_DAYS} days old; otherwise the day is
 * calibrated anew on the data up to its end ({@link Calibrator}), and the new calibration is stored
 * when it differs from the one in force, with what it replaced — so weights stay put from day to
 * day, and every refit that moves them is on record.
 */
public final class Backfill {

    private static final long DAY_MILLIS = 86_400_000L;
    /** Days a fitted calibration stays in force before the next refit. */
    public static final int REFIT_DAYS = 7;

    private final Store store;
    private final ScoringParameters parameters;
    private final boolean fixed;

    /** Calibrates each day's weights and timescales, keeping {@code parameters}' window, defences and base half-life. */
    public Backfill(Store store, ScoringParameters parameters) {
        this(store, parameters, false);
    }

    /**
     * @param fixed score every day with {@code parameters} as given, without calibrating (for
     *              {@code --params} and {@code --priors})
     */
    public Backfill(Store store, ScoringParameters parameters, boolean fixed) {
        this.store = store;
        this.parameters = parameters;
        this.fixed = fixed;
    }

    /**
     * The parameters of the calibration in force on {@code day} — the latest stored on or before
     * it — or the priors when there is none.
     */
    public static ScoringParameters inForce(Store store, LocalDate day, ScoringParameters base) {
        return store.calibration(day).map(c -> Calibrator.decode(c.parameters(), base))
                .orElseGet(() -> Calibrator.priors(base));
    }

    /**
     * The parameters to score {@code day} with (see the class comment), calibrating and storing
     * a new calibration when one is due.
     *
     * @param table interactions covering at least the window before the end of {@code day}
     */
    public ScoringParameters calibrationFor(LocalDate day, EventTable table, long runId) {
        if (fixed) {
            return parameters;
        }
        java.util.Optional<StoredCalibration> current = store.calibration(day);
        if (current.isPresent() && current.get().fitted()
                && current.get().day().plusDays(REFIT_DAYS).isAfter(day)) {
            return Calibrator.decode(current.get().parameters(), parameters);
        }
        Calibrator.Calibration fresh = Calibrator.calibrate(table, endOfDay(day), parameters, i -> { });
        String encoded = Calibrator.encode(fresh.parameters());
        if (current.isPresent() && current.get().parameters().equals(encoded) && current.get().fitted() == fresh.fitted()
                && !fresh.fitted()) {
            return fresh.parameters(); // still the priors: nothing new to record
        }
        String reason = fresh.reason() + (current.isEmpty() ? ""
                : current.get().parameters().equals(encoded) ? "; the same as the calibration of " + current.get().day()
                : "; replaces the calibration of " + current.get().day() + " (" + current.get().parameters() + ")");
        store.saveCalibration(new StoredCalibration(day, fresh.fitted(), encoded, reason, runId, java.time.Instant.now()));
        return fresh.parameters();
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
        // Calibrating a day reads folds reaching back up to three horizons before the window.
        long loadFrom = endOfDay(from) - parameters.window().toMillis()
                - (fixed ? 0 : Calibrator.FOLDS * Calibrator.HORIZONS.get(Calibrator.HORIZONS.size() - 1).toMillis());
        EventTable table = store.load(loadFrom, endOfDay(to));
        java.util.Set<LocalDate> present = onlyMissing ? new java.util.HashSet<>(store.snapshotDays())
                : java.util.Set.of();
        int written = 0;
        int index = 0;
        for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1), index++) {
            onDay.accept(index);
            if (present.contains(day)) {
                continue;
            }
            Scorer scorer = new Scorer(calibrationFor(day, table, runId));
            TopicScoring topics = new TopicScoring(scorer, TopicScoring.MAX_TOPICS_DEFAULT,
                    TopicScoring.MIN_INTERACTIONS_DEFAULT);
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
