package dev.renown.sources;

import dev.renown.core.event.Interaction;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every reader rejects records dated beyond its input's {@link TimeBound} as {@code future-time},
 * record by record, with their line, and reads every other record as if the bound were not there;
 * nothing is too old.
 */
class TimeBoundTest {

    @TempDir
    Path dir;

    private static Path resource(String name) {
        try {
            return Path.of(TimeBoundTest.class.getResource("/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Collected read(InteractionReader reader, Input input) throws IOException {
        Collected c = new Collected();
        reader.read(input, c, c.rejects);
        return c;
    }

    /**
     * Reads a real sample twice: unbounded, then with the clock set to the median of its times
     * and no skew. The bounded read keeps exactly the interactions at or before the median and
     * rejects each later record once, as future-time with its line.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "ndjson, generic/higgs-first100.ndjson",
            "csv, generic/higgs-first100.csv",
            "snap-activity, higgs/higgs-activity-first2000.txt",
            "twitter-v2, twitter-v2/2sets.jsonl.gz",
            "twitter-v1, twitter-v1/lines.json.gz",
            "mastodon, mastodon/home-timeline.json",
            "bluesky-jetstream, bluesky/jetstream-sample.jsonl",
            "reddit, reddit/RC_2023-01.zst"})
    void every_reader_rejects_records_beyond_the_bound_and_keeps_the_rest(String format, String sample)
            throws IOException {
        InteractionReader reader = Formats.reader(format, null);
        Input input = new Input(resource(sample)).withTimeBound(TimeBound.of(Duration.ofDays(36_500)));
        Collected all = read(reader, input);
        List<Long> times = all.interactions.stream().map(Interaction::timeMillis).sorted().toList();
        assertTrue(times.size() >= 4, format + ": a sample with several interactions");
        long median = times.get(times.size() / 2);
        assertTrue(times.get(times.size() - 1) > median, format + ": some interactions are later than the median");

        Collected bounded = read(reader, new Input(resource(sample)).withTimeBound(TimeBound.of(Duration.ZERO, () -> median)));
        List<Interaction> expected = all.interactions.stream().filter(i -> i.timeMillis() <= median).toList();
        assertEquals(expected, bounded.interactions, format);
        long future = bounded.rejects.countsByReason().getOrDefault(TimeBound.REASON, 0L);
        assertTrue(future >= 1, format + ": " + bounded.rejects.countsByReason());
        // A record bad for another reason may now be rejected for its time instead, never the reverse.
        bounded.rejects.countsByReason().forEach((reason, n) -> assertTrue(reason.equals(TimeBound.REASON)
                || n <= all.rejects.countsByReason().getOrDefault(reason, 0L), format + ": " + reason));
        for (Reject r : bounded.rejects.examples()) {
            if (r.reason().equals(TimeBound.REASON)) {
                assertTrue(r.line() >= 1, r.describe());
                assertTrue(r.field() != null && r.detail().contains("is beyond now + skew"), r.describe());
            }
        }
    }

    @Test
    void the_default_bound_rejects_a_placeholder_date_and_keeps_2012() throws IOException {
        Collected c = Collected.read(new GenericNdjsonReader(), dir, "a.ndjson", """
                {"network":"snap","kind":"mention","actor":"1","target":"2","time":"2012-07-04T08:00:00Z"}
                {"network":"snap","kind":"mention","actor":"1","target":"3","time":"9999-12-31T23:59:59Z"}
                {"network":"snap","kind":"mention","actor":"1","target":"4","time":%d}
                """.formatted(Instant.now().plus(Duration.ofDays(30)).getEpochSecond()));
        assertEquals(1, c.interactions.size());
        assertEquals("2", c.interactions.get(0).targetId());
        assertEquals(2, c.rejects.countsByReason().get(TimeBound.REASON));
        Reject first = c.rejects.examples().get(0);
        assertEquals(2, first.line());
        assertEquals("time", first.field());
        assertTrue(first.detail().startsWith("time 9999-12-31T23:59:59Z is beyond now + skew"), first.detail());
    }

    @Test
    void a_larger_skew_accepts_what_the_default_rejects() throws IOException {
        String inAMonth = Instant.now().plus(Duration.ofDays(30)).toString();
        Path file = dir.resolve("ahead.txt");
        java.nio.file.Files.writeString(file, "1 2 " + Instant.parse(inAMonth).getEpochSecond() + " RT\n");
        Collected strict = read(new SnapActivityReader(), new Input(file));
        assertEquals(0, strict.interactions.size());
        assertEquals(1L, strict.rejects.countsByReason().get(TimeBound.REASON));
        assertEquals("unix_seconds", strict.rejects.examples().get(0).field());
        Collected loose = read(new SnapActivityReader(), new Input(file).withTimeBound(TimeBound.of(Duration.ofDays(60))));
        assertEquals(1, loose.interactions.size());
        assertEquals(0, loose.rejects.total());
    }

    @Test
    void the_bound_follows_the_clock() {
        long[] now = {1_000_000};
        TimeBound bound = TimeBound.of(Duration.ofSeconds(10), () -> now[0]);
        assertTrue(bound.allows(1_010_000));
        assertFalse(bound.allows(1_010_001));
        now[0] = 2_000_000;
        assertTrue(bound.allows(1_010_001), "a time that was ahead becomes the present");
        assertTrue(bound.allows(Long.MIN_VALUE), "nothing is too old");
        assertTrue(TimeBound.of(Duration.ofSeconds(Long.MAX_VALUE)).allows(Long.MAX_VALUE), "a huge skew saturates");
    }
}
