package dev.renown.server;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Write endpoints, authentication, limits and health over HTTP, each on its own server and store. */
class WriteApiTest {

    @TempDir
    Path dir;

    /** fay (6) reposts ann's post a1 and mentions bob, cat reposts fay, on 4 May. */
    private static final String NEW_LINES = """
            {"id":"20","network":"demo","kind":"repost","actor":"6","target":"1","time":"2024-05-04T08:00:00Z","post":"f1","target_post":"a1","actor_handle":"fay","target_handle":"ann"}
            {"id":"21","network":"demo","kind":"mention","actor":"6","target":"2","time":"2024-05-04T09:00:00Z","post":"f2","actor_handle":"fay","target_handle":"bob"}
            {"id":"22","network":"demo","kind":"repost","actor":"3","target":"6","time":"2024-05-04T10:00:00Z","post":"c9","target_post":"f2","actor_handle":"cat","target_handle":"fay"}
            """;

    private static void assertError(HttpResponse<String> r, int status, String error, String mentions) {
        JsonNode body = TestServer.json(r, status);
        assertEquals(error, body.get("error").asText(), body.toString());
        assertTrue(body.get("message").asText().contains(mentions), body.toString());
    }

    @Test
    void writesWithoutTheRightTokenAre401() {
        try (TestServer s = TestServer.start(dir, TestServer.config())) {
            long before = s.store.interactionCount();
            for (String path : new String[] {"/api/v1/interactions", "/api/v1/scores/recompute"}) {
                HttpResponse<String> none = s.post(path, NEW_LINES, null);
                assertError(none, 401, "unauthorized", "Bearer");
                assertEquals("Bearer realm=\"renown\"", none.headers().firstValue("WWW-Authenticate").orElse(null));
                assertError(s.post(path, NEW_LINES, TestServer.TOKEN + "x"), 401, "invalid_token", "not valid");
                assertError(s.post(path, NEW_LINES, TestServer.TOKEN.substring(0, 10)), 401, "invalid_token", "not valid");
                assertError(s.post(path, NEW_LINES, ""), 401, "invalid_token", "not valid");
                assertError(s.send(s.request(path).header("Authorization", "Basic " + TestServer.TOKEN)
                        .POST(HttpRequest.BodyPublishers.ofString(NEW_LINES)).build()), 401, "invalid_token", "not valid");
            }
            assertEquals(before, s.store.interactionCount(), "nothing written");
        }
    }

    @Test
    void withoutAConfiguredTokenWritesAreOff() {
        try (TestServer s = TestServer.start(dir, TestServer.config().withToken(null))) {
            assertError(s.post("/api/v1/interactions", NEW_LINES, TestServer.TOKEN), 401, "no_token_configured",
                    "renown token");
        }
    }

    @Test
    void ingestThenRecomputeServesTheNewScores() {
        try (TestServer s = TestServer.start(dir, TestServer.config())) {
            long before = s.store.interactionCount();
            assertError(s.get("/api/v1/accounts/demo/6/score"), 404, "not_found", "demo:6");

            JsonNode added = TestServer.json(s.post("/api/v1/interactions", NEW_LINES, TestServer.TOKEN), 200);
            assertEquals(3, added.get("read").asInt());
            assertEquals(3, added.get("added").asInt());
            assertEquals(0, added.get("rejected").asInt());
            assertEquals(before + 3, s.store.interactionCount());

            JsonNode again = TestServer.json(s.post("/api/v1/interactions", NEW_LINES, TestServer.TOKEN), 200);
            assertEquals(0, again.get("added").asInt(), "the same body adds nothing twice");
            assertEquals(before + 3, s.store.interactionCount());

            JsonNode recomputed = TestServer.json(s.post("/api/v1/scores/recompute", "", TestServer.TOKEN), 200);
            assertEquals("2024-05-04", recomputed.get("as_of").asText());
            assertEquals(2, recomputed.get("days_written").asInt(), "3 May again (it may have changed) and 4 May");
            assertEquals(8, recomputed.get("accounts").asInt());

            JsonNode fay = TestServer.json(s.get("/api/v1/accounts/demo/6/score"), 200);
            assertEquals("2024-05-04", fay.get("as_of").asText());
            assertEquals("fay", fay.at("/account/handle").asText());
            JsonNode influence = TestServer.json(s.get("/api/v1/accounts/demo/6/influence"), 200);
            Set<String> influencers = new HashSet<>();
            influence.get("influencers").forEach(l -> influencers.add(l.at("/account/id").asText()));
            assertEquals(Set.of("1", "2"), influencers, "fay engaged with ann and bob");
            assertEquals("3", influence.at("/influencees/0/account/id").asText());
            JsonNode history = TestServer.json(s.get("/api/v1/accounts/demo/1/history"), 200);
            assertEquals(4, history.get("days").size());
        }
    }

    @Test
    void badLinesAreReportedWithTheirLineAndTheRestIsKept() {
        try (TestServer s = TestServer.start(dir, TestServer.config())) {
            long before = s.store.interactionCount();
            String body = NEW_LINES.lines().findFirst().orElseThrow() + "\n"
                    + "{\"id\":\"30\",\"network\":\"demo\",\"kind\":\"repost\"\n"
                    + NEW_LINES.lines().skip(1).findFirst().orElseThrow() + "\n"
                    + "{\"id\":\"31\",\"network\":\"demo\",\"kind\":\"reply\",\"target\":\"1\",\"time\":\"2024-05-04T10:00:00Z\"}\n";
            JsonNode report = TestServer.json(s.post("/api/v1/interactions", body, TestServer.TOKEN), 200);
            assertEquals(2, report.get("added").asInt());
            assertEquals(2, report.get("rejected").asInt());
            assertEquals(2, report.at("/rejects/0/line").asInt());
            assertEquals(4, report.at("/rejects/1/line").asInt());
            assertEquals("actor", report.at("/rejects/1/field").asText());
            assertEquals(before + 2, s.store.interactionCount());

            JsonNode allBad = TestServer.json(s.post("/api/v1/interactions", "not json\n{}\n", TestServer.TOKEN), 400);
            assertEquals(0, allBad.get("added").asInt());
            assertEquals(2, allBad.get("rejected").asInt());
            assertError(s.post("/api/v1/interactions", "", TestServer.TOKEN), 400, "bad_parameter", "'body'");
            assertError(s.post("/api/v1/interactions?network=a:b", NEW_LINES, TestServer.TOKEN), 400, "bad_parameter",
                    "'network'");
        }
    }

    @Test
    void aDefaultNetworkAppliesToLinesWithoutOne() {
        try (TestServer s = TestServer.start(dir, TestServer.config())) {
            String line = "{\"kind\":\"mention\",\"actor\":\"1\",\"target\":\"2\",\"time\":\"2024-05-04T10:00:00Z\"}\n";
            JsonNode report = TestServer.json(s.post("/api/v1/interactions?network=mastodon", line, TestServer.TOKEN), 200);
            assertEquals(1, report.get("added").asInt());
            TestServer.json(s.post("/api/v1/scores/recompute", "", TestServer.TOKEN), 200);
            TestServer.json(s.get("/api/v1/accounts/mastodon/2/score"), 200);
        }
    }

    @Test
    void bodiesOverTheLimitAre413() {
        try (TestServer s = TestServer.start(dir, TestServer.config().withMaxBody(1024))) {
            String big = (NEW_LINES.repeat(10));
            assertTrue(big.length() > 1024);
            assertError(s.post("/api/v1/interactions", big, TestServer.TOKEN), 413, "too_large", "1024");
            // Without a Content-Length (chunked), the limit applies while reading.
            HttpResponse<String> chunked = s.send(s.request("/api/v1/interactions")
                    .header("Authorization", "Bearer " + TestServer.TOKEN)
                    .POST(HttpRequest.BodyPublishers.ofInputStream(
                            () -> new ByteArrayInputStream(big.getBytes(StandardCharsets.UTF_8)))).build());
            assertError(chunked, 413, "too_large", "1024");
            assertEquals(200, s.post("/api/v1/interactions", NEW_LINES, TestServer.TOKEN).statusCode());
        }
    }

    @Test
    void topicsAppearOnceEnoughInteractionsCarryThem() {
        try (TestServer s = TestServer.start(dir, TestServer.config())) {
            StringBuilder body = new StringBuilder();
            // 24 accounts (100..123) each repost ann's post a1 tagged #Java on 4 May; ann mentions 100.
            for (int i = 0; i < 24; i++) {
                body.append("{\"network\":\"demo\",\"kind\":\"repost\",\"actor\":\"").append(100 + i)
                        .append("\",\"target\":\"1\",\"time\":\"2024-05-04T").append(String.format("%02d", i % 24))
                        .append(":00:00Z\",\"post\":\"j").append(i).append("\",\"target_post\":\"a1\",\"hashtags\":[\"Java\"]}\n");
            }
            body.append("{\"network\":\"demo\",\"kind\":\"mention\",\"actor\":\"1\",\"target\":\"100\","
                    + "\"time\":\"2024-05-04T12:30:00Z\",\"hashtags\":[\"java\"]}\n");
            assertEquals(25, TestServer.json(s.post("/api/v1/interactions", body.toString(), TestServer.TOKEN), 200)
                    .get("added").asInt());
            TestServer.json(s.post("/api/v1/scores/recompute", "", TestServer.TOKEN), 200);

            JsonNode topics = TestServer.json(s.get("/api/v1/accounts/demo/1/topics"), 200);
            assertEquals(1, topics.get("topics").size(), topics.toString());
            assertEquals("java", topics.at("/topics/0/topic").asText());
            assertEquals(1, topics.at("/topics/0/rank").asInt(), "ann is the one everybody reposted");
            JsonNode leaders = TestServer.json(s.get("/api/v1/leaderboard?topic=%23java&limit=3"), 200);
            assertEquals("1", leaders.at("/items/0/account/id").asText());
            assertEquals(3, leaders.get("items").size());
            assertFalse(leaders.get("next_cursor").isNull());
            JsonNode next = TestServer.json(s.get("/api/v1/leaderboard?topic=java&limit=3&cursor="
                    + leaders.get("next_cursor").asText()), 200);
            assertTrue(next.at("/items/0/rank").asInt() >= leaders.at("/items/2/rank").asInt());
            JsonNode overview = TestServer.json(s.get("/api/v1/overview"), 200);
            assertEquals("java", overview.at("/topics/0").asText());
        }
    }

    @Test
    void protectedReadsNeedTheTokenButHealthAndTheDashboardShellDoNot() {
        try (TestServer s = TestServer.start(dir, TestServer.config().withProtectedReads(true))) {
            assertError(s.get("/api/v1/leaderboard"), 401, "unauthorized", "Bearer");
            assertError(s.get("/api/v1/leaderboard", "wrong"), 401, "invalid_token", "not valid");
            assertError(s.get("/metrics"), 401, "unauthorized", "Bearer");
            assertEquals(200, s.get("/api/v1/leaderboard", TestServer.TOKEN).statusCode());
            assertEquals(200, s.get("/health").statusCode());
            assertEquals(200, s.get("/").statusCode());
        }
    }

    @Test
    void clientsOverTheRateAre429() {
        try (TestServer s = TestServer.start(dir, TestServer.config().withRate(0.5, 3))) {
            for (int i = 0; i < 3; i++) {
                assertEquals(200, s.get("/api/v1/overview").statusCode(), "burst of 3");
            }
            HttpResponse<String> limited = s.get("/api/v1/overview");
            assertError(limited, 429, "rate_limited", "per second");
            assertEquals("2", limited.headers().firstValue("Retry-After").orElse(null));
            assertEquals(200, s.get("/health").statusCode(), "health is never limited");
        }
    }

    @Test
    void healthIs503WhenTheDatabaseIsGone() {
        TestServer s = TestServer.start(dir, TestServer.config());
        try {
            assertEquals(200, s.get("/health").statusCode());
            s.store.close();
            JsonNode down = TestServer.json(s.get("/health"), 503);
            assertEquals("down", down.get("status").asText());
            assertTrue(down.get("database").asText().startsWith("down"), down.toString());
        } finally {
            s.server.close();
        }
    }

    @Test
    void theTokenNeverAppearsInTheLogs() {
        PrintStream err = System.err;
        PrintStream out = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream both = new PrintStream(captured, true, StandardCharsets.UTF_8);
        System.setErr(both);
        System.setOut(both);
        String wrong = TestServer.TOKEN.replace('7', '8');
        try (TestServer s = TestServer.start(dir, TestServer.config())) {
            s.post("/api/v1/interactions", NEW_LINES, TestServer.TOKEN);
            s.post("/api/v1/interactions", NEW_LINES, wrong);
            s.post("/api/v1/scores/recompute", "", TestServer.TOKEN);
            s.get("/api/v1/accounts/demo/1/score", TestServer.TOKEN);
            s.get("/api/v1/nothing", wrong);
        } finally {
            System.setErr(err);
            System.setOut(out);
        }
        String log = captured.toString(StandardCharsets.UTF_8);
        assertTrue(log.contains("Renown serving"), "the log was captured: " + log);
        assertFalse(log.contains(TestServer.TOKEN), log);
        assertFalse(log.contains(wrong), log);
        assertFalse(log.contains(TestServer.TOKEN.substring(3, 15)), log);
    }
}
