package dev.renown.sources;

import dev.renown.core.event.AccountProfile;
import dev.renown.core.event.Interaction;
import dev.renown.core.event.ProfileLink;
import dev.renown.core.event.InteractionKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static dev.renown.core.event.InteractionKind.REPOST;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TwitterV2ReaderTest {

    @TempDir
    Path dir;

    /**
     * Expected counts: the output of {@code zcat FILE | jq -R -s -c -f counts.jq} in
     * {@code src/test/resources/twitter-v2}, pasted as it came (see the README there).
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            2sets.jsonl.gz | {"repost":145,"quote":11,"reply":10,"mention":25,"like":0,"follow":0,"actors":165,"events":191,"profiles":289,"rejects":0,"rejects.invalid-json":0,"rejects.unresolved-target":0,"skipped.no-interaction":29}
            withheld.jsonl.gz | {"repost":74,"quote":2,"reply":67,"mention":40,"like":0,"follow":0,"actors":62,"events":183,"profiles":591,"rejects":24,"rejects.invalid-json":0,"rejects.unresolved-target":24,"skipped.no-interaction":53}
            streaming_output_with_error.jsonl.gz | {"repost":0,"quote":1,"reply":3,"mention":0,"like":0,"follow":0,"actors":4,"events":4,"profiles":11,"rejects":1,"rejects.invalid-json":1,"rejects.unresolved-target":0,"skipped.no-interaction":3}
            two_tweets.jsonl.gz | {"repost":1,"quote":0,"reply":0,"mention":0,"like":0,"follow":0,"actors":1,"events":1,"profiles":2,"rejects":0,"rejects.invalid-json":0,"rejects.unresolved-target":0,"skipped.no-interaction":0}
            users.jsonl.gz | {"repost":0,"quote":0,"reply":0,"mention":0,"like":0,"follow":0,"actors":0,"events":0,"profiles":96,"rejects":0,"rejects.invalid-json":0,"rejects.unresolved-target":0,"skipped.no-interaction":0}
            quoted_edit.jsonl.gz | {"repost":0,"quote":1,"reply":1,"mention":0,"like":0,"follow":0,"actors":1,"events":2,"profiles":2,"rejects":0,"rejects.invalid-json":0,"rejects.unresolved-target":0,"skipped.no-interaction":0}
            """)
    void real_samples_give_exactly_the_counts_jq_gives(String file, String jq) throws IOException {
        Collected c = Collected.resource(new TwitterV2Reader(), "twitter-v2/" + file);
        SampleCounts.assertMatches(jq, c);
        assertEquals(c.interactions.size(), c.distinctEventIds(), "one event id per act");
    }

    @Test
    void a_retweet_is_one_repost_to_the_original_author_with_the_retweet_id() throws IOException {
        Collected c = Collected.resource(new TwitterV2Reader(), "twitter-v2/2sets.jsonl.gz");
        Interaction rt = c.event("twitter/1440717170493689866/repost");
        assertEquals(REPOST, rt.kind());
        assertEquals("1433267766912557062", rt.actorId());
        assertEquals("902035056", rt.targetId()); // @ChartsEcuador, author of 1440691114135080963 in includes
        assertEquals("1440691114135080963", rt.targetPostId());
        assertEquals(Instant.parse("2021-09-22T16:38:35Z").toEpochMilli(), rt.timeMillis());
        assertEquals(List.of("topkpopecuador", "butter", "lisa", "charts", "kpop"), rt.hashtags());
        assertTrue(c.interactions.stream().noneMatch(i -> i.eventId().startsWith("twitter/1440717170493689866/mention")),
                "a retweet's mentions are the original's");
        AccountProfile p = c.profiles.stream().filter(x -> x.account().id().equals("1433267766912557062"))
                .findFirst().orElseThrow();
        assertEquals("ximerios12_", p.handle());
        assertEquals(4, p.followers());
        assertEquals(90, p.following());
        assertEquals(67, p.posts());
    }

    @Test
    void a_mention_without_an_id_is_resolved_by_username_through_includes_users() throws IOException {
        Collected c = Collected.resource(new TwitterV2Reader(), "twitter-v2/two_tweets.jsonl.gz");
        Interaction rt = c.event("twitter/1394735776701816833/repost");
        assertEquals("1380086327023169540", rt.targetId());
    }

    private static final String PAGE = "{\"data\":[%s],\"includes\":{\"users\":["
            + "{\"id\":\"1\",\"username\":\"Ann\",\"name\":\"Ann A\",\"public_metrics\":{\"followers_count\":10,"
            + "\"following_count\":2,\"tweet_count\":30,\"listed_count\":0}},"
            + "{\"id\":\"2\",\"username\":\"bob\"},{\"id\":\"3\",\"username\":\"cy\"}],"
            + "\"tweets\":[{\"id\":\"100\",\"author_id\":\"2\",\"text\":\"original\"}]},\"meta\":{\"result_count\":1}}";

    private Collected page(String tweets) throws IOException {
        return Collected.read(new TwitterV2Reader(), dir, "p.jsonl", String.format(PAGE, tweets));
    }

    @Test
    void a_reply_that_mentions_the_replied_to_account_counts_once_as_a_reply() throws IOException {
        Collected c = page("{\"id\":\"1500000000000000000\",\"author_id\":\"1\",\"created_at\":\"2022-03-05T10:00:00.000Z\","
                + "\"text\":\"@bob @cy hi\",\"in_reply_to_user_id\":\"2\","
                + "\"referenced_tweets\":[{\"type\":\"replied_to\",\"id\":\"100\"}],"
                + "\"entities\":{\"mentions\":[{\"username\":\"bob\",\"id\":\"2\"},{\"username\":\"cy\",\"id\":\"3\"},"
                + "{\"username\":\"cy\",\"id\":\"3\"}]}}");
        assertEquals(2, c.interactions.size(), c.interactions.toString());
        Interaction reply = c.event("twitter/1500000000000000000/reply");
        assertEquals("2", reply.targetId());
        assertEquals("100", reply.targetPostId());
        assertEquals("3", c.event("twitter/1500000000000000000/mention/3").targetId());
        assertEquals(0, c.rejects.total());
    }

    @Test
    void a_quote_goes_to_the_quoted_author_and_a_missing_one_is_an_unresolved_target() throws IOException {
        Collected c = page("{\"id\":\"1500000000000000001\",\"author_id\":\"1\",\"created_at\":\"2022-03-05T10:00:00Z\","
                + "\"text\":\"look\",\"referenced_tweets\":[{\"type\":\"quoted\",\"id\":\"100\"}]},"
                + "{\"id\":\"1500000000000000002\",\"author_id\":\"1\",\"created_at\":\"2022-03-05T10:00:00Z\","
                + "\"text\":\"look @cy\",\"referenced_tweets\":[{\"type\":\"quoted\",\"id\":\"999\"}],"
                + "\"entities\":{\"mentions\":[{\"username\":\"cy\",\"id\":\"3\"}]}}");
        assertEquals("2", c.event("twitter/1500000000000000001/quote").targetId());
        assertEquals("3", c.event("twitter/1500000000000000002/mention/3").targetId(), "the other acts still count");
        Reject r = c.onlyReject();
        assertEquals("unresolved-target", r.reason());
        assertEquals(1, r.line());
        assertTrue(r.record().contains("1500000000000000002"), "the reject holds the tweet itself: " + r.record());
    }

    @Test
    void a_retweet_missing_from_includes_is_resolved_from_its_rt_handle_or_rejected() throws IOException {
        Collected c = page("{\"id\":\"1500000000000000003\",\"author_id\":\"1\",\"created_at\":\"2022-03-05T10:00:00Z\","
                + "\"text\":\"RT @Cy: hello\",\"referenced_tweets\":[{\"type\":\"retweeted\",\"id\":\"555\"}]},"
                + "{\"id\":\"1500000000000000004\",\"author_id\":\"1\",\"created_at\":\"2022-03-05T10:00:00Z\","
                + "\"text\":\"RT @nobody: hello\",\"referenced_tweets\":[{\"type\":\"retweeted\",\"id\":\"556\"}]}");
        assertEquals("3", c.event("twitter/1500000000000000003/repost").targetId());
        assertEquals("unresolved-target", c.onlyReject().reason());
    }

    @Test
    void created_at_missing_is_taken_from_the_snowflake_id() throws IOException {
        Collected c = page("{\"id\":\"1440717170493689866\",\"author_id\":\"1\",\"text\":\"@cy\","
                + "\"entities\":{\"mentions\":[{\"username\":\"cy\",\"id\":\"3\"}]}}");
        assertEquals(Instant.parse("2021-09-22T16:38:35.333Z").toEpochMilli(), c.interactions.get(0).timeMillis());
    }

    @Test
    void bad_tweets_are_rejected_alone_and_the_page_goes_on() throws IOException {
        Collected c = page("{\"id\":\"1500000000000000005\",\"author_id\":[1],\"text\":\"x\"},"
                + "{\"id\":\"1500000000000000006\",\"author_id\":\"1\",\"created_at\":\"yesterday\",\"text\":\"x\"},"
                + "{\"id\":\"1500000000000000007\",\"author_id\":\"1\",\"created_at\":\"2022-03-05T10:00:00Z\","
                + "\"text\":\"x\",\"referenced_tweets\":[{\"type\":\"liked\",\"id\":\"100\"}]},"
                + "{\"id\":\"1500000000000000008\",\"author_id\":\"1\",\"created_at\":\"2022-03-05T10:00:00Z\","
                + "\"text\":\"RT\",\"referenced_tweets\":[{\"type\":\"retweeted\",\"id\":\"100\"}]}");
        assertEquals(Map.of("wrong-type", 1L, "bad-time", 1L, "unknown-kind", 1L), c.rejects.countsByReason());
        assertEquals(1, c.interactions.size());
        assertEquals(3, c.profiles.size(), "the included users are profiles");
    }

    @Test
    void a_pretty_printed_response_is_read_as_one_document_with_file_lines() throws IOException {
        String doc = "{\n  \"data\": [\n    {\"id\": \"1500000000000000009\", \"author_id\": \"1\",\n"
                + "     \"created_at\": \"2022-03-05T10:00:00Z\", \"text\": \"@cy\",\n"
                + "     \"entities\": {\"mentions\": [{\"username\": \"cy\"}]}},\n"
                + "    {\"id\": \"1500000000000000010\", \"author_id\": \"1\", \"text\": \"@zed\",\n"
                + "     \"entities\": {\"mentions\": [{\"username\": \"zed\"}]}}\n  ],\n"
                + "  \"includes\": {\"users\": [{\"id\": \"3\", \"username\": \"cy\"}]}\n}\n";
        Collected c = Collected.read(new TwitterV2Reader(), dir, "page.json", doc);
        assertEquals("3", c.event("twitter/1500000000000000009/mention/3").targetId());
        Reject r = c.onlyReject();
        assertEquals("unresolved-target", r.reason());
        assertEquals(6, r.line(), "the line where the tweet starts");
    }

    @Test
    void error_only_and_empty_pages_are_skipped_and_other_objects_rejected() throws IOException {
        Collected c = Collected.read(new TwitterV2Reader(), dir, "e.jsonl",
                "{\"errors\":[{\"title\":\"ConnectionException\"}]}\n{\"meta\":{\"result_count\":0}}\n{\"hello\":1}\n[1]\n3\n");
        assertEquals(Map.of("api-error", 1L, "empty-page", 1L), c.rejects.skippedByReason());
        assertEquals(Map.of("unknown-kind", 1L, "wrong-type", 1L, "invalid-json", 1L), c.rejects.countsByReason());
    }

    @Test
    void included_users_give_their_links_when_the_response_has_them() throws IOException {
        Collected c = Collected.resource(new TwitterV2Reader(), "people/twitter-v2-page.jsonl");
        assertEquals(1, c.interactions.size());
        assertEquals(List.of(new ProfileLink("https://mastodon.social/@alice", ProfileLink.WEBSITE, false),
                new ProfileLink("https://alice.example.com", ProfileLink.DESCRIPTION, false)),
                profile(c, "1001").links());
        assertEquals(List.of(), profile(c, "3003").links()); // "url": ""
        assertNull(profile(c, "4004").links()); // no url, no entities: not asked for
        // A real user-lookup page: the website and the description's URL, expanded.
        Collected users = Collected.resource(new TwitterV2Reader(), "twitter-v2/users.jsonl.gz");
        assertEquals(List.of(new ProfileLink("http://Gamestop.com", ProfileLink.WEBSITE, false),
                new ProfileLink("http://Gamestop.com", ProfileLink.DESCRIPTION, false)),
                profile(users, "1114981830799659009").links());
    }

    private static AccountProfile profile(Collected c, String id) {
        return c.profiles.stream().filter(p -> p.account().id().equals(id)).reduce((a, b) -> b).orElseThrow();
    }
}
