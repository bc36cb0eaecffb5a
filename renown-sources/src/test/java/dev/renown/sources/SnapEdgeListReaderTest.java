package dev.renown.sources;

import dev.renown.core.event.Interaction;
import dev.renown.core.event.InteractionKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SnapEdgeListReaderTest {

    @TempDir
    Path dir;

    private static Path resource(String name) {
        try {
            return Path.of(SnapEdgeListReaderTest.class.getResource("/snap-edgelist/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private Collected read(String content) throws IOException {
        return Collected.read(new SnapEdgeListReader("snap", InteractionKind.FOLLOW), dir, "g.edgelist", content);
    }

    private static List<String> ids(Collected c) {
        return c.interactions.stream().map(Interaction::eventId).toList();
    }

    /**
     * The format and the kind are detected as the CLI does; expected counts are the output of
     * {@code zcat -f FILE | jq -R -s -c --arg kind KIND -f counts.jq} in
     * {@code src/test/resources/snap-edgelist}, pasted as it came (see the README there).
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            higgs-retweet_network-first1000.edgelist.gz | snap-edgelist:repost  | {"repost":1064,"quote":0,"reply":0,"mention":0,"like":0,"follow":0,"actors":997,"events":1064,"accounts":1682,"self":0,"rejects":0,"rejects.wrong-field-count":0,"rejects.invalid-value":0}
            higgs-mention_network-first1000.edgelist    | snap-edgelist:mention | {"repost":0,"quote":0,"reply":0,"mention":1130,"like":0,"follow":0,"actors":987,"events":1130,"accounts":1626,"self":37,"rejects":0,"rejects.wrong-field-count":0,"rejects.invalid-value":0}
            higgs-reply_network-first1000.edgelist      | snap-edgelist:reply   | {"repost":0,"quote":0,"reply":1146,"mention":0,"like":0,"follow":0,"actors":991,"events":1146,"accounts":1802,"self":16,"rejects":0,"rejects.wrong-field-count":0,"rejects.invalid-value":0}
            """)
    void real_samples_give_exactly_the_counts_jq_gives(String file, String format, String jq) throws IOException {
        Input input = new Input(resource(file));
        assertEquals(format, Formats.detect(input));
        InteractionReader reader = Formats.reader(Formats.detect(input), null);
        assertEquals(format, reader.format());
        Collected c = new Collected();
        reader.read(input, c, c.rejects);
        SampleCounts.assertMatches(jq, c);
    }

    @Test
    void the_first_higgs_retweet_edge_reads_as_one_repost_at_the_epoch() throws IOException {
        Collected c = Collected.read(new SnapEdgeListReader("snap", InteractionKind.REPOST),
                resource("higgs-retweet_network-first1000.edgelist.gz"));
        // "298960 105232 1"
        Interaction first = c.interactions.get(0);
        assertEquals("snap/repost:298960>105232#1", first.eventId());
        assertEquals(InteractionKind.REPOST, first.kind());
        assertEquals("298960", first.actorId());
        assertEquals("105232", first.targetId());
        assertEquals(0L, first.timeMillis());
        assertNull(first.postId());
        assertEquals(List.of(), first.hashtags());
    }

    @Test
    void a_weight_gives_that_many_interactions_with_numbered_ids_and_no_weight_gives_one() throws IOException {
        Collected c = read("1 2 3\n3 1\n4 5 1.0\n6\t7\t2\n");
        assertEquals(List.of("snap/follow:1>2#1", "snap/follow:1>2#2", "snap/follow:1>2#3", "snap/follow:3>1#1",
                "snap/follow:4>5#1", "snap/follow:6>7#1", "snap/follow:6>7#2"), ids(c));
        assertTrue(c.interactions.stream().allMatch(i -> i.kind() == InteractionKind.FOLLOW && i.timeMillis() == 0));
        assertEquals(0, c.rejects.total());
    }

    @Test
    void the_largest_weight_taken_is_a_million() throws IOException {
        Collected c = read("1 2 1000000\n1 3 1000001\n");
        assertEquals(1_000_000, c.interactions.size());
        assertEquals("snap/follow:1>2#1000000", c.interactions.get(999_999).eventId());
        Reject r = c.onlyReject();
        assertEquals(2, r.line());
        assertEquals("weight", r.field());
        assertEquals("invalid-value", r.reason());
    }

    @Test
    void comments_blank_lines_crlf_and_a_last_line_without_newline_are_fine() throws IOException {
        Collected c = read("# Directed graph\r\n# FromNodeId\tToNodeId\r\n\r\n   \n1 2\r\n\t3   4  \n5 6 2");
        assertEquals(List.of("snap/follow:1>2#1", "snap/follow:3>4#1", "snap/follow:5>6#1", "snap/follow:5>6#2"),
                ids(c));
        assertEquals(0, c.rejects.total());
    }

    @Test
    void each_bad_line_is_rejected_with_its_line_and_reason_and_the_others_still_count() throws IOException {
        Collected c = read(String.join("\n",
                "1 2",             // 1 ok
                "1",               // 2 one field
                "1 2 3 4",         // 3 four fields
                "1 2 0",           // 4 weight 0
                "1 2 -1",          // 5 negative
                "1 2 x",           // 6 not a number
                "1 2 1.5",         // 7 not whole
                "1 2 99999999",    // 8 too large
                "7 8 2") + "\n");  // 9 ok
        assertEquals(List.of("snap/follow:1>2#1", "snap/follow:7>8#1", "snap/follow:7>8#2"), ids(c));
        assertEquals(Map.of("wrong-field-count", 2L, "invalid-value", 5L), c.rejects.countsByReason());
        assertEquals(List.of(2L, 3L, 4L, 5L, 6L, 7L, 8L), c.rejects.examples().stream().map(Reject::line).toList());
        Reject weight = c.rejects.examples().get(5);
        assertEquals("weight", weight.field());
        assertEquals("1 2 1.5", weight.record());
        assertTrue(weight.describe().startsWith(dir.resolve("g.edgelist") + ":7: field 'weight': "), weight.describe());
    }

    @Test
    void invalid_utf8_and_blank_ids_are_rejected() throws IOException {
        byte[] content = {'1', (byte) 0xc3, ' ', '2', '\n', 0x0b, ' ', '2', '\n', '3', ' ', 0x1c, '\n', '4', ' ', '5', '\n'};
        Collected c = Collected.read(new SnapEdgeListReader("snap", InteractionKind.FOLLOW), dir, "b.edgelist", content);
        assertEquals(List.of("snap/follow:4>5#1"), ids(c));
        assertEquals(Map.of("bad-encoding", 1L, "invalid-value", 2L), c.rejects.countsByReason());
        assertEquals(List.of(1L, 2L, 3L), c.rejects.examples().stream().map(Reject::line).toList());
    }

    @Test
    void a_huge_line_is_rejected_without_buffering_it() throws IOException {
        Collected c = read("1 2\n3 " + "4".repeat(SnapEdgeListReader.MAX_LINE_BYTES * 2) + "\n5 6\n");
        assertEquals(List.of("snap/follow:1>2#1", "snap/follow:5>6#1"), ids(c));
        Reject r = c.onlyReject();
        assertEquals("line-too-long", r.reason());
        assertEquals(2, r.line());
        assertTrue(r.record().length() <= Rejects.MAX_RECORD_CHARS);
    }

    @Test
    void the_kind_and_network_are_chosen_by_the_format_name_and_option() throws IOException {
        InteractionReader reposts = Formats.reader("snap-edgelist:retweet", "higgs");
        assertInstanceOf(SnapEdgeListReader.class, reposts);
        assertEquals("snap-edgelist:repost", reposts.format());
        assertEquals("snap-edgelist", Formats.reader("SNAP-EDGELIST", null).format());
        Collected c = Collected.read(reposts, dir, "r.txt", "1 2\n");
        assertEquals("higgs/repost:1>2#1", c.interactions.get(0).eventId());
        assertEquals("higgs", c.interactions.get(0).network());
        assertThrows(IllegalArgumentException.class, () -> Formats.reader("snap-edgelist:hug", null));
        assertThrows(IllegalArgumentException.class, () -> Formats.reader("snap-edgelists", null));
    }
}
