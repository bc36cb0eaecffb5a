package dev.renown.cli;

import dev.renown.sources.MastodonReader;
import dev.renown.sources.Reject;
import dev.renown.sources.Rejects;
import dev.renown.sources.live.Backoff;
import dev.renown.sources.live.LiveOptions;
import dev.renown.sources.live.LiveStats;
import dev.renown.sources.live.MastodonConnector;
import dev.renown.store.Store;
import dev.renown.store.Stores;
import dev.renown.store.StreamSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Mastodon connector against a loopback Mastodon ({@link MastodonReplay}) whose stream drops
 * mid-event and has no replay: the gaps are filled from the timeline, and what is stored in a real
 * DuckDB store is compared, event id by event id, with what the reader gives for every status.
 */
@Timeout(60)
class MastodonFollowTest {

    private static final Duration REWIND = Duration.ofMillis(20); // 20 statuses of the test streams
    private static final LiveOptions OPTIONS = LiveOptions.DEFAULT.withBatch(100, Duration.ofMillis(50))
            .withBackoff(new Backoff(Duration.ofMillis(1), Duration.ofMillis(20), 0.5))
            .withLimits(0, Duration.ofSeconds(45));

    @TempDir
    Path dir;

    private static MastodonConnector.Config config(MastodonReplay server) {
        return new MastodonConnector.Config(server.url(), null, MastodonConnector.Stream.parse("public"), null, REWIND,
                MastodonConnector.MAX_BACKFILL_PAGES_DEFAULT);
    }

    private static LiveStats follow(Store store, MastodonReplay server, String last, LiveOptions options, Rejects rejects)
            throws Exception {
        MastodonConnector.Config config = config(server);
        try (StreamSession session = store.beginStream(MastodonConnector.sourceKey(config), "test", 1)) {
            StopAtCursor sink = new StopAtCursor(new StoreLiveSink(session), last);
            MastodonConnector c = new MastodonConnector(config, options, sink, rejects, null);
            sink.connector = c;
            c.run();
            return c.stats();
        }
    }

    private Store open() {
        return Stores.open("jdbc:duckdb:" + dir.resolve("live.duckdb"), null, null);
    }

    private static String lastId(List<LiveFixtures.Status> statuses) {
        return statuses.get(statuses.size() - 1).id();
    }

    @Test
    void a_stream_dropped_twice_mid_event_is_filled_from_the_timeline_with_no_gap_and_no_duplicate() throws Exception {
        List<LiveFixtures.Status> statuses = LiveFixtures.mastodon(100);
        assertEquals(900, statuses.size(), "9 self-contained sample statuses, 100 times");
        LiveStats stats;
        List<String> pages;
        try (MastodonReplay server = new MastodonReplay(statuses, Map.of(300, 150, 700, 100), null, 0);
             Store store = open()) {
            stats = follow(store, server, lastId(statuses), OPTIONS, new Rejects());
            assertEquals(3, server.streams());
            pages = new ArrayList<>(server.pages);
        }
        LiveFixtures.Stored stored = LiveFixtures.stored(dir.resolve("live.duckdb"));
        Set<String> expected = LiveFixtures.mastodonIds(statuses);
        assertEquals(expected, stored.ids(), "no gap");
        assertEquals(expected.size(), stored.rows(), "no duplicate");
        assertEquals(2, stats.failedAttempts());
        // Each gap was paged forward with min_id, from the cursor rewound, to an empty page:
        // 150 statuses and more take at least 4 pages of 40, 100 at least 3.
        assertTrue(pages.size() >= 4 + 3 + 2, pages.toString());
        assertTrue(pages.stream().noneMatch(p -> p == null), "always min_id");
    }

    @Test
    void a_restarted_connector_fills_the_gap_since_the_stored_cursor_then_follows_the_stream() throws Exception {
        List<LiveFixtures.Status> statuses = LiveFixtures.mastodon(50);
        Path db = dir.resolve("live.duckdb");
        try (MastodonReplay server = new MastodonReplay(statuses, Map.of(), null, 0)) {
            String key = MastodonConnector.sourceKey(config(server));
            try (Store store = open()) {
                follow(store, server, lastId(statuses), OPTIONS.withLimits(200, Duration.ofSeconds(45)), new Rejects());
            }
            String cursor = LiveFixtures.cursor(db, key);
            assertTrue(MastodonReader.compareIds(cursor, statuses.get(150).id()) > 0, cursor);
            assertTrue(server.pages.isEmpty(), "a new stream starts live, without a gap to fill");
            try (Store store = open()) {
                follow(store, server, lastId(statuses), OPTIONS, new Rejects());
            }
            assertEquals(MastodonConnector.rewound(cursor, REWIND), server.pages.get(0),
                    "the gap is filled from the stored cursor, rewound");
        }
        LiveFixtures.Stored stored = LiveFixtures.stored(db);
        assertEquals(LiveFixtures.mastodonIds(statuses), stored.ids());
        assertEquals(stored.ids().size(), stored.rows());
    }

    @Test
    void a_malformed_event_is_rejected_with_its_sequence_number_and_the_stream_goes_on() throws Exception {
        List<LiveFixtures.Status> statuses = new ArrayList<>(LiveFixtures.mastodon(3));
        LiveFixtures.Status broken = statuses.get(5);
        statuses.set(5, new LiveFixtures.Status(broken.id(), "{\"id\":\"" + broken.id() + "\",\"uri\":"));
        Rejects rejects = new Rejects();
        try (MastodonReplay server = new MastodonReplay(statuses, Map.of(), null, 0); Store store = open()) {
            follow(store, server, lastId(statuses), OPTIONS, rejects);
        }
        assertEquals(1, rejects.total());
        Reject r = rejects.examples().get(0);
        assertEquals(6, r.line(), "the 6th event of the stream");
        assertEquals("invalid-json", r.reason());
        assertTrue(r.source().endsWith("/api/v1/streaming/public"), r.source());
        List<LiveFixtures.Status> valid = new ArrayList<>(statuses);
        valid.remove(5);
        assertEquals(LiveFixtures.mastodonIds(valid), LiveFixtures.stored(dir.resolve("live.duckdb")).ids());
    }
}
