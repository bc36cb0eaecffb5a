package dev.renown.sources;

import dev.renown.core.event.AccountProfile;
import dev.renown.core.event.Interaction;
import dev.renown.core.event.ProfileLink;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class MastodonReaderTest {

    @TempDir
    Path dir;

    /**
     * Expected counts: the output of {@code jq -s -c -f counts.jq FILE} in
     * {@code src/test/resources/mastodon}, pasted as it came (see the README there).
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            home-timeline.json | {"repost":1,"quote":1,"reply":3,"mention":2,"like":0,"follow":0,"actors":5,"events":7,"profiles":11,"rejects":1,"rejects.unresolved-target":1,"skipped.no-interaction":2,"skipped.stream-event":0}
            stream.jsonl       | {"repost":1,"quote":0,"reply":0,"mention":1,"like":0,"follow":0,"actors":2,"events":2,"profiles":4,"rejects":0,"rejects.unresolved-target":0,"skipped.no-interaction":1,"skipped.stream-event":1}
            """)
    void the_samples_give_exactly_the_counts_jq_gives(String file, String jq) throws IOException {
        SampleCounts.assertMatches(jq, Collected.resource(new MastodonReader(), "mastodon/" + file));
    }

    @Test
    void an_unresolved_reply_is_rejected_at_the_line_where_its_status_starts() throws IOException {
        Collected c = Collected.resource(new MastodonReader(), "mastodon/home-timeline.json");
        Reject r = c.onlyReject();
        assertEquals("unresolved-target", r.reason());
        assertEquals(558, r.line(), "the line where the status starts in the pretty-printed page");
    }

    @Test
    void accounts_are_full_addresses_and_replies_resolve_local_ids_through_the_file() throws IOException {
        Collected c = Collected.resource(new MastodonReader(), "mastodon/home-timeline.json");
        Interaction repost = c.event("mastodon/https://mastodon.social/users/alice/statuses/112400000000000010/activity/repost");
        assertEquals("alice@mastodon.social", repost.actorId());
        assertEquals("bob@fosstodon.org", repost.targetId());
        assertEquals("https://fosstodon.org/users/bob/statuses/112400000000000001", repost.targetPostId());
        assertEquals(List.of("rust"), repost.hashtags());
        assertEquals("Release 2.0 is out! #Rust", repost.text());
        // Account 7 (dan, local) is replied to before the file shows who it is.
        Interaction late = c.event("mastodon/https://fosstodon.org/users/bob/statuses/112400000000000009/reply");
        assertEquals("dan@mastodon.social", late.targetId());
        assertEquals("https://mastodon.social/users/dan/statuses/112400000000000005", late.targetPostId());
        // The account replied to is not also a mention; the remote domain is lower-cased.
        String carol = "mastodon/https://hachyderm.io/users/Carol/statuses/112400000000000008";
        assertEquals("Carol@hachyderm.io", c.event(carol + "/reply").actorId());
        assertEquals("alice@mastodon.social", c.event(carol + "/reply").targetId());
        assertEquals("dan@mastodon.social", c.event(carol + "/mention/dan@mastodon.social").targetId());
        assertEquals(2, c.interactions.stream().filter(i -> i.eventId().startsWith(carol)).count());
        assertEquals("Carol@hachyderm.io",
                c.event("mastodon/https://social.example/users/erin/statuses/112400000000000007/quote").targetId());
        assertEquals(Instant.parse("2024-05-01T11:40:00Z").toEpochMilli(), c.event(carol + "/reply").timeMillis());
        AccountProfile p = c.profiles.stream().filter(x -> x.account().id().equals("Carol@hachyderm.io"))
                .findFirst().orElseThrow();
        assertEquals("Carol", p.handle());
        assertEquals(15000, p.followers());
        assertEquals(12, p.following());
        assertEquals(9000, p.posts());
    }

    @Test
    void streaming_messages_are_unwrapped() throws IOException {
        Collected c = Collected.resource(new MastodonReader(), "mastodon/stream.jsonl");
        assertEquals(List.of("mention", "repost"), c.interactions.stream().map(i -> i.kind().wireName()).toList());
        assertEquals("mastodon/https://mastodon.social/users/dan/statuses/112400000000000020/mention/Carol@hachyderm.io",
                c.interactions.get(0).eventId());
    }

    @Test
    void bad_statuses_are_rejected_with_their_reason() throws IOException {
        String ok = "{\"id\":\"1\",\"uri\":\"https://a.example/users/x/statuses/1\",\"created_at\":\"2024-05-01T10:00:00Z\","
                + "\"account\":{\"id\":\"1\",\"acct\":\"x\",\"url\":\"https://a.example/@x\"},"
                + "\"mentions\":[{\"id\":\"2\",\"acct\":\"y@b.example\"}]}";
        String content = String.join("\n", ok,
                ok.replace("\"uri\":\"https://a.example/users/x/statuses/1\",", ""),
                ok.replace("2024-05-01T10:00:00Z", "May 1st"),
                ok.replace(",\"url\":\"https://a.example/@x\"", ""),
                ok.replace("\"mentions\":[", "\"mentions\":7,\"x\":["),
                "{\"event\":\"update\",\"payload\":\"{not json\"}",
                "[1]") + "\n";
        Collected c = Collected.read(new MastodonReader(), dir, "s.jsonl", content);
        assertEquals(1, c.interactions.size());
        assertEquals(Map.of("missing-field", 2L, "bad-time", 1L, "wrong-type", 2L, "invalid-json", 1L),
                c.rejects.countsByReason());
    }

    @Test
    void html_content_becomes_plain_text() {
        assertEquals("a & b <c> 'd' e", MastodonReader.plainText("<p>a &amp; b &lt;c&gt; &#39;d&#39;</p><p>e</p>"));
        assertNull(MastodonReader.plainText(null));
    }

    @Test
    void account_fields_become_profile_links_with_their_verification() throws IOException {
        Collected c = Collected.resource(new MastodonReader(), "people/mastodon-profiles.json");
        assertEquals(0, c.rejects.total());
        AccountProfile alice = profile(c, "alice@mastodon.social");
        assertEquals(List.of(new ProfileLink("https://mastodon.social/@alice", ProfileLink.PROFILE, false),
                new ProfileLink("https://twitter.com/alice_w", "field:Twitter", true),
                new ProfileLink("alice.example.com", "field:Bluesky", false)), alice.links());
        // An unverified link stays one, and 'she/her' is no link.
        assertEquals(List.of(new ProfileLink("https://fosstodon.org/@bob", ProfileLink.PROFILE, false),
                new ProfileLink("https://twitter.com/bob_jones", "field:Twitter", false)),
                profile(c, "bob@fosstodon.org").links());
        assertEquals(List.of(new ProfileLink("https://hachyderm.io/@carolyn", ProfileLink.PROFILE, false)),
                profile(c, "carolyn@hachyderm.io").links());
        // The old fixture's accounts have "fields": [] — their profile page only.
        Collected old = Collected.resource(new MastodonReader(), "mastodon/home-timeline.json");
        assertEquals(List.of(new ProfileLink("https://mastodon.social/@alice", ProfileLink.PROFILE, false)),
                profile(old, "alice@mastodon.social").links());
    }

    @Test
    void an_account_without_fields_says_nothing_of_links_and_a_bad_field_is_named() throws IOException {
        String status = """
                {"id":"1","uri":"https://m.example/users/a/statuses/1","created_at":"2024-05-02T09:00:00Z",
                 "account":{"id":"1","username":"a","acct":"a","url":"https://m.example/@a"%s},
                 "mentions":[{"id":"2","username":"b","acct":"b@n.example","url":"https://n.example/@b"}]}
                """.replace("\n", "");
        Collected none = Collected.read(new MastodonReader(), dir, "none.jsonl", status.formatted("") + "\n");
        assertNull(profile(none, "a@m.example").links());
        Collected bad = Collected.read(new MastodonReader(), dir, "bad.jsonl",
                status.formatted(",\"fields\":[{\"name\":\"W\",\"value\":\"x.example\",\"verified_at\":true}]") + "\n");
        Reject r = bad.onlyReject();
        assertEquals("account.fields.verified_at", r.field());
        assertEquals("wrong-type", r.reason());
    }

    private static AccountProfile profile(Collected c, String address) {
        return c.profiles.stream().filter(p -> p.account().id().equals(address)).reduce((a, b) -> b).orElseThrow();
    }
}
