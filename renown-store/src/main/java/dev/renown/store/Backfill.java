package dev.renown.store;

import dev.renown.core.event.EventTable;
import dev.renown.core.score.ScoreBoard;
import dev.renown.core.score.Scorer;
import dev.renown.core.score.ScoringParameters;
import dev.renown.core.score.TopicScoring;
import dev.renown.core.validation.Calibrator;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Optional;
import java.util.function.IntConsumer;

/**
 * Writes one snapshot per UTC day: the score of every account as of the last millisecond of the
 * day, computed only from that day and the window before it — never from a later day — and the
 * day's topic scores ({@link TopicScoring}) when the interactions carry topics (hashtags, or the
 * topics of the {@link dev.renown.core.event.TopicSource} given). The
 * interactions of the whole range are read once; each day scores its own window of them.
 *
 * <p><b>Which weights.</b> Unless the parameters were given ({@link #fixed}), each day is scored
 * with the calibration in force ({@link #calibrationFor}): the latest stored one on or before
 * the day, while it is fitted and less than {@value #REFIT_DAYS} days old; otherwise the day is
 * calibrated anew on the data up to its end ({@link Calibrator}), and the new calibration is stored
 * when it differs from the one in force, with what it replaced — so weights stay put from day to
 * day, and every refit that moves them is on record.
 *
 * <p><b>Bounds.</b> A run covers at most {@link Control#maxDays()} days ({@value #MAX_DAYS_DEFAULT}
 * unless said otherwise) and stops between two days once its {@link Control} is cancelled or its
 * time limit has passed: days already written stay written, the day being scored is finished
 * first. The control also reports progress: days done of days in the range, and the day at hand.
 */
public final class Backfill {

    private static final long DAY_MILLIS = 86_400_000L;
    /** Days a fitted calibration stays in force before the next refit. */
    public static final int REFIT_DAYS = 7;
    /** Days one run may cover unless its {@link Control} says otherwise: a year and a day. */
    public static final int MAX_DAYS_DEFAULT = 366;

    private final Store store;
    private final ScoringParameters parameters;
    private final boolean fixed;
    private final dev.renown.core.event.TopicSource topicSource;

    /** Calibrates each day's weights and timescales, keeping {@code parameters}' window, defences and base half-life. */
    public Backfill(Store store, ScoringParameters parameters) {
        this(store, parameters, false);
    }

    /**
     * @param fixed score every day with {@code parameters} as given, without calibrating (for
     *              {@code --params} and {@code --priors})
     */
    public Backfill(Store store, ScoringParameters parameters, boolean fixed) {
        this(store, parameters, fixed, null);
    }

    /**
     * @param topicSource where the events' topics come from (e.g. a taxonomy), so the stored topic
     *                    scores are on its topics, each on at least {@link TopicScoring#MIN_POSTS_CONTENT}
     *                    posts; null for the stored hashtags
     */
    public Backfill(Store store, ScoringParameters parameters, boolean fixed,
                    dev.renown.core.event.TopicSource topicSource) {
        this.store = store;
        this.parameters = parameters;
        this.fixed = fixed;
        this.topicSource = topicSource;
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
     * As {@link #run(LocalDate, LocalDate, boolean, long, Control)} with the default bound of
     * {@value #MAX_DAYS_DEFAULT} days, no time limit, and {@code onDay} told the index of each day
     * as it starts.
     */
    public int run(LocalDate from, LocalDate to, boolean onlyMissing, long runId, IntConsumer onDay) {
        Control control = new Control(MAX_DAYS_DEFAULT, null);
        control.onDay = onDay;
        return run(from, to, onlyMissing, runId, control);
    }

    /**
     * @param from        first day
     * @param to          last day, inclusive
     * @param onlyMissing skip days that already have snapshots
     * @param control     the bound on days and time, cancellation, and the progress it reports
     * @return days written; fewer than the range when the control stopped the run ({@link Control#stopReason()})
     * @throws IllegalArgumentException when the range is empty or longer than {@link Control#maxDays()}
     */
    public int run(LocalDate from, LocalDate to, boolean onlyMissing, long runId, Control control) {
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("backfill range is empty: " + from + " to " + to);
        }
        long span = to.toEpochDay() - from.toEpochDay() + 1;
        if (span > control.maxDays()) {
            throw new IllegalArgumentException("backfill range " + from + " to " + to + " is " + span
                    + " days, more than the limit of " + control.maxDays() + "; write a shorter range");
        }
        control.started((int) span);
        // Calibrating a day reads folds reaching back up to three horizons before the window.
        long loadFrom = endOfDay(from) - parameters.window().toMillis()
                - (fixed ? 0 : Calibrator.FOLDS * Calibrator.HORIZONS.get(Calibrator.HORIZONS.size() - 1).toMillis());
        EventTable table = store.load(loadFrom, endOfDay(to), topicSource);
        dev.renown.core.people.People people = store.people();
        java.util.Set<LocalDate> present = onlyMissing ? new java.util.HashSet<>(store.snapshotDays())
                : java.util.Set.of();
        int written = 0;
        int index = 0;
        for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1), index++) {
            if (control.shouldStop()) {
                break;
            }
            control.at(index, day);
            if (present.contains(day)) {
                continue;
            }
            Scorer scorer = new Scorer(calibrationFor(day, table, runId));
            TopicScoring topics = new TopicScoring(scorer, TopicScoring.MAX_TOPICS_DEFAULT,
                    TopicScoring.MIN_INTERACTIONS_DEFAULT, topicSource == null ? TopicScoring.MIN_POSTS_DEFAULT
                    : TopicScoring.MIN_POSTS_CONTENT);
            ScoreBoard board = scorer.score(table, endOfDay(day));
            store.saveSnapshots(day, board, runId);
            if (people.size() > 0) {
                store.savePersonSnapshots(day, dev.renown.core.people.PersonScores.of(board, people), runId);
            }
            if (table.topicCount() > 0) {
                store.saveTopicScores(day, topics.score(table, endOfDay(day)), runId);
            }
            written++;
            control.written(written, board.size(), board.graph().interactionCount());
        }
        control.at(index, null);
        return written;
    }

    /**
     * The bounds of one run, its cancellation, and its progress as it goes; thread-safe, so that
     * another thread may cancel the run or read its progress while it runs. One control per run.
     */
    public static final class Control {

        private final int maxDays;
        private final long deadlineNanos;
        private final Duration timeLimit;
        private volatile String stopReason;
        private volatile int total;
        private volatile int done;
        private volatile int written;
        private volatile LocalDate day;
        private volatile int lastAccounts = -1;
        private volatile int lastInteractions = -1;
        private IntConsumer onDay = i -> { };

        /**
         * @param maxDays   days one run may cover, at least 1
         * @param timeLimit how long the run may take, or null for no limit; checked between days
         */
        public Control(int maxDays, Duration timeLimit) {
            if (maxDays < 1) {
                throw new IllegalArgumentException("max days must be positive: " + maxDays);
            }
            if (timeLimit != null && (timeLimit.isNegative() || timeLimit.isZero())) {
                throw new IllegalArgumentException("time limit must be positive: " + timeLimit);
            }
            this.maxDays = maxDays;
            this.timeLimit = timeLimit;
            this.deadlineNanos = timeLimit == null ? 0 : System.nanoTime() + timeLimit.toNanos();
        }

        public int maxDays() {
            return maxDays;
        }

        /** Asks the run to stop before its next day; the first reason given is kept. */
        public void cancel(String reason) {
            if (stopReason == null) {
                stopReason = reason;
            }
        }

        /** Why the run stopped early (cancelled, or out of time), if it did or was asked to. */
        public Optional<String> stopReason() {
            return Optional.ofNullable(stopReason);
        }

        boolean shouldStop() {
            if (stopReason == null && timeLimit != null && System.nanoTime() - deadlineNanos >= 0) {
                cancel("stopped at its time limit of " + timeLimit.toString().substring(2).toLowerCase(Locale.ROOT));
            }
            return stopReason != null;
        }

        void started(int days) {
            total = days;
        }

        void at(int index, LocalDate current) {
            done = index;
            day = current;
            if (current != null) {
                onDay.accept(index);
            }
        }

        void written(int days, int accounts, int interactions) {
            lastAccounts = accounts;
            lastInteractions = interactions;
            written = days;
        }

        /** Accounts in the snapshot of the last day written, or -1 before one is. */
        public int lastAccounts() {
            return lastAccounts;
        }

        /** Interactions folded into the snapshot of the last day written (its window), or -1 before one is. */
        public int lastInteractions() {
            return lastInteractions;
        }

        /** Days in the range. */
        public int total() {
            return total;
        }

        /** Days of the range passed so far (written or skipped). */
        public int done() {
            return done;
        }

        /** Days written so far. */
        public int daysWritten() {
            return written;
        }

        /** The day being scored now, or null between runs. */
        public LocalDate day() {
            return day;
        }
    }
}
