package dev.renown.sources;

import dev.renown.core.event.Interaction;
import dev.renown.core.event.InteractionKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SnapActivityReaderTest {

    @TempDir
    Path dir;

    private final SnapActivityReader reader = new SnapActivityReader();

    /**
     * Expected counts: the output of {@code jq -R -s -c -f counts.jq higgs-activity-first2000.txt}
     * in {@code src/test/resources/higgs}, pasted as it came (see the README there).
     */
    @Test
    void reads_the_first_2000_higgs_lines_with_the_counts_jq_gives() throws IOException {
        Collected c = Collected.resource(reader, "higgs/higgs-activity-first2000.txt");
        SampleCounts.assertMatches("""
                {"repost":942,"quote":0,"reply":167,"mention":891,"like":0,"follow":0,"actors":1285,"events":2000,"accounts":1615,"self":56,"rejects":0,"rejects.wrong-field-count":0,"rejects.bad-time":0,"rejects.unknown-kind":0}""", c);
        Interaction first = c.interactions.get(0);
        // "223789 213163 1341100972 MT"
        assertEquals("223789", first.actorId());
        assertEquals("213163", first.targetId());
        assertEquals(1341100972000L, first.timeMillis());
        assertEquals(InteractionKind.MENTION, first.kind());
        assertEquals("snap", first.network());
        assertEquals("snap/mention:223789>213163@1341100972000", first.eventId());
        assertEquals(2000, c.interactions.stream().map(Interaction::eventId).distinct().count());
    }

    @Test
    void reads_gzip_transparently() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
            gz.write("1 2 1341100972 RT\n3 1 1341100973 RE\n".getBytes(StandardCharsets.US_ASCII));
        }
        Collected c = Collected.read(reader, dir, "a.txt.gz", bytes.toByteArray());
        assertEquals(2, c.interactions.size());
        assertEquals(InteractionKind.REPLY, c.interactions.get(1).kind());
    }

    @Test
    void accepts_tabs_crlf_blank_lines_comments_and_a_last_line_without_newline() throws IOException {
        Collected c = Collected.read(reader, dir, "a.txt",
                "# comment\r\n\r\n1\t2\t1341100972\tRT\r\n   \n3  4 1341100973 mt");
        assertEquals(0, c.rejects.total());
        assertEquals(2, c.interactions.size());
        assertEquals("4", c.interactions.get(1).targetId());
        assertEquals(InteractionKind.MENTION, c.interactions.get(1).kind());
    }

    @Test
    void rejects_each_bad_line_with_its_number_and_reason_and_keeps_the_rest() throws IOException {
        Collected c = Collected.read(reader, dir, "bad.txt", String.join("\n",
                "1 2 1341100972 RT",          // 1 ok
                "1 2 1341100972",             // 2 too few fields
                "1 2 1341100972 RT extra",    // 3 too many
                "1 2 yesterday RT",           // 4 bad time
                "1 2 1341100972000 RT",       // 5 milliseconds, not seconds
                "1 2 1341100972 LIKE",        // 6 unknown kind
                "5 6 1341100980 RE") + "\n"); // 7 ok
        assertEquals(2, c.interactions.size());
        assertEquals(5, c.rejects.total());
        assertEquals(Map.of("wrong-field-count", 2L, "bad-time", 2L, "unknown-kind", 1L), c.rejects.countsByReason());
        Reject fourth = c.rejects.examples().get(2);
        assertEquals(4, fourth.line());
        assertEquals("unix_seconds", fourth.field());
        assertEquals("1 2 yesterday RT", fourth.record());
        assertTrue(fourth.describe().startsWith(dir.resolve("bad.txt") + ":4: field 'unix_seconds': "),
                fourth.describe());
        assertEquals(6, c.rejects.examples().get(4).line());
    }

    @Test
    void rejects_invalid_utf8_ids() throws IOException {
        byte[] line = {'1', (byte) 0xff, ' ', '2', ' ', '1', '2', ' ', 'R', 'T', '\n', '3', ' ', '4', ' ', '5', ' ',
            'R', 'E', '\n'};
        Collected c = Collected.read(reader, dir, "enc.txt", line);
        assertEquals(1, c.interactions.size());
        assertEquals("bad-encoding", c.onlyReject().reason());
        assertEquals(1, c.onlyReject().line());
    }

    @Test
    void rejects_ids_that_are_only_control_whitespace() throws IOException {
        byte[] content = {'1', ' ', 0x0c, ' ', '1', '2', ' ', 'R', 'T', '\n', '3', ' ', '4', ' ', '5', ' ', 'R', 'E', '\n'};
        Collected c = Collected.read(reader, dir, "ws.txt", content);
        assertEquals(1, c.interactions.size());
        Reject r = c.onlyReject();
        assertEquals("invalid-value", r.reason());
        assertEquals("userB", r.field());
        assertEquals(1, r.line());
    }

    @Test
    void a_byte_order_mark_is_not_part_of_the_first_id() throws IOException {
        Collected c = Collected.read(reader, dir, "bom.txt", "\uFEFF1 2 3 RT\n");
        assertEquals("1", c.interactions.get(0).actorId());
    }

    @Test
    void accepts_utf8_ids() throws IOException {
        Collected c = Collected.read(reader, dir, "u.txt", "zoë 李 12 RT\n");
        assertEquals("zoë", c.interactions.get(0).actorId());
        assertEquals("李", c.interactions.get(0).targetId());
    }

    @Test
    void a_huge_line_is_rejected_without_buffering_it_and_numbering_stays_right() throws IOException {
        String huge = "1 " + "9".repeat(SnapActivityReader.MAX_LINE_BYTES * 3) + " 12 RT";
        Collected c = Collected.read(reader, dir, "huge.txt", "1 2 10 RT\n" + huge + "\n3 4 11 RE\n");
        assertEquals(2, c.interactions.size());
        assertEquals("line-too-long", c.onlyReject().reason());
        assertEquals(2, c.onlyReject().line());
        assertTrue(c.onlyReject().record().length() <= Rejects.MAX_RECORD_CHARS);
    }

    @Test
    void rejects_are_written_to_the_rejects_file_as_ndjson() throws IOException {
        Path rejectsFile = dir.resolve("out/rejects.ndjson");
        Path input = dir.resolve("r.txt");
        Files.writeString(input, "1 2 x RT\nok\n");
        Collected c = new Collected();
        try (Rejects rejects = new Rejects(rejectsFile)) {
            reader.read(new Input(input), c, rejects);
        }
        var lines = Files.readAllLines(rejectsFile);
        assertEquals(2, lines.size());
        assertTrue(lines.get(0).contains("\"line\":1") && lines.get(0).contains("\"reason\":\"bad-time\""),
                lines.get(0));
        assertTrue(lines.get(1).contains("\"line\":2") && lines.get(1).contains("\"record\":\"ok\""), lines.get(1));
    }

    @Test
    void a_chosen_network_names_the_accounts() throws IOException {
        Collected c = Collected.read(new SnapActivityReader("higgs"), dir, "n.txt", "1 2 3 RT\n");
        assertEquals("higgs", c.interactions.get(0).network());
        assertNull(c.interactions.get(0).postId());
    }
}
