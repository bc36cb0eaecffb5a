package dev.renown.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.dialect.Dialects;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every operation of the OpenAPI document, called on real servers for each response it documents
 * — success and error — and each answer validated against the document by networknt's
 * json-schema-validator (OpenAPI 3.1 dialect, format assertions on). The document is validated in
 * a stricter copy: objects with declared properties get {@code additionalProperties: false}, so an
 * undocumented field fails too. Every documented (operation, status) pair, in each of its media
 * types, must be met, and every answer must be documented for its operation.
 *
 * <p>Servers: the fixture with the token; the same with reads protected (401 on reads); one that
 * lets a client one request (429); one that takes 64-byte bodies (413); one whose store makes a
 * test wait before each day of a recompute is written, or fail (202, 409, 503); and one whose
 * database is gone (503 on health).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OpenApiConformanceTest {

    private static final String DOC_URI = "https://renown.invalid/openapi.json";
    private static final String TOKEN = TestServer.TOKEN;
    private static final String AUTH = "Bearer " + TOKEN;
    private static final String NEW_LINE = "{\"id\":\"x1\",\"network\":\"demo\",\"kind\":\"mention\",\"actor\":\"2\","
            + "\"target\":\"1\",\"time\":\"2024-05-03T20:00:00Z\"}\n";

    @TempDir
    static Path dir;

    static JsonNode doc;
    static SchemaRegistry registry;
    static TestServer main;
    static TestServer guarded;
    static TestServer limited;
    static TestServer small;
    static TestServer gated;
    static Semaphore gate = new Semaphore(0);
    static AtomicBoolean broken = new AtomicBoolean();

    /**
     * (operation, status) pairs met so far, and (operation, status, media type) triples:
     * {@code GET /api/v1/search 400}, {@code GET /api/v1/search 400 application/json}.
     */
    static final Set<String> met = new TreeSet<>();

    @BeforeAll
    static void start() throws IOException {
        try (InputStream in = OpenApiConformanceTest.class.getResourceAsStream("/openapi.json")) {
            doc = TestServer.JSON.readTree(in);
        }
        JsonNode strict = doc.deepCopy();
        forbidUndeclaredProperties(strict.get("components"));
        forbidUndeclaredProperties(strict.get("paths"));
        SchemaRegistryConfig config = SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build();
        registry = SchemaRegistry.withDefaultDialect(Dialects.getOpenApi31(), builder -> builder
                .schemas(Map.of(DOC_URI, strict.toString())).schemaRegistryConfig(config));

        main = TestServer.start(dir.resolve("main"), TestServer.config());
        guarded = TestServer.start(dir.resolve("guarded"), TestServer.config().withProtectedReads(true));
        limited = TestServer.start(dir.resolve("limited"), TestServer.config().withRate(0.001, 1));
        small = TestServer.start(dir.resolve("small"), TestServer.config().withMaxBody(64));
        gated = TestServer.start(dir.resolve("gated"), TestServer.config(), TestServer.FIXTURE,
                store -> TestServer.gated(store, gate, broken));
        for (TestServer s : new TestServer[] {main, guarded}) { // topics with scores, for the topic and find reads
            TestServer.load(s.store, FindApiTest.FIXTURE);
        }
        for (TestServer s : new TestServer[] {main, guarded, limited}) { // a person for the people reads
            s.store.replacePerson(PERSON, List.of(new dev.renown.core.event.AccountKey("demo", "1"),
                    new dev.renown.core.event.AccountKey("other", "8")), "test", java.time.Instant.now());
            s.server.service().refresh();
        }
        new dev.renown.store.Backfill(main.store, dev.renown.core.score.ScoringParameters.defaults())
                .run(java.time.LocalDate.of(2024, 5, 1), java.time.LocalDate.of(2024, 5, 3), false, 1, i -> { });
        limited.get("/api/v1/overview"); // the one request of its burst
    }

    /** The person linked on the servers: ann (demo:1) and yan (other:8). */
    private static final String PERSON = "annyan";

    @AfterAll
    static void stop() {
        gate.release(1_000);
        for (TestServer s : new TestServer[] {main, guarded, limited, small, gated}) {
            if (s != null) {
                s.close();
            }
        }
    }

    /** Adds {@code additionalProperties: false} to every object schema that declares properties and says nothing else. */
    private static void forbidUndeclaredProperties(JsonNode node) {
        if (node instanceof ObjectNode o) {
            if (o.has("properties") && o.get("properties").isObject() && !o.has("additionalProperties")
                    && !o.has("patternProperties")) {
                o.put("additionalProperties", false);
            }
            for (Iterator<JsonNode> it = o.elements(); it.hasNext(); ) {
                forbidUndeclaredProperties(it.next());
            }
        } else if (node != null && node.isArray()) {
            node.forEach(OpenApiConformanceTest::forbidUndeclaredProperties);
        }
    }

    /** The documented response of an operation for a status, or null. */
    private static JsonNode documented(String method, String template, int status) {
        JsonNode r = doc.at("/paths/" + template.replace("~", "~0").replace("/", "~1") + "/"
                + method.toLowerCase(Locale.ROOT) + "/responses/" + status);
        if (r.isMissingNode()) {
            return null;
        }
        if (r.has("$ref")) {
            r = doc.at(r.get("$ref").asText().substring(1));
        }
        return r;
    }

    /**
     * Checks one answer against the document: its status is documented for the operation, its
     * content type is the documented one, and its body validates against the documented schema.
     */
    private static void check(String method, String template, HttpResponse<String> r) {
        int status = r.statusCode();
        String what = method + " " + r.request().uri() + " -> " + status + ": " + r.body();
        JsonNode response = documented(method, template, status);
        assertTrue(response != null, "undocumented status: " + what);
        met.add(method + " " + template + " " + status);
        String type = r.headers().firstValue("Content-Type").orElse("");
        JsonNode content = response.get("content");
        String mediaType = content.fieldNames().next();
        for (Iterator<String> types = content.fieldNames(); types.hasNext(); ) {
            String documentedType = types.next();
            if (type.startsWith(documentedType)) {
                mediaType = documentedType;
            }
        }
        assertTrue(type.startsWith(mediaType), "content type " + type + ", documented " + mediaType + ": " + what);
        met.add(method + " " + template + " " + status + " " + mediaType);
        if (!mediaType.equals("application/json")) {
            return;
        }
        String pointer = findPointer(method, template, status, mediaType);
        Schema schema = registry.getSchema(SchemaLocation.of(DOC_URI + "#" + pointer));
        List<Error> errors = schema.validate(r.body(), InputFormat.JSON);
        assertTrue(errors.isEmpty(), errors + "\n" + what);
    }

    /** The JSON pointer of the schema of a documented response, following a {@code $ref} to a shared response. */
    private static String findPointer(String method, String template, int status, String mediaType) {
        String responses = "/paths/" + template.replace("~", "~0").replace("/", "~1") + "/"
                + method.toLowerCase(Locale.ROOT) + "/responses/" + status;
        JsonNode r = doc.at(responses);
        String base = r.has("$ref") ? r.get("$ref").asText().substring(1) : responses;
        return base + "/content/" + mediaType.replace("/", "~1") + "/schema";
    }

    private static void expect(int status, String method, String template, HttpResponse<String> r) {
        assertEquals(status, r.statusCode(), method + " " + r.request().uri() + ": " + r.body());
        check(method, template, r);
    }

    /** The path of a template with the fixture's account, or another. */
    private static String path(String template, String network, String id) {
        return template.replace("{network}", network).replace("{id}", id).replace("{topic}", "ev")
                .replace("{person}", id.equals("1") ? PERSON : id);
    }

    /** Every documented operation, as {@code METHOD template}. */
    private static List<String[]> operations() {
        List<String[]> ops = new ArrayList<>();
        doc.get("paths").fields().forEachRemaining(p -> p.getValue().fieldNames().forEachRemaining(m -> {
            if (!m.equals("parameters")) {
                ops.add(new String[] {m.toUpperCase(Locale.ROOT), p.getKey()});
            }
        }));
        return ops;
    }

    /** A valid query for the operations that need one. */
    private static String query(String template) {
        return switch (template) {
            case "/api/v1/accounts" -> "?handle=ann";
            case "/api/v1/search" -> "?q=a";
            case "/api/v1/find" -> "?topic=ev";
            default -> "";
        };
    }

    @Test
    void everyDocumentedReadAnswersAsDocumented() {
        for (String[] op : operations()) {
            String method = op[0];
            String template = op[1];
            if (!method.equals("GET")) {
                continue;
            }
            String ok = path(template, "demo", "1") + query(template);
            expect(200, method, template, main.get(ok));
            // A method the path does not serve: PUT, or PATCH where PUT writes.
            boolean writable = doc.at("/paths/" + template.replace("/", "~1") + "/put").isObject()
                    || template.startsWith("/api/v1/people/"); // PUT /people/suggestions is PUT /people/{person}
            expect(405, method, template, main.send(writable ? "PATCH" : "PUT", ok, "x"));
            if (template.equals("/health")) {
                continue; // never rate-limited, never protected
            }
            expect(429, method, template, limited.get(ok));
            expect(401, method, template, guarded.get(ok));
            expect(200, method, template, guarded.get(ok, TOKEN));
            if (template.contains("{id}") || template.contains("{person}")) {
                expect(404, method, template, main.get(path(template, "demo", "nobody")));
                expect(400, method, template, main.get(path(template, "demo", "%20")));
            }
        }
        // The other documented errors of reads: each bad parameter.
        expect(400, "GET", "/api/v1/accounts", main.get("/api/v1/accounts?handle=%40"));
        expect(404, "GET", "/api/v1/accounts", main.get("/api/v1/accounts?handle=nobody"));
        expect(400, "GET", "/api/v1/search", main.get("/api/v1/search?q=%00"));
        expect(400, "GET", "/api/v1/leaderboard", main.get("/api/v1/leaderboard?flagged=maybe"));
        expect(400, "GET", "/api/v1/runs", main.get("/api/v1/runs?kind=nightly"));
        expect(400, "GET", "/api/v1/people", main.get("/api/v1/people?limit=0"));
        expect(400, "GET", "/api/v1/people/{person}/history", main.get("/api/v1/people/annyan/history?from=x"));
        expect(400, "GET", "/api/v1/runs", main.get("/api/v1/runs?limit=501"));
        expect(400, "GET", "/api/v1/accounts/{network}/{id}/history", main.get("/api/v1/accounts/demo/1/history?from=x"));
        expect(400, "GET", "/api/v1/find", main.get("/api/v1/find?min_score=lots"));
        expect(404, "GET", "/api/v1/find", main.get("/api/v1/find?topic=ev&similar_to=demo:nobody"));
        expect(400, "GET", "/api/v1/topics/{topic}", main.get("/api/v1/topics/%20"));
        expect(404, "GET", "/api/v1/topics/{topic}", main.get("/api/v1/topics/nosuch"));
        // Successes with their variants: a topic-less network page, a cursor, a history range, the limits.
        expect(200, "GET", "/api/v1/leaderboard", main.get("/api/v1/leaderboard?network=other&limit=1"));
        String cursor = TestServer.json(main.get("/api/v1/leaderboard?limit=2"), 200).get("next_cursor").asText();
        expect(200, "GET", "/api/v1/leaderboard", main.get("/api/v1/leaderboard?limit=2&flagged=hide&cursor=" + cursor));
        expect(200, "GET", "/api/v1/search", main.get("/api/v1/search?q=%40ann&limit=100"));
        // Campaign search with every filter, and as CSV (text/csv, by parameter and by Accept).
        expect(200, "GET", "/api/v1/find", main.get("/api/v1/find?topic=%23ev&network=demo&min_score=1&audience=1-1k"
                + "&min_conversation=0.1&exclude_flagged=false&similar_to=demo:ev2&similar_to=demo:ev3&min_overlap=0.5&limit=100"));
        expect(200, "GET", "/api/v1/find", main.get("/api/v1/find?topic=ev&format=csv"));
        expect(200, "GET", "/api/v1/find", main.send("GET", "/api/v1/find", null, "Accept", "text/csv"));
        expect(200, "GET", "/api/v1/runs", main.get("/api/v1/runs?kind=backfill&limit=500"));
        expect(200, "GET", "/api/v1/accounts/{network}/{id}/explain", main.get("/api/v1/accounts/other/8/explain?limit=50"));
        expect(200, "GET", "/api/v1/accounts/{network}/{id}/history",
                main.get("/api/v1/accounts/demo/2/history?from=2024-05-02&to=2024-05-03"));
        expect(200, "GET", "/api/v1/accounts/{network}/{id}/influence", main.get("/api/v1/accounts/other/9/influence?limit=100"));
        expect(200, "GET", "/api/v1/accounts/{network}/{id}/integrity", main.get("/api/v1/accounts/demo/4/integrity?limit=1"));
    }

    @Test
    void everyDocumentedWriteAnswersAsDocumented() throws InterruptedException {
        String ingest = "/api/v1/interactions";
        expect(200, "POST", ingest, main.post(ingest, NEW_LINE, TOKEN));
        expect(200, "POST", ingest, main.post(ingest, NEW_LINE + "not json\n", TOKEN));
        expect(400, "POST", ingest, main.post(ingest, "not json\n", TOKEN));
        expect(400, "POST", ingest, main.post(ingest, " \n", TOKEN));
        expect(400, "POST", ingest, main.post(ingest + "?network=a:b", NEW_LINE, TOKEN));
        expect(401, "POST", ingest, main.post(ingest, NEW_LINE, null));
        expect(401, "POST", ingest, main.post(ingest, NEW_LINE, "wrong"));
        expect(405, "POST", ingest, main.send("PUT", ingest, NEW_LINE, "Authorization", AUTH));
        expect(413, "POST", ingest, small.post(ingest, NEW_LINE.repeat(4), TOKEN));
        expect(429, "POST", ingest, limited.post(ingest, NEW_LINE, TOKEN));

        // A suggestion: the same handle on two networks, then confirmed.
        String twins = "{\"id\":\"t1\",\"network\":\"mastodon\",\"kind\":\"reply\",\"actor\":\"m1\",\"target\":\"m2\","
                + "\"time\":\"2024-05-03T15:00:00Z\",\"actor_handle\":\"carol_writes\"}\n{\"id\":\"t2\",\"network\":\"bluesky\","
                + "\"kind\":\"reply\",\"actor\":\"b1\",\"target\":\"b2\",\"time\":\"2024-05-03T15:00:00Z\","
                + "\"actor_handle\":\"carol_writes.bsky.social\"}\n";
        expect(200, "POST", ingest, main.post(ingest, twins, TOKEN));
        String suggestions = "/api/v1/people/suggestions";
        String confirm = suggestions + "/{suggestion}/confirm";
        String id = TestServer.json(main.get(suggestions), 200).at("/items/0/id").asText();
        expect(200, "GET", suggestions, main.get(suggestions + "?limit=100"));
        expect(400, "POST", confirm, main.post(suggestions + "/nope/confirm", "", TOKEN));
        expect(401, "POST", confirm, main.post(suggestions + "/" + id + "/confirm", "", null));
        expect(405, "POST", confirm, main.send("PUT", suggestions + "/" + id + "/confirm", "", "Authorization", AUTH));
        expect(429, "POST", confirm, limited.post(suggestions + "/" + id + "/confirm", "", TOKEN));
        expect(200, "POST", confirm, main.post(suggestions + "/" + id + "/confirm", "", TOKEN));
        expect(404, "POST", confirm, main.post(suggestions + "/" + id + "/confirm", "", TOKEN));
        expect(400, "GET", suggestions, main.get(suggestions + "?limit=x"));

        String person = "/api/v1/people/{person}";
        String links = "{\"accounts\": [{\"network\": \"demo\", \"id\": \"2\"}]}";
        String json = "application/json";
        expect(200, "PUT", person, main.send("PUT", "/api/v1/people/bob", links, "Authorization", AUTH,
                "Content-Type", json));
        expect(200, "PUT", person, main.send("PUT", "/api/v1/people/bob", "{\"accounts\": []}", "Authorization", AUTH,
                "Content-Type", json));
        expect(400, "PUT", person, main.send("PUT", "/api/v1/people/bob", "{\"accounts\": 1}", "Authorization", AUTH,
                "Content-Type", json));
        expect(401, "PUT", person, main.send("PUT", "/api/v1/people/bob", links, "Content-Type", json));
        expect(405, "PUT", person, main.send("DELETE", "/api/v1/people/bob", null, "Authorization", AUTH));
        expect(413, "PUT", person, small.send("PUT", "/api/v1/people/bob", links + " ".repeat(100), "Authorization",
                AUTH, "Content-Type", json));
        expect(429, "PUT", person, limited.send("PUT", "/api/v1/people/bob", links, "Authorization", AUTH,
                "Content-Type", json));

        String recompute = "/api/v1/scores/recompute";
        expect(200, "GET", recompute, main.get(recompute));
        expect(200, "POST", recompute, main.post(recompute, "", TOKEN));
        expect(200, "GET", recompute, main.get(recompute));
        expect(400, "POST", recompute, main.post(recompute + "?wait=-1", "", TOKEN));
        expect(401, "POST", recompute, main.post(recompute, "", null));
        expect(429, "POST", recompute, limited.post(recompute, "", TOKEN));
        expect(409, "DELETE", recompute, main.send("DELETE", recompute, null, "Authorization", AUTH));
        expect(400, "DELETE", recompute, main.send("DELETE", recompute + "?wait=soon", null, "Authorization", AUTH));
        expect(401, "DELETE", recompute, main.send("DELETE", recompute, null));
        expect(429, "DELETE", recompute, limited.send("DELETE", recompute, null, "Authorization", AUTH));
        expect(405, "DELETE", recompute, main.send("PATCH", recompute, null, "Authorization", AUTH));
        expect(405, "POST", recompute, main.send("PUT", recompute, null, "Authorization", AUTH));

        // A recompute that waits for the test: 202, then 409 while it runs, then cancelled (200).
        expect(202, "POST", recompute, gated.post(recompute + "?wait=0", "", TOKEN));
        expect(409, "POST", recompute, gated.post(recompute, "", TOKEN));
        expect(200, "GET", recompute, gated.get(recompute));
        expect(200, "DELETE", recompute, gated.send("DELETE", recompute + "?wait=0", null, "Authorization", AUTH));
        gate.release(1_000);
        for (int i = 0; i < 200 && TestServer.json(gated.get(recompute), 200).at("/recompute/state").asText()
                .equals("running"); i++) {
            Thread.sleep(50);
        }
        expect(200, "GET", recompute, gated.get(recompute));
        // One whose store fails: 503 with its status, and one line in the log.
        broken.set(true);
        expect(503, "POST", recompute, gated.post(recompute, "", TOKEN));
        broken.set(false);
    }

    @Test
    void healthIs503AsDocumentedWhenTheDatabaseIsGone() {
        TestServer down = TestServer.start(dir.resolve("down"), TestServer.config());
        try {
            down.store.close();
            expect(503, "GET", "/health", down.get("/health"));
        } finally {
            down.server.close();
        }
    }

    @Test
    @Order(Integer.MAX_VALUE)
    void everyDocumentedResponseIsMet() {
        Set<String> documented = new TreeSet<>();
        for (String[] op : operations()) {
            doc.at("/paths/" + op[1].replace("/", "~1") + "/" + op[0].toLowerCase(Locale.ROOT) + "/responses")
                    .fields().forEachRemaining(status -> {
                        documented.add(op[0] + " " + op[1] + " " + status.getKey());
                        JsonNode response = status.getValue().has("$ref")
                                ? doc.at(status.getValue().get("$ref").asText().substring(1)) : status.getValue();
                        response.path("content").fieldNames().forEachRemaining(type ->
                                documented.add(op[0] + " " + op[1] + " " + status.getKey() + " " + type));
                    });
        }
        Set<String> missing = new TreeSet<>(documented);
        missing.removeAll(met);
        assertTrue(missing.isEmpty(), "documented but never met: " + missing);
        assertEquals(documented, met, "every answer met is documented, and every documented one met");
    }

    @Test
    void theValidatorCatchesWhatTheDocumentDoesNotSay() {
        // The check is not vacuous: a missing required field, a wrong type, an undocumented field all fail.
        Schema score = registry.getSchema(SchemaLocation.of(DOC_URI + "#/components/schemas/Score"));
        String good = main.get("/api/v1/accounts/demo/1/score").body();
        assertTrue(score.validate(good, InputFormat.JSON).isEmpty());
        assertTrue(!score.validate(good.replace("\"rank\":", "\"rang\":"), InputFormat.JSON).isEmpty());
        assertTrue(!score.validate(good.replace("\"flagged\":false", "\"flagged\":\"no\""), InputFormat.JSON).isEmpty());
        assertTrue(!score.validate(good.replaceFirst("\\{", "{\"extra\":1,"), InputFormat.JSON).isEmpty());
        assertTrue(!score.validate(good.replace("\"as_of\":\"2024-05-03\"", "\"as_of\":\"3 May\""), InputFormat.JSON).isEmpty(),
                "formats are asserted");
    }
}
