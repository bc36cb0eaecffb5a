package dev.renown.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

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
        assertTrue(r.out().contains("score") && r.out().contains("explain") && r.out().contains("demo"), r.out());
    }
}
