package dev.renown.server;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Campaign search and topic trends over HTTP, on {@code find-fixture.ndjson}, whose answers are
 * counted by hand (docs/find.md has the definitions):
 * <ul>
 *   <li>#ev, 1 May: evan (demo:ev1) has post p1 replied to by user1-6; eva (demo:ev2) has q1 and
 *       q2 reposted by user1-5; ed (demo:ev3) has r1 reposted by user1-6. 2 May: evan's p2
 *       reposted by user1-6; otto (other:o1) has t1 and t2 reposted by xuser1-5.</li>
 *   <li>#food, 2 May: fay (demo:f1) has s1 reposted and s2 replied to by eater1-10.</li>
 * </ul>
 * So on #ev (15 accounts) evan has 6 engagers, 12 interactions on 2 posts and a conversation rate
 * of 6/12; eva and otto 5 engagers, 10 interactions on 2 posts, rate 0; ed has one post only and
 * the 11 engagers none, so 12 fail the evidence rule (5 engagers on 2 posts). Scores and ranks
 * are those of the topic's stored leaderboard, which the daily snapshots score the same way.
 */
class FindApiTest {

    static final Path FIXTURE = Path.of("src/test/resources/find-fixture.ndjson");
    /** The columns of {@code renown find --csv} (docs/find.md). */
    static final String CLI_CSV_HEADER = "position,account,label,topic,score,rank,topic_engagers,topic_interactions,"
            + "topic_posts,overall_score,audience,audience_source,audience_band,conversation_rate,integrity,"
            + "shared_engagers,overlap";

    @TempDir
    static Path dir;

    static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start(dir, TestServer.config(), FIXTURE);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static JsonNode ok(String path) {
        return TestServer.json(server.get(path), 200);
    }

    private static List<String> ids(JsonNode result) {
        List<String> ids = new ArrayList<>();
        result.get("items").forEach(c -> ids.add(c.at("/account/network").asText() + ":" + c.at("/account/id").asText()));
        return ids;
    }

    @Test
    void a_topic_search_ranks_the_evident_accounts_by_topic_score_with_hand_counted_evidence() {
        JsonNode r = ok("/api/v1/find?topic=%23EV");
        assertEquals("2024-05-02", r.get("as_of").asText());
        assertEquals("ev", r.get("topic").asText());
        assertFalse(r.get("fallback").asBoolean());
        assertEquals(15, r.get("ranked").asInt());
        assertEquals(15, r.get("examined").asInt());
        assertEquals(List.of("demo:ev1", "other:o1", "demo:ev2"), ids(r));
        assertEquals(12, r.at("/excluded/evidence").asInt());
        r.get("excluded").fields().forEachRemaining(e -> assertEquals(e.getKey().equals("evidence") ? 12 : 0,
                e.getValue().asInt(), e.getKey()));

        // Evidence, conversation, audience as counted by hand.
        int[][] evidence = {{6, 12, 2}, {5, 10, 2}, {5, 10, 2}};
        double[] conversation = {0.5, 0, 0};
        for (int i = 0; i < 3; i++) {
            JsonNode c = r.get("items").get(i);
            assertEquals(i + 1, c.get("position").asInt());
            assertEquals(evidence[i][0], c.at("/evidence/engagers").asInt());
            assertEquals(evidence[i][1], c.at("/evidence/interactions").asInt());
            assertEquals(evidence[i][2], c.at("/evidence/posts").asInt());
            assertEquals(conversation[i], c.get("conversation_rate").asDouble(), 1e-12);
            assertEquals(evidence[i][0], c.get("audience").asLong(), "no follower counts: audience is engagers");
            assertEquals("engagers", c.get("audience_source").asText());
            assertEquals("<10", c.get("audience_band").asText());
            assertTrue(c.get("overlap").isNull() && c.get("shared_engagers").isNull());
        }

        // Scores, ranks and integrity are those of the topic's leaderboard.
        Map<String, JsonNode> board = new HashMap<>();
        ok("/api/v1/leaderboard?topic=ev&limit=100").get("items").forEach(row ->
                board.put(row.at("/account/network").asText() + ":" + row.at("/account/id").asText(), row));
        assertEquals(15, board.size());
        for (JsonNode c : r.get("items")) {
            JsonNode row = board.get(c.at("/account/network").asText() + ":" + c.at("/account/id").asText());
            assertEquals(row.get("score").asDouble(), c.get("score").asDouble(), 1e-9);
            assertEquals(row.get("rank").asInt(), c.get("rank").asInt());
            assertEquals(row.get("flagged").asBoolean() ? "flagged" : "ok", c.get("integrity").asText());
            JsonNode overall = ok("/api/v1/accounts/" + c.at("/account/network").asText() + "/"
                    + c.at("/account/id").asText() + "/score");
            assertEquals(overall.get("score").asDouble(), c.get("overall_score").asDouble(), 1e-9);
        }
        assertEquals(2, board.get("demo:ev3").get("rank").asInt(), "ed ranks second but has one post: not evident");
    }

    @Test
    void an_account_about_one_topic_does_not_appear_for_another() {
        assertEquals(List.of("demo:f1"), ids(ok("/api/v1/find?topic=food")));
        assertEquals(List.of("demo:ev1", "other:o1", "demo:ev2"), ids(ok("/api/v1/find?topic=ev")));
        // Without a topic: the overall score, every evident account.
        JsonNode all = ok("/api/v1/find");
        assertTrue(all.get("topic").isNull());
        assertEquals(List.of("demo:f1", "demo:ev1", "other:o1", "demo:ev2"), ids(all));
    }

    @Test
    void each_filter_keeps_what_it_says_and_counts_what_it_drops() {
        JsonNode net = ok("/api/v1/find?topic=ev&network=OTHER");
        assertEquals(List.of("other:o1"), ids(net));
        assertEquals(2, net.at("/excluded/network").asInt());

        JsonNode band = ok("/api/v1/find?topic=ev&audience=6-10");
        assertEquals(List.of("demo:ev1"), ids(band));
        assertEquals(2, band.at("/excluded/audience").asInt());
        assertEquals(List.of("other:o1", "demo:ev2"), ids(ok("/api/v1/find?topic=ev&audience=-5")));
        assertEquals(List.of("demo:ev1"), ids(ok("/api/v1/find?topic=ev&audience=0.006k-")));

        JsonNode talk = ok("/api/v1/find?topic=ev&min_conversation=0.4");
        assertEquals(List.of("demo:ev1"), ids(talk));
        assertEquals(2, talk.at("/excluded/conversation").asInt());

        // Integrity: exactly the unflagged candidates of the unfiltered search stay.
        JsonNode every = ok("/api/v1/find?topic=ev");
        List<String> unflagged = new ArrayList<>();
        int flagged = 0;
        for (JsonNode c : every.get("items")) {
            if (c.get("integrity").asText().equals("ok")) {
                unflagged.add(c.at("/account/network").asText() + ":" + c.at("/account/id").asText());
            } else {
                flagged++;
            }
        }
        assertTrue(flagged > 0, "the fixture has flagged candidates");
        JsonNode clean = ok("/api/v1/find?topic=ev&exclude_flagged=true");
        assertEquals(unflagged, ids(clean));
        assertEquals(flagged, clean.at("/excluded/flagged").asInt());

        // Score: evan (13.4) passes, ed (10.6) fails evidence, all from otto (3.2) on fail the score.
        JsonNode top = ok("/api/v1/find?topic=ev&min_score=5");
        assertEquals(List.of("demo:ev1"), ids(top));
        assertEquals(13, top.at("/excluded/min_score").asInt());
        assertEquals(1, top.at("/excluded/evidence").asInt());

        // Overlap with eva: evan's engagers user1-6 share user1-5 with hers, otto's none; eva is a seed.
        JsonNode like = ok("/api/v1/find?topic=ev&similar_to=demo:ev2");
        assertEquals(List.of("demo:ev1"), ids(like));
        assertEquals(5, like.at("/items/0/shared_engagers").asInt());
        assertEquals(5.0 / 6, like.at("/items/0/overlap").asDouble(), 1e-12);
        assertEquals(1, like.at("/excluded/seed").asInt());
        assertEquals(1, like.at("/excluded/overlap").asInt());
        assertEquals(List.of("demo:ev1"), ids(ok("/api/v1/find?topic=ev&similar_to=eva&similar_to=demo:ev3&min_overlap=0.8")));
        JsonNode strict = ok("/api/v1/find?topic=ev&similar_to=demo:ev2&min_overlap=0.9");
        assertEquals(List.of(), ids(strict));
        assertEquals(2, strict.at("/excluded/overlap").asInt());

        JsonNode one = ok("/api/v1/find?topic=ev&limit=1");
        assertEquals(List.of("demo:ev1"), ids(one));
        assertEquals(1, one.get("examined").asInt());
    }

    @Test
    void the_csv_holds_the_json_rows_in_the_cli_columns_as_an_attachment() {
        for (String q : List.of("topic=ev", "topic=ev&similar_to=demo:ev2", "", "topic=food&exclude_flagged=true")) {
            JsonNode r = ok("/api/v1/find?" + q);
            HttpResponse<String> csv = server.get("/api/v1/find?" + q + "&format=csv");
            assertEquals(200, csv.statusCode(), csv.body());
            assertTrue(csv.headers().firstValue("Content-Type").orElse("").startsWith("text/csv"));
            String disposition = csv.headers().firstValue("Content-Disposition").orElse("");
            assertTrue(disposition.startsWith("attachment; filename=\"renown-find-") && disposition.endsWith("-2024-05-02.csv\""),
                    disposition);
            String[] lines = csv.body().split("\n");
            assertEquals(CLI_CSV_HEADER, lines[0]);
            assertEquals(r.get("items").size() + 1, lines.length, csv.body());
            for (int i = 0; i < r.get("items").size(); i++) {
                JsonNode c = r.get("items").get(i);
                String[] f = lines[i + 1].split(",", -1);
                assertEquals(17, f.length, lines[i + 1]);
                assertEquals(c.get("position").asText(), f[0]);
                assertEquals(c.at("/account/network").asText() + ":" + c.at("/account/id").asText(), f[1]);
                assertEquals(c.get("label").asText(), f[2]);
                assertEquals(r.get("topic").isNull() ? "" : r.get("topic").asText(), f[3]);
                assertEquals(c.get("score").asDouble(), Double.parseDouble(f[4]));
                assertEquals(c.get("rank").asText(), f[5]);
                assertEquals(c.at("/evidence/engagers").asText(), f[6]);
                assertEquals(c.at("/evidence/interactions").asText(), f[7]);
                assertEquals(c.at("/evidence/posts").asText(), f[8]);
                assertEquals(c.get("overall_score").asDouble(), Double.parseDouble(f[9]));
                assertEquals(c.get("audience").asText(), f[10]);
                assertEquals(c.get("audience_source").asText(), f[11]);
                assertEquals(c.get("audience_band").asText(), f[12]);
                assertEquals(c.get("conversation_rate").asDouble(), Double.parseDouble(f[13]));
                assertEquals(c.get("integrity").asText(), f[14]);
                assertEquals(c.get("overlap").isNull() ? "0" : c.get("shared_engagers").asText(), f[15]);
                assertEquals(c.get("overlap").isNull() ? "" : c.get("overlap").asText(), f[16]);
            }
        }
        // Asking by Accept gives the same; JSON is the default, and format=json wins.
        HttpResponse<String> accepted = server.send("GET", "/api/v1/find?topic=ev", null, "Accept", "text/csv");
        assertEquals(server.get("/api/v1/find?topic=ev&format=csv").body(), accepted.body());
        HttpResponse<String> json = server.send("GET", "/api/v1/find?topic=ev&format=json", null, "Accept", "text/csv");
        assertTrue(json.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
    }

    @Test
    void bad_parameters_are_400_naming_the_parameter_and_unknown_seeds_404() {
        Map<String, String> bad = new java.util.LinkedHashMap<>();
        bad.put("network=nowhere", "network");
        bad.put("network=a:b", "network");
        bad.put("min_score=101", "min_score");
        bad.put("min_score=lots", "min_score");
        bad.put("min_score=NaN", "min_score");
        bad.put("audience=10", "audience");
        bad.put("audience=50-5", "audience");
        bad.put("audience=a-b", "audience");
        bad.put("audience=1.5-", "audience");
        bad.put("min_conversation=2", "min_conversation");
        bad.put("exclude_flagged=maybe", "exclude_flagged");
        bad.put("min_overlap=0.5", "min_overlap");
        bad.put("similar_to=demo:ev2&min_overlap=-1", "min_overlap");
        bad.put("limit=0", "limit");
        bad.put("limit=101", "limit");
        bad.put("format=xml", "format");
        bad.put("similar_to=%00", "similar_to");
        for (Map.Entry<String, String> e : bad.entrySet()) {
            JsonNode error = TestServer.json(server.get("/api/v1/find?topic=ev&" + e.getKey()), 400);
            assertEquals("bad_parameter", error.get("error").asText());
            assertTrue(error.get("message").asText().startsWith("parameter '" + e.getValue() + "'"),
                    e.getKey() + ": " + error.get("message"));
        }
        JsonNode topic = TestServer.json(server.get("/api/v1/find?topic=nosuch"), 400);
        assertTrue(topic.get("message").asText().startsWith("parameter 'topic'"), topic.toString());
        assertTrue(topic.get("message").asText().contains("topics: [ev, food]"), topic.toString());
        JsonNode seed = TestServer.json(server.get("/api/v1/find?topic=ev&similar_to=demo:nobody"), 404);
        assertTrue(seed.get("message").asText().contains("similar_to: account 'demo:nobody' is not among"), seed.toString());
    }

    @Test
    void a_topic_trend_gives_each_stored_day_its_accounts_and_best_score() {
        JsonNode ev = ok("/api/v1/topics/%23Ev");
        assertEquals("ev", ev.get("topic").asText());
        assertTrue(ev.get("searchable").asBoolean());
        assertEquals(2, ev.get("days").size());
        // 1 May: evan, eva, ed and user1-6; 2 May: otto and xuser1-5 besides.
        assertEquals("2024-05-01", ev.at("/days/0/day").asText());
        assertEquals(9, ev.at("/days/0/accounts").asInt());
        assertEquals("2024-05-02", ev.at("/days/1/day").asText());
        assertEquals(15, ev.at("/days/1/accounts").asInt());
        assertEquals(ok("/api/v1/leaderboard?topic=ev&limit=1").at("/items/0/score").asDouble(),
                ev.at("/days/1/top_score").asDouble(), 1e-9);
        JsonNode food = ok("/api/v1/topics/food");
        assertEquals(1, food.get("days").size());
        assertEquals(11, food.at("/days/0/accounts").asInt());
        assertEquals(404, server.get("/api/v1/topics/nosuch").statusCode());
        assertEquals(400, server.get("/api/v1/topics/%20").statusCode());
    }

    @Test
    void the_fingerprint_carries_each_topics_score_rank_and_engagers() {
        JsonNode t = ok("/api/v1/accounts/demo/ev1/topics");
        assertEquals(1, t.get("topics").size());
        assertEquals("ev", t.at("/topics/0/topic").asText());
        assertEquals(1, t.at("/topics/0/rank").asInt());
        assertEquals(6, t.at("/topics/0/engagers").asInt());
        assertEquals(ok("/api/v1/find?topic=ev").at("/items/0/score").asDouble(), t.at("/topics/0/score").asDouble(), 1e-9);
    }

    @Test
    void without_topics_in_the_data_a_topic_falls_back_to_the_overall_score(@TempDir Path other) throws Exception {
        Path plain = other.resolve("plain.ndjson");
        java.nio.file.Files.writeString(plain, java.nio.file.Files.readString(FIXTURE)
                .replaceAll(",\"hashtags\":\\[[^\\]]*\\]", ""));
        try (TestServer untagged = TestServer.start(other.resolve("db"), TestServer.config(), plain)) {
            JsonNode overall = TestServer.json(untagged.get("/api/v1/find"), 200);
            JsonNode ev = TestServer.json(untagged.get("/api/v1/find?topic=ev"), 200);
            assertTrue(ev.get("fallback").asBoolean());
            assertTrue(ev.get("topic").isNull());
            assertFalse(overall.get("fallback").asBoolean());
            assertEquals(ids(overall), ids(ev));
            assertEquals(List.of("demo:f1", "demo:ev1", "other:o1", "demo:ev2"), ids(ev));
            assertEquals(404, untagged.get("/api/v1/topics/ev").statusCode());
        }
    }

    @Test
    void hashtags_too_few_to_score_are_not_searchable_topics(@TempDir Path other) {
        // The API fixture tags 4 interactions with #ai: under the 20 a topic needs.
        try (TestServer small = TestServer.start(other, TestServer.config())) {
            JsonNode error = TestServer.json(small.get("/api/v1/find?topic=ai"), 400);
            assertTrue(error.get("message").asText().contains("names no topic scored on 2024-05-03"), error.toString());
            assertEquals(404, small.get("/api/v1/topics/ai").statusCode());
            JsonNode all = TestServer.json(small.get("/api/v1/find?limit=100"), 200);
            assertEquals(all.get("ranked").asInt(), all.get("examined").asInt());
        }
    }
}
