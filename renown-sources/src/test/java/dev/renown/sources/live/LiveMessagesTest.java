package dev.renown.sources.live;

import dev.renown.core.event.AccountProfile;
import dev.renown.core.event.Interaction;
import dev.renown.core.event.InteractionSink;
import dev.renown.sources.JetstreamReader;
import dev.renown.sources.MastodonReader;
import dev.renown.sources.Reject;
import dev.renown.sources.Rejects;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The readers' per-message entry points, and the small pieces of the connectors that need no server. */
class LiveMessagesTest {

    private static final class Collect implements InteractionSink {
        final List<Interaction> interactions = new ArrayList<>();

        @Override
        public void accept(Interaction interaction) {
            interactions.add(interaction);
        }

        @Override
        public void profile(AccountProfile profile) {
        }
    }

    private static List<String> lines(String resource) throws Exception {
        return Files.readAllLines(Path.of(LiveMessagesTest.class.getResource(resource).toURI()), StandardCharsets.UTF_8);
    }

    @Test
    void jetstream_messages_give_what_the_file_gives_and_report_time_us_even_when_rejected() throws Exception {
        Collect c = new Collect();
        Rejects rejects = new Rejects();
        JetstreamReader.Messages m = JetstreamReader.messages("wss://example/subscribe", c, rejects);
        List<String> lines = lines("/bluesky/jetstream-sample.jsonl");
        long last = -1;
        for (int i = 0; i < lines.size(); i++) {
            last = m.read(lines.get(i), i + 1);
        }
        m.flushSkips();
        assertEquals(12, c.interactions.size(), "as JetstreamReaderTest counts for the file");
        assertTrue(last > 1_725_000_000_000_000L);
        assertEquals(0, rejects.total());
        assertEquals(1_725_911_162_329_308L,
                m.read("{\"did\":\"did:plc:x\",\"time_us\":1725911162329308,\"kind\":\"mystery\"}", 19));
        assertEquals(-1, m.read("{\"did\":\"did:plc:x\",\"time_us\":", 20));
        assertEquals(List.of(19L, 20L), rejects.examples().stream().map(Reject::line).toList());
        assertEquals(List.of("unknown-kind", "invalid-json"), rejects.examples().stream().map(Reject::reason).toList());
        assertEquals("wss://example/subscribe", rejects.examples().get(1).source());
    }

    @Test
    void mastodon_events_and_pages_report_their_largest_status_id() throws Exception {
        Collect c = new Collect();
        Rejects rejects = new Rejects();
        MastodonReader.Messages m = MastodonReader.messages("https://example/api/v1/streaming/public", c, rejects);
        String page = Files.readString(Path.of(getClass().getResource("/mastodon/home-timeline.json").toURI()));
        assertEquals("112400000000000010", m.page(page, 1));
        assertNull(m.event("delete", "112400000000000010", 2));
        assertNull(m.event("update", "{\"id\":", 3));
        m.flushSkips();
        assertEquals(1L, rejects.skippedByReason().get("stream-event"));
        // The page's reply whose target appears only further down resolves within the page; the one
        // whose target appears nowhere is rejected at once, at the message's number plus its line in
        // the (pretty-printed) page: message 1, line 558.
        assertEquals(7, c.interactions.size());
        List<Reject> r = rejects.examples();
        assertEquals("unresolved-target", r.get(0).reason());
        assertEquals(558, r.get(0).line());
        assertEquals("invalid-json", r.get(1).reason());
        assertEquals(3, r.get(1).line());
    }

    @Test
    void mastodon_ids_order_as_numbers_and_rewind_by_their_snowflake_time() {
        assertTrue(MastodonReader.compareIds("99", "100") < 0);
        assertTrue(MastodonReader.compareIds("0100", "99") > 0);
        assertEquals(0, MastodonReader.compareIds("007", "7"));
        assertTrue(MastodonReader.compareIds("AbC", "AbD") < 0, "flake ids sort as strings");
        long id = (1_715_000_000_000L << 16) + 5;
        assertEquals(Long.toString(id - (60_000L << 16)), MastodonConnector.rewound(Long.toString(id), Duration.ofMinutes(1)));
        assertEquals(1_715_000_000_000L, MastodonConnector.snowflakeMillis(Long.toString(id)));
        assertEquals("9zz", MastodonConnector.rewound("9zz", Duration.ofMinutes(1)));
        assertEquals("0", MastodonConnector.rewound("12", Duration.ofMinutes(1)));
    }

    @Test
    void the_jetstream_url_keeps_its_parameters_and_gets_collections_and_the_rewound_cursor() throws Exception {
        JetstreamConnector c = new JetstreamConnector(new JetstreamConnector.Config(
                URI.create("wss://js.example/subscribe?compress=false&cursor=1000000000"),
                List.of("app.bsky.feed.post", "app.bsky.graph.follow"), Duration.ofSeconds(2)),
                LiveOptions.DEFAULT, new MemorySink(null), new Rejects(), null);
        assertEquals("bluesky-jetstream:js.example", c.sourceKey());
        assertEquals(URI.create("wss://js.example/subscribe?compress=false&wantedCollections=app.bsky.feed.post"
                + "&wantedCollections=app.bsky.graph.follow&cursor=7"), c.subscribeUri(7));
        assertEquals(998_000_000L, c.resumeCursor(), "the URL's cursor, without a stored one, rewound 2 s");
        assertThrows(IllegalArgumentException.class,
                () -> JetstreamConnector.Config.of(URI.create("https://js.example/subscribe")));
    }

    @Test
    void mastodon_streams_map_to_their_timelines_and_a_token_never_shows() {
        MastodonConnector.Stream tag = MastodonConnector.Stream.parse("hashtag:#Caf\u00e9 Bar");
        assertEquals("hashtag:caf\u00e9 bar", tag.name());
        assertEquals("/api/v1/streaming/hashtag?tag=Caf%C3%A9%20Bar", tag.streamPath());
        assertEquals("/api/v1/timelines/tag/Caf%C3%A9%20Bar", tag.timelinePath());
        assertEquals("/api/v1/timelines/home", MastodonConnector.Stream.parse("user").timelinePath());
        assertThrows(IllegalArgumentException.class, () -> MastodonConnector.Stream.parse("federated"));
        BearerToken token = BearerToken.of("s3cret-Token_value");
        MastodonConnector.Config config = MastodonConnector.Config.of(URI.create("https://social.example"),
                MastodonConnector.Stream.parse("user"), token);
        assertTrue(!config.toString().contains("s3cret") && !token.toString().contains("s3cret"), config.toString());
        assertEquals("Bearer *** said no", token.scrub("Bearer s3cret-Token_value said no"));
        assertEquals("mastodon:social.example:user", MastodonConnector.sourceKey(config));
        assertThrows(IllegalArgumentException.class, () -> MastodonConnector.Config.of(URI.create("http://social.example"),
                MastodonConnector.Stream.parse("user"), token), "no token over plain HTTP");
        assertThrows(IllegalArgumentException.class, () -> MastodonConnector.Config.of(URI.create("https://social.example"),
                MastodonConnector.Stream.parse("user"), null), "the user stream needs a token");
        assertThrows(IllegalArgumentException.class, () -> BearerToken.of("two\nlines"));
    }

    @Test
    void timeline_page_ids_are_read_without_parsing_the_statuses() throws IOException {
        assertEquals(List.of("3", "2"), MastodonConnector.statusIds("[{\"id\":\"3\",\"account\":{\"id\":\"9\"}},{\"id\":2}]"));
        assertEquals(List.of(), MastodonConnector.statusIds("[]"));
        assertThrows(IOException.class, () -> MastodonConnector.statusIds("{\"error\":\"x\"}"));
    }
}
