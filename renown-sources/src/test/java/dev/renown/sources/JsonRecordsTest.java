package dev.renown.sources;

import com.fasterxml.jackson.core.JsonParser;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** How JSON inputs are split into records: JSON Lines, or one document spread over lines. */
class JsonRecordsTest {

    /** The line of every root value read whole, and every reject as "line reason". */
    private static final class Seen {
        final List<Long> values = new ArrayList<>();
        final List<String> rejects = new ArrayList<>();
    }

    private static Seen read(String content, int maxLineBytes) throws IOException {
        return read(content.getBytes(StandardCharsets.UTF_8), maxLineBytes);
    }

    private static Seen read(byte[] content, int maxLineBytes) throws IOException {
        Seen seen = new Seen();
        Rejects rejects = new Rejects();
        JsonRecords.read(Input.of("in.jsonl", content), rejects, (JsonParser p, JsonRecords.Context ctx) -> {
            long line = ctx.line(p);
            p.skipChildren(); // throws when the value is not valid JSON
            seen.values.add(line);
        }, maxLineBytes);
        // Up to ten examples are kept; these inputs have fewer rejects.
        rejects.examples().forEach(r -> seen.rejects.add(r.line() + " " + r.reason()));
        return seen;
    }

    @Test
    void json_lines_give_one_value_per_line_and_a_bad_line_is_rejected_alone() throws IOException {
        Seen s = read("{\"a\":1}\n\n{\"a\":2} {\"a\":3}\n{\"a\":\n[4]\n", JsonRecords.MAX_LINE_BYTES);
        assertEquals(List.of(1L, 3L, 3L, 5L), s.values);
        assertEquals(List.of("4 invalid-json"), s.rejects);
    }

    @Test
    void a_json_lines_file_whose_first_record_is_cut_short_is_still_read_as_lines() throws IOException {
        Seen s = read("{\"data\":[{\"id\":\"1\"\n{\"data\":[]}\n{\"data\":[]}\n", JsonRecords.MAX_LINE_BYTES);
        assertEquals(List.of(2L, 3L), s.values);
        assertEquals(List.of("1 invalid-json"), s.rejects);
    }

    @Test
    void the_first_complete_record_line_may_come_after_more_damaged_ones() throws IOException {
        Seen s = read("{\"a\":[1,\n  {\"a\"\nx{\"a\":1}\n\n{\"a\":2}\n", JsonRecords.MAX_LINE_BYTES);
        assertEquals(List.of(5L), s.values);
        assertEquals(List.of("1 invalid-json", "2 invalid-json", "3 invalid-json"), s.rejects);
    }

    @Test
    void a_pretty_printed_document_is_read_whole_with_file_lines() throws IOException {
        Seen s = read("[\n  {\n    \"a\": 1\n  },\n  {\"a\": 2}\n]\n{\n  \"b\": {}\n}\n", JsonRecords.MAX_LINE_BYTES);
        assertEquals(List.of(1L, 7L), s.values);
        assertEquals(List.of(), s.rejects);
    }

    @Test
    void a_syntax_error_ends_a_document_and_is_rejected_where_it_is() throws IOException {
        Seen s = read("{\n  \"a\": 1,\n  \"b\": ]\n}\n{\n  \"c\": 1\n}\n", JsonRecords.MAX_LINE_BYTES);
        assertEquals(List.of(), s.values);
        assertEquals(List.of("3 invalid-json"), s.rejects);
    }

    @Test
    void a_truncated_single_record_file_is_one_reject() throws IOException {
        Seen s = read("{\"did\":\"did:plc:a\",\"commit\":{\"record\":{", JsonRecords.MAX_LINE_BYTES);
        assertEquals(List.of(), s.values);
        assertEquals(List.of("1 invalid-json"), s.rejects);
    }

    @Test
    void lines_longer_than_the_limit_are_rejected_and_numbering_stays_right() throws IOException {
        String big = "{\"t\":\"" + "x".repeat(300) + "\"}";
        Seen s = read("{\"a\":1}\n" + big + "\n{\"a\":2}\n", 100);
        assertEquals(List.of(1L, 3L), s.values);
        assertEquals(List.of("2 line-too-long"), s.rejects);
        Seen first = read(big + "\n{\"a\":2}\n" + big + "\n", 100);
        assertEquals(List.of(2L), first.values, "a too long first line does not make the file a document");
        assertEquals(List.of("1 line-too-long", "3 line-too-long"), first.rejects);
    }

    @Test
    void compressed_inputs_in_memory_are_read_like_files() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream gz = new GZIPOutputStream(bytes)) {
            gz.write("{\"a\":1}\n{\"a\":2}\n".getBytes(StandardCharsets.UTF_8));
        }
        assertEquals(List.of(1L, 2L), read(bytes.toByteArray(), JsonRecords.MAX_LINE_BYTES).values);
    }

    @Test
    void a_stray_carriage_return_inside_a_line_does_not_move_its_reject_to_the_next_line() throws IOException {
        Seen s = read("{\"a\":\r1,}\n{\"a\":2}\n", JsonRecords.MAX_LINE_BYTES);
        assertEquals(List.of(2L), s.values);
        assertEquals(List.of("1 invalid-json"), s.rejects);
    }

    @Test
    void numbers_and_names_beyond_the_parser_limits_are_rejected_where_they_are() throws IOException {
        Seen s = read("{\"a\":" + "9".repeat(1200) + "}\n{\"" + "n".repeat(60_000) + "\":1}\n{\"a\":2}\n",
                JsonRecords.MAX_LINE_BYTES);
        assertEquals(List.of(3L), s.values);
        assertEquals(List.of("1 invalid-json", "2 invalid-json"), s.rejects);
    }
}
