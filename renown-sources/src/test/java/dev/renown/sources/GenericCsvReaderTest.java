package dev.renown.sources;

import dev.renown.core.event.InteractionKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GenericCsvReaderTest {

    @TempDir
    Path dir;

    private final GenericCsvReader reader = new GenericCsvReader();

    private Collected read(String content) throws IOException {
        return Collected.read(reader, dir, "in.csv", content);
    }

    @Test
    void reads_records_by_header_names_in_any_order() throws IOException {
        Collected c = read("time,kind,target,actor,network,hashtags,text,unknown\r\n"
                + "2024-05-01T12:00:00Z,quote,bob,alice,mastodon,ai  #ML,\"hello, \"\"world\"\"\",x\r\n"
                + "1341388800,mention,carol,alice,mastodon,,,\r\n");
        assertEquals(0, c.rejects.total());
        assertEquals(2, c.interactions.size());
        assertEquals(InteractionKind.QUOTE, c.interactions.get(0).kind());
        assertEquals("alice", c.interactions.get(0).actorId());
        assertEquals("hello, \"world\"", c.interactions.get(0).text());
        assertEquals(List.of("ai", "ml"), c.interactions.get(0).hashtags());
        assertEquals(1341388800000L, c.interactions.get(1).timeMillis());
    }

    @Test
    void a_byte_order_mark_before_the_header_is_not_part_of_the_first_column() throws IOException {
        Collected c = read("\uFEFFnetwork,kind,actor,target,time\r\nx,like,a,b,2024-05-01T12:00:00Z\r\n");
        assertEquals(0, c.rejects.total(), () -> c.rejects.examples().toString());
        assertEquals("x", c.interactions.get(0).network());
    }

    @Test
    void a_line_too_long_inside_a_quoted_record_rejects_the_record_where_it_starts() throws IOException {
        Collected c = read("network,kind,actor,target,time,text\n"
                + "x,like,a,b,2024-05-01T12:00:00Z,\"opens\n"
                + "y".repeat(GenericCsvReader.MAX_RECORD_BYTES + 10) + "\n"
                + "x,like,c,d,2024-05-01T12:00:00Z,ok\n");
        assertEquals(1, c.interactions.size());
        Reject r = c.onlyReject();
        assertEquals("line-too-long", r.reason());
        assertEquals(2, r.line());
        assertTrue(r.record().startsWith("x,like,a,b"), r.record());
    }

    @Test
    void a_quoted_field_may_span_lines_and_line_numbers_stay_right() throws IOException {
        Collected c = read("network,kind,actor,target,time,text\n"
                + "x,reply,a,b,10,\"first line\nsecond line\"\n"
                + "x,reply,a,b,11,oops,\n");
        assertEquals(1, c.interactions.size());
        assertEquals("first line\nsecond line", c.interactions.get(0).text());
        assertEquals(4, c.onlyReject().line());
        assertEquals("wrong-field-count", c.onlyReject().reason());
    }

    @Test
    void rejects_bad_records_and_keeps_good_ones() throws IOException {
        Collected c = read("network,kind,actor,target,time\n"
                + "x,like,a,b,10\n"          // 2 ok
                + "x,wave,a,b,10\n"          // 3 unknown kind
                + "x,like,,b,10\n"           // 4 missing actor
                + "x,like,a,b,tomorrow\n"    // 5 bad time
                + "x,like,a\"b,c,10\n"       // 6 bad quote
                + "x,like,a,c,11\n");        // 7 ok
        assertEquals(2, c.interactions.size());
        assertEquals(List.of(3L, 4L, 5L, 6L), c.rejects.examples().stream().map(Reject::line).toList());
        assertEquals(List.of("unknown-kind", "missing-field", "bad-time", "bad-quote"),
                c.rejects.examples().stream().map(Reject::reason).toList());
        assertEquals("actor", c.rejects.examples().get(1).field());
    }

    @Test
    void an_unterminated_quote_at_the_end_is_reported() throws IOException {
        Collected c = read("network,kind,actor,target,time\nx,like,a,b,\"10\n");
        assertEquals(0, c.interactions.size());
        assertEquals("unterminated-quote", c.onlyReject().reason());
        assertEquals(2, c.onlyReject().line());
    }

    @Test
    void a_header_without_required_columns_is_reported() throws IOException {
        Collected c = read("network,kind,actor,time\nx,like,a,10\n");
        assertEquals("missing-column", c.rejects.examples().get(0).reason());
        assertEquals("target", c.rejects.examples().get(0).field());
        assertEquals("missing-field", c.rejects.examples().get(1).reason());
        assertEquals(0, c.interactions.size());
    }

    @Test
    void an_empty_file_is_reported() throws IOException {
        assertEquals("missing-header", read("").onlyReject().reason());
    }

    @Test
    void splits_rfc4180_records() throws FieldException {
        assertEquals(List.of("a", "", "b,c", "d\"e", ""), GenericCsvReader.split("a,,\"b,c\",\"d\"\"e\","));
        assertEquals(List.of(""), GenericCsvReader.split(""));
        assertThrows(FieldException.class, () -> GenericCsvReader.split("\"abc"));
        assertThrows(FieldException.class, () -> GenericCsvReader.split("\"a\"b"));
    }

    /**
     * The first 100 Higgs lines converted by jq (see {@code src/test/resources/generic/README.md});
     * expected counts are the output of {@code jq -R -s -c --arg format csv -f counts.jq higgs-first100.csv}
     * there, pasted as it came.
     */
    @Test
    void the_higgs_sample_gives_the_counts_jq_gives_and_the_same_events_as_the_snap_reader() throws IOException {
        Collected c = Collected.resource(new GenericCsvReader(), "generic/higgs-first100.csv");
        SampleCounts.assertMatches("""
                {"repost":25,"quote":0,"reply":12,"mention":63,"like":0,"follow":0,"actors":64,"events":100,"accounts":104,"self":8,"rejects":0}""", c);
        assertEquals(Collected.higgsHead(dir, 100).interactions, c.interactions);
    }
}
