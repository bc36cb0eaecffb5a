package dev.renown.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.renown.sources.Rejects;
import dev.renown.sources.live.Backoff;
import dev.renown.sources.live.JetstreamConnector;
import dev.renown.sources.live.LiveOptions;
import dev.renown.sources.live.LiveStats;
import dev.renown.store.Store;
import dev.renown.store.Stores;
import dev.renown.store.StreamSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Jetstream connector against a loopback Jetstream ({@link JetstreamReplay}) that drops the
 * connection mid-stream, into a real DuckDB store: what is stored is compared, event id by event
 * id, with what the reader gives for the whole recorded stream.
 */
@Timeout(60)
class JetstreamFollowTest {

    private static final Duration REWIND = Duration.ofMillis(20); // 20 events of the test streams
    private static final LiveOptions OPTIONS = LiveOptions.DEFAULT.withBatch(100, Duration.ofMillis(50))
            .withBackoff(new Backoff(Duration.ofMillis(1), Duration.ofMillis(20), 0.5))
            // A cut the client does not see (no FIN reaches it) ends in the idle timeout, as in
            // production after 60 s; one such stall was seen in about ten runs of these tests.
            .withIdleTimeout(Duration.ofSeconds(3))
            .withLimits(0, Duration.ofSeconds(45)); // a safety net: the tests stop the connector themselves

    @TempDir
    Path dir;

    /** Follows the server on a fresh session of the store until the cursor reaches {@code last}, or a limit. */
    private static LiveStats follow(Store store, JetstreamReplay server, long last, LiveOptions options, Rejects rejects,
                                    List<String> log) throws Exception {
        JetstreamConnector.Config config = new JetstreamConnector.Config(server.url(),
                JetstreamConnector.COLLECTIONS_DEFAULT, REWIND);
        try (StreamSession session = store.beginStream(JetstreamConnector.sourceKey(server.url()), "test", 1)) {
            StopAtCursor sink = new StopAtCursor(new StoreLiveSink(session), Long.toString(last));
            JetstreamConnector c = new JetstreamConnector(config, options, sink, rejects, log::add);
            sink.connector = c;
            c.run();
            return c.stats();
        }
    }

    private Store open() {
        return Stores.open("jdbc:duckdb:" + dir.resolve("live.duckdb"), null, null);
    }

    private static long lastTime(List<String> events) {
        return LiveFixtures.timeUs(events.get(events.size() - 1));
    }

    @Test
    void a_stream_dropped_twice_mid_stream_is_stored_whole_with_no_gap_and_no_duplicate() throws Exception {
        List<String> events = LiveFixtures.jetstream(100); // 1,800 events
        Map<Integer, Integer> drops = Map.of(600, 150, 1300, 100);
        List<String> log = Collections.synchronizedList(new ArrayList<>());
        LiveStats stats;
        String key;
        try (JetstreamReplay server = new JetstreamReplay(events, drops, 0); Store store = open()) {
            key = JetstreamConnector.sourceKey(server.url());
            stats = follow(store, server, lastTime(events), OPTIONS, new Rejects(), log);
            assertEquals(3, server.cursors.size(), "one connection, then one per drop: " + server.cursors + "\n"
                    + String.join("\n", log));
            assertNull(server.cursors.get(0), "a new stream starts live");
            for (String c : server.cursors.subList(1, 3)) {
                long cursor = Long.parseLong(c);
                assertTrue(cursor >= LiveFixtures.T0_US && cursor < lastTime(events), c);
            }
        }
        LiveFixtures.Stored stored = LiveFixtures.stored(dir.resolve("live.duckdb"));
        Set<String> expected = LiveFixtures.jetstreamIds(events);
        assertEquals(1200, expected.size());
        assertEquals(expected, stored.ids(), "no gap");
        assertEquals(expected.size(), stored.rows(), "no duplicate");
        assertEquals(Long.toString(lastTime(events)), LiveFixtures.cursor(dir.resolve("live.duckdb"), key));
        assertEquals(2, stats.failedAttempts());
        assertEquals(3, stats.connections());
        assertTrue(stats.received() > events.size(), "the rewound cursor replays some events: " + stats.received());
    }

    @Test
    void a_restarted_connector_resumes_from_the_stored_cursor() throws Exception {
        List<String> events = LiveFixtures.jetstream(40); // 720 events
        Path db = dir.resolve("live.duckdb");
        String key;
        try (JetstreamReplay server = new JetstreamReplay(events, Map.of(), 0)) {
            key = JetstreamConnector.sourceKey(server.url());
            // The first connector stops after 300 messages, as --max-events 300 would.
            try (Store store = open()) {
                follow(store, server, lastTime(events), OPTIONS.withLimits(300, Duration.ofSeconds(45)), new Rejects(),
                        new ArrayList<>());
            }
            String cursor = LiveFixtures.cursor(db, key);
            assertEquals(Long.toString(LiveFixtures.timeUs(events.get(299))), cursor, "the cursor covers 300 events");
            assertEquals(LiveFixtures.jetstreamIds(events.subList(0, 300)), LiveFixtures.stored(db).ids(),
                    "what the cursor covers is stored, and nothing past it");
            // A new connector on the same store asks for the stored cursor, rewound.
            try (Store store = open()) {
                follow(store, server, lastTime(events), OPTIONS, new Rejects(), new ArrayList<>());
            }
            assertEquals(2, server.cursors.size());
            assertEquals(Long.toString(Long.parseLong(cursor) - REWIND.toNanos() / 1000), server.cursors.get(1));
        }
        LiveFixtures.Stored stored = LiveFixtures.stored(db);
        assertEquals(LiveFixtures.jetstreamIds(events), stored.ids());
        assertEquals(stored.ids().size(), stored.rows());
        assertEquals(Long.toString(lastTime(events)), LiveFixtures.cursor(db, key));
    }

    @Test
    void a_malformed_message_is_rejected_with_its_sequence_number_and_the_stream_goes_on() throws Exception {
        List<String> events = new ArrayList<>(LiveFixtures.jetstream(2));
        events.add(6, "{\"did\":\"did:plc:broken\",\"time_us\":");
        events.add(11, "{\"did\":\"did:plc:odd\",\"time_us\":" + (LiveFixtures.timeUs(events.get(10)) + 1)
                + ",\"kind\":\"mystery\"}");
        Path rejectsFile = dir.resolve("rejects.ndjson");
        String url;
        try (JetstreamReplay server = new JetstreamReplay(events, Map.of(), 0); Store store = open();
             Rejects rejects = new Rejects(rejectsFile)) {
            url = server.url() + "?wantedCollections=";
            follow(store, server, lastTime(events), OPTIONS, rejects, new ArrayList<>());
            assertEquals(2, rejects.total());
        }
        List<JsonNode> lines = new ArrayList<>();
        for (String l : Files.readAllLines(rejectsFile, StandardCharsets.UTF_8)) {
            if (!l.isBlank()) {
                lines.add(new ObjectMapper().readTree(l));
            }
        }
        assertEquals(2, lines.size());
        assertEquals(7, lines.get(0).get("line").asLong(), "the 7th message of the stream");
        assertEquals("invalid-json", lines.get(0).get("reason").asText());
        String source = lines.get(0).get("source").asText();
        assertTrue(source.startsWith(url) && !source.contains("cursor="), "the stream's URL: " + source);
        assertEquals("{\"did\":\"did:plc:broken\",\"time_us\":", lines.get(0).get("record").asText());
        assertEquals(12, lines.get(1).get("line").asLong());
        assertEquals("unknown-kind", lines.get(1).get("reason").asText());
        List<String> valid = new ArrayList<>(events);
        valid.remove(11);
        valid.remove(6);
        assertEquals(LiveFixtures.jetstreamIds(valid), LiveFixtures.stored(dir.resolve("live.duckdb")).ids(),
                "the messages after the bad ones are read");
    }

    @Test
    void under_a_fast_stream_flow_control_keeps_the_queue_bounded_and_loses_nothing() throws Exception {
        List<String> events = LiveFixtures.jetstream(30); // 540 events, every 7th in fragments
        // One commit per message: the writer is far slower than the server, which would flood an
        // unbounded queue.
        LiveOptions slow = OPTIONS.withBatch(1, Duration.ofMillis(50)).withQueueCapacity(8);
        LiveStats stats;
        try (JetstreamReplay server = new JetstreamReplay(events, Map.of(), 0); Store store = open()) {
            stats = follow(store, server, lastTime(events), slow, new Rejects(), new ArrayList<>());
        }
        assertTrue(stats.maxQueued() <= 8, "queue held " + stats.maxQueued());
        assertEquals(0, stats.queueFull(), "the socket was never granted more than the queue could take");
        assertEquals(events.size(), stats.handled());
        LiveFixtures.Stored stored = LiveFixtures.stored(dir.resolve("live.duckdb"));
        assertEquals(LiveFixtures.jetstreamIds(events), stored.ids());
    }

    @Test
    void refused_connections_are_retried_with_growing_attempt_numbers_reset_by_a_healthy_connection()
            throws Exception {
        List<String> events = LiveFixtures.jetstream(20);
        List<String> log = Collections.synchronizedList(new ArrayList<>());
        try (JetstreamReplay server = new JetstreamReplay(events, new HashMap<>(Map.of(200, 10)), 3); Store store = open()) {
            follow(store, server, lastTime(events), OPTIONS, new Rejects(), log);
            assertEquals(5, server.cursors.size());
        }
        List<Integer> attempts = new ArrayList<>();
        Pattern attempt = Pattern.compile("\\(attempt (\\d+)\\)$");
        for (String line : log) {
            Matcher m = attempt.matcher(line);
            if (m.find()) {
                attempts.add(Integer.parseInt(m.group(1)));
            }
        }
        assertEquals(List.of(1, 2, 3, 1), attempts, String.join("\n", log));
        String first = log.stream().filter(l -> l.endsWith("(attempt 1)")).findFirst().orElseThrow();
        assertTrue(first.contains("closed the connection (1013 try again later)"), first);
        assertEquals(LiveFixtures.jetstreamIds(events), LiveFixtures.stored(dir.resolve("live.duckdb")).ids());
    }
}
