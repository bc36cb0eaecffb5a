package dev.renown.sources;

import com.github.luben.zstd.ZstdOutputStream;
import dev.renown.core.event.Interaction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RedditReaderTest {

    @TempDir
    Path dir;

    private static Path resource(String name) {
        try {
            return Path.of(RedditReaderTest.class.getResource("/reddit/" + name).toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Expected counts: the output of {@code jq -n -c --slurpfile c FILE --slurpfile s SUBMISSIONS -f counts.jq}
     * in {@code src/test/resources/reddit}, SUBMISSIONS being the dump the reader finds beside FILE
     * ({@code /dev/null} for none), pasted as it came (see the README there).
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            RC_2023-01.ndjson | {"repost":0,"quote":0,"reply":6,"mention":2,"like":0,"follow":0,"actors":5,"events":8,"profiles":0,"rejects":1,"rejects.unresolved-parent":1,"skipped.deleted-author":1,"skipped.deleted-target":1,"skipped.no-interaction":0}
            RC_2023-01.zst    | {"repost":0,"quote":0,"reply":6,"mention":2,"like":0,"follow":0,"actors":5,"events":8,"profiles":0,"rejects":1,"rejects.unresolved-parent":1,"skipped.deleted-author":1,"skipped.deleted-target":1,"skipped.no-interaction":0}
            RS_2023-01.ndjson | {"repost":0,"quote":0,"reply":0,"mention":2,"like":0,"follow":0,"actors":1,"events":2,"profiles":0,"rejects":0,"rejects.unresolved-parent":0,"skipped.deleted-author":1,"skipped.deleted-target":0,"skipped.no-interaction":1}
            RS_2023-01.zst    | {"repost":0,"quote":0,"reply":0,"mention":2,"like":0,"follow":0,"actors":1,"events":2,"profiles":0,"rejects":0,"rejects.unresolved-parent":0,"skipped.deleted-author":1,"skipped.deleted-target":0,"skipped.no-interaction":1}
            """)
    void the_samples_give_exactly_the_counts_jq_gives(String file, String jq) throws IOException {
        SampleCounts.assertMatches(jq, Collected.read(new RedditReader(), resource(file)));
    }

    @Test
    void comments_reply_to_parent_authors_found_in_the_dump_and_its_submissions_beside_it() throws IOException {
        Collected c = Collected.read(new RedditReader(), resource("RC_2023-01.ndjson"));
        Interaction top = c.event("reddit/t1_j3c0001/reply");
        assertEquals("bob-smith", top.actorId());
        assertEquals("alice_h", top.targetId(), "a top-level comment replies to the submission's author");
        assertEquals("t3_10ab001", top.targetPostId());
        assertEquals(List.of("askscience"), top.hashtags());
        assertEquals(Instant.parse("2023-01-01T00:10:00Z").toEpochMilli(), top.timeMillis());
        assertEquals("dave", c.event("reddit/t1_j3c0002/mention/dave").targetId());
        assertEquals(1672539600000L, c.event("reddit/t1_j3c0007/reply").timeMillis(), "created_utc as a string");
        Reject r = c.onlyReject();
        assertEquals(8, r.line());
        assertEquals("parent_id", r.field());
        assertTrue(r.record().contains("j3c0008"));
    }

    @Test
    void a_mention_typed_in_another_case_takes_the_authors_spelling_and_the_replied_to_account_is_no_mention()
            throws IOException {
        Collected c = Collected.read(new RedditReader(), resource("RC_2023-01.ndjson"));
        assertTrue(c.interactions.stream().noneMatch(i -> i.eventId().startsWith("reddit/t1_j3c0002/mention/")
                && !i.targetId().equals("dave")), "u/Bob-Smith is the account replied to");
        assertTrue(c.interactions.stream().noneMatch(i -> i.eventId().startsWith("reddit/t1_j3c0003/mention/")));
    }

    @Test
    void without_the_submissions_the_top_level_comments_are_unresolved() throws IOException {
        Path alone = dir.resolve("comments.ndjson");
        Files.copy(resource("RC_2023-01.ndjson"), alone);
        Collected c = Collected.read(new RedditReader(), alone);
        // jq -n -c --slurpfile c RC_2023-01.ndjson --slurpfile s /dev/null -f counts.jq
        SampleCounts.assertMatches("""
                {"repost":0,"quote":0,"reply":4,"mention":2,"like":0,"follow":0,"actors":3,"events":6,"profiles":0,"rejects":4,"rejects.unresolved-parent":4,"skipped.deleted-author":1,"skipped.deleted-target":0,"skipped.no-interaction":0}""", c);
        assertEquals(List.of(1L, 5L, 6L, 8L), c.rejects.examples().stream().map(Reject::line).toList());
    }

    @Test
    void submissions_give_their_mentions() throws IOException {
        Collected c = Collected.read(new RedditReader(), resource("RS_2023-01.zst"));
        assertEquals(List.of("reddit/t3_10ab001/mention/Bob-Smith", "reddit/t3_10ab001/mention/carol_99"),
                c.interactions.stream().map(Interaction::eventId).toList());
        assertEquals(Map.of("deleted-author", 1L, "no-interaction", 1L), c.rejects.skippedByReason());
    }

    @Test
    void a_truncated_zstd_dump_keeps_what_came_before_and_reports_the_damage() throws IOException {
        byte[] whole = Files.readAllBytes(resource("RC_2023-01.zst"));
        Path cut = dir.resolve("RC_cut.zst");
        Files.write(cut, Arrays.copyOf(whole, whole.length - 40));
        Collected c = Collected.read(new RedditReader(), cut);
        assertTrue(c.rejects.countsByReason().containsKey("truncated-input"), c.rejects.countsByReason().toString());
    }

    @Test
    void bad_records_are_rejected_with_their_reason() throws IOException {
        String content = String.join("\n",
                "{\"id\":\"a1\",\"author\":\"x\",\"title\":\"t\",\"subreddit\":\"s\",\"created_utc\":1672531200}",
                "{\"id\":\"a2\",\"author\":\"y\",\"parent_id\":\"t3_a1\",\"body\":\"b\",\"created_utc\":\"noon\"}",
                "{\"id\":\"a3\",\"parent_id\":\"t3_a1\",\"body\":\"b\",\"created_utc\":1672531200}",
                "{\"id\":\"a4\",\"author\":\"y\",\"parent_id\":\"t3_a1\",\"body\":\"b\"}",
                "{\"id\":\"a5\",\"author\":\"y\",\"kind\":\"award\"}",
                "{\"id\":\"a-6\",\"author\":\"y\",\"parent_id\":\"t3_a1\",\"body\":\"b\",\"created_utc\":1672531200}",
                "{\"id\":\"a7\",\"author\":[\"y\"],\"parent_id\":\"t3_a1\",\"body\":\"b\",\"created_utc\":1672531200}",
                "{\"id\":\"a8\",\"author\":\"y\",\"parent_id\":\"t3_a1\",\"body\":\"b\",\"created_utc\":1672531200}") + "\n";
        Collected c = Collected.read(new RedditReader(), dir, "r.ndjson", content);
        assertEquals(1, c.interactions.size());
        assertEquals("x", c.interactions.get(0).targetId());
        assertEquals(Map.of("bad-time", 1L, "missing-field", 2L, "unknown-kind", 1L, "invalid-value", 1L,
                "wrong-type", 1L), c.rejects.countsByReason());
    }

    @Test
    void fullnames_pack_into_distinct_keys() {
        assertEquals(-1, RedditReader.key("t2_abc"));
        assertEquals(-1, RedditReader.key("t1_"));
        assertTrue(RedditReader.key("t1_j3c0001") != RedditReader.key("t3_j3c0001"));
        assertEquals(RedditReader.key("t1_zz"), (35L * 36 + 35) * 2);
        assertNull(RedditReader.submissionsBeside(Path.of("x.ndjson")));
    }

    @Test
    void input_refuses_nothing_a_default_zstd_decoder_would() throws IOException {
        // A frame written with --long=31 and no content size needs the raised window limit.
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZstdOutputStream z = new ZstdOutputStream(bytes)) {
            z.setLong(31);
            z.write("{\"a\":1}\n".getBytes(StandardCharsets.UTF_8));
        }
        Path file = dir.resolve("x.zst");
        Files.write(file, bytes.toByteArray());
        try (InputStream in = new Input(file).open()) {
            assertEquals("{\"a\":1}\n", new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }
}
