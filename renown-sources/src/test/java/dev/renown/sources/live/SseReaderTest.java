package dev.renown.sources.live;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SseReaderTest {

    private static List<SseReader.Event> read(String stream, int maxLine, int[] lines) throws IOException {
        SseReader r = new SseReader(new ByteArrayInputStream(stream.getBytes(StandardCharsets.UTF_8)), maxLine,
                () -> lines[0]++);
        List<SseReader.Event> events = new ArrayList<>();
        SseReader.Event e;
        while ((e = r.next()) != null) {
            events.add(e);
        }
        return events;
    }

    @Test
    void events_are_named_their_data_lines_joined_and_heartbeats_skipped() throws IOException {
        int[] lines = {0};
        List<SseReader.Event> events = read(":thump\n\nevent: update\ndata: {\"id\":\"1\",\ndata:\"x\":2}\n\n"
                + ":)\nevent:delete\ndata:1\n\ndata: plain\n\n", 100, lines);
        assertEquals(List.of(new SseReader.Event("update", "{\"id\":\"1\",\n\"x\":2}", false),
                new SseReader.Event("delete", "1", false), new SseReader.Event("message", "plain", false)), events);
        assertEquals(12, lines[0], "every line, heartbeats included, counts as activity");
    }

    @Test
    void crlf_and_cr_end_lines_and_an_event_cut_off_by_the_end_of_the_stream_is_dropped() throws IOException {
        List<SseReader.Event> events = read("event: update\r\ndata: a\r\n\r\nevent: update\rdata: b\r\revent: update\n"
                + "data: {\"id\":", 100, new int[1]);
        assertEquals(List.of(new SseReader.Event("update", "a", false), new SseReader.Event("update", "b", false)),
                events);
    }

    @Test
    void an_event_with_a_line_over_the_limit_is_returned_marked_with_its_start_only() throws IOException {
        String big = "x".repeat(5000);
        List<SseReader.Event> events = read("event: update\ndata: " + big + "\n\nevent: update\ndata: ok\n\n", 64,
                new int[1]);
        assertEquals(2, events.size());
        assertTrue(events.get(0).tooLong());
        assertEquals(64, events.get(0).data().length());
        assertFalse(events.get(1).tooLong());
        assertEquals("ok", events.get(1).data());
    }

    @Test
    void a_multibyte_character_split_across_reads_survives() throws IOException {
        List<SseReader.Event> events = read("data: caf\u00e9 \u2014 \ud83d\ude00\n\n", 100, new int[1]);
        assertEquals("caf\u00e9 \u2014 \ud83d\ude00", events.get(0).data());
    }
}
