package dev.renown.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.renown.core.event.AccountKey;
import dev.renown.core.event.EventTableBuilder;
import dev.renown.core.people.People;
import dev.renown.core.people.PersonScores;
import dev.renown.core.score.ScoreBoard;
import dev.renown.core.score.Scorer;
import dev.renown.core.score.ScoringParameters;
import dev.renown.core.score.Style;
import dev.renown.sources.Input;
import dev.renown.sources.Rejects;
import dev.renown.sources.SnapActivityReader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Style labels in {@code score}, {@code score --people} and {@code explain}, text and JSON: each
 * is the label and reason core gives the same account or person on a board scored in process
 * from the same file with the same parameters (the priors, every defence on).
 */
class StyleCliTest {

    /** Higgs' first 2,000 lines: 1,600 accounts, every style present (core's StyleTest). */
    private static final String HIGGS_SLICE =
            "../renown-sources/src/test/resources/higgs/higgs-activity-first2000.txt";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static ScoreBoard board;

    @TempDir
    Path dir;

    @BeforeAll
    static void scoreInProcess() throws IOException {
        EventTableBuilder builder = new EventTableBuilder();
        new SnapActivityReader().read(new Input(Path.of(HIGGS_SLICE)), builder, new Rejects());
        board = new Scorer(ScoringParameters.defaults()).score(builder.build());
    }

    private record Result(int code, String out, String err) {
    }

    private static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Renown.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Result(code, out.toString(), err.toString());
    }

    private static Style.Verdict coreStyle(String account) {
        return Style.of(board, board.node(account).orElseThrow());
    }

    @Test
    void score_json_gives_each_account_the_style_core_gives_it() throws IOException {
        Result r = run("score", "--input", HIGGS_SLICE, "--priors", "--json", "--top", "300");
        assertEquals(0, r.code(), r.err());
        JsonNode scores = JSON.readTree(r.out()).get("scores");
        assertEquals(300, scores.size());
        Set<String> seen = new HashSet<>();
        for (JsonNode row : scores) {
            String account = row.get("account").asText();
            assertEquals(board.score(board.node(account).orElseThrow()), row.get("score").asDouble(), 1e-9, account);
            Style.Verdict expected = coreStyle(account);
            assertEquals(expected.label().wireName(), row.get("style").asText(), account);
            assertEquals(expected.reason(), row.get("style_reason").asText(), account);
            seen.add(row.get("style").asText());
        }
        assertTrue(seen.size() >= 3, seen.toString());
    }

    @Test
    void the_score_table_ends_each_row_with_the_style() {
        Result r = run("score", "--input", HIGGS_SLICE, "--priors", "--top", "20");
        assertEquals(0, r.code(), r.err());
        List<String> rows = r.out().lines().filter(l -> l.matches("\\s+\\d+\\s+\\S.*")).toList();
        assertEquals(20, rows.size(), r.out());
        for (int i = 0; i < rows.size(); i++) {
            String expected = Style.of(board, board.nodeAt(i)).label().wireName();
            assertTrue(rows.get(i).endsWith("   " + expected), rows.get(i) + " should end with " + expected);
        }
        assertTrue(r.out().contains("Style: the signal in which an account stands out"), r.out());
    }

    @Test
    void explain_shows_the_style_and_why_in_text_and_json() throws IOException {
        for (int i = 0; i < 5; i++) {
            String id = board.accountScore(board.nodeAt(i)).account().id();
            Style.Verdict expected = coreStyle(id);
            Result text = run("explain", id, "--input", HIGGS_SLICE, "--priors");
            assertEquals(0, text.code(), text.err());
            assertEquals("style: " + expected.label().wireName() + " — " + expected.reason(),
                    text.out().lines().skip(1).findFirst().orElseThrow(), text.out());
            Result json = run("explain", id, "--input", HIGGS_SLICE, "--priors", "--json");
            assertEquals(0, json.code(), json.err());
            JsonNode score = JSON.readTree(json.out()).get("score");
            assertEquals(expected.label().wireName(), score.get("style").asText());
            assertEquals(expected.reason(), score.get("style_reason").asText());
        }
    }

    @Test
    void score_people_gives_each_person_the_style_of_its_combined_values() throws IOException {
        // solo links the top account alone; pair links the second and third, and each style is
        // core's for the person's combined values.
        AccountKey first = board.accountScore(board.nodeAt(0)).account();
        AccountKey second = board.accountScore(board.nodeAt(1)).account();
        AccountKey third = board.accountScore(board.nodeAt(2)).account();
        Path file = dir.resolve("people.csv");
        Files.writeString(file, "person,network,account\nsolo,snap," + first.id() + "\npair,snap," + second.id()
                + "\npair,snap," + third.id() + "\n");
        People.Builder links = People.builder();
        links.link("solo", first);
        links.link("pair", second);
        links.link("pair", third);
        java.util.Map<String, Style.Verdict> expected = new java.util.HashMap<>();
        for (PersonScores.PersonScore p : PersonScores.of(board, links.build())) {
            expected.put(p.person(), p.style(board));
        }
        // Linked alone, a one-account person is the account, style included (with pair linked too,
        // contracting pair moves network impact's propagation a little for everyone).
        People.Builder alone = People.builder();
        alone.link("solo", first);
        assertEquals(coreStyle(first.id()), PersonScores.of(board, alone.build()).get(0).style(board));

        Result r = run("score", "--input", HIGGS_SLICE, "--priors", "--json", "--people", file.toString());
        assertEquals(0, r.code(), r.err());
        JsonNode scores = JSON.readTree(r.out()).get("scores");
        assertEquals(2, scores.size());
        for (JsonNode row : scores) {
            Style.Verdict v = expected.get(row.get("person").asText());
            assertEquals(v.label().wireName(), row.get("style").asText(), row.toString());
            assertEquals(v.reason(), row.get("style_reason").asText(), row.toString());
        }
        Result text = run("score", "--input", HIGGS_SLICE, "--priors", "--people", file.toString());
        assertEquals(0, text.code(), text.err());
        for (String person : List.of("solo", "pair")) {
            String label = expected.get(person).label().wireName();
            assertTrue(text.out().lines().anyMatch(l -> l.matches("\\s+\\d+\\s+" + person + "\\s+\\S+\\s+" + label
                    + "\\s+snap .*")), person + " " + label + " in " + text.out());
        }
    }
}
