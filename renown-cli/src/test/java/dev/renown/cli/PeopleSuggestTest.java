package dev.renown.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code renown people suggest} and {@code confirm} end to end on the hand-written profiles of
 * {@code renown-sources/src/test/resources/people} (see the README there): alice on Mastodon,
 * Twitter and Bluesky, carolyn on Mastodon and Twitter, bob with an unverified field.
 */
class PeopleSuggestTest {

    private static final Path PEOPLE = Path.of("../renown-sources/src/test/resources/people");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ALICE_M = "mastodon:alice@mastodon.social";
    private static final String ALICE_T = "twitter:1001";
    private static final String ALICE_B = "bluesky:did:plc:alice";

    @TempDir
    Path dir;

    String db;

    record Result(int code, String out, String err) {
    }

    private Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Renown.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Result(code, out.toString(), err.toString());
    }

    @BeforeEach
    void ingest() {
        db = "jdbc:duckdb:" + dir.resolve("people.duckdb");
        for (String file : List.of("mastodon-profiles.json", "twitter-v1-timeline.json", "jetstream.jsonl")) {
            Result r = run("ingest", "--input", PEOPLE.resolve(file).toString(), "--db", db,
                    "--rejects", dir.resolve("rejects.ndjson").toString());
            assertEquals(0, r.code(), r.err());
        }
    }

    /** Suggestions by evidence code, each "account + other -> person". */
    private Map<String, List<String>> byEvidence(JsonNode found) {
        Map<String, List<String>> by = new TreeMap<>();
        for (JsonNode s : found.get("suggestions")) {
            by.computeIfAbsent(s.get("evidence").asText(), k -> new ArrayList<>()).add(s.get("accounts").get(0).asText()
                    + " + " + s.get("accounts").get(1).asText() + " -> " + s.get("person").asText());
        }
        return by;
    }

    private String idOf(JsonNode found, String evidence, String account, String other) {
        for (JsonNode s : found.get("suggestions")) {
            if (s.get("evidence").asText().equals(evidence) && s.get("accounts").get(0).asText().equals(account)
                    && s.get("accounts").get(1).asText().equals(other)) {
                return s.get("id").asText();
            }
        }
        throw new AssertionError("no " + evidence + " suggestion of " + account + " and " + other + " in " + found);
    }

    @Test
    void suggest_lists_each_kind_of_evidence_and_stores_nothing() throws Exception {
        Result r = run("people", "suggest", "--json", "--db", db);
        assertEquals(0, r.code(), r.err());
        JsonNode found = JSON.readTree(r.out());
        assertEquals(Map.of(
                "rel-me", List.of(ALICE_M + " + " + ALICE_T + " -> alice"),
                "domain", List.of(ALICE_M + " + " + ALICE_B + " -> alice", ALICE_T + " + " + ALICE_B + " -> alice"),
                "handle", List.of("mastodon:carolyn@hachyderm.io + twitter:3003 -> carolyn")), byEvidence(found));
        assertEquals(4, found.get("total").asInt());
        assertEquals("rel-me", found.get("suggestions").get(0).get("evidence").asText(), "strongest first");
        assertEquals("handle", found.get("suggestions").get(3).get("evidence").asText(), "weakest last");
        assertEquals("suggestion:rel-me", found.get("suggestions").get(0).get("linked_by").asText());
        // bob's field names his Twitter profile, but it is not verified: no suggestion names him.
        assertFalse(r.out().contains("bob"), r.out());
        assertEquals(0, found.get("already_linked").asInt());
        // The same ids on a second run; nothing stored.
        assertEquals(found, JSON.readTree(run("people", "suggest", "--json", "--db", db).out()));
        assertTrue(run("people", "list", "--db", db).out().contains("No person linked"));

        Result text = run("people", "suggest", "--limit", "1", "--db", db);
        assertEquals(0, text.code(), text.err());
        assertTrue(text.out().startsWith("4 suggestions, strongest evidence first"), text.out());
        assertTrue(text.out().contains(found.get("suggestions").get(0).get("id").asText() + "  rel-me"), text.out());
        assertTrue(text.out().contains("rel=\"me\""), text.out());
        assertTrue(text.out().contains("... and 3 more"), text.out());
        Result handles = run("people", "suggest", "--db", db);
        assertTrue(handles.out().contains("weakest evidence: different people often hold one handle"), handles.out());
    }

    @Test
    void confirmed_suggestions_are_listed_ranked_and_not_suggested_again() throws Exception {
        JsonNode found = JSON.readTree(run("people", "suggest", "--json", "--db", db).out());
        String relMe = idOf(found, "rel-me", ALICE_M, ALICE_T);
        String domain = idOf(found, "domain", ALICE_M, ALICE_B);

        Result confirmed = run("people", "confirm", relMe, domain, "--db", db);
        assertEquals(0, confirmed.code(), confirmed.err());
        assertTrue(confirmed.out().contains("3 accounts linked"), confirmed.out());
        Result list = run("people", "list", "--db", db);
        assertTrue(list.out().contains("alice  " + ALICE_M + "  (suggestion:rel-me, "), list.out());
        assertTrue(list.out().contains("alice  " + ALICE_T + "  (suggestion:rel-me, "), list.out());
        assertTrue(list.out().contains("alice  " + ALICE_B + "  (suggestion:domain, "), list.out());
        assertEquals(3, list.out().lines().count(), list.out());

        // The three pairs among alice's accounts are linked now; carolyn's is still suggested.
        JsonNode after = JSON.readTree(run("people", "suggest", "--json", "--db", db).out());
        assertEquals(Map.of("handle", List.of("mastodon:carolyn@hachyderm.io + twitter:3003 -> carolyn")),
                byEvidence(after));
        assertEquals(3, after.get("already_linked").asInt());
        Result again = run("people", "confirm", relMe, "--db", db);
        assertEquals(1, again.code());
        assertTrue(again.err().contains("no suggestion " + relMe), again.err());

        // The stored person ranks with its three accounts.
        Result score = run("score", "--stored-people", "--json", "--priors", "--defences", "none", "--db", db);
        assertEquals(0, score.code(), score.err());
        JsonNode alice = JSON.readTree(score.out()).get("scores").get(0);
        assertEquals("alice", alice.get("person").asText());
        List<String> accounts = new ArrayList<>();
        alice.get("accounts").forEach(a -> accounts.add(a.get("account").asText()));
        assertEquals(List.of(ALICE_B, ALICE_M, ALICE_T), accounts.stream().sorted().toList());
        assertEquals(3, alice.get("points_by_network").size());
    }

    @Test
    void an_id_that_cannot_be_confirmed_stores_nothing_and_is_named() throws Exception {
        JsonNode found = JSON.readTree(run("people", "suggest", "--json", "--db", db).out());
        String relMe = idOf(found, "rel-me", ALICE_M, ALICE_T);
        Result r = run("people", "confirm", relMe, "s-0123456789ab", "--db", db);
        assertEquals(1, r.code());
        assertTrue(r.err().contains("renown: no suggestion s-0123456789ab"), r.err());
        assertTrue(r.err().contains("nothing stored: 1 of 2 ids cannot be confirmed"), r.err());
        assertTrue(run("people", "list", "--db", db).out().contains("No person linked"));
        Result none = run("people", "confirm", "--db", db);
        assertEquals(2, none.code(), none.err()); // an id is required
        Result limit = run("people", "suggest", "--limit", "0", "--db", db);
        assertEquals(2, limit.code(), limit.err());
    }
}
