package dev.renown.cli;

import dev.renown.core.score.ScoringParameters;
import dev.renown.store.Backfill;
import dev.renown.store.DailyCycle;
import dev.renown.store.RunRecord;
import dev.renown.store.Store;
import dev.renown.store.Stores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What {@code serve --daily} reads beside the server: a live stream from its configuration (a
 * loopback Jetstream, {@link JetstreamReplay}) into the same store, stopped cleanly on close, and
 * scored by the daily cycle once its day comes due.
 */
@Timeout(60)
class DailyStreamsTest {

    @TempDir
    Path dir;

    @Test
    void a_configured_stream_is_followed_into_the_store_and_its_day_scored() throws Exception {
        List<String> events = LiveFixtures.jetstream(1); // 18 messages, 12 interactions
        try (JetstreamReplay server = new JetstreamReplay(events, Map.of(), 0);
             Store store = Stores.open("jdbc:duckdb:" + dir.resolve("daily.duckdb"), null, null)) {
            Path config = Files.writeString(dir.resolve("daily.json"), "{\"follow\": [{\"source\": \"bluesky\", "
                    + "\"url\": \"" + server.url() + "\", \"rewind_seconds\": 0}]}");
            DailyConfig daily = DailyConfig.read(config);
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            DailyStreams streams = new DailyStreams(store, daily, new PrintWriter(out, true), new PrintWriter(err, true));
            streams.start();
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (store.interactionCount() < 12 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            streams.close(); // stops the stream: its last batch committed, its run recorded
            assertEquals(12, store.interactionCount(), err.toString());
            RunRecord follow = store.runs("follow", 1).get(0);
            assertEquals(RunRecord.OK, follow.status(), follow.toString());
            assertTrue(out.toString().contains("12 interactions read, 12 added"), out.toString());

            LocalDate day = Instant.ofEpochMilli(LiveFixtures.T0_US / 1000).atZone(ZoneOffset.UTC).toLocalDate();
            Clock morning = Clock.fixed(day.plusDays(1).atTime(0, 5).toInstant(ZoneOffset.UTC), ZoneOffset.UTC);
            DailyCycle cycle = new DailyCycle(store, new Backfill(store, ScoringParameters.defaults(), true),
                    daily.schedule(), morning, "fixed", m -> { });
            List<RunRecord> runs = cycle.runDue(d -> { });
            assertEquals(1, runs.size());
            assertEquals(day, runs.get(0).day());
            assertEquals(RunRecord.OK, runs.get(0).status());
            assertEquals(store.snapshotCount(day), runs.get(0).accounts());
            assertTrue(runs.get(0).accounts() > 0);
        }
    }
}
