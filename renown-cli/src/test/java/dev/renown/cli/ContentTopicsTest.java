package dev.renown.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Topics from what posts say, end to end on hand-built generic NDJSON with a {@code text} field:
 * {@code renown find}, {@code renown topics} (leaderboards and fingerprints), {@code renown score}
 * and {@code renown backfill} with {@code --taxonomy} and {@code --topics}.
 *
 * <p>The data, no hashtags at all: alice posts twice in English about electric cars, 14 fans
 * repost her (7 per post, an hour apart, on two days); carol posts twice in Indonesian about "mobil listrik",
 * 8 fans repost her; bob posts twice about cooking, 10 fans; dave has one lucky post about
 * electric cars, 20 fans within the hour.
 */
class ContentTopicsTest {

    @TempDir
    Path dir;

    private static FindCommandTest.Result run(String... args) {
        return FindCommandTest.run(args);
    }

    private static String ok(String... args) {
        return FindCommandTest.ok(args);
    }

    private static List<String> accounts(String table) {
        return FindCommandTest.accounts(table);
    }

    static final String TAXONOMY = """
            # transport and what is under it
            transport.keywords         = public transport
            electric-vehicles.parent   = transport
            electric-vehicles.keywords = electric cars, mobil listrik
            cooking.keywords           = pasta, nasi goreng
            """;

    private Path data() throws Exception {
        return data(dir);
    }

    /** Posts with text about electric cars (alice in English, carol in Indonesian), cooking (bob), and dave's one lucky post. */
    static Path data(Path dir) throws Exception {
        List<String> lines = new ArrayList<>();
        long t0 = 1_714_564_800L; // 2024-05-01T12:00:00Z
        String[][] posts = {
            {"alice", "a1", "14", "Electric cars are getting cheaper every month"},
            {"alice", "a2", "14", "Why I switched to electric cars: a year of driving"},
            {"carol", "c1", "8", "Mobil listrik makin murah di Jakarta"},
            {"carol", "c2", "8", "Pengalaman setahun pakai mobil listrik untuk ke kantor"},
            {"bob", "b1", "10", "The best pasta you will make this week"},
            {"bob", "b2", "10", "Resep nasi goreng kampung yang enak"},
            {"dave", "d1", "40", "My electric cars giveaway!"}};
        int i = 0;
        for (String[] p : posts) {
            int fans = Integer.parseInt(p[2]) / 2; // half the fans on each post; dave has one post
            boolean lucky = p[0].equals("dave");
            if (lucky) {
                fans = 20;
            }
            long day = p[1].endsWith("2") ? 86_400 : 0;
            for (int f = 0; f < fans; f++) {
                String fan = p[0].charAt(0) + "fan" + (p[1].endsWith("2") ? f + fans : f);
                lines.add(String.format(Locale.ROOT, "{\"network\":\"demo\",\"kind\":\"repost\",\"actor\":\"%s\","
                                + "\"target\":\"%s\",\"time\":%d,\"post\":\"r%d\",\"target_post\":\"%s\",\"text\":\"%s\"}",
                        fan, p[0], t0 + day + (lucky ? i : 3600L * i), i, p[1], p[3]));
                i++;
            }
        }
        Path input = dir.resolve("content.ndjson");
        Files.write(input, lines);
        return input;
    }

    private Path taxonomy(String name, String text) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        return file;
    }

    @Test
    void the_account_posting_only_about_electric_cars_leads_that_topic_and_is_absent_from_cooking() throws Exception {
        String input = data().toString();
        String tax = taxonomy("topics.txt", TAXONOMY).toString();
        String ev = ok("find", "--input", input, "--topic", "electric-vehicles", "--taxonomy", tax, "--priors");
        assertTrue(ev.startsWith("2 candidates for topic electric-vehicles"), ev);
        // English and Indonesian posts reach the same topic; dave's one lucky post is not evidence.
        assertEquals(List.of("demo:alice", "demo:carol"), accounts(ev), ev);
        String cooking = ok("find", "--input", input, "--topic", "cooking", "--taxonomy", tax, "--priors");
        assertEquals(List.of("demo:bob"), accounts(cooking));
        // The parent topic rolls up its child's posts.
        String transport = ok("find", "--input", input, "--topic", "transport", "--taxonomy", tax, "--priors");
        assertEquals(List.of("demo:alice", "demo:carol"), accounts(transport));
    }

    @Test
    void moving_a_keyword_in_the_taxonomy_moves_the_account() throws Exception {
        String input = data().toString();
        String moved = taxonomy("moved.txt", TAXONOMY.replace("electric cars, mobil listrik", "electric cars")
                .replace("pasta, nasi goreng", "pasta, nasi goreng, mobil listrik")).toString();
        String ev = ok("find", "--input", input, "--topic", "electric-vehicles", "--taxonomy", moved, "--priors");
        assertEquals(List.of("demo:alice"), accounts(ev));
        String cooking = ok("find", "--input", input, "--topic", "cooking", "--taxonomy", moved, "--priors");
        assertEquals(List.of("demo:bob", "demo:carol"), accounts(cooking).stream().sorted().toList());
    }

    @Test
    void the_fingerprint_lists_the_accounts_topic_first_with_its_evidence() throws Exception {
        String input = data().toString();
        String tax = taxonomy("topics.txt", TAXONOMY).toString();
        String alice = ok("topics", "alice", "--input", input, "--taxonomy", tax, "--priors",
                "--min-interactions", "5", "--min-posts", "2");
        String[] rows = alice.split("\n");
        assertTrue(rows[0].startsWith("demo:alice — top topics of 3 scored"), alice);
        // electric-vehicles and its parent score alike here (the same posts); the tie goes by name
        assertTrue(rows[1].trim().startsWith("1  electric-vehicles") && rows[1].contains("rank 1")
                && rows[1].contains("14 engagers, 2 posts"), alice);
        assertTrue(rows[2].trim().startsWith("2  transport"), alice);
        assertFalse(alice.contains("cooking"), alice);
        FindCommandTest.Result json = run("topics", "bob", "--input", input, "--taxonomy", tax, "--priors",
                "--min-interactions", "5", "--min-posts", "2",
                "--json");
        assertEquals(0, json.code(), json.err());
        assertTrue(json.out().contains("\"account\" : \"demo:bob\"") && json.out().contains("\"topic\" : \"cooking\"")
                && !json.out().contains("electric-vehicles"), json.out());

        String boards = ok("topics", "--input", input, "--taxonomy", tax, "--priors",
                "--min-interactions", "5", "--min-posts", "2");
        assertTrue(boards.contains("electric-vehicles  (") && boards.contains("transport  (")
                && boards.contains("cooking  ("), boards);
        String evBoard = boards.substring(boards.indexOf("electric-vehicles  ("));
        assertTrue(evBoard.split("\n")[1].contains(" alice "), boards);
        // dave's giveaway is on the board but not a leader: one post is not evidence
        assertFalse(evBoard.substring(0, evBoard.indexOf("transport  (")).contains(" dave "), boards);
    }

    @Test
    void raw_content_keys_work_without_a_taxonomy_and_hashtags_stay_the_default() throws Exception {
        String input = data().toString();
        String car = ok("score", "--input", input, "--topic", "electric car", "--topics", "content", "--priors",
                "--top", "3");
        assertTrue(car.contains(" alice "), car);
        assertFalse(car.contains(" bob "), car);
        // Without --topics or --taxonomy the topics are hashtags, and this data has none.
        FindCommandTest.Result none = run("score", "--input", input, "--topic", "electric car", "--priors");
        assertEquals(1, none.code(), none.err());
        FindCommandTest.Result fallback = run("find", "--input", input, "--topic", "electric-vehicles", "--priors");
        assertEquals(0, fallback.code(), fallback.err());
        assertTrue(fallback.err().contains("no topics (hashtags)"), fallback.err());
    }

    @Test
    void a_taxonomy_changes_no_accounts_overall_score() throws Exception {
        String input = data().toString();
        String tax = taxonomy("topics.txt", TAXONOMY).toString();
        String plain = ok("score", "--input", input, "--priors", "--top", "50");
        String withTaxonomy = ok("score", "--input", input, "--priors", "--top", "50", "--taxonomy", tax);
        assertEquals(plain, withTaxonomy);
    }

    @Test
    void taxonomy_problems_are_listed_with_their_line_and_exit_3_and_a_cycle_is_an_error() throws Exception {
        String input = data().toString();
        Path bad = taxonomy("bad.txt", TAXONOMY + "cooking.flavour = spicy\n");
        FindCommandTest.Result r = run("find", "--input", input, "--topic", "cooking", "--taxonomy", bad.toString(), "--priors");
        assertEquals(3, r.code(), r.err());
        assertTrue(r.err().contains("bad.txt:6"), r.err());
        assertEquals(List.of("demo:bob"), accounts(r.out())); // the rest was read and used
        Path cycle = taxonomy("cycle.txt", "a.parent = b\nb.parent = a\n");
        FindCommandTest.Result c = run("topics", "--input", input, "--taxonomy", cycle.toString(), "--priors");
        assertEquals(2, c.code(), c.err());
        assertTrue(c.err().contains("cycle"), c.err());
    }

    @Test
    void backfill_with_a_taxonomy_stores_the_taxonomy_topics() throws Exception {
        String input = data().toString();
        String tax = taxonomy("topics.txt", TAXONOMY).toString();
        String db = "jdbc:duckdb:" + dir.resolve("t.duckdb");
        ok("ingest", "--input", input, "--db", db);
        ok("backfill", "--db", db, "--taxonomy", tax, "--priors");
        String stored = ok("topics", "--db", db);
        assertTrue(stored.contains("#electric-vehicles") && stored.contains("#transport"), stored);
        String alice = ok("topics", "alice", "--db", db);
        assertTrue(alice.contains("#electric-vehicles"), alice);
        // scored now from the database's window, with the evidence rule
        String now = ok("topics", "alice", "--db", db, "--taxonomy", tax, "--priors",
                "--min-interactions", "5", "--min-posts", "2");
        assertTrue(now.split("\n")[1].contains("electric-vehicles"), now);
    }
}
