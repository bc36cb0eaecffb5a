package dev.renown.store;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Klout's morning score: once a day, at a configured time of day (UTC, {@link Schedule#at()}),
 * the day before is scored as of its last millisecond and written as that day's snapshot — one
 * run of {@value #KIND} kind per day, recorded with its outcome, duration and counts.
 *
 * <p><b>Which days.</b> At instant {@code t}, day {@code D} is <em>due</em> once
 * {@code t ≥ (D + 1 day) at the configured time}: the latest due day is
 * {@code date(t − at) − 1}. The days to run are those after the last day with a snapshot (or from
 * the first interaction's day, on a new database) up to the latest due day — at most
 * {@link Schedule#catchUpDays()} of them, the most recent — that have neither a snapshot nor a
 * successful run. So a process that was down while days came due scores them, oldest first, when
 * it runs again, and a day is never scored twice: a day's rows are written in one transaction
 * ({@link Store#saveSnapshots}) and the day is skipped once they are there.
 *
 * <p><b>Failure.</b> A day that fails is recorded {@link RunRecord#FAILED} with why; the days after
 * it wait, so the scores served stay those of the last good day, and the day is tried again after
 * {@link Schedule#retryAfter()}. Runs recorded as running by a process that stopped are marked
 * {@link RunRecord#INTERRUPTED} when the cycle starts; their day has no snapshot (its transaction
 * never committed) and is run again.
 *
 * <p>The clock is a parameter, so that the schedule can be tested day by day without waiting.
 */
public final class DailyCycle implements AutoCloseable {

    /** The kind of the runs the cycle records. */
    public static final String KIND = "daily";

    /**
     * When and how far back the cycle runs.
     *
     * @param at          time of day (UTC) at which the day before is scored
     * @param catchUpDays most days scored at once after the process was down, the latest ones
     * @param retryAfter  how long a failed day waits before it is tried again
     */
    public record Schedule(LocalTime at, int catchUpDays, Duration retryAfter) {

        /** Midnight UTC, a month of catch-up, a retry an hour after a failure. */
        public static final Schedule DEFAULT = new Schedule(LocalTime.MIDNIGHT, 31, Duration.ofHours(1));

        public Schedule {
            java.util.Objects.requireNonNull(at, "at");
            if (catchUpDays < 1 || catchUpDays > Backfill.MAX_DAYS_DEFAULT) {
                throw new IllegalArgumentException("catch-up days must be between 1 and " + Backfill.MAX_DAYS_DEFAULT
                        + ": " + catchUpDays);
            }
            if (retryAfter.isNegative()) {
                throw new IllegalArgumentException("retry delay must not be negative: " + retryAfter);
            }
        }
    }

    /** Scores one day and writes its snapshot, under a run id; the control reports the counts. */
    @FunctionalInterface
    public interface DayWriter {
        Backfill.Control write(LocalDate day, long runId);
    }

    private final Store store;
    private final Schedule schedule;
    private final Clock clock;
    private final DayWriter writer;
    private final String parameters;
    private final Consumer<String> log;
    /** When each day that failed last failed, by the cycle's clock. */
    private final Map<LocalDate, Instant> failedAt = new HashMap<>();
    private boolean interruptedMarked;
    private volatile Instant lastSuccess;
    /** The latest run's status, set before the run's end is recorded, so that no reader sees the record first. */
    private volatile String lastStatus;
    private ScheduledExecutorService ticker;

    /** A cycle that scores each day with {@code backfill} (its calibration in force, or its fixed parameters). */
    public DailyCycle(Store store, Backfill backfill, Schedule schedule, Clock clock, String parameters,
                      Consumer<String> log) {
        this(store, (day, runId) -> {
            Backfill.Control control = new Backfill.Control(1, null);
            backfill.run(day, day, true, runId, control);
            return control;
        }, schedule, clock, parameters, log);
    }

    /**
     * @param writer     what scores a day (tests wrap it to make a day fail)
     * @param parameters recorded with each run: how the days are scored
     * @param log        told, in one line each, of failures and interrupted runs
     */
    public DailyCycle(Store store, DayWriter writer, Schedule schedule, Clock clock, String parameters,
                      Consumer<String> log) {
        this.log = log;
        this.store = store;
        this.writer = writer;
        this.schedule = schedule;
        this.clock = clock;
        this.parameters = parameters;
        List<RunRecord> recent = store.runs(KIND, schedule.catchUpDays() + 64);
        lastStatus = recent.isEmpty() ? null : recent.get(0).status();
        lastSuccess = recent.stream().filter(r -> RunRecord.OK.equals(r.status()) && r.finishedAt() != null)
                .map(RunRecord::finishedAt).findFirst().orElse(null);
    }

    public Schedule schedule() {
        return schedule;
    }

    /** The latest day due at {@code now}: the day before {@code now − at}. */
    public static LocalDate latestDue(Instant now, LocalTime at) {
        return now.minusNanos(at.toNanoOfDay()).atZone(ZoneOffset.UTC).toLocalDate().minusDays(1);
    }

    /** When the day after the latest due one comes due. */
    public Instant nextDueAt(Instant now) {
        return latestDue(now, schedule.at()).plusDays(2).atTime(schedule.at()).toInstant(ZoneOffset.UTC);
    }

    /** The days to run at {@code now}, oldest first (see the class comment). */
    public List<LocalDate> due(Instant now) {
        LocalDate latest = latestDue(now, schedule.at());
        List<LocalDate> snapshotDays = store.snapshotDays();
        LocalDate start;
        if (!snapshotDays.isEmpty()) {
            start = snapshotDays.get(snapshotDays.size() - 1).plusDays(1);
        } else {
            java.util.OptionalLong first = store.firstInteractionMillis();
            if (first.isEmpty()) {
                return List.of();
            }
            start = Instant.ofEpochMilli(first.getAsLong()).atZone(ZoneOffset.UTC).toLocalDate();
        }
        LocalDate earliest = latest.minusDays(schedule.catchUpDays() - 1L);
        if (start.isBefore(earliest)) {
            start = earliest;
        }
        Set<LocalDate> done = new HashSet<>(snapshotDays);
        for (RunRecord r : store.runs(KIND, schedule.catchUpDays() + 64)) {
            if (RunRecord.OK.equals(r.status()) && r.day() != null) {
                done.add(r.day()); // a day whose window was empty has no rows, but was run
            }
        }
        List<LocalDate> days = new ArrayList<>();
        for (LocalDate d = start; !d.isAfter(latest); d = d.plusDays(1)) {
            if (!done.contains(d)) {
                days.add(d);
            }
        }
        return days;
    }

    /**
     * Runs every day due now, oldest first, each as one recorded run; stops at the first that
     * fails, or at one that failed less than {@link Schedule#retryAfter()} ago.
     *
     * @param onWritten told each day written, after its run is recorded
     * @return the runs made, oldest first
     */
    public synchronized List<RunRecord> runDue(Consumer<LocalDate> onWritten) {
        if (!interruptedMarked) {
            int marked = store.interruptRuns(KIND);
            if (marked > 0) {
                log.accept(marked + " daily run(s) were interrupted by a stop; their days are run again");
            }
            interruptedMarked = true;
        }
        Instant now = clock.instant();
        List<RunRecord> made = new ArrayList<>();
        for (LocalDate day : due(now)) {
            Instant failed = failedAt.get(day);
            if (failed != null && now.isBefore(failed.plus(schedule.retryAfter()))) {
                break; // the failed day waits for its retry, and the days after it wait for it
            }
            long start = System.nanoTime();
            long runId = store.startRun(KIND, day.toString(), parameters);
            lastStatus = RunRecord.RUNNING;
            String failure = null;
            Backfill.Control control = null;
            try {
                control = writer.write(day, runId);
            } catch (RuntimeException | OutOfMemoryError e) {
                failure = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
            }
            if (failure == null) {
                try {
                    onWritten.accept(day); // served before the run says ok
                } catch (RuntimeException e) {
                    failure = "written, but not served: " + e.getMessage();
                }
            }
            try {
                if (failure == null) {
                    String summary = control.daysWritten() == 0 ? day + " already had its snapshot"
                            : String.format(Locale.ROOT, "%s scored: %,d accounts from %,d interactions in %.1f s", day,
                            control.lastAccounts(), control.lastInteractions(), (System.nanoTime() - start) / 1e9);
                    failedAt.remove(day);
                    lastSuccess = clock.instant();
                    lastStatus = RunRecord.OK;
                    store.finishDailyRun(runId, RunRecord.OK, day, control.lastAccounts(), control.lastInteractions(),
                            summary);
                } else {
                    failedAt.put(day, now);
                    log.accept("daily run of " + day + " failed (" + failure + "); the scores of the last good day "
                            + "stay served; retried after " + schedule.retryAfter());
                    lastStatus = RunRecord.FAILED;
                    store.finishDailyRun(runId, RunRecord.FAILED, day, -1, -1, failure);
                }
                made.add(store.runs(KIND, 1).get(0));
            } catch (RuntimeException e) {
                log.accept("cannot record the daily run of " + day + ": " + e.getMessage());
                break;
            }
            if (failure != null) {
                break;
            }
        }
        return made;
    }

    /** When a day was last written by this cycle (or found written at start-up), if ever. */
    public Optional<Instant> lastSuccess() {
        return Optional.ofNullable(lastSuccess);
    }

    /** The status of the cycle's latest run ({@link RunRecord#RUNNING} while one runs), if any. */
    public Optional<String> lastStatus() {
        return Optional.ofNullable(lastStatus);
    }

    /**
     * Checks every {@code tick} on its own thread: first {@code beforeEachTick} (reading the
     * watched folders), then {@link #runDue}. A failure of either is logged as one line and the
     * next tick comes as usual.
     */
    public synchronized void start(Duration tick, Runnable beforeEachTick, Consumer<LocalDate> onWritten) {
        if (ticker != null) {
            throw new IllegalStateException("the daily cycle is already started");
        }
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "renown-daily");
            t.setDaemon(true);
            return t;
        });
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        ticker = executor;
        executor.scheduleWithFixedDelay(() -> {
            try {
                beforeEachTick.run();
                runDue(onWritten);
            } catch (RuntimeException e) {
                log.accept("daily cycle: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
            }
        }, 0, tick.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Stops the ticks; a day being scored is finished first (up to a minute). */
    @Override
    public void close() {
        ScheduledExecutorService t;
        synchronized (this) {
            t = ticker;
            ticker = null;
        }
        if (t != null) {
            t.shutdown();
            try {
                if (!t.awaitTermination(1, TimeUnit.MINUTES)) {
                    t.shutdownNow();
                }
            } catch (InterruptedException e) {
                t.shutdownNow();
                Thread.currentThread().interrupt();
            }
        }
    }
}
