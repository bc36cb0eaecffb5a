package dev.renown.sources;

import dev.renown.core.event.AccountProfile;
import dev.renown.core.event.Interaction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class JetstreamReaderTest {

    private static final String ALICE = "did:plc:eygmaihciaxprqvxpfvl6flk";
    private static final String BOB = "did:plc:wa7b35aakoll7hugkrjtf3xf";
    private static final String CAROL = "did:plc:ufbl4k27gp6kzas5glhz7fim";
    private static final String DAN = "did:web:dan.example.com";
    private static final String ERIN = "did:plc:rfov6bpyztcnedeyyzgfq42k";

    @TempDir
    Path dir;

    private static Collected sample() throws IOException {
        return Collected.resource(new JetstreamReader(), "bluesky/jetstream-sample.jsonl");
    }

    /**
     * Expected counts: the output of {@code jq -s -c -f counts.jq jetstream-sample.jsonl} in
     * {@code src/test/resources/bluesky}, pasted as it came (see the README there).
     */
    @Test
    void the_sample_gives_exactly_the_counts_jq_gives() throws IOException {
        SampleCounts.assertMatches("""
                {"repost":2,"quote":2,"reply":2,"mention":2,"like":2,"follow":2,"actors":5,"events":12,"profiles":2,"rejects":0,"skipped.no-interaction":2,"skipped.other-collection":2,"skipped.update":1,"skipped.delete":1,"skipped.identity-event":1,"skipped.account-event":1}""", sample());
    }

    @Test
    void a_reply_mentioning_its_parent_author_is_one_reply_and_the_other_mentions() throws IOException {
        Collected c = sample();
        String post = "at://" + CAROL + "/app.bsky.feed.post/3l3qo2xfmoc2s";
        Interaction reply = c.event("bluesky/" + post + "/reply");
        assertEquals(BOB, reply.targetId());
        assertEquals(post, reply.postId());
        assertEquals("at://" + BOB + "/app.bsky.feed.post/3l3pte3p2e325", reply.targetPostId());
        assertEquals(List.of("atproto"), reply.hashtags());
        assertEquals(Instant.parse("2024-09-09T19:46:03Z").toEpochMilli(), reply.timeMillis());
        assertEquals(ERIN, c.event("bluesky/" + post + "/mention/" + ERIN).targetId());
        assertEquals(2, c.interactions.stream().filter(i -> i.eventId().startsWith("bluesky/" + post)).count());
    }

    @Test
    void quotes_reposts_likes_and_follows_go_to_the_subject_did() throws IOException {
        Collected c = sample();
        assertEquals(BOB, c.event("bluesky/at://" + DAN + "/app.bsky.feed.post/3l3qo2yhb5k2u/quote").targetId());
        assertEquals(CAROL, c.event("bluesky/at://" + ERIN + "/app.bsky.feed.post/3l3qo2zqn7c2p/quote").targetId());
        assertEquals(ALICE, c.event("bluesky/at://" + ERIN + "/app.bsky.feed.post/3l3qo2zqn7c2p/mention/" + ALICE)
                .targetId());
        assertEquals(BOB, c.event("bluesky/at://" + CAROL + "/app.bsky.feed.repost/3l3qo2wbxbk2a").targetId());
        assertEquals(DAN, c.event("bluesky/at://" + ERIN + "/app.bsky.feed.like/3l3qo38k2ss2f").targetId());
        Interaction follow = c.event("bluesky/at://" + BOB + "/app.bsky.graph.follow/3l3qo34b2mk2d");
        assertEquals(ALICE, follow.targetId());
        assertEquals(1725911170329L, follow.timeMillis(), "a createdAt in the future gives way to time_us");
        assertNull(follow.postId());
    }

    @Test
    void identity_events_and_profile_records_name_accounts() throws IOException {
        Collected c = sample();
        assertEquals(List.of(AccountProfile.named(new dev.renown.core.event.AccountKey("bluesky", BOB), null, "Bob B."),
                AccountProfile.named(new dev.renown.core.event.AccountKey("bluesky", CAROL), "carol.bsky.social", null)),
                c.profiles);
    }

    @Test
    void bad_events_are_rejected_with_their_line_and_reason() throws IOException {
        String ok = "{\"did\":\"did:plc:a\",\"time_us\":1725911162329308,\"kind\":\"commit\",\"commit\":{\"operation\":"
                + "\"create\",\"collection\":\"app.bsky.feed.like\",\"rkey\":\"k\",\"record\":{\"subject\":"
                + "{\"uri\":\"at://did:plc:b/app.bsky.feed.post/p\"}}}}";
        String content = String.join("\n",
                ok,
                ok.replace("\"kind\":\"commit\"", "\"kind\":\"sync\""),
                ok.replace("at://did:plc:b/", "https://bsky.app/"),
                ok.replace("\"did\":\"did:plc:a\",", ""),
                ok.replace("\"time_us\":1725911162329308", "\"time_us\":\"soon\""),
                ok.replace("\"operation\":\"create\"", "\"operation\":\"move\""),
                ok.substring(0, 80),
                "[]",
                ok.replace("\"rkey\":\"k\",", ""),
                ok.replace("did:plc:a", "did:plc:\u00e9").replace("1725911162329308", "1725911162329309")) + "\n";
        Collected c = Collected.read(new JetstreamReader(), dir, "j.jsonl", content);
        assertEquals(2, c.interactions.size());
        assertEquals("did:plc:\u00e9", c.interactions.get(1).actorId());
        assertEquals(Map.of("unknown-kind", 2L, "invalid-value", 1L, "missing-field", 2L, "wrong-type", 1L,
                "invalid-json", 2L), c.rejects.countsByReason());
        assertEquals(List.of(2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L),
                c.rejects.examples().stream().map(Reject::line).toList());
    }

    @Test
    void at_uris_give_their_did() {
        assertEquals("did:plc:b", JetstreamReader.didOf("at://did:plc:b/app.bsky.feed.post/p"));
        assertNull(JetstreamReader.didOf("at://did:plc:b"));
        assertNull(JetstreamReader.didOf("at://bob.bsky.social/app.bsky.feed.post/p"));
        assertNull(JetstreamReader.didOf("at://did:/x"));
    }
}
