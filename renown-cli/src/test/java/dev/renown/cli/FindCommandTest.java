package dev.renown.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** renown find end to end: hashtags in, a filtered shortlist with its reasons out, as a table and as CSV. */
class FindCommandTest {

    @TempDir
    Path dir;

    record Result(int code, String out, String err) {
    }

    static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Renown.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Result(code, out.toString(), err.toString());
    }

    static String ok(String... args) {
        Result r = run(args);
        assertEquals(0, r.code(), r.err());
        return r.out();
    }

    /** The candidates' account column, from the table after its three header lines. */
    static List<String> accounts(String table) {
        List<String> accounts = new ArrayList<>();
        String[] lines = table.split("\n");
        for (int i = 3; i < lines.length; i++) {
            accounts.add(lines[i].trim().split("\\s+")[1]);
        }
        return accounts;
    }

    /**
     * alice: 10 fans repost her #ev posts over two days. dave: 20 fans repost one #ev post within an
     * hour (one lucky post). bob: 8 fans repost his #cooking posts over two days.
     */
    private Path topics() throws Exception {
        List<String> lines = new ArrayList<>();
        long t0 = 1_714_564_800L; // 2024-05-01T12:00:00Z
        String[][] spec = {{"alice", "ev", "a", "10", "2"}, {"dave", "ev", "d", "20", "1"},
            {"bob", "cooking", "b", "8", "2"}};
        int i = 0;
        for (String[] s : spec) {
            int fans = Integer.parseInt(s[3]);
            for (int f = 0; f < fans; f++) {
                long day = Integer.parseInt(s[4]) == 2 && f % 2 == 1 ? 86_400 : 0;
                lines.add(String.format(Locale.ROOT, "{\"network\":\"demo\",\"kind\":\"repost\",\"actor\":\"%s%d\","
                        + "\"target\":\"%s\",\"time\":%d,\"hashtags\":[\"#%s\"]}", s[2], f, s[0], t0 + day + i++, s[1]));
            }
        }
        Path input = dir.resolve("topics.ndjson");
        Files.write(input, lines);
        return input;
    }

    @Test
    void the_account_engaged_on_a_topic_leads_it_the_lucky_post_does_not_and_the_csv_matches_the_table() throws Exception {
        String input = topics().toString();
        Path csv = dir.resolve("ev.csv");
        String ev = ok("find", "--input", input, "--topic", "#EV", "--csv", csv.toString(), "--priors");
        assertTrue(ev.startsWith("1 candidates for #ev"), ev);
        assertEquals(List.of("demo:alice"), accounts(ev));
        assertTrue(ev.contains("excluded: evidence 31\n"), ev); // 30 fans with no engager, and dave's one post
        assertEquals(List.of("demo:bob"), accounts(ok("find", "--input", input, "--topic", "cooking", "--priors")));

        List<String> rows = Files.readAllLines(csv);
        assertEquals(FindCommand.CSV_HEADER, rows.get(0));
        assertEquals(2, rows.size());
        String[] row = rows.get(1).split(",");
        String[] line = ev.split("\n")[3].trim().split("\\s+");
        assertEquals(line[0], row[0]); // position
        assertEquals(line[1], row[1]); // account
        assertEquals("ev", row[3]);
        assertEquals(line[2], String.format(Locale.ROOT, "%.1f", Double.parseDouble(row[4]))); // score
        assertEquals(line[3], row[5]); // rank on the topic
        assertEquals("10", row[6]); // engagers on the topic
        assertEquals(line[4], row[6]);
        assertEquals(line[5], row[8]); // posts (days here)
        assertEquals("10", row[10]); // audience: engagers
        assertEquals("engagers", row[11]);
        assertEquals("10–99", row[12]);
        // Her fans have no other tie to the network, so the defences discount them: flagged, in both.
        assertEquals("flagged", row[14]);
        assertEquals("FLAGGED", line[10]);

        Result json = run("find", "--input", input, "--topic", "ev", "--json", "--priors");
        assertTrue(json.out().contains("\"account\" : \"demo:alice\""), json.out());
        assertTrue(json.out().contains("\"evidence\" : 31"), json.out());
    }

    @Test
    void excluding_the_flagged_drops_the_account_with_bought_engagement() throws Exception {
        // bob gets 40 reposts in one hour from accounts with no other tie: discounted and flagged (as in audit).
        StringBuilder lines = new StringBuilder(Files.readString(Path.of("src/test/resources/tiny.ndjson")));
        for (int i = 0; i < 40; i++) {
            lines.append(String.format(Locale.ROOT, "{\"network\":\"demo\",\"kind\":\"repost\","
                    + "\"actor\":\"bot%d\",\"target\":\"bob\",\"time\":\"2024-05-02T11:%02d:00Z\"}%n", i, i));
        }
        Path input = dir.resolve("burst.ndjson");
        Files.writeString(input, lines);
        Result all = run("find", "--input", input.toString(), "--topic", "ev");
        assertEquals(0, all.code(), all.err());
        assertTrue(all.err().contains("no topics"), all.err());
        assertEquals(List.of("demo:bob"), accounts(all.out()));
        assertTrue(all.out().contains("FLAGGED"), all.out());
        String clean = ok("find", "--input", input.toString(), "--exclude-flagged");
        assertEquals(List.of(), accounts(clean));
        assertTrue(clean.contains("flagged 1"), clean);
        assertEquals(List.of(), accounts(ok("find", "--input", input.toString(), "--audience", "-41")));
        assertEquals(List.of("demo:bob"), accounts(ok("find", "--input", input.toString(), "--audience", "42-1k")));
    }

    @Test
    void bad_arguments_are_usage_errors_naming_the_option() throws Exception {
        String input = topics().toString();
        for (String[] bad : new String[][] {{"--audience", "lots"}, {"--audience", "50-10"}, {"--audience", "1-2-3"},
            {"--min-conversation", "1.5"}, {"--min-score", "-1"}, {"--limit", "0"}, {"--min-overlap", "0.5"},
            {"--network", "nowhere"}}) {
            Result r = run("find", "--input", input, "--priors", bad[0], bad[1]);
            assertEquals(2, r.code(), String.join(" ", bad) + ": " + r.err());
            assertTrue(r.err().contains(bad[0]), r.err());
        }
        Result unknownSeed = run("find", "--input", input, "--priors", "--similar-to", "nobody");
        assertEquals(1, unknownSeed.code(), unknownSeed.err());
        assertTrue(unknownSeed.err().contains("--similar-to: account 'nobody'"), unknownSeed.err());
        Result unknownTopic = run("find", "--input", input, "--priors", "--topic", "knitting");
        assertEquals(1, unknownTopic.code());
        assertTrue(unknownTopic.err().contains("--topic"), unknownTopic.err());
        Result seeded = run("find", "--input", input, "--priors", "--similar-to", "alice");
        assertEquals(0, seeded.code(), seeded.err());
        assertFalse(accounts(seeded.out()).contains("demo:alice"), seeded.out()); // no shared engager, and a seed
    }
}
