package dev.renown.store;

import dev.renown.core.event.Interaction;
import dev.renown.core.event.InteractionKind;
import dev.renown.core.integrity.Defences;
import dev.renown.core.score.ScoringParameters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A backfill is bounded in days and in time, stops when cancelled, and reports its progress (issue 14, item 1). */
class BackfillBoundsTest {

    private static final LocalDate DAY1 = LocalDate.of(2024, 5, 1);
    private static final ScoringParameters FIXED = ScoringParameters.defaults().withThreads(1)
            .withDefences(Defences.none());

    @TempDir
    Path dir;

    /** A store with one repost at noon on each of the first {@code days} days. */
    private Store store(int days) {
        Store store = Stores.open("jdbc:duckdb:" + dir.resolve("s.duckdb"), null, null);
        try (IngestSession s = store.beginIngest("k", "test", 1)) {
            for (int d = 0; d < days; d++) {
                long noon = DAY1.plusDays(d).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli() + 43_200_000L;
                s.accept(Interaction.of("t", InteractionKind.REPOST, "a" + d, "b", noon));
            }
            s.finish();
        }
        return store;
    }

    @Test
    void a_range_longer_than_the_bound_is_refused_before_anything_is_written() {
        try (Store store = store(3)) {
            Backfill.Control control = new Backfill.Control(2, null);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new Backfill(store, FIXED, true).run(DAY1, DAY1.plusDays(2), false, 1, control));
            assertTrue(e.getMessage().contains("3 days, more than the limit of 2"), e.getMessage());
            assertTrue(store.snapshotDays().isEmpty());
            // The default bound is a year and a day.
            assertThrows(IllegalArgumentException.class, () -> new Backfill(store, FIXED, true)
                    .run(DAY1, DAY1.plusDays(Backfill.MAX_DAYS_DEFAULT), false, 1, i -> { }));
            assertEquals(1, new Backfill(store, FIXED, true).run(DAY1, DAY1, false, 1, i -> { }));
        }
    }

    @Test
    void a_cancelled_run_stops_after_the_day_at_hand_and_keeps_what_it_wrote() {
        try (Store store = store(5)) {
            Backfill.Control control = new Backfill.Control(366, null);
            List<String> progress = new ArrayList<>();
            Store cancelling = (Store) java.lang.reflect.Proxy.newProxyInstance(Store.class.getClassLoader(),
                    new Class<?>[] {Store.class}, (proxy, method, args) -> {
                        if (method.getName().equals("saveSnapshots")) {
                            progress.add(control.day() + " " + control.done() + "/" + control.total());
                            if (control.done() == 1) {
                                control.cancel("cancelled by the test");
                            }
                        }
                        return method.invoke(store, args);
                    });
            int written = new Backfill(cancelling, FIXED, true).run(DAY1, DAY1.plusDays(4), false, 1, control);
            assertEquals(2, written, "the second day was being scored when the run was cancelled");
            assertEquals(List.of("2024-05-01 0/5", "2024-05-02 1/5"), progress);
            assertEquals(List.of(DAY1, DAY1.plusDays(1)), store.snapshotDays());
            assertEquals("cancelled by the test", control.stopReason().orElseThrow());
            assertEquals(2, control.daysWritten());
            assertEquals(2, control.done());
        }
    }

    @Test
    void a_run_out_of_time_stops_between_days() throws InterruptedException {
        try (Store store = store(3)) {
            Backfill.Control control = new Backfill.Control(366, Duration.ofMillis(1));
            Thread.sleep(5);
            assertEquals(0, new Backfill(store, FIXED, true).run(DAY1, DAY1.plusDays(2), false, 1, control));
            assertTrue(control.stopReason().orElseThrow().contains("time limit"), control.stopReason().toString());
            assertTrue(store.snapshotDays().isEmpty());
            Backfill.Control roomy = new Backfill.Control(366, Duration.ofMinutes(5));
            assertEquals(3, new Backfill(store, FIXED, true).run(DAY1, DAY1.plusDays(2), false, 1, roomy));
            assertFalse(roomy.stopReason().isPresent());
            assertEquals(3, roomy.done());
            assertEquals(3, roomy.total());
        }
    }
}
