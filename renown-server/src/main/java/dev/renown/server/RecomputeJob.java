package dev.renown.server;

import dev.renown.store.Backfill;

import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * One recompute of the served scores: the days it writes, its progress while it runs, and how it
 * ended. The worker thread writes it; requests read it at any time.
 */
final class RecomputeJob {

    /** Where a recompute is. */
    enum State {
        RUNNING, DONE, CANCELLED, FAILED;

        String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    final long id;
    final Instant started = Instant.now();
    /** First and last day written; null when there was nothing to recompute. */
    final LocalDate from;
    final LocalDate to;
    /** Days before {@code from} the range would have covered, left out by the bound on days. */
    final long daysSkipped;
    /** Days from {@code from} to {@code to}. */
    final int daysTotal;
    final Backfill.Control control;
    private final CountDownLatch finished = new CountDownLatch(1);
    private volatile State state = State.RUNNING;
    private volatile Instant ended;
    private volatile String message;

    RecomputeJob(long id, LocalDate from, LocalDate to, long daysSkipped, Backfill.Control control) {
        this.id = id;
        this.from = from;
        this.to = to;
        this.daysSkipped = daysSkipped;
        this.daysTotal = from == null ? 0 : (int) (to.toEpochDay() - from.toEpochDay() + 1);
        this.control = control;
    }

    State state() {
        return state;
    }

    boolean running() {
        return state == State.RUNNING;
    }

    void finish(State how, String why) {
        message = why;
        ended = Instant.now();
        state = how;
        finished.countDown();
    }

    /** Waits up to {@code millis} for the recompute to end; returns whether it did. */
    boolean await(long millis) throws InterruptedException {
        return finished.await(millis, TimeUnit.MILLISECONDS);
    }

    /** The status as the API shows it (schema {@code RecomputeStatus}). */
    Map<String, Object> json() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("state", state.wireName());
        m.put("started", started.toString());
        m.put("finished", ended == null ? null : ended.toString());
        m.put("from", from == null ? null : from.toString());
        m.put("to", to == null ? null : to.toString());
        m.put("days_total", daysTotal);
        m.put("days_done", Math.min(daysTotal, control.done()));
        m.put("days_written", control.daysWritten());
        LocalDate day = control.day();
        m.put("day", state == State.RUNNING && day != null ? day.toString() : null);
        m.put("days_skipped", daysSkipped);
        m.put("message", message);
        return m;
    }
}
