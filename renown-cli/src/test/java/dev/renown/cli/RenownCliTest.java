package dev.renown.cli;

import dev.renown.sources.ParameterFile;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The {@code renown} command end to end, in process: arguments in, text, JSON and exit codes out.
 *
 * <p>{@code tiny.ndjson}: ann and cat repost bob at 12:00 on 1 May 2024, bob replies to cat at
 * 11:00, dan likes ann at 12:00 on 2 May. As of the last interaction (2 May 12:00) with the
 * default 30-day half-life, a day-old interaction counts 2^(-1/30) = 0.977159.
 */
class RenownCliTest {

    private static final String TINY = "src/test/resources/tiny.ndjson";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    record Result(int code, String out, String err) {
    }

    private Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Renown.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Result(code, out.toString(), err.toString());
    }

    @Test
    void score_prints_a_ranked_table() {
        Result r = run("score", "--input", TINY, "--rejects", dir.resolve("rejects.ndjson").toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("4 accounts scored from 4 interactions, as of 2024-05-02T12:00:00Z"), r.out());
        String[] lines = r.out().split("\n");
        assertTrue(lines[1].startsWith("parameters: weights reach 0.9000"), lines[1]); // the priors: 2 days of data
        assertTrue(lines[3].trim().startsWith("1  bob"), lines[3]);
        assertTrue(r.err().contains("read 4 interactions"), r.err());
        assertTrue(Files.notExists(dir.resolve("rejects.ndjson")), "no rejects file without rejects");
    }

    @Test
    void explain_and_history_work_for_a_person() throws IOException {
        StringBuilder csv = new StringBuilder("network,kind,actor,target,time\n");
        for (String t : List.of("t1", "t2", "t3")) {
            csv.append("twitter,reply,").append(t).append(",ana,2024-05-01T10:00:00Z\n");
        }
        for (String b : List.of("b1", "b2")) {
            csv.append("bluesky,reply,").append(b).append(",ana.bsky.social,2024-05-02T11:00:00Z\n");
        }
        Path input = dir.resolve("person.csv");
        Files.writeString(input, csv);
        Path people = dir.resolve("ana.csv");
        Files.writeString(people, "person,network,account\nana,twitter,ana\nana,bluesky,ana.bsky.social\n");
        JsonNode ranked = JSON.readTree(run("score", "--input", input.toString(), "--json", "--priors", "--people",
                people.toString()).out()).get("scores").get(0);

        Result text = run("explain", "ana", "--person", "--people", people.toString(), "--input", input.toString(),
                "--priors");
        assertEquals(0, text.code(), text.err());
        assertTrue(text.out().startsWith(String.format(java.util.Locale.ROOT, "person ana: score %.1f, rank 1 of 1 persons",
                ranked.get("score").asDouble())), text.out());
        assertTrue(text.out().contains("its 2 accounts scored as one"), text.out());
        assertTrue(text.out().contains("twitter:ana") && text.out().contains("bluesky:ana.bsky.social"), text.out());
        Result json = run("explain", "ana", "--person", "--people", people.toString(), "--input", input.toString(),
                "--priors", "--json");
        JsonNode x = JSON.readTree(json.out());
        assertEquals(ranked.get("score").asDouble(), x.get("score").asDouble(), 1e-12);
        assertEquals(5, x.at("/signals/reach/parties").asInt()); // t1-t3, b1-b2
        assertEquals(ranked.get("style").asText(), x.get("style").asText());
        assertEquals(1, run("explain", "bo", "--person", "--people", people.toString(), "--input", input.toString()).code());

        // Stored: links, interactions and the daily snapshots, persons included.
        String db = "jdbc:duckdb:" + dir.resolve("person.duckdb");
        assertEquals(0, run("people", "import", people.toString(), "--db", db).code());
        assertEquals(0, run("ingest", "--input", input.toString(), "--db", db).code());
        assertEquals(0, run("backfill", "--db", db, "--priors").code());
        Result history = run("history", "ana", "--person", "--db", db);
        assertEquals(0, history.code(), history.err());
        assertTrue(history.out().startsWith("person ana — combined daily scores"), history.out());
        // 1 May: the three Twitter engagers; 2 May: all five, as `score --people` ranks them as of then.
        assertTrue(history.out().contains("2024-05-01") && history.out().contains("2024-05-02"), history.out());
        JsonNode days = JSON.readTree(run("history", "ana", "--person", "--db", db, "--json").out()).get("history");
        assertEquals(2, days.size());
        JsonNode asOf2 = JSON.readTree(run("score", "--json", "--priors", "--stored-people", "--db", db,
                "--as-of", "2024-05-02T23:59:59.999Z").out()).get("scores").get(0);
        assertEquals(asOf2.get("score").asDouble(), days.get(1).get("score").asDouble(), 1e-9);
        assertTrue(days.get(1).get("score").asDouble() > days.get(0).get("score").asDouble());
        assertEquals(1, run("history", "nobody", "--person", "--db", db).code());
    }

    @Test
    void score_people_combines_each_persons_accounts_across_networks() throws IOException {
        // ana is on twitter (engaged by t1-t3) and bluesky (b1-b2); bo on twitter only (t1-t3).
        StringBuilder csv = new StringBuilder("network,kind,actor,target,time\n");
        for (String t : List.of("t1", "t2", "t3")) {
            csv.append("twitter,reply,").append(t).append(",ana,2024-05-02T10:00:00Z\n");
            csv.append("twitter,reply,").append(t).append(",bo,2024-05-02T10:00:00Z\n");
        }
        for (String b : List.of("b1", "b2")) {
            csv.append("bluesky,reply,").append(b).append(",ana.bsky.social,2024-05-02T11:00:00Z\n");
        }
        Path input = dir.resolve("two-networks.csv");
        Files.writeString(input, csv);
        Path people = dir.resolve("people.csv");
        Files.writeString(people, "person,network,account\nana,twitter,ana\nana,bluesky,ana.bsky.social\n"
                + "bo,twitter,bo\nbo,twitter\n");

        Result accounts = run("score", "--input", input.toString(), "--json", "--priors", "--defences", "none");
        assertEquals(0, accounts.code(), accounts.err());
        java.util.Map<String, JsonNode> byAccount = new java.util.HashMap<>();
        JSON.readTree(accounts.out()).get("scores").forEach(n -> byAccount.put(n.get("account").asText(), n));

        Result r = run("score", "--input", input.toString(), "--json", "--priors", "--defences", "none",
                "--people", people.toString());
        assertEquals(3, r.code(), r.err()); // one line of the people file left out
        assertTrue(r.err().contains(people + ":5: expected 3 fields"), r.err());
        JsonNode scores = JSON.readTree(r.out()).get("scores");
        assertEquals("ana", scores.get(0).get("person").asText());
        assertEquals("bo", scores.get(1).get("person").asText());
        JsonNode ana = scores.get(0);
        JsonNode bo = scores.get(1);
        // An independent reference: the same data with ana's two accounts made one by hand (her
        // Bluesky engagers written as Twitter accounts of their own, replying to twitter:ana) —
        // ana the person scores what that one account scores, signal by signal.
        Path merged = dir.resolve("merged.csv");
        Files.writeString(merged, csv.toString().replace("bluesky,reply,", "twitter,reply,bsky-")
                .replace(",ana.bsky.social,", ",ana,"));
        Result one = run("score", "--input", merged.toString(), "--json", "--priors", "--defences", "none");
        assertEquals(0, one.code(), one.err());
        JsonNode anaMerged = null;
        for (JsonNode n : JSON.readTree(one.out()).get("scores")) {
            if (n.get("account").asText().equals("twitter:ana")) {
                anaMerged = n;
            }
        }
        for (String signal : List.of("reach", "amplification", "network_impact", "conversation", "outreach")) {
            assertEquals(anaMerged.get("signals").get(signal).get("value").asDouble(),
                    ana.get("signals").get(signal).get("value").asDouble(), 1e-9, signal);
        }
        assertEquals(anaMerged.get("score").asDouble(), ana.get("score").asDouble(), 1e-9);
        // More than either account alone: 5 engagers, not 3 or 2.
        assertTrue(ana.get("signals").get("reach").get("value").asDouble()
                > byAccount.get("twitter:ana").get("signals").get("reach").get("value").asDouble());
        // A person of one account scores what the account scores.
        assertEquals(byAccount.get("twitter:bo").get("score").asDouble(), bo.get("score").asDouble(), 1e-9);
        assertTrue(ana.get("score").asDouble() > bo.get("score").asDouble());
        double networks = ana.get("points_by_network").get("twitter").asDouble()
                + ana.get("points_by_network").get("bluesky").asDouble();
        assertEquals(ana.get("score").asDouble() - 1, networks, 1e-9);
        assertEquals(2, ana.get("accounts").size());

        Result text = run("score", "--input", input.toString(), "--priors", "--people", people.toString());
        assertTrue(text.out().contains("points by network"), text.out());
        assertTrue(text.out().lines().anyMatch(l -> l.trim().startsWith("1  ana") && l.contains("twitter:ana (")),
                text.out());
        // The same links stored in the database give the same ranking.
        String db = "jdbc:duckdb:" + dir.resolve("people.duckdb");
        Result imported = run("people", "import", people.toString(), "--db", db);
        assertEquals(3, imported.code(), imported.err());
        assertTrue(imported.out().contains("3 accounts of 2 persons linked"), imported.out());
        Result list = run("people", "list", "--db", db);
        assertTrue(list.out().contains("ana  bluesky:ana.bsky.social  (file:" + people), list.out());
        Result stored = run("score", "--input", input.toString(), "--json", "--priors", "--defences", "none",
                "--stored-people", "--db", db);
        assertEquals(0, stored.code(), stored.err());
        // The same persons, scores, signals and network points (stored links are listed by person,
        // time and account, so a person's accounts may come in another order than the file's).
        JsonNode fromFile = JSON.readTree(r.out()).get("scores");
        JsonNode fromDb = JSON.readTree(stored.out()).get("scores");
        assertEquals(fromFile.size(), fromDb.size());
        for (int i = 0; i < fromFile.size(); i++) {
            java.util.Set<JsonNode> a = new java.util.HashSet<>();
            java.util.Set<JsonNode> b = new java.util.HashSet<>();
            fromFile.get(i).get("accounts").forEach(a::add);
            fromDb.get(i).get("accounts").forEach(b::add);
            assertEquals(a, b);
            ((com.fasterxml.jackson.databind.node.ObjectNode) fromFile.get(i)).remove("accounts");
            ((com.fasterxml.jackson.databind.node.ObjectNode) fromDb.get(i)).remove("accounts");
            assertEquals(fromFile.get(i), fromDb.get(i));
        }

        Result missing = run("score", "--input", input.toString(), "--people", dir.resolve("nope.csv").toString());
        assertEquals(1, missing.code());
        assertTrue(missing.err().contains("--people: no such file"), missing.err());
    }

    @Test
    void score_json_gives_every_signal_value_and_points() throws IOException {
        // The priors (too little history to fit on) without defences, so that reach is the formula alone.
        Result r = run("score", "--input", TINY, "--json", "--top", "2", "--defences", "none");
        assertEquals(0, r.code(), r.err());
        JsonNode root = JSON.readTree(r.out());
        assertEquals(4, root.get("accounts").asInt());
        assertEquals("2024-05-02T12:00:00Z", root.get("as_of").asText());
        JsonNode scores = root.get("scores");
        assertEquals(2, scores.size());
        JsonNode bob = scores.get(0);
        assertEquals("demo:bob", bob.get("account").asText());
        assertEquals(1, bob.get("rank").asInt());
        double decay = Math.pow(2, -1.0 / 30);
        // Two reposters a day old: R = 2·decay at 30 days, S = 2·½ at one day, half the doublings each:
        // reach = (1 + R)^½ · (1 + S)^½ − 1. Bob's one reply is his only post.
        assertEquals(Math.sqrt((1 + 2 * decay) * (1 + 2 * 0.5)) - 1, bob.at("/signals/reach/value").asDouble(), 1e-6);
        double amplification = 2 * Math.log(1 + decay) / Math.log(2) / (1 + 1);
        assertEquals(amplification, bob.at("/signals/amplification/value").asDouble(), 1e-6);
        double sum = 1;
        for (String s : new String[] {"reach", "amplification", "network_impact", "conversation", "outreach"}) {
            sum += bob.at("/signals/" + s + "/points").asDouble();
        }
        assertEquals(bob.get("score").asDouble(), sum, 1e-9);
    }

    @Test
    void explain_prints_the_breakdown_and_evidence() {
        Result r = run("explain", "bob", "--input", TINY);
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("bob: score "), r.out());
        assertTrue(r.out().contains("rank 1 of 4"), r.out());
        assertTrue(r.out().contains("reach — 2 distinct accounts engaged"), r.out());
        assertTrue(r.out().contains("ann (@ann_h)"), r.out());
        assertTrue(r.out().contains("1 repost, last 2024-05-01T12:00:00Z"), r.out());
    }

    @Test
    void explain_finds_accounts_by_handle_and_prints_json() throws IOException {
        Result r = run("explain", "@ann_h", "--input", TINY, "--json");
        assertEquals(0, r.code(), r.err());
        JsonNode root = JSON.readTree(r.out());
        assertEquals("demo:ann", root.at("/score/account").asText());
        assertEquals("demo:dan", root.at("/evidence/reach/top/0/account").asText());
        assertEquals(1, root.at("/evidence/reach/top/0/interactions/like").asInt());
    }

    @Test
    void as_of_leaves_later_interactions_out() {
        Result r = run("score", "--input", TINY, "--as-of", "2024-05-02");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("3 accounts scored from 3 interactions, as of 2024-05-02T00:00:00Z"), r.out());
    }

    @Test
    void unknown_account_is_an_error_naming_it() {
        Result r = run("explain", "zed", "--input", TINY);
        assertEquals(1, r.code());
        assertTrue(r.err().contains("account 'zed' was not scored"), r.err());
    }

    @Test
    void missing_file_unknown_format_and_bad_arguments_exit_non_zero_with_a_message() {
        Result missing = run("score", "--input", dir.resolve("nope.ndjson").toString());
        assertEquals(1, missing.code());
        assertTrue(missing.err().contains("nope.ndjson: no such file"), missing.err());

        Result directory = run("score", "--input", dir.toString());
        assertEquals(1, directory.code());
        assertTrue(directory.err().contains("is a directory"), directory.err());

        Result format = run("score", "--input", TINY, "--format", "xml");
        assertEquals(2, format.code());
        assertTrue(format.err().contains("unknown format 'xml'"), format.err());

        // Without --input the database is scored; an empty one says how to fill it.
        Result noInput = run("score", "--db", "jdbc:duckdb:" + dir.resolve("empty.duckdb"));
        assertEquals(1, noInput.code());
        assertTrue(noInput.err().contains("renown ingest") && noInput.err().contains("--input"), noInput.err());

        Result asOf = run("score", "--input", TINY, "--as-of", "soon");
        assertEquals(2, asOf.code());
        assertTrue(asOf.err().contains("'soon' is not a time"), asOf.err());

        Result window = run("score", "--input", TINY, "--window", "-3d");
        assertEquals(2, window.code());

        Result top = run("score", "--input", TINY, "--top", "-1");
        assertEquals(2, top.code());
        assertTrue(top.err().contains("--top must be >= 0"), top.err());

        Result unknownCommand = run("rank");
        assertEquals(2, unknownCommand.code());
    }

    @Test
    void rejected_records_are_reported_with_line_numbers_kept_aside_and_exit_3() throws IOException {
        Path input = dir.resolve("mixed.txt");
        Files.writeString(input, "1 2 1341100972 RT\n1 2 oops RT\n3 2 1341100973 RE\n1 2\n");
        Path rejects = dir.resolve("rejects.ndjson");
        Result r = run("score", "--input", input.toString(), "--format", "snap-activity",
                "--rejects", rejects.toString());
        assertEquals(3, r.code(), r.err());
        assertTrue(r.err().contains("2 records rejected (bad-time 1, wrong-field-count 1)"), r.err());
        assertTrue(r.err().contains("mixed.txt:2: field 'unix_seconds'"), r.err());
        assertTrue(r.err().contains("mixed.txt:4: "), r.err());
        assertEquals(2, Files.readAllLines(rejects).size());
        assertTrue(r.out().contains("3 accounts scored from 2 interactions"), r.out());
    }

    @Test
    void an_input_without_interactions_between_accounts_scores_nobody() throws IOException {
        Path input = dir.resolve("self.txt");
        Files.writeString(input, "1 1 1341100972 RT\n");
        Result r = run("score", "--input", input.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("nothing to score"), r.err());
        assertTrue(r.err().contains("1 self-interactions ignored"), r.err());
    }

    /** Higgs' first 2,000 lines span the first 15 hours of 1 July 2012. */
    private static final String HIGGS_SLICE = "../renown-sources/src/test/resources/higgs/higgs-activity-first2000.txt";

    @Test
    void evaluate_writes_a_json_report_scripts_can_read() throws IOException {
        Path report = dir.resolve("report.json");
        Result r = run("evaluate", "--input", HIGGS_SLICE, "--split", "2012-07-01T12:00:00Z", "--horizon", "12h",
                "--bootstrap", "20", "--report", report.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("| **Renown score** |"), r.out());
        JsonNode root = JSON.readTree(report.toFile());
        assertEquals("2012-07-01T12:00:00Z", root.get("split").asText());
        assertEquals("PT12H", root.get("horizon").asText());
        assertTrue(root.get("accounts").asInt() > 0);
        for (String ranker : new String[] {"renown", "reach", "distinct_engagers", "pagerank", "tweepcred"}) {
            JsonNode x = root.at("/rankers/" + ranker);
            for (String metric : new String[] {"spearman", "kendall", "ndcg@10", "ndcg@100", "precision@100"}) {
                assertTrue(x.has(metric), ranker + " " + metric);
                assertEquals(2, x.at("/ci/" + metric).size(), ranker + " " + metric);
            }
        }
        Result bad = run("evaluate", "--input", HIGGS_SLICE, "--split", "2012-07-01T12:00:00Z", "--report",
                dir.resolve("r.txt").toString());
        assertEquals(2, bad.code());
        Result asOf = run("evaluate", "--input", HIGGS_SLICE, "--split", "2012-07-01T12:00:00Z", "--as-of", "2012-07-01");
        assertEquals(2, asOf.code());
    }

    @Test
    void fit_writes_weights_that_params_reads_back() throws IOException {
        Path weights = dir.resolve("weights.json");
        Result fit = run("fit", "--input", HIGGS_SLICE, "--split", "2012-07-01T15:00:00Z", "--horizon", "2h",
                "--step", "0.25", "--out", weights.toString());
        assertEquals(0, fit.code(), fit.err());
        double[] w = ParameterFile.readSignalWeights(weights);
        assertEquals(1.0, java.util.Arrays.stream(w).sum(), 1e-9);
        Result score = run("score", "--input", TINY, "--json", "--params", weights.toString());
        assertEquals(0, score.code(), score.err());
        assertEquals(w[0], JSON.readTree(score.out()).at("/signal_weights/reach").asDouble(), 1e-12);
        Path broken = dir.resolve("broken.json");
        Files.writeString(broken, "{\"signal_weights\":{\"fame\":1}}");
        Result bad = run("score", "--input", TINY, "--params", broken.toString());
        assertEquals(1, bad.code());
        assertTrue(bad.err().contains("unknown signal 'fame'"), bad.err());
    }

    @Test
    void help_lists_the_commands() {
        Result r = run("--help");
        assertEquals(0, r.code());
        for (String command : new String[] {"score", "explain", "demo", "attack", "audit", "calibrations"}) {
            assertTrue(r.out().contains(command), command + " in " + r.out());
        }
    }

    @Test
    void fit_writes_timescales_that_params_reads_back() throws IOException {
        Path p = dir.resolve("p.json");
        Files.writeString(p, "{\"signal_weights\":{\"reach\":1},\"half_lives\":{\"reach\":\"7d\",\"conversation\":\"12h\"},"
                + "\"reach_recent_share\":0.25,\"reach_recent_half_life\":\"6h\"}");
        Result r = run("score", "--input", TINY, "--json", "--params", p.toString());
        assertEquals(0, r.code(), r.err());
        JsonNode root = JSON.readTree(r.out());
        assertEquals(0.25, root.get("reach_recent_share").asDouble(), 1e-12);
        assertEquals("PT6H", root.get("reach_recent_half_life").asText());
        assertEquals("PT168H", root.get("half_life").asText()); // reach's
        assertTrue(r.err().contains("parameters given in " + p), r.err());
        Files.writeString(p, "{\"signal_weights\":{\"reach\":1},\"reach_recent_share\":2}");
        Result bad = run("score", "--input", TINY, "--params", p.toString());
        assertEquals(1, bad.code());
        assertTrue(bad.err().contains("recent share must be in [0, 1]"), bad.err());
    }

    @Test
    void attack_shows_what_an_attack_buys_with_and_without_the_defences() throws IOException {
        // The Higgs slice's account 4 has too few engagers to be chosen as a modest target: name one.
        Result r = run("attack", "--input", TINY, "--scenario", "bought-burst", "--k", "200", "--target", "bob",
                "--json");
        assertEquals(0, r.code(), r.err());
        JsonNode a = JSON.readTree(r.out()).get(0);
        assertEquals("bought-burst", a.get("scenario").asText());
        assertEquals("demo:bob", a.get("target").asText());
        assertEquals(200, a.get("interactions_injected").asInt());
        assertEquals(200, a.get("fresh_accounts").asInt());
        assertEquals(a.at("/plain/engagers_before").asInt() + 200, a.at("/plain/engagers_after").asInt());
        // Two hundred reposts in one hour from accounts tied to nothing else: one voice with the defences.
        double on = a.at("/defences_on/gain").asDouble();
        double off = a.at("/defences_off/gain").asDouble();
        assertTrue(off > 10 && on < 5, "gain " + on + " with the defences, " + off + " without");
        Result text = run("attack", "--input", TINY, "--scenario", "sockpuppets", "--target", "bob");
        assertEquals(0, text.code(), text.err());
        assertTrue(text.out().startsWith("sockpuppets, k = 5, on demo:bob"), text.out());
        assertTrue(text.out().contains("score, defences on"), text.out());
        assertEquals(2, run("attack", "--input", TINY, "--scenario", "sybil").code());
        assertEquals(2, run("attack", "--input", TINY, "--scenario", "sybil-ring", "--k", "0").code());
        Result unknown = run("attack", "--input", TINY, "--scenario", "sybil-ring", "--target", "nobody");
        assertEquals(1, unknown.code());
        assertTrue(unknown.err().contains("no account nobody"), unknown.err());
    }

    @Test
    void audit_lists_flagged_accounts_with_their_evidence() throws IOException {
        // bob gets 40 reposts in one hour from accounts with no other tie: discounted and flagged.
        Path input = dir.resolve("burst.ndjson");
        StringBuilder lines = new StringBuilder(Files.readString(Path.of(TINY)));
        for (int i = 0; i < 40; i++) {
            lines.append(String.format(java.util.Locale.ROOT, "{\"network\":\"demo\",\"kind\":\"repost\","
                    + "\"actor\":\"bot%d\",\"target\":\"bob\",\"time\":\"2024-05-02T11:%02d:00Z\"}%n", i, i));
        }
        Files.writeString(input, lines);
        Result r = run("audit", "--input", input.toString(), "--json");
        assertEquals(0, r.code(), r.err());
        JsonNode root = JSON.readTree(r.out());
        assertEquals(1, root.get("flagged").asInt());
        JsonNode bob = root.at("/accounts/0");
        assertEquals("demo:bob", bob.get("account").asText());
        assertTrue(bob.get("flagged").asBoolean());
        assertTrue(bob.get("points_lost").asDouble() >= 3, bob.toString());
        assertEquals(42, bob.get("engagers").asInt());
        assertTrue(bob.get("discounted").asInt() >= 40, bob.toString());
        assertTrue(bob.at("/groups/0/why").asText().contains("only tie to the network is this account"), bob.toString());
        Result text = run("audit", "--input", input.toString());
        assertTrue(text.out().contains("1 of 44 accounts flagged"), text.out());
        Result explain = run("explain", "bob", "--input", input.toString());
        assertTrue(explain.out().contains("[FLAGGED]"), explain.out());
    }

    @Test
    void running_out_of_heap_is_one_line_with_what_to_do_not_a_stack_trace() throws Exception {
        // The demo file needs about 300 MB of heap; 32 MB cannot hold it.
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx32m",
                "-cp", System.getProperty("java.class.path"), "dev.renown.cli.Renown", "score", "--priors", "--input",
                Path.of("..", "data", "demo", "higgs-activity_time.txt.gz").toString())
                .redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, java.util.concurrent.TimeUnit.SECONDS));
        assertEquals(1, p.exitValue(), output);
        assertTrue(output.contains("renown: error: out of memory (the heap may grow to"), output);
        assertTrue(!output.contains("\tat ") && !output.contains("Exception in thread"), output);
    }
}
