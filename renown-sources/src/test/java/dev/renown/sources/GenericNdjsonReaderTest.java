package dev.renown.sources;

import dev.renown.core.event.Interaction;
import dev.renown.core.event.InteractionKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class GenericNdjsonReaderTest {

    @TempDir
    Path dir;

    private final GenericNdjsonReader reader = new GenericNdjsonReader();

    private Collected read(String... lines) throws IOException {
        return Collected.read(reader, dir, "in.ndjson", String.join("\n", lines) + "\n");
    }

    @Test
    void reads_every_field() throws IOException {
        Collected c = read("{\"id\":\"42\",\"network\":\"Mastodon\",\"kind\":\"reblog\",\"actor\":\"alice\","
                + "\"target\":\"bob\",\"time\":\"2024-05-01T12:00:00Z\",\"post\":\"p9\",\"target_post\":\"p1\","
                + "\"text\":\"so good\",\"hashtags\":[\"#AI\",\"ml\"],\"actor_handle\":\"alice_h\","
                + "\"target_handle\":\"bob_h\",\"extra\":{\"nested\":[1,2]}}");
        assertEquals(0, c.rejects.total());
        Interaction i = c.interactions.get(0);
        assertEquals("mastodon/42", i.eventId());
        assertEquals("mastodon", i.network());
        assertEquals(InteractionKind.REPOST, i.kind());
        assertEquals("alice", i.actorId());
        assertEquals("bob", i.targetId());
        assertEquals(Instant.parse("2024-05-01T12:00:00Z").toEpochMilli(), i.timeMillis());
        assertEquals("p9", i.postId());
        assertEquals("p1", i.targetPostId());
        assertEquals("so good", i.text());
        assertEquals(List.of("ai", "ml"), i.hashtags());
        assertEquals(2, c.profiles.size());
        assertEquals("alice_h", c.profiles.get(0).handle());
        assertEquals("bob", c.profiles.get(1).account().id());
    }

    @Test
    void numeric_times_are_seconds_and_offsets_are_honoured() throws IOException {
        Collected c = read(
                "{\"network\":\"x\",\"kind\":\"like\",\"actor\":\"a\",\"target\":\"b\",\"time\":1341388800}",
                "{\"network\":\"x\",\"kind\":\"like\",\"actor\":\"a\",\"target\":\"b\",\"time\":1341388800.25}",
                "{\"network\":\"x\",\"kind\":\"like\",\"actor\":\"a\",\"target\":\"b\",\"time\":\"2012-07-04T10:00:00+02:00\"}",
                "{\"network\":\"x\",\"kind\":\"like\",\"actor\":\"a\",\"target\":\"b\",\"time\":\"1341388800\"}");
        assertEquals(0, c.rejects.total());
        assertEquals(1341388800000L, c.interactions.get(0).timeMillis());
        assertEquals(1341388800250L, c.interactions.get(1).timeMillis());
        assertEquals(1341388800000L, c.interactions.get(2).timeMillis());
        assertEquals(1341388800000L, c.interactions.get(3).timeMillis());
    }

    @Test
    void without_an_id_the_event_id_is_derived_from_the_content() throws IOException {
        Collected c = read(
                "{\"network\":\"x\",\"kind\":\"reply\",\"actor\":\"a\",\"target\":\"b\",\"time\":10}",
                "{\"network\":\"x\",\"kind\":\"reply\",\"actor\":\"a\",\"target\":\"b\",\"time\":10}",
                "{\"network\":\"x\",\"kind\":\"reply\",\"actor\":\"a\",\"target\":\"b\",\"time\":10,\"post\":\"p\"}");
        assertEquals("x/reply:a>b@10000", c.interactions.get(0).eventId());
        assertEquals(c.interactions.get(0).eventId(), c.interactions.get(1).eventId());
        assertEquals("x/reply:a>b@10000#p", c.interactions.get(2).eventId());
    }

    @Test
    void a_default_network_fills_in_and_a_missing_one_is_rejected() throws IOException {
        String line = "{\"kind\":\"follow\",\"actor\":\"a\",\"target\":\"b\",\"time\":10}";
        assertEquals("missing-field", read(line).onlyReject().reason());
        Collected c = Collected.read(new GenericNdjsonReader("bluesky"), dir, "d.ndjson", line + "\n");
        assertEquals("bluesky", c.interactions.get(0).network());
    }

    @Test
    void rejects_bad_records_naming_line_field_and_reason() throws IOException {
        Collected c = read(
                "{\"network\":\"x\",\"kind\":\"like\",\"actor\":\"a\",\"target\":\"b\",\"time\":10}",   // 1 ok
                "{\"network\":\"x\",\"kind\":\"like\",\"actor\":\"a\",\"target\":\"b\",\"time\":10",    // 2 truncated
                "not json",                                                                              // 3
                "[1,2]",                                                                                 // 4 not an object
                "{\"network\":\"x\",\"kind\":\"like\",\"target\":\"b\",\"time\":10}",                     // 5 no actor
                "{\"network\":\"x\",\"kind\":\"poke\",\"actor\":\"a\",\"target\":\"b\",\"time\":10}",    // 6 unknown kind
                "{\"network\":\"x\",\"kind\":\"like\",\"actor\":\"a\",\"target\":\"b\",\"time\":\"noon\"}", // 7 bad time
                "{\"network\":\"x\",\"kind\":\"like\",\"actor\":[\"a\"],\"target\":\"b\",\"time\":10}",  // 8 wrong type
                "{\"network\":\"x\",\"kind\":\"like\",\"actor\":\"a\",\"target\":\"b\",\"time\":10} {}", // 9 two values
                "{\"network\":\"x\",\"kind\":\"like\",\"actor\":\"a\",\"target\":\"b\",\"time\":-5}",    // 10 negative
                "{\"network\":\"x\",\"kind\":\"like\",\"actor\":\"a\",\"target\":\"b\",\"time\":10,\"hashtags\":\"ai\"}", // 11
                "",
                "{\"network\":\"x\",\"kind\":\"like\",\"actor\":\"a\",\"target\":\"c\",\"time\":11}");  // 13 ok
        assertEquals(2, c.interactions.size());
        assertEquals(10, c.rejects.total());
        List<Reject> r = c.rejects.examples();
        assertEquals(List.of(2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L), r.stream().map(Reject::line).toList().subList(0, 9));
        assertEquals("invalid-json", r.get(0).reason());
        assertEquals("invalid-json", r.get(1).reason());
        assertEquals("invalid-json", r.get(2).reason());
        assertEquals("missing-field", r.get(3).reason());
        assertEquals("actor", r.get(3).field());
        assertEquals("unknown-kind", r.get(4).reason());
        assertEquals("bad-time", r.get(5).reason());
        assertEquals("time", r.get(5).field());
        assertEquals("wrong-type", r.get(6).reason());
        assertEquals("actor", r.get(6).field());
        assertEquals("invalid-json", r.get(7).reason());
        assertEquals("bad-time", r.get(8).reason());
        assertEquals(11, r.get(9).line());
        assertEquals("wrong-type", r.get(9).reason());
        assertEquals("hashtags", r.get(9).field());
        assertNull(r.get(0).field());
    }

    @Test
    void invalid_utf8_is_rejected_as_bad_encoding_like_in_the_other_json_readers() throws IOException {
        byte[] bytes = ("{\"network\":\"x\",\"kind\":\"like\",\"actor\":\"a\u00ff\",\"target\":\"b\",\"time\":1}\n")
                .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        Collected c = Collected.read(reader, dir, "latin1.ndjson", bytes);
        assertEquals("bad-encoding", c.onlyReject().reason());
    }

    /**
     * The first 100 Higgs lines converted by jq (see {@code src/test/resources/generic/README.md});
     * expected counts are the output of {@code jq -R -s -c --arg format ndjson -f counts.jq higgs-first100.ndjson}
     * there, pasted as it came.
     */
    @Test
    void the_higgs_sample_gives_the_counts_jq_gives_and_the_same_events_as_the_snap_reader() throws IOException {
        Collected c = Collected.resource(new GenericNdjsonReader(), "generic/higgs-first100.ndjson");
        SampleCounts.assertMatches("""
                {"repost":25,"quote":0,"reply":12,"mention":63,"like":0,"follow":0,"actors":64,"events":100,"accounts":104,"self":8,"rejects":0}""", c);
        assertEquals(Collected.higgsHead(dir, 100).interactions, c.interactions);
    }

    @Test
    void numbers_and_names_beyond_the_parser_limits_are_rejects_not_exceptions() throws IOException {
        Collected c = Collected.read(new GenericNdjsonReader(), dir, "big.ndjson",
                "{\"time\":" + "9".repeat(1200) + "}\n{\"" + "n".repeat(60_000) + "\":1}\n"
                        + "{\"network\":\"x\",\"kind\":\"like\",\"actor\":\"a\",\"target\":\"b\",\"time\":1}\n");
        assertEquals(1, c.interactions.size());
        assertEquals(List.of(1L, 2L), c.rejects.examples().stream().map(Reject::line).toList());
        assertEquals(Map.of("invalid-json", 2L), c.rejects.countsByReason());
    }

    @Test
    void times_beyond_what_milliseconds_hold_are_bad_times_not_exceptions() throws IOException {
        String record = "{\"network\":\"x\",\"kind\":\"like\",\"actor\":\"a\",\"target\":\"b\",\"time\":%s}\n";
        Collected c = Collected.read(new GenericNdjsonReader(), dir, "t.ndjson", String.format(record,
                "\"+1000000000-01-01T00:00:00Z\"") + String.format(record, "\"-1000000000-01-01T00:00:00Z\"")
                + String.format(record, "1e-2147483649") + String.format(record, "\"1e-2147483649\"")
                + String.format(record, "1e999999999") + String.format(record, "1"));
        assertEquals(1, c.interactions.size());
        assertEquals(Map.of("bad-time", 5L), c.rejects.countsByReason());
    }
}
