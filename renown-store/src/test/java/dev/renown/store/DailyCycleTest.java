package dev.renown.store;

import dev.renown.core.event.Interaction;
import dev.renown.core.event.InteractionKind;
import dev.renown.core.integrity.Defences;
import dev.renown.core.score.ScoringParameters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which days the daily cycle runs, by the clock (the server-level test runs them). */
class DailyCycleTest {

    private static final LocalDate DAY1 = LocalDate.of(2024, 5, 1);
    private static final ScoringParameters FIXED = ScoringParameters.defaults().withThreads(1)
            .withDefences(Defences.none());

    @TempDir
    Path dir;

    @Test
    void a_day_is_due_from_the_configured_time_of_the_next_day() {
        LocalTime at = LocalTime.of(6, 30);
        assertEquals(DAY1.minusDays(1), DailyCycle.latestDue(Instant.parse("2024-05-02T06:29:59.999Z"), at));
        assertEquals(DAY1, DailyCycle.latestDue(Instant.parse("2024-05-02T06:30:00Z"), at));
        assertEquals(DAY1, DailyCycle.latestDue(Instant.parse("2024-05-02T00:00:00Z"), LocalTime.MIDNIGHT));
        assertEquals(DAY1.minusDays(1), DailyCycle.latestDue(Instant.parse("2024-05-01T23:59:59Z"), LocalTime.MIDNIGHT));
    }

    @Test
    void missed_days_are_run_oldest_first_within_the_catch_up_bound_and_never_twice() {
        try (Store store = Stores.open("jdbc:duckdb:" + dir.resolve("s.duckdb"), null, null)) {
            try (IngestSession s = store.beginIngest("k", "test", 1)) {
                for (int d = 0; d < 10; d++) {
                    long noon = DAY1.plusDays(d).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli() + 43_200_000L;
                    s.accept(Interaction.of("t", InteractionKind.REPOST, "a" + d, "b", noon));
                }
                s.finish();
            }
            Instant tenthMorning = DAY1.plusDays(10).atTime(1, 0).toInstant(ZoneOffset.UTC);
            List<String> log = new ArrayList<>();
            DailyCycle cycle = new DailyCycle(store, new Backfill(store, FIXED, true),
                    new DailyCycle.Schedule(LocalTime.MIDNIGHT, 4, Duration.ofHours(1)),
                    Clock.fixed(tenthMorning, ZoneOffset.UTC), "fixed", log::add);
            // Ten days of data, none scored: the last four, the tenth (10 May) last.
            assertEquals(List.of(DAY1.plusDays(6), DAY1.plusDays(7), DAY1.plusDays(8), DAY1.plusDays(9)),
                    cycle.due(tenthMorning));
            List<LocalDate> served = new ArrayList<>();
            List<RunRecord> made = cycle.runDue(served::add);
            assertEquals(4, made.size());
            assertEquals(List.of(DAY1.plusDays(6), DAY1.plusDays(7), DAY1.plusDays(8), DAY1.plusDays(9)), served);
            assertTrue(made.stream().allMatch(r -> r.status().equals(RunRecord.OK)));
            // Day 7 (the first of the four) has its window's seven interactions; each later day one more.
            assertEquals(List.of(7L, 8L, 9L, 10L), made.stream().map(RunRecord::interactions).toList());
            assertEquals(List.of(), cycle.due(tenthMorning));
            assertEquals(List.of(), cycle.runDue(served::add));
            assertTrue(log.isEmpty(), log.toString());
        }
    }

    @Test
    void a_run_left_running_by_a_stopped_process_is_marked_interrupted_and_its_day_run_again() {
        try (Store store = Stores.open("jdbc:duckdb:" + dir.resolve("s.duckdb"), null, null)) {
            try (IngestSession s = store.beginIngest("k", "test", 1)) {
                long noon = DAY1.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli() + 43_200_000L;
                s.accept(Interaction.of("t", InteractionKind.REPOST, "a", "b", noon));
                s.finish();
            }
            long killed = store.startRun(DailyCycle.KIND, DAY1.toString(), "fixed"); // the process died here
            List<String> log = new ArrayList<>();
            DailyCycle cycle = new DailyCycle(store, new Backfill(store, FIXED, true), DailyCycle.Schedule.DEFAULT,
                    Clock.fixed(DAY1.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC), ZoneOffset.UTC), "fixed",
                    log::add);
            List<RunRecord> made = cycle.runDue(d -> { });
            assertEquals(1, made.size());
            assertEquals(DAY1, made.get(0).day());
            List<RunRecord> all = store.runs(DailyCycle.KIND, 10);
            assertEquals(RunRecord.INTERRUPTED, all.get(1).status());
            assertEquals(killed, all.get(1).runId());
            assertEquals(1, log.size(), log.toString());
        }
    }
}
