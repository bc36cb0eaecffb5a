package dev.renown.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.renown.core.score.ScoringParameters;
import dev.renown.sources.GenericNdjsonReader;
import dev.renown.sources.Input;
import dev.renown.sources.Rejects;
import dev.renown.store.DailyCycle;
import dev.renown.store.IngestSession;
import dev.renown.store.RunRecord;
import dev.renown.store.Snapshot;
import dev.renown.store.Store;
import dev.renown.store.Stores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The daily cycle inside a real server, on a DuckDB file, driven by a clock the test moves: the
 * fixture's interactions (1–3 May 2024) are stored, and each day is scored at 00:00 UTC of the next.
 */
class DailyCycleServerTest {

    private static final LocalDate MAY_1 = LocalDate.of(2024, 5, 1);
    private static final Duration TICK = Duration.ofMillis(40);

    /** A clock the test sets. */
    static final class TestClock extends Clock {
        final AtomicReference<Instant> now;

        TestClock(Instant start) {
            now = new AtomicReference<>(start);
        }

        void set(Instant instant) {
            now.set(instant);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    }

    static Instant morningAfter(LocalDate day) {
        return day.plusDays(1).atTime(0, 0, 1).toInstant(ZoneOffset.UTC);
    }

    @Test
    void three_days_a_kill_and_a_late_restart_write_every_day_exactly_once(@TempDir Path dir) throws Exception {
        TestClock clock = new TestClock(MAY_1.atTime(12, 0).toInstant(ZoneOffset.UTC));
        Path db = dir.resolve("daily.duckdb");

        Store store = open(db);
        ingest(store, TestServer.FIXTURE);
        RenownServer server = daily(store, clock);
        TestServer client = TestServer.attach(server, store);
        // Noon on the first day: nothing is due yet.
        Thread.sleep(10 * TICK.toMillis());
        assertTrue(store.snapshotDays().isEmpty());
        assertEquals(0, dailyRuns(client).size());

        clock.set(morningAfter(MAY_1));
        awaitRuns(client, runs -> okDays(runs).contains(MAY_1));
        assertEquals(MAY_1.toString(), TestServer.json(client.get("/health"), 200).get("as_of").asText());

        clock.set(morningAfter(MAY_1.plusDays(1)));
        awaitRuns(client, runs -> okDays(runs).contains(MAY_1.plusDays(1)));
        assertEquals("2024-05-02", TestServer.json(client.get("/health"), 200).get("as_of").asText());
        JsonNode runs = TestServer.json(client.get("/api/v1/runs?kind=daily"), 200);
        assertEquals("00:00", runs.get("daily").get("at").asText());
        assertEquals("ok", runs.get("daily").get("last_status").asText());
        JsonNode latest = runs.get("items").get(0);
        assertEquals("2024-05-02", latest.get("day").asText());
        assertEquals(store.snapshotCount(MAY_1.plusDays(1)), latest.get("accounts").asInt());
        assertTrue(latest.get("interactions").asInt() > 0);
        assertTrue(latest.get("seconds").asDouble() >= 0);
        assertTrue(client.get("/metrics").body().contains("renown_daily_last_success_seconds"));

        // The process goes away between day 2 and day 3 …
        server.close();
        store.close();
        // … and comes back a day late: day 3 came due at 00:00 on the 4th, day 4 at 00:00 on the 5th.
        clock.set(morningAfter(MAY_1.plusDays(3)).plusSeconds(3600));
        store = open(db);
        server = daily(store, clock);
        try (TestServer again = TestServer.attach(server, store)) {
            awaitRuns(again, r -> okDays(r).contains(MAY_1.plusDays(3)));
            Thread.sleep(10 * TICK.toMillis()); // more ticks: nothing more to do
            List<RunRecord> daily = store.runs(DailyCycle.KIND, 100);
            assertEquals(4, daily.size(), "one run per day: " + daily);
            assertEquals(List.of(MAY_1, MAY_1.plusDays(1), MAY_1.plusDays(2), MAY_1.plusDays(3)),
                    daily.stream().map(RunRecord::day).sorted().toList());
            assertTrue(daily.stream().allMatch(r -> r.status().equals(RunRecord.OK)));
            assertEquals(List.of(MAY_1, MAY_1.plusDays(1), MAY_1.plusDays(2), MAY_1.plusDays(3)), store.snapshotDays());
            for (LocalDate day : store.snapshotDays()) {
                List<Snapshot> rows = store.snapshots(day);
                Set<String> accounts = new HashSet<>();
                rows.forEach(s -> assertTrue(accounts.add(s.account().toString()), "twice on " + day + ": " + s));
                assertEquals(rows.size(), store.snapshotCount(day));
                assertFalse(rows.isEmpty());
            }
            // Days 3 and 4 as the backfill would have written them: the catch-up scores as of each day.
            assertEquals("2024-05-04", TestServer.json(again.get("/health"), 200).get("as_of").asText());
        }
    }

    @Test
    void a_failing_day_leaves_the_previous_scores_served_and_says_why_then_is_retried(@TempDir Path dir)
            throws Exception {
        TestClock clock = new TestClock(morningAfter(MAY_1));
        Store store = open(dir.resolve("daily.duckdb"));
        ingest(store, TestServer.FIXTURE);
        AtomicBoolean broken = new AtomicBoolean();
        Semaphore open = new Semaphore(Integer.MAX_VALUE);
        RenownServer server = new RenownServer(TestServer.gated(store, open, broken), ScoringParameters.defaults(),
                TestServer.config()).withDaily(new DailyCycle.Schedule(LocalTime.MIDNIGHT, 31, Duration.ofHours(1)),
                clock, TICK, () -> { }).start();
        try (TestServer client = TestServer.attach(server, store)) {
            awaitRuns(client, runs -> okDays(runs).contains(MAY_1));
            String leadersBefore = TestServer.json(client.get("/api/v1/leaderboard"), 200).get("items").toString();

            broken.set(true);
            clock.set(morningAfter(MAY_1.plusDays(1)));
            JsonNode runs = awaitRuns(client, r -> r.size() == 2 && r.get(0).get("status").asText().equals("failed"));
            JsonNode failed = runs.get("items").get(0);
            assertEquals("failed", failed.get("status").asText());
            assertEquals("2024-05-02", failed.get("day").asText());
            assertTrue(failed.get("summary").asText().contains("the disk is full"), failed.toString());
            assertEquals("failed", runs.get("daily").get("last_status").asText());
            // The scores served are still the 1st's, and the failure shows in the metrics.
            assertEquals("2024-05-01", TestServer.json(client.get("/health"), 200).get("as_of").asText());
            assertEquals(leadersBefore, TestServer.json(client.get("/api/v1/leaderboard"), 200).get("items").toString());
            assertTrue(client.get("/metrics").body().contains("renown_daily_last_run_failed 1.0"));
            // Not retried before the hour is up, however many ticks pass …
            Thread.sleep(10 * TICK.toMillis());
            assertEquals(2, dailyRuns(client).size());
            // … then the day is retried and served.
            broken.set(false);
            clock.set(morningAfter(MAY_1.plusDays(1)).plus(Duration.ofMinutes(61)));
            awaitRuns(client, r -> okDays(r).contains(MAY_1.plusDays(1)));
            assertEquals("2024-05-02", TestServer.json(client.get("/health"), 200).get("as_of").asText());
            assertTrue(client.get("/metrics").body().contains("renown_daily_last_run_failed 0.0"));
            assertEquals(List.of(MAY_1, MAY_1.plusDays(1)), store.snapshotDays());
        }
    }

    private static RenownServer daily(Store store, Clock clock) {
        return new RenownServer(store, ScoringParameters.defaults(), TestServer.config())
                .withDaily(DailyCycle.Schedule.DEFAULT, clock, TICK, () -> { }).start();
    }

    private static Store open(Path db) {
        return Stores.open("jdbc:duckdb:" + db, null, null);
    }

    static void ingest(Store store, Path file) throws IOException {
        long run = store.startRun("test", file.toString(), null);
        try (IngestSession session = store.beginIngest("test:" + file, file.toString(), run)) {
            Rejects rejects = new Rejects();
            new GenericNdjsonReader().read(new Input(file), session, rejects);
            session.finish();
            assertEquals(0, rejects.total());
        }
        store.finishRun(run, "fixture");
    }

    private static JsonNode dailyRuns(TestServer client) {
        return TestServer.json(client.get("/api/v1/runs?kind=daily"), 200).get("items");
    }

    private static Set<LocalDate> okDays(JsonNode items) {
        Set<LocalDate> days = new HashSet<>();
        items.forEach(r -> {
            if (r.get("status").asText().equals("ok")) {
                days.add(LocalDate.parse(r.get("day").asText()));
            }
        });
        return days;
    }

    /** Waits (up to 60 s) until the daily runs satisfy {@code done}; returns the last {@code /runs} answer. */
    private static JsonNode awaitRuns(TestServer client, Predicate<JsonNode> done) throws InterruptedException {
        long deadline = System.nanoTime() + 60_000_000_000L;
        List<String> seen = new ArrayList<>();
        while (System.nanoTime() < deadline) {
            JsonNode runs = TestServer.json(client.get("/api/v1/runs?kind=daily"), 200);
            if (done.test(runs.get("items"))) {
                return runs;
            }
            seen.add(runs.get("items").toString());
            Thread.sleep(20);
        }
        throw new AssertionError("the daily runs never got there: " + seen.get(seen.size() - 1));
    }
}
