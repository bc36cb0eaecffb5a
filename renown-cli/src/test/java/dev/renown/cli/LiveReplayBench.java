package dev.renown.cli;

import dev.renown.sources.Rejects;
import dev.renown.sources.live.JetstreamConnector;
import dev.renown.sources.live.LiveOptions;
import dev.renown.sources.live.LiveStats;
import dev.renown.sources.live.MastodonConnector;
import dev.renown.store.Store;
import dev.renown.store.Stores;
import dev.renown.store.StreamSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Throughput of the connectors through a loopback replay into a DuckDB file, with the default
 * options (commits of 1,000 messages or 1 s). Not a test: figures for the README, run with
 * {@code mvn -o -q test -pl renown-cli -am -Dtest=LiveReplayBench -Drenown.bench=true
 * -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@EnabledIfSystemProperty(named = "renown.bench", matches = "true")
class LiveReplayBench {

    @TempDir
    Path dir;

    private static void report(String what, LiveStats s, long nanos, long rows) {
        double secs = nanos / 1e9;
        System.out.printf(Locale.ROOT, "%s: %,d messages, %,d interactions (%,d stored) in %.2f s: %,.0f messages/s, "
                        + "%,.0f interactions/s, %,d commits, queue at most %,d%n", what, s.handled(), s.interactions(), rows,
                secs, s.handled() / secs, s.interactions() / secs, s.commits(), s.maxQueued());
    }

    @Test
    void jetstream() throws Exception {
        List<String> events = LiveFixtures.jetstream(11_112); // 200,016 events
        String last = Long.toString(LiveFixtures.timeUs(events.get(events.size() - 1)));
        try (JetstreamReplay server = new JetstreamReplay(events, Map.of(), 0);
             Store store = Stores.open("jdbc:duckdb:" + dir.resolve("bench.duckdb"), null, null)) {
            try (StreamSession session = store.beginStream("bench", "bench", 1)) {
                StopAtCursor sink = new StopAtCursor(new StoreLiveSink(session), last);
                JetstreamConnector c = new JetstreamConnector(JetstreamConnector.Config.of(server.url()),
                        LiveOptions.DEFAULT, sink, new Rejects(), null);
                sink.connector = c;
                long t0 = System.nanoTime();
                c.run();
                long t = System.nanoTime() - t0;
                report("jetstream", c.stats(), t, store.interactionCount());
                assertEquals(events.size(), c.stats().handled());
            }
        }
    }

    @Test
    void mastodon() throws Exception {
        List<LiveFixtures.Status> statuses = LiveFixtures.mastodon(11_112); // 100,008 statuses
        String last = statuses.get(statuses.size() - 1).id();
        try (MastodonReplay server = new MastodonReplay(statuses, Map.of(), null, 0);
             Store store = Stores.open("jdbc:duckdb:" + dir.resolve("bench.duckdb"), null, null)) {
            try (StreamSession session = store.beginStream("bench", "bench", 1)) {
                StopAtCursor sink = new StopAtCursor(new StoreLiveSink(session), last);
                MastodonConnector c = new MastodonConnector(MastodonConnector.Config.of(server.url(),
                        MastodonConnector.Stream.parse("public"), null), LiveOptions.DEFAULT, sink, new Rejects(), null);
                sink.connector = c;
                long t0 = System.nanoTime();
                c.run();
                long t = System.nanoTime() - t0;
                report("mastodon", c.stats(), t, store.interactionCount());
            }
        }
    }
}
