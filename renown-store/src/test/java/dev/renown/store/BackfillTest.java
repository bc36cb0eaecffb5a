package dev.renown.store;

import dev.renown.core.event.AccountKey;
import dev.renown.core.event.Interaction;
import dev.renown.core.event.InteractionKind;
import dev.renown.core.integrity.Defences;
import dev.renown.core.score.ScoringParameters;
import dev.renown.core.validation.Calibrator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BackfillTest {

    @TempDir
    Path dir;

    private static final LocalDate DAY1 = LocalDate.of(2024, 5, 1);
    private static final long HOUR = 3_600_000L;

    private static long noonOf(LocalDate day) {
        return day.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli() + 12 * HOUR;
    }

    @Test
    void each_day_is_scored_from_its_own_past_only() {
        try (Store store = Stores.open("jdbc:duckdb:" + dir.resolve("s.duckdb"), null, null)) {
            // a reposts b at noon on day 1; c on day 2; d on day 3. Nothing else.
            try (IngestSession s = store.beginIngest("k", "test", 1)) {
                s.accept(Interaction.of("t", InteractionKind.REPOST, "a", "b", noonOf(DAY1)));
                s.accept(Interaction.of("t", InteractionKind.REPOST, "c", "b", noonOf(DAY1.plusDays(1))));
                s.accept(Interaction.of("t", InteractionKind.REPOST, "d", "b", noonOf(DAY1.plusDays(2))));
                s.finish();
            }
            // One half-life, no defences, the parameters as given: reach counts recencies.
            ScoringParameters p = ScoringParameters.defaults().withThreads(1).withRecentReach(0, Duration.ofDays(1))
                    .withDefences(Defences.none());
            int written = new Backfill(store, p, true).run(DAY1, DAY1.plusDays(2), false,
                    store.startRun("b", null, null), i -> { });
            assertEquals(3, written);
            AccountKey b = new AccountKey("t", "b");
            List<Snapshot> history = store.history(b, DAY1, DAY1.plusDays(2));
            assertEquals(3, history.size());
            // As of the end of day 1, only a's repost exists, 12 hours old: reach 2^(-12h/30d).
            double halfDay = Math.pow(2, -0.5 / 30);
            assertEquals(halfDay, history.get(0).reach(), 1e-6);
            // Day 2: a's is 36 hours old, c's 12 hours.
            assertEquals(Math.pow(2, -1.5 / 30) + halfDay, history.get(1).reach(), 1e-6);
            // Day 3: three engagers.
            assertEquals(Math.pow(2, -2.5 / 30) + Math.pow(2, -1.5 / 30) + halfDay, history.get(2).reach(), 1e-6);
            assertTrue(history.get(0).score() < history.get(1).score());
            assertTrue(history.get(1).score() < history.get(2).score());
            // d, first seen on day 3, has a snapshot on day 3 only.
            assertEquals(1, store.history(new AccountKey("t", "d"), DAY1, DAY1.plusDays(2)).size());
            assertEquals(2, store.snapshotCount(DAY1)); // a and b
            assertEquals(3, store.snapshotCount(DAY1.plusDays(1))); // a, b, c
            // Re-running skips days that exist when asked to.
            assertEquals(0, new Backfill(store, p, true).run(DAY1, DAY1.plusDays(2), true, 2, i -> { }));
            assertEquals(1, new Backfill(store, p, true).run(DAY1, DAY1.plusDays(3), true, 2, i -> { }));
            assertTrue(store.calibrations().isEmpty()); // given parameters: nothing calibrated
        }
    }

    @Test
    void calibrations_are_fitted_when_history_allows_kept_for_a_week_and_recorded() {
        try (Store store = Stores.open("jdbc:duckdb:" + dir.resolve("c.duckdb"), null, null)) {
            // Twelve days; each day 150 fans each repost one of 150 stars, so every day from the
            // second on, 150 accounts active before it are engaged: folds of a day are usable.
            try (IngestSession s = store.beginIngest("k", "test", 1)) {
                for (int d = 0; d < 12; d++) {
                    for (int i = 0; i < 150; i++) {
                        s.accept(Interaction.of("t", InteractionKind.REPOST, "fan" + ((i + d) % 200), "star" + i,
                                noonOf(DAY1.plusDays(d)) + (i % 20) * 60_000L));
                    }
                }
                s.finish();
            }
            ScoringParameters p = ScoringParameters.defaults().withThreads(1);
            assertEquals(12, new Backfill(store, p).run(DAY1, DAY1.plusDays(11), false, 1, i -> { }));
            List<StoredCalibration> made = store.calibrations();
            // Day 1: nothing to fit on, the priors, recorded once. Day 2: one usable fold (day 2 itself,
            // trained on day 1) — still the priors, not recorded again. Day 3: two folds, fitted. Days 4
            // to 9 keep it; day 10, seven days on, is refitted.
            assertEquals(List.of(DAY1, DAY1.plusDays(2), DAY1.plusDays(9)),
                    made.stream().map(StoredCalibration::day).toList());
            assertTrue(!made.get(0).fitted() && made.get(1).fitted() && made.get(2).fitted());
            assertTrue(made.get(0).reason().startsWith("documented priors"), made.get(0).reason());
            assertTrue(made.get(1).reason().contains("replaces the calibration of " + DAY1), made.get(1).reason());
            // Every day is scored with the calibration in force: day 6 with day 3's.
            assertEquals(Calibrator.decode(made.get(1).parameters(), p), Backfill.inForce(store, DAY1.plusDays(5), p));
            assertEquals(Calibrator.priors(p), Backfill.inForce(store, DAY1.plusDays(1), p));
        }
    }

    @Test
    void an_empty_range_is_refused() {
        try (Store store = Stores.open("jdbc:duckdb:" + dir.resolve("e.duckdb"), null, null)) {
            assertThrows(IllegalArgumentException.class, () -> new Backfill(store, ScoringParameters.defaults())
                    .run(DAY1, DAY1.minusDays(1), false, 1, i -> { }));
        }
    }
}
