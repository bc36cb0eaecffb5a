package dev.renown.server;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What an outside check of the server found (issue 14), each reproduced against a real server on
 * {@code api-fixture.ndjson} (1-3 May 2024, a snapshot per day): item 1, unbounded times and
 * recomputes; 3, blank account ids; 4, method-override headers; 5, errors of the HTTP layer
 * itself; 6, status codes; 10, stored against scored counts. Items 2 (search order) and 7 (the
 * document) have their tests in {@link ReadApiTest} and {@link OpenApiConformanceTest}.
 */
class HardeningTest {

    private static final String TOKEN = TestServer.TOKEN;
    private static final List<String> READ_PATHS = List.of("/api/v1/overview", "/api/v1/accounts?handle=ann",
            "/api/v1/accounts/demo/1", "/api/v1/accounts/demo/1/score", "/api/v1/accounts/demo/1/history",
            "/api/v1/accounts/demo/1/explain", "/api/v1/accounts/demo/1/influence", "/api/v1/accounts/demo/1/integrity",
            "/api/v1/accounts/demo/1/topics", "/api/v1/leaderboard", "/api/v1/search?q=a", "/api/v1/openapi.json",
            "/metrics", "/health");

    @TempDir
    Path dir;

    @TempDir
    static Path sharedDir;

    /** A server for the tests that write nothing. */
    static TestServer shared;

    @BeforeAll
    static void start() {
        shared = TestServer.start(sharedDir, TestServer.config());
    }

    @AfterAll
    static void stop() {
        shared.close();
    }

    private static void assertError(HttpResponse<String> r, int status, String error, String mentions) {
        JsonNode body = TestServer.json(r, status);
        assertEquals(error, body.get("error").asText(), body.toString());
        assertTrue(body.get("message").asText().contains(mentions), body.toString());
    }

    private static String line(String id, String time) {
        return "{\"id\":\"" + id + "\",\"network\":\"demo\",\"kind\":\"mention\",\"actor\":\"2\",\"target\":\"1\",\"time\":\""
                + time + "\"}\n";
    }

    /** Polls the recompute status until {@code done} holds (at most 20 s). */
    private static JsonNode recomputeUntil(TestServer s, java.util.function.Predicate<JsonNode> done) throws InterruptedException {
        JsonNode status = null;
        for (int i = 0; i < 400; i++) {
            status = TestServer.json(s.get("/api/v1/scores/recompute"), 200).get("recompute");
            if (!status.isNull() && done.test(status)) {
                return status;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the recompute never got there: " + status);
    }

    // --- 1: times beyond the clock, bounded and cancellable recomputes -------------------------------

    @Test
    void anInteractionDatedBeyondTheClockIsRejectedAndRecomputeStopsAtTheRealLastDay() {
        try (TestServer s = TestServer.start(dir, TestServer.config())) {
            long before = s.store.interactionCount();
            JsonNode report = TestServer.json(s.post("/api/v1/interactions",
                    line("f1", "9999-12-31T00:00:00Z") + line("f2", "2024-05-04T09:00:00Z"), TOKEN), 200);
            assertEquals(1, report.get("added").asInt());
            assertEquals(1, report.get("rejected").asInt());
            assertEquals(1, report.at("/rejects_by_reason/future-time").asInt());
            assertEquals(1, report.at("/rejects/0/line").asInt());
            assertEquals("time", report.at("/rejects/0/field").asText());
            assertTrue(report.at("/rejects/0/detail").asText().contains("beyond now + skew"), report.toString());
            assertEquals(before + 1, s.store.interactionCount());
            assertEquals(Instant.parse("2024-05-04T09:00:00Z").toEpochMilli(), s.store.lastInteractionMillis().getAsLong());

            JsonNode done = TestServer.json(s.post("/api/v1/scores/recompute", "", TOKEN), 200);
            assertEquals(2, done.get("days_written").asInt(), "3 and 4 May, not up to 9999");
            assertEquals("2024-05-04", done.at("/recompute/to").asText());
            assertEquals("done", done.at("/recompute/state").asText());
        }
    }

    @Test
    void aLargerClockSkewAcceptsDataDatedAheadOfTheClock() {
        String inAYear = Instant.now().plus(Duration.ofDays(365)).toString();
        try (TestServer strict = TestServer.start(dir.resolve("strict"), TestServer.config())) {
            JsonNode r = TestServer.json(strict.post("/api/v1/interactions", line("a1", inAYear), TOKEN), 400);
            assertEquals(1, r.at("/rejects_by_reason/future-time").asInt(), r.toString());
        }
        try (TestServer loose = TestServer.start(dir.resolve("loose"),
                TestServer.config().withClockSkew(Duration.ofDays(3650)))) {
            JsonNode r = TestServer.json(loose.post("/api/v1/interactions", line("a1", inAYear), TOKEN), 200);
            assertEquals(1, r.get("added").asInt(), r.toString());
        }
    }

    @Test
    void aRecomputeWritesAtMostTheLatestDaysItIsAllowed() {
        try (TestServer s = TestServer.start(dir, TestServer.config().withRecomputeBounds(3, Duration.ofMinutes(5)))) {
            TestServer.json(s.post("/api/v1/interactions", line("l1", "2024-05-13T09:00:00Z"), TOKEN), 200);
            JsonNode done = TestServer.json(s.post("/api/v1/scores/recompute", "", TOKEN), 200);
            assertEquals(3, done.get("days_written").asInt());
            assertEquals("2024-05-11", done.at("/recompute/from").asText());
            assertEquals("2024-05-13", done.at("/recompute/to").asText());
            assertEquals(8, done.at("/recompute/days_skipped").asInt(), "3 to 10 May were left out");
            assertTrue(done.at("/recompute/message").asText().contains("left out"), done.toString());
            assertEquals(LocalDate.parse("2024-05-13"), s.store.snapshotDays().get(s.store.snapshotDays().size() - 1));
            assertFalse(s.store.snapshotDays().contains(LocalDate.parse("2024-05-10")));
        }
    }

    @Test
    void aSecondRecomputeWhileOneRunsIs409WithItsStatusAndDeleteCancelsIt() throws Exception {
        Semaphore gate = new Semaphore(0);
        try (TestServer s = TestServer.start(dir, TestServer.config(), TestServer.FIXTURE,
                store -> TestServer.gated(store, gate, new AtomicBoolean()))) {
            TestServer.json(s.post("/api/v1/interactions", line("c1", "2024-05-10T09:00:00Z"), TOKEN), 200);
            HttpResponse<String> started = s.post("/api/v1/scores/recompute?wait=0", "", TOKEN);
            JsonNode first = TestServer.json(started, 202);
            assertEquals("/api/v1/scores/recompute", started.headers().firstValue("Location").orElse(null));
            assertEquals("running", first.at("/recompute/state").asText());
            assertEquals(8, first.at("/recompute/days_total").asInt(), "3 to 10 May");
            long id = first.at("/recompute/id").asLong();

            gate.release(); // 3 May is written; 4 May waits
            JsonNode progress = recomputeUntil(s, st -> st.get("days_written").asInt() == 1
                    && "2024-05-04".equals(st.get("day").asText()));
            assertEquals("running", progress.get("state").asText());
            assertEquals(1, progress.get("days_done").asInt());

            JsonNode conflict = TestServer.json(s.post("/api/v1/scores/recompute", "", TOKEN), 409);
            assertEquals("recompute_running", conflict.get("error").asText());
            assertEquals(id, conflict.at("/recompute/id").asLong(), "the running one's status");
            assertEquals("running", conflict.at("/recompute/state").asText());
            assertTrue(conflict.get("message").asText().contains("day 2 of 8 (2024-05-04)"), conflict.toString());

            assertError(s.send("DELETE", "/api/v1/scores/recompute?wait=0", null), 401, "unauthorized", "Bearer");
            JsonNode cancelling = TestServer.json(s.send("DELETE", "/api/v1/scores/recompute?wait=0", null,
                    "Authorization", "Bearer " + TOKEN), 200);
            assertEquals(id, cancelling.at("/recompute/id").asLong());
            gate.release(100); // 4 May, the day being scored, is finished; no other day is started
            JsonNode cancelled = recomputeUntil(s, st -> !st.get("state").asText().equals("running"));
            assertEquals("cancelled", cancelled.get("state").asText(), cancelled.toString());
            assertEquals(2, cancelled.get("days_written").asInt(), cancelled.toString());
            assertTrue(cancelled.get("message").asText().startsWith("cancelled by DELETE"), cancelled.toString());
            assertFalse(s.store.snapshotDays().contains(LocalDate.parse("2024-05-05")));
            JsonNode overview = TestServer.json(s.get("/api/v1/overview"), 200);
            assertEquals("2024-05-04", overview.get("as_of").asText(), "the days written are served");
            assertEquals("cancelled", overview.at("/last_recompute/state").asText());

            JsonNode none = TestServer.json(s.send("DELETE", "/api/v1/scores/recompute", null,
                    "Authorization", "Bearer " + TOKEN), 409);
            assertEquals("not_running", none.get("error").asText());
            assertEquals(id, none.at("/recompute/id").asLong());
            // A new recompute may start now, and finishes the range.
            JsonNode again = TestServer.json(s.post("/api/v1/scores/recompute", "", TOKEN), 200);
            assertEquals(id + 1, again.at("/recompute/id").asLong());
            assertEquals("2024-05-10", again.get("as_of").asText());
        }
    }

    @Test
    void aRecomputeStopsAtItsTimeLimit() {
        try (TestServer s = TestServer.start(dir, TestServer.config().withRecomputeBounds(366, Duration.ofNanos(1)))) {
            JsonNode r = TestServer.json(s.post("/api/v1/scores/recompute", "", TOKEN), 200);
            assertEquals("cancelled", r.at("/recompute/state").asText(), r.toString());
            assertTrue(r.at("/recompute/message").asText().contains("time limit"), r.toString());
            assertEquals(0, r.get("days_written").asInt());
        }
    }

    // --- 3: blank and malformed account ids ---------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"%20", "%09", "%20%20", "%0A", "%E2%80%A8"})
    void blankOrMalformedIdsAre400OnEveryAccountRouteWithoutAStackTrace(String id) throws Exception {
        TestServer s = shared;
        String log = TestServer.captured(() -> {
            for (String route : List.of("", "/score", "/history", "/explain", "/influence", "/integrity", "/topics")) {
                HttpResponse<String> r = s.get("/api/v1/accounts/snap/" + id + route);
                assertError(r, 400, "bad_parameter", "'id'");
            }
            assertError(s.get("/api/v1/accounts/%20/1"), 400, "bad_parameter", "'network'");
        });
        assertFalse(log.contains("\tat ") || log.contains("Exception"), log);
    }

    // --- 4: method-override headers ------------------------------------------------------------------

    @Test
    void methodOverrideHeadersAreIgnored() {
        try (TestServer s = TestServer.start(dir, TestServer.config())) {
            for (String header : RenownServer.METHOD_OVERRIDES) {
                overrideIsIgnored(s, header);
            }
        }
    }

    private static void overrideIsIgnored(TestServer s, String header) {
        long before = s.store.interactionCount();
        HttpResponse<String> r = s.send("GET", "/api/v1/interactions", line("m1", "2024-05-04T09:00:00Z"),
                header, "POST", "Authorization", "Bearer " + TOKEN, "Content-Type", "application/x-ndjson");
        assertError(r, 405, "method_not_allowed", "GET");
        assertEquals("POST", r.headers().firstValue("Allow").orElse(null));
        assertEquals(before, s.store.interactionCount(), "nothing ingested");
        // Nor the other way: a POST stays a POST, a GET of the recompute status stays a read.
        JsonNode posted = TestServer.json(s.send("POST", "/api/v1/interactions", line("m2" + header, "2024-05-04T09:00:00Z"),
                header, "GET", "Authorization", "Bearer " + TOKEN), 200);
        assertEquals(1, posted.get("added").asInt());
        JsonNode status = TestServer.json(s.send("GET", "/api/v1/scores/recompute", null, header, "DELETE",
                "Authorization", "Bearer " + TOKEN), 200);
        assertTrue(status.get("recompute").isNull(), "nothing was cancelled or started");
        JsonNode read = TestServer.json(s.send("GET", "/api/v1/scores/recompute", null, header, "POST",
                "Authorization", "Bearer " + TOKEN), 200);
        assertTrue(read.get("recompute").isNull(), "no recompute started");
    }

    // --- 5: errors raised by the HTTP layer itself ----------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {
            "GET /%2e%2e/%2e%2e/etc/passwd HTTP/1.1",
            "GET /api/v1/%2e%2e/%2e%2e/x HTTP/1.1",
            "GET /..;/x HTTP/1.1",
            "GET /%00 HTTP/1.1",
            "GET /% HTTP/1.1",
            "GET /api/v1/accounts/snap/%ff HTTP/1.1",
            "POST /api/v1/interactions HTTP/1.1\r\nContent-Length: abc",
            "POST /api/v1/interactions HTTP/1.1\r\nContent-Length: -5",
            "POST /api/v1/interactions HTTP/1.1\r\nContent-Length: 99999999999999999999",
            "GET /api/v1/search?q=LONG_URI HTTP/1.1",
            "GET /health HTTP/1.1\r\nX-Big: LONG_HEADER",
            "GET /api/v1/overview HTTP/1.1\r\nHost: a\r\nHost: b",
            "GET /api/v1/overview HTTP/1.1\r\nBad Header: x",
            "BREW /api/v1/overview HTTP/1.1",
            "GET /api/v1/overview HTTP/7.0"})
    void errorsOfTheHttpLayerAreJsonWithTheSecurityHeaders(String request) throws IOException {
        TestServer s = shared;
        String text = request.replace("LONG_URI", "a".repeat(20_000)).replace("LONG_HEADER", "b".repeat(20_000));
        if (!text.contains("\r\nHost:")) {
            text = text.replaceFirst(" HTTP/(\\d\\.\\d)", " HTTP/$1\r\nHost: 127.0.0.1");
        }
        String response = s.raw(text + "\r\nConnection: close\r\n\r\n");
        int status = Integer.parseInt(response.substring(9, 12));
        assertTrue(status >= 400 && status < 500 || status == 505 && request.endsWith("HTTP/7.0"), response);
        String head = response.substring(0, response.indexOf("\r\n\r\n")).toLowerCase(java.util.Locale.ROOT);
        String body = response.substring(response.indexOf("\r\n\r\n") + 4);
        assertTrue(head.contains("content-type: application/json"), response);
        for (Map.Entry<String, String> h : JsonErrorHandler.SECURITY_HEADERS.entrySet()) {
            assertTrue(head.contains(h.getKey().toLowerCase(java.util.Locale.ROOT) + ": "
                    + h.getValue().toLowerCase(java.util.Locale.ROOT)), h.getKey() + " missing: " + response);
        }
        JsonNode error = TestServer.JSON.readTree(body);
        assertNotNull(error.get("error"), body);
        assertNotNull(error.get("message"), body);
        assertFalse(body.contains("<html") || body.contains("\tat "), body);
    }

    // --- 6: status codes ------------------------------------------------------------------------------

    @Test
    void methodsARouteDoesNotServeAre405AndNeverAskForTheToken() {
        TestServer s = shared;
        for (String path : READ_PATHS) {
            for (String method : List.of("PUT", "PATCH", "DELETE", "POST", "OPTIONS", "FOO")) {
                HttpResponse<String> r = s.send(method, path, method.equals("PUT") ? "x" : null);
                assertError(r, 405, "method_not_allowed", method);
                assertEquals("GET, HEAD", r.headers().firstValue("Allow").orElse(null), method + " " + path);
            }
            assertEquals(200, s.send("HEAD", path, null).statusCode(), "HEAD " + path);
        }
        HttpResponse<String> put = s.send("PUT", "/api/v1/interactions", "x", "Authorization", "Bearer " + TOKEN);
        assertError(put, 405, "method_not_allowed", "PUT");
        assertEquals("POST", put.headers().firstValue("Allow").orElse(null));
        assertEquals("DELETE, GET, HEAD, POST",
                s.send("PUT", "/api/v1/scores/recompute", null).headers().firstValue("Allow").orElse(null));
        assertError(s.send("PUT", "/api/v1/nothing", null), 404, "not_found", "/api/v1/nothing");
        assertError(s.send("PUT", "/app.js", null), 405, "method_not_allowed", "PUT");
    }

    @ParameterizedTest
    @ValueSource(strings = {" ", "\n", "  \n\t\r\n  \n"})
    void aBlankBodyIs400(String body) {
        TestServer s = shared;
        assertError(s.post("/api/v1/interactions", body, TOKEN), 400, "bad_parameter", "'body'");
    }

    @Test
    void controlCharactersUnknownNetworksAndCaseAreHandledAlike() {
        TestServer s = shared;
        for (String q : List.of("%00", "a%00", "%0A", "%1B", "%40", "%20%40%20")) {
            assertError(s.get("/api/v1/search?q=" + q), 400, "bad_parameter", "'q'");
        }
        assertError(s.get("/api/v1/accounts?handle=%00"), 400, "bad_parameter", "'handle'");
        assertError(s.get("/api/v1/leaderboard?topic=a%00"), 400, "bad_parameter", "'topic'");
        // An unknown network and an unknown topic are the same mistake, and get the same answer.
        assertError(s.get("/api/v1/leaderboard?network=nosuchnet"), 400, "bad_parameter", "'network'");
        assertError(s.get("/api/v1/leaderboard?topic=nosuchtopic"), 400, "bad_parameter", "'topic'");
        // Ingest stores networks in lower case; reads find them in any case.
        JsonNode lower = TestServer.json(s.get("/api/v1/accounts/demo/1/score"), 200);
        JsonNode upper = TestServer.json(s.get("/api/v1/accounts/DEMO/1/score"), 200);
        assertEquals(lower, upper);
        assertEquals("demo", upper.at("/account/network").asText());
        assertEquals(200, s.get("/api/v1/accounts/Demo/1").statusCode());
        assertEquals("1", TestServer.json(s.get("/api/v1/accounts?handle=ann&network=DEMO"), 200)
                .at("/accounts/0/id").asText());
    }

    // --- 10: what is stored against what is scored ----------------------------------------------------

    @Test
    void theOverviewCountsWhatIsStoredBesideWhatIsScored() {
        try (TestServer s = TestServer.start(dir, TestServer.config())) {
            JsonNode o = TestServer.json(s.get("/api/v1/overview"), 200);
            assertEquals(12, o.at("/stored/interactions").asLong());
            assertEquals(s.store.accountCount(), o.at("/stored/accounts").asLong());
            assertEquals(Instant.ofEpochMilli(s.store.lastInteractionMillis().getAsLong()).toString(),
                    o.at("/stored/last_interaction").asText());
            assertEquals(12, o.at("/scored/interactions_in_window").asLong());
            assertEquals(0, o.at("/scored/interactions_stored_since").asLong());
            assertTrue(o.at("/scored/up_to_date").asBoolean(), o.toString());
            assertTrue(o.get("last_recompute").isNull());

            TestServer.json(s.post("/api/v1/interactions", line("o1", "2024-05-04T09:00:00Z")
                    + line("o2", "2024-05-04T10:00:00Z"), TOKEN), 200);
            o = TestServer.json(s.get("/api/v1/overview"), 200);
            assertEquals(14, o.at("/stored/interactions").asLong(), "counted at once");
            assertEquals("2024-05-04T10:00:00Z", o.at("/stored/last_interaction").asText());
            assertEquals(12, o.at("/scored/interactions_in_window").asLong(), "not scored yet");
            assertEquals(2, o.at("/scored/interactions_stored_since").asLong());
            assertFalse(o.at("/scored/up_to_date").asBoolean());
            assertTrue(o.at("/scored/note").asText().contains("recompute"), o.toString());
            assertEquals("2024-05-03", o.get("as_of").asText());

            TestServer.json(s.post("/api/v1/scores/recompute", "", TOKEN), 200);
            o = TestServer.json(s.get("/api/v1/overview"), 200);
            assertEquals("2024-05-04", o.get("as_of").asText());
            assertEquals(14, o.at("/scored/interactions_in_window").asLong());
            assertTrue(o.at("/scored/up_to_date").asBoolean(), o.toString());
            assertEquals("done", o.at("/last_recompute/state").asText());
            assertEquals(2, o.at("/last_recompute/days_written").asInt());
        }
    }
}
