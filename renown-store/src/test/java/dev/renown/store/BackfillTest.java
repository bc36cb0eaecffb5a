package dev.renown.store;

import dev.renown.core.event.AccountKey;
import dev.renown.core.event.Interaction;
import dev.renown.core.event.InteractionKind;
import dev.renown.core.score.ScoringParameters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
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
            ScoringParameters p = ScoringParameters.defaults().withThreads(1);
            int written = new Backfill(store, p).run(DAY1, DAY1.plusDays(2), false, store.startRun("b", null, null),
                    i -> { });
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
            assertEquals(0, new Backfill(store, p).run(DAY1, DAY1.plusDays(2), true, 2, i -> { }));
            assertEquals(1, new Backfill(store, p).run(DAY1, DAY1.plusDays(3), true, 2, i -> { }));
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
