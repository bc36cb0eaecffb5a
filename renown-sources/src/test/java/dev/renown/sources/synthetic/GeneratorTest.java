package dev.renown.sources.synthetic;

import dev.renown.sources.synthetic.Generator.Dynamics;
import dev.renown.sources.synthetic.Generator.Parameters;
import dev.renown.core.event.Interaction;
import dev.renown.core.event.InteractionKind;
import dev.renown.core.event.InteractionSink;
import dev.renown.sources.GenericNdjsonReader;
import dev.renown.sources.Input;
import dev.renown.sources.Rejects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPInputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GeneratorTest {

    @TempDir
    Path dir;

    /** A month of social data or three years of questions and answers. */
    private static Parameters parameters(Dynamics d, long lines, int accounts, long seed) {
        Duration span = d == Dynamics.SOCIAL ? Duration.ofDays(30) : Duration.ofDays(3 * 365);
        return Parameters.of(d, lines, accounts, seed, span);
    }

    private Path write(Parameters p, String name) throws IOException {
        Path file = dir.resolve(name);
        new Generator(p).write(file, null);
        return file;
    }

    private static byte[] content(Path file) throws IOException {
        try (InputStream in = file.toString().endsWith(".gz")
                ? new GZIPInputStream(Files.newInputStream(file)) : Files.newInputStream(file)) {
            return in.readAllBytes();
        }
    }

    private static List<String> lines(Path file) throws IOException {
        String text = new String(content(file), StandardCharsets.US_ASCII);
        if (text.isEmpty()) {
            return List.of();
        }
        assertTrue(text.endsWith("\n"), "the last line ends with a line feed");
        return List.of(text.substring(0, text.length() - 1).split("\n", -1));
    }

    /** What the generic reader makes of a file, with its rejects. */
    private static final class Read implements InteractionSink {
        final List<Interaction> interactions = new ArrayList<>();
        final Rejects rejects = new Rejects();

        @Override
        public void accept(Interaction interaction) {
            interactions.add(interaction);
        }

        static Read of(Path file) throws IOException {
            Read r = new Read();
            new GenericNdjsonReader().read(new Input(file), r, r.rejects);
            return r;
        }
    }

    @ParameterizedTest
    @EnumSource(Dynamics.class)
    void the_same_seed_gives_the_same_file_byte_for_byte(Dynamics d) throws IOException {
        Parameters p = parameters(d, 30_000, 2_000, 7);
        byte[] plain = Files.readAllBytes(write(p, "a.ndjson"));
        assertArrayEquals(plain, Files.readAllBytes(write(p, "b.ndjson")));
        byte[] gzip = Files.readAllBytes(write(p, "a.ndjson.gz"));
        assertArrayEquals(gzip, Files.readAllBytes(write(p, "b.ndjson.gz")));
        assertArrayEquals(plain, content(dir.resolve("a.ndjson.gz")), "the .gz holds the same lines");
        assertFalse(Arrays.equals(plain, Files.readAllBytes(write(parameters(d, 30_000, 2_000, 8), "c.ndjson"))),
                "another seed gives another file");
    }

    @ParameterizedTest
    @EnumSource(Dynamics.class)
    void writes_exactly_the_requested_number_of_lines(Dynamics d) throws IOException {
        for (long n : new long[] {0, 1, 2, 3, 17, 1_000, 54_321}) {
            Path file = write(parameters(d, n, 500, 1), "n" + n + ".ndjson.gz");
            assertEquals(n, lines(file).size(), n + " lines");
        }
    }

    @ParameterizedTest
    @EnumSource(Dynamics.class)
    void every_kind_appears_and_the_summary_counts_what_was_written(Dynamics d) throws IOException {
        Path file = dir.resolve("k.ndjson");
        Generator.Summary s = new Generator(parameters(d, 50_000, 5_000, 3)).write(file, null);
        Map<InteractionKind, Long> counted = new EnumMap<>(InteractionKind.class);
        for (Interaction i : Read.of(file).interactions) {
            counted.merge(i.kind(), 1L, Long::sum);
        }
        for (InteractionKind k : InteractionKind.values()) {
            assertTrue(counted.getOrDefault(k, 0L) > 0, k + " appears");
        }
        assertEquals(counted, s.byKind());
        assertEquals(50_000, s.lines());
        assertEquals(Files.size(file), s.bytes());
    }

    @Test
    void the_kind_mixes_are_those_of_each_kind_of_site() {
        Map<InteractionKind, Long> social = new Generator(parameters(Dynamics.SOCIAL, 100_000, 10_000, 1))
                .generate(i -> { }).byKind();
        Map<InteractionKind, Long> qa = new Generator(parameters(Dynamics.QA, 100_000, 10_000, 1))
                .generate(i -> { }).byKind();
        assertTrue(social.get(InteractionKind.LIKE) + social.get(InteractionKind.REPOST) > 50_000,
                "social: mostly likes and reposts " + social);
        assertTrue(qa.get(InteractionKind.REPLY) > 75_000, "qa: mostly replies " + qa);
        assertTrue(qa.get(InteractionKind.LIKE) + qa.get(InteractionKind.REPOST) < 10_000,
                "qa: few likes or reposts " + qa);
    }

    @ParameterizedTest
    @EnumSource(Dynamics.class)
    void duplicates_and_self_interactions_come_at_the_configured_rates(Dynamics d) throws IOException {
        // Default rates, 200,000 lines: about 1,000 duplicates (σ ≈ 32) and 600 self-interactions (σ ≈ 25).
        check(parameters(d, 200_000, 20_000, 11), "default.ndjson", 0.1, 0.12);
        check(parameters(d, 50_000, 20_000, 12).withRates(0.05, 0.02), "high.ndjson", 0.06, 0.1);
        check(parameters(d, 20_000, 20_000, 13).withRates(0, 0), "none.ndjson", 0, 0);
    }

    private void check(Parameters p, String name, double duplicateTolerance, double selfTolerance) throws IOException {
        Path file = write(p, name);
        List<String> lines = lines(file);
        Map<String, String> firstById = new HashMap<>();
        long duplicates = 0;
        for (String line : lines) {
            String id = line.substring(0, line.indexOf("\",\""));
            String first = firstById.putIfAbsent(id, line);
            if (first != null) {
                duplicates++;
                assertEquals(first, line, "a duplicate repeats its line exactly");
            }
        }
        long self = Read.of(file).interactions.stream().filter(Interaction::isSelfInteraction).count();
        assertRate(p.duplicateRate(), duplicates, lines.size(), duplicateTolerance, "duplicates");
        assertRate(p.selfRate(), self, lines.size(), selfTolerance, "self-interactions");
    }

    private static void assertRate(double expected, long count, long of, double relativeTolerance, String what) {
        double rate = (double) count / of;
        assertTrue(Math.abs(rate - expected) <= expected * relativeTolerance,
                what + ": " + count + " of " + of + " = " + rate + ", expected " + expected + " ± "
                        + (100 * relativeTolerance) + "%");
    }

    @ParameterizedTest
    @EnumSource(Dynamics.class)
    void all_times_are_inside_the_span_and_in_order_apart_from_duplicates(Dynamics d) throws IOException {
        Parameters p = parameters(d, 100_000, 10_000, 5).withStart(Instant.parse("2021-03-04T05:06:07Z"));
        long from = p.start().toEpochMilli();
        long to = p.end().toEpochMilli();
        Set<String> seen = new HashSet<>();
        long previous = Long.MIN_VALUE;
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        for (Interaction i : Read.of(write(p, "t.ndjson")).interactions) {
            long t = i.timeMillis();
            assertTrue(t >= from && t < to, i + " is inside " + p.start() + " … " + p.end());
            if (seen.add(i.eventId())) {
                assertTrue(t >= previous, "in order: " + i);
                previous = t;
            }
            first = Math.min(first, t);
            last = Math.max(last, t);
        }
        long span = to - from;
        assertTrue(first - from < span / 100 && to - last < span / 100, "the lines fill the span");
    }

    @Test
    void by_default_the_span_ends_at_a_fixed_instant_in_the_past() throws IOException {
        Parameters p = parameters(Dynamics.QA, 20_000, 2_000, 6);
        assertEquals(Parameters.END_DEFAULT, p.end());
        assertEquals(Instant.parse("2021-01-01T00:00:00Z"), p.start(), "three years of 365 days before 2024");
        Path file = dir.resolve("end.ndjson");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertEquals(0, Generate.run(new String[] {"-n", "5000", "-m", "500", "--days", "10", "--dynamics",
                "social", "--end", "2019-05-01T00:00:00Z", "-o", file.toString()}, new PrintStream(err, true)));
        long last = 0;
        for (Interaction i : Read.of(file).interactions) {
            assertTrue(!i.time().isBefore(Instant.parse("2019-04-21T00:00:00Z"))
                    && i.time().isBefore(Instant.parse("2019-05-01T00:00:00Z")), i.toString());
            last = Math.max(last, i.timeMillis());
        }
        assertTrue(last > Instant.parse("2019-04-30T00:00:00Z").toEpochMilli());
    }

    @Test
    void lines_follow_the_daily_rhythm() {
        long[] perHour = new long[24];
        new Generator(parameters(Dynamics.SOCIAL, 100_000, 10_000, 9)).generate(
                i -> perHour[(int) (i.timeMillis() / 3_600_000L % 24)]++);
        long peak = perHour[16];
        long trough = perHour[4];
        // (1 + 0.45)/(1 − 0.45) ≈ 2.6 between the busiest and the quietest hour.
        assertTrue(peak > 2 * trough && peak < 3.2 * trough, Arrays.toString(perHour));
    }

    @ParameterizedTest
    @EnumSource(Dynamics.class)
    void the_generic_reader_reads_a_generated_file_with_zero_rejects(Dynamics d) throws IOException {
        Parameters p = parameters(d, 40_000, 3_000, 21);
        Read read = Read.of(write(p, "r.ndjson.gz"));
        assertEquals(0, read.rejects.total(), "rejects: " + read.rejects.total());
        List<Interaction> streamed = new ArrayList<>();
        new Generator(p).generate(streamed::add);
        assertEquals(streamed, read.interactions, "the file reads back as the interactions the API streams");
        Interaction i = read.interactions.get(0);
        assertEquals(d.wireName(), i.network());
        assertEquals(d.wireName() + "/1", i.eventId());
    }

    @Test
    void account_ids_run_from_1_to_the_number_of_accounts() {
        Set<String> ids = new HashSet<>();
        new Generator(parameters(Dynamics.SOCIAL, 50_000, 300, 2)).generate(i -> {
            ids.add(i.actorId());
            ids.add(i.targetId());
        });
        for (String id : ids) {
            int v = Integer.parseInt(id);
            assertTrue(v >= 1 && v <= 300, id);
        }
    }

    @Test
    void qa_replies_are_often_returned() {
        Set<Long> replies = new HashSet<>();
        new Generator(parameters(Dynamics.QA, 50_000, 5_000, 4)).generate(i -> {
            if (i.kind() == InteractionKind.REPLY && !i.isSelfInteraction()) {
                replies.add((Long.parseLong(i.actorId()) << 32) | Long.parseLong(i.targetId()));
            }
        });
        long returned = replies.stream().filter(r -> replies.contains((r << 32) | (r >>> 32))).count();
        assertTrue(returned > 0.3 * replies.size(), returned + " of " + replies.size() + " reply pairs returned");
    }

    @Test
    void parameters_are_validated() {
        Parameters ok = parameters(Dynamics.QA, 10, 10, 1);
        assertThrows(IllegalArgumentException.class, () -> parameters(Dynamics.QA, -1, 10, 1));
        assertThrows(IllegalArgumentException.class, () -> parameters(Dynamics.QA, 10, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> ok.withRates(0.6, 0));
        assertThrows(IllegalArgumentException.class, () -> ok.withRates(0, -0.1));
        assertThrows(IllegalArgumentException.class, () -> ok.withRates(Double.NaN, 0));
        assertThrows(IllegalArgumentException.class, () -> ok.withNetwork("a:b"));
        assertThrows(IllegalArgumentException.class, () -> ok.withNetwork("Upper"));
        assertThrows(IllegalArgumentException.class, () -> ok.withNetwork("quo\"te"));
        assertThrows(IllegalArgumentException.class, () -> ok.withStart(Instant.parse("2024-01-01T00:00:00.5Z")));
        assertThrows(IllegalArgumentException.class,
                () -> Parameters.of(Dynamics.QA, 10, 10, 1, Duration.ofMillis(1500)));
        assertThrows(IllegalArgumentException.class,
                () -> Parameters.of(Dynamics.QA, 10, 10, 1, Duration.ofDays(60 * 365)), "would start before 1970");
        assertThrows(IllegalArgumentException.class, () -> Dynamics.parse("forum"));
        assertEquals(Dynamics.QA, Dynamics.parse(" QA "));
    }

    @Test
    void the_command_writes_the_file_and_rejects_bad_arguments() throws IOException {
        Path file = dir.resolve("sub/cli.ndjson.gz");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Generate.run(new String[] {"--interactions", "12_345", "--accounts", "1k", "--seed", "3",
                "--days", "2.5", "--dynamics", "qa", "--out", file.toString()}, new PrintStream(err, true));
        assertEquals(0, code, err.toString());
        assertEquals(12_345, lines(file).size());
        assertTrue(err.toString().contains("12,345 lines"), err.toString());
        Parameters p = Parameters.of(Dynamics.QA, 12_345, 1_000, 3, Duration.ofSeconds(216_000));
        assertArrayEquals(content(write(p, "api.ndjson")), content(file), "the command writes what the API does");

        PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true);
        assertEquals(2, Generate.run(new String[] {"--interactions", "10", "--accounts", "10", "--days", "1",
                "--dynamics", "qa"}, quiet), "no --out");
        assertEquals(2, Generate.run(new String[] {"--interactions", "10", "--accounts", "10", "--days", "1",
                "--dynamics", "forum", "--out", file.toString()}, quiet), "unknown dynamics");
        assertEquals(2, Generate.run(new String[] {"--interactions", "1.5", "--accounts", "10", "--days", "1",
                "--dynamics", "qa", "--out", file.toString()}, quiet), "not a whole number");
        assertEquals(2, Generate.run(new String[] {"--interactions", "10", "--accounts", "10", "--days", "0",
                "--dynamics", "qa", "--out", file.toString()}, quiet), "empty span");
        assertEquals(2, Generate.run(new String[] {"--interactions", "10", "--accounts", "10", "--days", "1",
                "--dynamics", "qa", "--out", file.toString(), "--start", "2020-01-01T00:00:00Z",
                "--end", "2020-01-02T00:00:00Z"}, quiet), "both ends");
        assertEquals(1, Generate.run(new String[] {"--interactions", "10", "--accounts", "10", "--days", "1",
                "--dynamics", "qa", "--out", dir.toString()}, quiet), "a directory");
    }
}
