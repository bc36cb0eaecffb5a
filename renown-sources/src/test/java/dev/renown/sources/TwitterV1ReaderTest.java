package dev.renown.sources;

import dev.renown.core.event.AccountProfile;
import dev.renown.core.event.Interaction;
import dev.renown.core.event.ProfileLink;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static dev.renown.core.event.InteractionKind.LIKE;
import static dev.renown.core.event.InteractionKind.MENTION;
import static org.junit.jupiter.api.Assertions.assertEquals;

class TwitterV1ReaderTest {

    @TempDir
    Path dir;

    /**
     * Expected counts: the output of {@code zcat FILE | jq -s -c -f counts.jq} in
     * {@code src/test/resources/twitter-v1}, pasted as it came (see the README there).
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            lines.json.gz | {"repost":0,"quote":8,"reply":35,"mention":169,"like":0,"follow":0,"actors":49,"events":211,"profiles":80,"rejects":0,"rejects.unresolved-target":0,"rejects.unknown-owner":0,"rejects.unknown-kind":0,"rejects.wrong-type":0,"skipped.no-interaction":22}
            get_search_raw.json.gz | {"repost":74,"quote":9,"reply":3,"mention":0,"like":0,"follow":0,"actors":85,"events":86,"profiles":183,"rejects":0,"rejects.unresolved-target":0,"rejects.unknown-owner":0,"rejects.unknown-kind":0,"rejects.wrong-type":0,"skipped.no-interaction":14}
            get_mentions.json.gz | {"repost":0,"quote":2,"reply":13,"mention":15,"like":0,"follow":0,"actors":15,"events":30,"profiles":21,"rejects":0,"rejects.unresolved-target":0,"rejects.unknown-owner":0,"rejects.unknown-kind":0,"rejects.wrong-type":0,"skipped.no-interaction":0}
            get_user_timeline_count.json.gz | {"repost":35,"quote":0,"reply":10,"mention":11,"like":0,"follow":0,"actors":1,"events":56,"profiles":98,"rejects":0,"rejects.unresolved-target":0,"rejects.unknown-owner":0,"rejects.unknown-kind":0,"rejects.wrong-type":0,"skipped.no-interaction":17}
            get_retweets.json.gz | {"repost":14,"quote":0,"reply":0,"mention":0,"like":0,"follow":0,"actors":14,"events":14,"profiles":28,"rejects":0,"rejects.unresolved-target":0,"rejects.unknown-owner":0,"rejects.unknown-kind":0,"rejects.wrong-type":0,"skipped.no-interaction":0}
            get_status_with_place.json.gz | {"repost":0,"quote":1,"reply":0,"mention":0,"like":0,"follow":0,"actors":1,"events":1,"profiles":2,"rejects":0,"rejects.unresolved-target":0,"rejects.unknown-owner":0,"rejects.unknown-kind":0,"rejects.wrong-type":0,"skipped.no-interaction":0}
            friends_timeline-kesuke.json.gz | {"repost":0,"quote":0,"reply":0,"mention":0,"like":0,"follow":0,"actors":0,"events":0,"profiles":20,"rejects":0,"rejects.unresolved-target":0,"rejects.unknown-owner":0,"rejects.unknown-kind":0,"rejects.wrong-type":0,"skipped.no-interaction":20}
            get_followers_0.json.gz | {"repost":0,"quote":0,"reply":0,"mention":0,"like":0,"follow":0,"actors":0,"events":0,"profiles":200,"rejects":0,"rejects.unresolved-target":0,"rejects.unknown-owner":0,"rejects.unknown-kind":0,"rejects.wrong-type":0,"skipped.no-interaction":0}
            get_follower_ids_1.json.gz | {"repost":0,"quote":0,"reply":0,"mention":0,"like":0,"follow":0,"actors":0,"events":0,"profiles":0,"rejects":1,"rejects.unresolved-target":0,"rejects.unknown-owner":1,"rejects.unknown-kind":0,"rejects.wrong-type":0,"skipped.no-interaction":0}
            """)
    void real_samples_give_exactly_the_counts_jq_gives(String file, String jq) throws IOException {
        SampleCounts.assertMatches(jq, Collected.resource(new TwitterV1Reader(), "twitter-v1/" + file));
    }

    @Test
    void the_stream_uses_timestamp_ms_and_the_extended_tweet_entities() throws IOException {
        Collected c = Collected.resource(new TwitterV1Reader(), "twitter-v1/lines.json.gz");
        Interaction reply = c.event("twitter/972472958584320000/reply");
        assertEquals("857267033603530752", reply.actorId());
        assertEquals("703332370968141825", reply.targetId());
        assertEquals(1520690595657L, reply.timeMillis());
        // The reply target is not also a mention; the other account is.
        assertEquals("769878637524946944", c.event("twitter/972472958584320000/mention/769878637524946944").targetId());
        assertEquals(2, c.interactions.stream().filter(i -> i.postId().equals("972472958584320000")).count());
        // Only extended_tweet.entities names the seventh account of this reply.
        assertEquals(MENTION, c.event("twitter/972472958621974528/mention/1567019317").kind());
        AccountProfile p = c.profiles.stream().filter(x -> x.account().id().equals("395453797")).findFirst().orElseThrow();
        assertEquals("Ali_Dokhikh", p.handle());
        assertEquals(910, p.followers());
        assertEquals(1065, p.following());
    }

    @Test
    void the_same_tweet_gives_the_same_event_ids_from_v1_and_v2() throws IOException {
        String v1 = "{\"created_at\":\"Wed Sep 22 16:38:35 +0000 2021\",\"id_str\":\"1440717170493689866\",\"text\":\"RT @ChartsEcuador: hi\","
                + "\"user\":{\"id_str\":\"1433267766912557062\",\"screen_name\":\"ximerios12_\"},"
                + "\"retweeted_status\":{\"id_str\":\"1440691114135080963\",\"text\":\"hi\",\"user\":{\"id_str\":\"902035056\"}},"
                + "\"entities\":{\"user_mentions\":[{\"id_str\":\"902035056\"}]}}";
        Collected c1 = Collected.read(new TwitterV1Reader(), dir, "v1.json", v1);
        Collected c2 = Collected.resource(new TwitterV2Reader(), "twitter-v2/2sets.jsonl.gz");
        Interaction a = c1.interactions.get(0);
        assertEquals(1, c1.interactions.size());
        Interaction b = c2.event(a.eventId());
        assertEquals(List.of(b.kind(), b.actorId(), b.targetId(), b.timeMillis(), b.postId(), b.targetPostId()),
                List.of(a.kind(), a.actorId(), a.targetId(), a.timeMillis(), a.postId(), a.targetPostId()));
    }

    @Test
    void a_follower_id_list_named_after_its_owner_gives_follow_edges_at_the_file_time() throws IOException {
        Path list = dir.resolve("followers-of-783214.json.gz");
        Files.copy(Path.of(resource("twitter-v1/get_follower_ids_1.json.gz")), list);
        Files.setLastModifiedTime(list, FileTime.from(Instant.parse("2016-01-01T00:00:00Z")));
        Collected c = Collected.read(new TwitterV1Reader(), list);
        // zcat get_follower_ids_1.json.gz | jq -s -c --arg owner 783214 -f counts.jq
        SampleCounts.assertMatches("""
                {"repost":0,"quote":0,"reply":0,"mention":0,"like":0,"follow":2885,"actors":2885,"events":2885,"profiles":0,"rejects":0,"rejects.unresolved-target":0,"rejects.unknown-owner":0,"rejects.unknown-kind":0,"rejects.wrong-type":0,"skipped.no-interaction":0}""", c);
        Interaction first = c.interactions.get(0);
        assertEquals("783214", first.targetId());
        assertEquals("twitter/follow/" + first.actorId() + "/783214", first.eventId());
        assertEquals(Instant.parse("2016-01-01T00:00:00Z").toEpochMilli(), first.timeMillis());

        Collected friends = Collected.read(new TwitterV1Reader("783214", false), Path.of(resource("twitter-v1/get_follower_ids_1.json.gz")));
        assertEquals("783214", friends.interactions.get(0).actorId());

        Collected unnamed = Collected.resource(new TwitterV1Reader(), "twitter-v1/get_follower_ids_1.json.gz");
        assertEquals("unknown-owner", unnamed.onlyReject().reason());
        assertEquals(0, unnamed.interactions.size());
    }

    @Test
    void user_stream_favorites_and_follows_are_likes_and_follows_and_control_messages_are_skipped() throws IOException {
        String content = "{\"event\":\"favorite\",\"created_at\":\"Sat Mar 10 14:03:15 +0000 2018\","
                + "\"source\":{\"id_str\":\"1\",\"screen_name\":\"a\"},\"target\":{\"id_str\":\"2\",\"screen_name\":\"b\"},"
                + "\"target_object\":{\"id_str\":\"99\",\"text\":\"t\",\"user\":{\"id_str\":\"2\"}}}\n"
                + "{\"event\":\"follow\",\"created_at\":\"Sat Mar 10 14:03:16 +0000 2018\","
                + "\"source\":{\"id_str\":\"1\"},\"target\":{\"id_str\":\"3\"}}\n"
                + "{\"event\":\"list_member_added\",\"created_at\":\"Sat Mar 10 14:03:16 +0000 2018\"}\n"
                + "{\"delete\":{\"status\":{\"id_str\":\"5\",\"user_id_str\":\"1\"}}}\n"
                + "{\"limit\":{\"track\":12}}\n"
                + "{\"lists\":[]}\n";
        Collected c = Collected.read(new TwitterV1Reader(), dir, "user-stream.jsonl", content);
        Interaction like = c.event("twitter/like/1/99");
        assertEquals(LIKE, like.kind());
        assertEquals("2", like.targetId());
        assertEquals(Instant.parse("2018-03-10T14:03:15Z").toEpochMilli(), like.timeMillis());
        assertEquals("3", c.event("twitter/follow/1/3").targetId());
        assertEquals(Map.of("stream-control", 2L, "stream-event", 1L), c.rejects.skippedByReason());
        Reject r = c.onlyReject();
        assertEquals("unknown-kind", r.reason());
        assertEquals(6, r.line());
    }

    @Test
    void bad_statuses_are_rejected_alone_inside_an_array() throws IOException {
        String content = "[{\"id_str\":\"10\",\"created_at\":\"Sat Mar 10 14:03:15 +0000 2018\",\"text\":\"@b\","
                + "\"user\":{\"id_str\":\"1\"},\"entities\":{\"user_mentions\":[{\"id_str\":\"2\"}]}},\n"
                + "{\"id_str\":\"11\",\"created_at\":\"Saturday\",\"text\":\"x\",\"user\":{\"id_str\":\"1\"}},\n"
                + "{\"id_str\":\"12\",\"text\":\"x\",\"user\":\"1\"},\n"
                + "{\"id_str\":\"13\",\"created_at\":\"Sat Mar 10 14:03:15 +0000 2018\",\"text\":\"x\",\"user\":{\"id_str\":\"1\"},"
                + "\"retweeted_status\":{\"id_str\":\"9\",\"text\":\"y\"}},\n"
                + "7]\n";
        Collected c = Collected.read(new TwitterV1Reader(), dir, "a.json", content);
        assertEquals(List.of("twitter/10/mention/2"), c.interactions.stream().map(Interaction::eventId).toList());
        assertEquals(Map.of("bad-time", 1L, "wrong-type", 2L, "missing-field", 1L), c.rejects.countsByReason());
        assertEquals(List.of(2L, 3L, 4L, 5L), c.rejects.examples().stream().map(Reject::line).toList());
    }

    private static java.net.URI resource(String name) {
        try {
            return TwitterV1ReaderTest.class.getResource("/" + name).toURI();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void a_users_website_and_description_urls_become_profile_links_expanded() throws IOException {
        Collected c = Collected.resource(new TwitterV1Reader(), "people/twitter-v1-timeline.json");
        assertEquals(List.of(new ProfileLink("https://mastodon.social/@alice", ProfileLink.WEBSITE, false),
                new ProfileLink("https://alice.example.com", ProfileLink.DESCRIPTION, false)),
                profile(c, "1001").links());
        assertEquals(List.of(), profile(c, "2002").links()); // "url": null: the profile says it has none
        // Real payloads: an expanded website and description URL (2015), a bare url without
        // entities (2007), and a t.co url whose expansion the payload does not carry (none).
        Collected followers = Collected.resource(new TwitterV1Reader(), "twitter-v1/get_followers_0.json.gz");
        assertEquals(List.of(new ProfileLink("http://about.me/wxbrad", ProfileLink.WEBSITE, false),
                new ProfileLink("http://wxbrad.com", ProfileLink.DESCRIPTION, false)),
                profile(followers, "22215485").links());
        Collected old = Collected.resource(new TwitterV1Reader(), "twitter-v1/friends_timeline-kesuke.json.gz");
        assertEquals(List.of(new ProfileLink("http://unto.net/", ProfileLink.WEBSITE, false)),
                profile(old, "673483").links());
        Collected place = Collected.resource(new TwitterV1Reader(), "twitter-v1/get_status_with_place.json.gz");
        assertEquals(List.of(), profile(place, "1149579998").links());
    }

    private static AccountProfile profile(Collected c, String id) {
        return c.profiles.stream().filter(p -> p.account().id().equals(id)).reduce((a, b) -> b).orElseThrow();
    }
}
