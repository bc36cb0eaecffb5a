package dev.renown.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.renown.core.score.ScoringParameters;
import dev.renown.store.Backfill;
import dev.renown.store.PersonLink;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * People through the API, on the API fixture: ann (demo:1) and yan (other:8) linked into one
 * person by PUT, checked against an independent reference — a second server on the same fixture
 * in which yan's one engager engages ann on the demo network instead, so that ann is by
 * construction what the person is.
 */
class PeopleApiTest {

    private static final String ANN_AND_YAN = "{\"accounts\": [{\"network\": \"demo\", \"id\": \"1\"}, "
            + "{\"network\": \"OTHER\", \"id\": \"8\"}]}";

    @TempDir
    Path dir;

    private TestServer server;
    private TestServer reference;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        if (reference != null) {
            reference.close();
        }
    }

    private HttpResponse<String> put(TestServer s, String path, String body, String token) {
        return token == null ? s.send("PUT", path, body, "Content-Type", "application/json")
                : s.send("PUT", path, body, "Content-Type", "application/json", "Authorization", "Bearer " + token);
    }

    @Test
    void a_person_linked_through_the_api_scores_as_its_accounts_merged_by_hand() throws Exception {
        server = TestServer.start(dir.resolve("a"), TestServer.config());
        assertEquals(0, TestServer.json(server.get("/api/v1/people"), 200).get("persons").asInt());
        assertEquals(404, server.get("/api/v1/people/annyan").statusCode());

        // Writes need the token; bodies are checked field by field.
        assertEquals(401, put(server, "/api/v1/people/annyan", ANN_AND_YAN, null).statusCode());
        assertEquals(401, put(server, "/api/v1/people/annyan", ANN_AND_YAN, "wrong").statusCode());
        for (String bad : List.of("", "[]", "{\"accounts\": 3}", "{\"accounts\": [], \"x\": 1}",
                "{\"accounts\": [{\"network\": \"demo\"}]}", "{\"accounts\": [{\"network\": \"a:b\", \"id\": \"1\"}]}",
                "{\"accounts\": [{\"network\": \"demo\", \"id\": \" \"}]}", "not json")) {
            HttpResponse<String> r = put(server, "/api/v1/people/annyan", bad, TestServer.TOKEN);
            assertEquals(400, r.statusCode(), bad + " -> " + r.body());
        }
        assertEquals(400, put(server, "/api/v1/people/%20x", ANN_AND_YAN, TestServer.TOKEN).statusCode());

        JsonNode person = TestServer.json(put(server, "/api/v1/people/annyan", ANN_AND_YAN, TestServer.TOKEN), 200);
        assertEquals("annyan", person.get("person").asText());
        assertTrue(person.get("scored").asBoolean());
        assertEquals(1, person.get("rank").asInt());
        assertEquals(2, person.get("accounts").size());
        // Each linked account with its own score, as the account endpoints give it, and who linked it.
        for (JsonNode a : person.get("accounts")) {
            String path = "/api/v1/accounts/" + a.at("/account/network").asText() + "/" + a.at("/account/id").asText();
            JsonNode own = TestServer.json(server.get(path + "/score"), 200);
            assertEquals(own.get("score").asDouble(), a.get("score").asDouble(), 1e-12);
            assertEquals(own.get("style").asText(), a.get("style").asText());
            assertEquals("annyan", own.get("person").asText());
            assertEquals("api", a.get("linked_by").asText());
        }
        // The networks' points add up to the score above the base.
        double networks = person.at("/points_by_network/demo").asDouble() + person.at("/points_by_network/other").asDouble();
        assertEquals(person.get("score").asDouble() - 1, networks, 1e-9);
        assertTrue(person.at("/points_by_network/other").asDouble() > 0);
        // Stored, with who and when.
        List<PersonLink> links = server.store.personLinks();
        assertEquals(2, links.size());
        assertTrue(links.stream().allMatch(l -> l.linkedBy().equals("api") && l.person().equals("annyan")));

        // The reference: yan's engager (zed) engages ann on the demo network instead.
        Path merged = dir.resolve("merged.ndjson");
        Files.writeString(merged, Files.readString(TestServer.FIXTURE).replace(
                "\"network\":\"other\",\"kind\":\"mention\",\"actor\":\"9\",\"target\":\"8\"",
                "\"network\":\"demo\",\"kind\":\"mention\",\"actor\":\"z9\",\"target\":\"1\""));
        reference = TestServer.start(dir.resolve("b"), TestServer.config(), merged);
        JsonNode ann = TestServer.json(reference.get("/api/v1/accounts/demo/1/score"), 200);
        assertEquals(ann.get("score").asDouble(), person.get("score").asDouble(), 1e-9);
        for (String signal : List.of("reach", "amplification", "network_impact", "conversation", "outreach")) {
            assertEquals(ann.at("/signals/" + signal + "/value").asDouble(),
                    person.at("/signals/" + signal + "/value").asDouble(), 1e-9, signal);
        }
        assertEquals(ann.get("style").asText(), person.get("style").asText());

        // The people leaderboard, and the person read back.
        JsonNode page = TestServer.json(server.get("/api/v1/people?limit=1"), 200);
        assertEquals(1, page.get("persons").asInt());
        assertEquals("annyan", page.at("/items/0/person").asText());
        assertEquals(person.get("score").asDouble(), page.at("/items/0/score").asDouble(), 1e-12);
        assertNull(page.get("next_cursor").textValue());
        assertEquals(person.toString(), TestServer.json(server.get("/api/v1/people/annyan"), 200).toString());

        // Relinking moves yan to another person; an empty list unlinks.
        TestServer.json(put(server, "/api/v1/people/yan", "{\"accounts\": [{\"network\": \"other\", \"id\": \"8\"}]}",
                TestServer.TOKEN), 200);
        assertEquals(1, TestServer.json(server.get("/api/v1/people/annyan"), 200).get("accounts").size());
        JsonNode gone = TestServer.json(put(server, "/api/v1/people/yan", "{\"accounts\": []}", TestServer.TOKEN), 200);
        assertTrue(gone.get("unlinked").asBoolean());
        assertEquals(404, server.get("/api/v1/people/yan").statusCode());
    }

    @Test
    void suggestions_are_listed_and_only_a_confirm_with_the_token_links_them() {
        server = TestServer.start(dir.resolve("a"), TestServer.config());
        String lines = "{\"id\":\"s1\",\"network\":\"mastodon\",\"kind\":\"reply\",\"actor\":\"m1\",\"target\":\"m2\","
                + "\"time\":\"2024-05-03T15:00:00Z\",\"actor_handle\":\"carol_writes\"}\n"
                + "{\"id\":\"s2\",\"network\":\"bluesky\",\"kind\":\"reply\",\"actor\":\"did:plc:c1\",\"target\":\"b2\","
                + "\"time\":\"2024-05-03T15:00:00Z\",\"actor_handle\":\"carol_writes.bsky.social\"}\n";
        TestServer.json(server.post("/api/v1/interactions", lines, TestServer.TOKEN), 200);
        JsonNode found = TestServer.json(server.get("/api/v1/people/suggestions"), 200);
        assertEquals(1, found.get("total").asInt(), found.toString());
        JsonNode s = found.at("/items/0");
        assertEquals("handle", s.get("evidence").asText());
        assertEquals("bluesky", s.at("/accounts/0/network").asText());
        assertEquals("mastodon:m1", s.at("/accounts/1/network").asText() + ":" + s.at("/accounts/1/id").asText());
        assertTrue(server.store.personLinks().isEmpty(), "listing links nothing");

        String confirm = "/api/v1/people/suggestions/" + s.get("id").asText() + "/confirm";
        assertEquals(401, server.post(confirm, "", null).statusCode());
        assertTrue(server.store.personLinks().isEmpty());
        assertEquals(400, server.post("/api/v1/people/suggestions/x/confirm", "", TestServer.TOKEN).statusCode());
        assertEquals(404, server.post("/api/v1/people/suggestions/s-00/confirm", "", TestServer.TOKEN).statusCode());
        JsonNode person = TestServer.json(server.post(confirm, "", TestServer.TOKEN), 200);
        assertEquals(s.get("person").asText(), person.get("person").asText());
        assertEquals(2, person.get("accounts").size());
        assertEquals("suggestion:handle", person.at("/accounts/0/linked_by").asText());
        assertEquals(2, server.store.personLinks().size());
        // Linked now: not suggested again, and the id is gone.
        JsonNode after = TestServer.json(server.get("/api/v1/people/suggestions"), 200);
        assertEquals(0, after.get("total").asInt());
        assertEquals(1, after.get("already_linked").asInt());
        assertEquals(404, server.post(confirm, "", TestServer.TOKEN).statusCode());
        assertEquals(400, server.get("/api/v1/people/suggestions?limit=0").statusCode());
        assertEquals(400, put(server, "/api/v1/people/suggestions", ANN_AND_YAN, TestServer.TOKEN).statusCode());
    }

    @Test
    void a_persons_history_comes_from_the_days_a_backfill_scored_it() {
        server = TestServer.start(dir.resolve("a"), TestServer.config());
        TestServer.json(put(server, "/api/v1/people/annyan", ANN_AND_YAN, TestServer.TOKEN), 200);
        assertEquals(0, TestServer.json(server.get("/api/v1/people/annyan/history"), 200).get("days").size());
        // A backfill now writes the persons' scores of each day too.
        LocalDate may1 = LocalDate.of(2024, 5, 1);
        new Backfill(server.store, ScoringParameters.defaults()).run(may1, may1.plusDays(2), false, 99, i -> { });
        JsonNode history = TestServer.json(server.get("/api/v1/people/annyan/history?from=2024-05-01&to=2024-05-03"),
                200);
        assertEquals(3, history.get("days").size());
        JsonNode last = history.at("/days/2");
        assertEquals("2024-05-03", last.get("day").asText());
        JsonNode now = TestServer.json(server.get("/api/v1/people/annyan"), 200);
        assertEquals(now.get("score").asDouble(), last.get("score").asDouble(), 1e-9);
        // Before yan's only interaction (3 May), the person is ann alone.
        JsonNode first = history.at("/days/0");
        JsonNode annFirst = TestServer.json(server.get("/api/v1/accounts/demo/1/history?from=2024-05-01&to=2024-05-01"),
                200).at("/days/0");
        assertEquals(annFirst.get("score").asDouble(), first.get("score").asDouble(), 1e-9);
        assertEquals(400, server.get("/api/v1/people/annyan/history?from=2024-05-04&to=2024-05-01").statusCode());
        assertEquals(404, server.get("/api/v1/people/nobody/history").statusCode());
        assertFalse(server.get("/api/v1/people/annyan/history").body().contains("Exception"));
    }
}
