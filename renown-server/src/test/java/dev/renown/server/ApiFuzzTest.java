package dev.renown.server;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Drives a running server with {@value #REQUESTS} requests generated from the OpenAPI document —
 * random methods on the documented paths, path and query parameters drawn from each parameter's
 * schema (valid values, its bounds and one past them, wrong types, blanks, control characters,
 * long and non-ASCII text, traversal attempts), undeclared parameters, random headers
 * (method overrides, wrong tokens, forwarded addresses, content types) and bodies (valid and
 * broken NDJSON) — and {@value #RAW} more written straight to the socket, malformed as no HTTP
 * client would send them. Never with the token. Then: no answer is a 5xx; every answer carries
 * the security headers and, if an error, the JSON error format; no answer and no line of the log
 * holds a stack trace; and the stored data is exactly as before.
 *
 * <p>The generator is seeded ({@link #SEED}); a failure names the request that caused it.
 */
class ApiFuzzTest {

    static final int REQUESTS = 12_000;
    static final int RAW = 1_000;
    static final long SEED = 0x5EED_14L;
    private static final int THREADS = 4;
    private static final List<String> METHODS = List.of("GET", "GET", "GET", "POST", "PUT", "PATCH", "DELETE", "HEAD",
            "OPTIONS", "TRACE", "FOO", "PROPFIND");
    private static final List<String> TEXTS = List.of("", " ", "  ", "\t", "\u0000", "\n", "a", "ann", "@ann", "@", "#java",
            "DEMO", "demo", "other", "1", "9", "nobody", "did:plc:abc", "a:b", "a/b", "..", "../..", "%2e%2e", "%",
            "%00", "ü", "日本語", "\uD83D\uDE00", "\u2028", "\u202E", "<script>alert(1)</script>", "' OR 1=1 --",
            "\"; DROP TABLE interactions; --", "${jndi:ldap://x}", "{{7*7}}", "null", "true", "-1", "0", "1e309", "NaN",
            "9".repeat(30), "x".repeat(101), "y".repeat(600), "z".repeat(5_000));

    @TempDir
    Path dir;

    private JsonNode doc;

    /** One request, as generated: for messages and counting. */
    private record Sent(String method, String operation, String uri, Map<String, String> headers, String body) {
        @Override
        public String toString() {
            String b = body == null ? "" : " body " + (body.length() > 200 ? body.substring(0, 200) + "…" : body);
            return method + " " + uri + " " + headers + b;
        }
    }

    @Test
    void tenThousandGeneratedRequestsFindNo5xxNoStackTraceAndChangeNothingWithoutTheToken() throws Exception {
        try (InputStream in = ApiFuzzTest.class.getResourceAsStream("/openapi.json")) {
            doc = TestServer.JSON.readTree(in);
        }
        try (TestServer s = TestServer.start(dir, TestServer.config())) {
            String before = fingerprint(s);
            Map<String, AtomicLong> byStatus = new ConcurrentHashMap<>();
            Map<String, AtomicLong> byOperation = new ConcurrentHashMap<>();
            List<String> failures = java.util.Collections.synchronizedList(new ArrayList<>());
            String log = TestServer.captured(() -> {
                ExecutorService pool = Executors.newFixedThreadPool(THREADS);
                List<Future<?>> done = new ArrayList<>();
                for (int t = 0; t < THREADS; t++) {
                    Random random = new Random(SEED + t);
                    int n = REQUESTS / THREADS;
                    done.add(pool.submit(() -> {
                        // A client per thread: each one's connections carry its own requests only.
                        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
                        Sent previous = null;
                        for (int i = 0; i < n && failures.size() < 20; i++) {
                            Sent sent = generate(random, s.base);
                            byOperation.computeIfAbsent(sent.operation(), k -> new AtomicLong()).incrementAndGet();
                            HttpResponse<String> r;
                            try {
                                r = http.send(request(sent), HttpResponse.BodyHandlers.ofString());
                            } catch (IllegalArgumentException e) {
                                byStatus.computeIfAbsent("refused by the client", k -> new AtomicLong()).incrementAndGet();
                                continue; // a request java.net.http will not send; the raw part covers those
                            } catch (IOException e) {
                                failures.add(sent + " -> " + e + "; the request before it on this client: " + previous);
                                continue;
                            } finally {
                                previous = sent;
                            }
                            byStatus.computeIfAbsent(r.statusCode() / 100 + "xx", k -> new AtomicLong()).incrementAndGet();
                            String problem = problem(r.statusCode(), r.headers().map(), r.body(), sent.method());
                            if (problem != null) {
                                failures.add(sent + " -> " + r.statusCode() + " " + r.body() + ": " + problem);
                            }
                        }
                        return null;
                    }));
                }
                for (int t = 0; t < THREADS; t++) {
                    Random random = new Random(SEED - 1 - t);
                    done.add(pool.submit(() -> {
                        for (int i = 0; i < RAW / THREADS && failures.size() < 20; i++) {
                            String request = rawRequest(random);
                            String response = s.raw(request);
                            byOperation.computeIfAbsent("raw", k -> new AtomicLong()).incrementAndGet();
                            String problem = rawProblem(response, request, byStatus);
                            if (problem != null) {
                                failures.add(request.substring(0, Math.min(300, request.length())) + " -> " + response
                                        + ": " + problem);
                            }
                        }
                        return null;
                    }));
                }
                for (Future<?> f : done) {
                    f.get();
                }
                pool.shutdown();
            });
            long total = byOperation.values().stream().mapToLong(AtomicLong::get).sum();
            System.out.println("fuzz: " + total + " requests (seed " + SEED + "); answers " + new TreeMap<>(byStatus)
                    + "; by operation " + new TreeMap<>(byOperation));
            assertTrue(failures.isEmpty(), failures.size() + " failures, first: " + String.join("\n", failures));
            assertTrue(total >= REQUESTS + RAW, total + " requests");
            assertTrue(byStatus.getOrDefault("2xx", new AtomicLong()).get() > 1_000, "the fuzz reaches the handlers: " + byStatus);
            assertTrue(!log.contains("\tat ") && !log.contains("Exception") && !log.contains(" ERROR "),
                    "the log has a stack trace or an error:\n" + log);
            assertEquals(before, fingerprint(s), "stored data changed");
        }
    }

    /** What is wrong with an answer to a request written by hand, or null; counts it. */
    private static String rawProblem(String response, String request, Map<String, AtomicLong> byStatus) {
        if (response.isEmpty()) {
            byStatus.computeIfAbsent("closed without answer", k -> new AtomicLong()).incrementAndGet();
            return null;
        }
        int status = Integer.parseInt(response.substring(9, 12));
        byStatus.computeIfAbsent(status / 100 + "xx", k -> new AtomicLong()).incrementAndGet();
        int split = response.indexOf("\r\n\r\n");
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (String line : response.substring(0, split).split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                headers.put(line.substring(0, colon).trim(), List.of(line.substring(colon + 1).trim()));
            }
        }
        return problem(status, headers, response.substring(split + 4), request.substring(0, request.indexOf(' ')));
    }

    /** What is wrong with an answer, or null. */
    private static String problem(int status, Map<String, List<String>> headers, String body, String method) {
        if (status >= 500 && status != 505) {
            return "a 5xx";
        }
        Map<String, List<String>> h = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        h.putAll(headers);
        for (Map.Entry<String, String> e : JsonErrorHandler.SECURITY_HEADERS.entrySet()) {
            if (!h.containsKey(e.getKey()) || !h.get(e.getKey()).get(0).equals(e.getValue())) {
                return "no " + e.getKey();
            }
        }
        if (body.contains("\tat ") || body.contains("at dev.renown.") || body.contains("java.lang.")) {
            return "a stack trace";
        }
        // An HTML error page; a 200 may be the dashboard's page (a target such as /#frag is the path /).
        if (status >= 300 && (body.contains("<html") || body.contains("<HTML"))) {
            return "an HTML error page";
        }
        if (status >= 400 && !method.equals("HEAD")) {
            try {
                JsonNode error = TestServer.JSON.readTree(body);
                if (error == null || !error.hasNonNull("error") || !error.hasNonNull("message")) {
                    return "not the JSON error format";
                }
            } catch (IOException e) {
                return "not JSON";
            }
        }
        return null;
    }

    /** What the store holds, in full enough detail to see any change. */
    private static String fingerprint(TestServer s) {
        StringBuilder b = new StringBuilder();
        b.append(s.store.interactionCount()).append(' ').append(s.store.accountCount()).append(' ')
                .append(s.store.runs().size()).append(' ').append(s.store.calibrations().size()).append(' ')
                .append(s.store.lastInteractionMillis()).append(' ').append(s.store.firstInteractionMillis());
        for (LocalDate day : s.store.snapshotDays()) {
            b.append(' ').append(day).append('=').append(s.store.snapshots(day));
        }
        b.append(' ').append(s.store.load(Long.MIN_VALUE, Long.MAX_VALUE).size());
        return b.toString();
    }

    // --- generation from the document ------------------------------------------------------------------

    private Sent generate(Random random, String base) {
        List<String> paths = new ArrayList<>();
        doc.get("paths").fieldNames().forEachRemaining(paths::add);
        String template = paths.get(random.nextInt(paths.size()));
        JsonNode item = doc.get("paths").get(template);
        List<String> documentedMethods = new ArrayList<>();
        item.fieldNames().forEachRemaining(m -> {
            if (!m.equals("parameters")) {
                documentedMethods.add(m.toUpperCase(Locale.ROOT));
            }
        });
        String method = random.nextInt(10) < 7 ? documentedMethods.get(random.nextInt(documentedMethods.size()))
                : METHODS.get(random.nextInt(METHODS.size()));
        JsonNode operation = item.get(method.toLowerCase(Locale.ROOT));
        List<JsonNode> parameters = new ArrayList<>();
        item.path("parameters").forEach(p -> parameters.add(resolve(p)));
        if (operation != null) {
            operation.path("parameters").forEach(p -> parameters.add(resolve(p)));
        }
        String path = template;
        StringBuilder query = new StringBuilder();
        for (JsonNode p : parameters) {
            String name = p.get("name").asText();
            if (p.get("in").asText().equals("path")) {
                path = path.replace("{" + name + "}", encodePathValue(random, value(random, p.get("schema"), name)));
            } else if (p.path("required").asBoolean() || random.nextInt(10) < 6) {
                appendQuery(query, name, value(random, p.get("schema"), name), random);
            }
        }
        if (random.nextInt(10) == 0) {
            appendQuery(query, TEXTS.get(random.nextInt(TEXTS.size())).replaceAll("[^a-z]", "") + "x",
                    TEXTS.get(random.nextInt(TEXTS.size())), random);
        }
        if (random.nextInt(20) == 0) {
            path = path + (random.nextBoolean() ? "/" : "/extra");
        }
        Map<String, String> headers = new TreeMap<>();
        if (random.nextInt(4) == 0) {
            headers.put(List.of("X-HTTP-Method-Override", "X-HTTP-Method", "X-Method-Override").get(random.nextInt(3)),
                    List.of("POST", "DELETE", "PUT", "GET").get(random.nextInt(4)));
        }
        if (random.nextInt(3) == 0) {
            headers.put("Authorization", List.of("Bearer wrong", "Bearer ", "Basic " + TestServer.TOKEN,
                    "Bearer " + TestServer.TOKEN + "x", "bearer rn_" + random.nextLong(), "Token x").get(random.nextInt(6)));
        }
        if (random.nextInt(4) == 0) {
            headers.put("Content-Type", List.of("application/x-ndjson", "application/json", "text/plain",
                    "multipart/form-data; boundary=x", "application/x-www-form-urlencoded", "??").get(random.nextInt(6)));
        }
        if (random.nextInt(5) == 0) {
            headers.put("X-Forwarded-For", random.nextInt(256) + "." + random.nextInt(256) + ".0.1");
        }
        if (random.nextInt(8) == 0) {
            headers.put("Accept", List.of("text/html", "*/*", "application/xml", "").get(random.nextInt(4)));
        }
        String body = null;
        if (!method.equals("GET") && !method.equals("HEAD") && random.nextInt(4) != 0) {
            body = body(random);
        }
        String uri = base + path + query;
        return new Sent(method, method + " " + template, uri, headers, body);
    }

    private JsonNode resolve(JsonNode parameter) {
        return parameter.has("$ref") ? doc.at(parameter.get("$ref").asText().substring(1)) : parameter;
    }

    /** A value for a parameter: from its schema, its bounds and past them, or anything at all. */
    private static String value(Random random, JsonNode schema, String name) {
        int pick = random.nextInt(10);
        if (pick < 3) {
            return TEXTS.get(random.nextInt(TEXTS.size()));
        }
        String type = schema.path("type").asText("string");
        if (schema.has("enum") && pick < 8) {
            JsonNode values = schema.get("enum");
            return values.get(random.nextInt(values.size())).asText();
        }
        if (type.equals("integer")) {
            int min = schema.path("minimum").asInt(0);
            int max = schema.path("maximum").asInt(1_000);
            return switch (random.nextInt(6)) {
                case 0 -> Integer.toString(min);
                case 1 -> Integer.toString(max);
                case 2 -> Integer.toString(min - 1);
                case 3 -> Integer.toString(max + 1);
                case 4 -> Integer.toString(min + random.nextInt(Math.max(1, max - min + 1)));
                default -> List.of("ten", "1.5", "+3", "0x10", "99999999999", "-2147483649").get(random.nextInt(6));
            };
        }
        if (schema.path("format").asText().equals("date")) {
            return switch (random.nextInt(4)) {
                case 0 -> "2024-05-0" + (1 + random.nextInt(3));
                case 1 -> LocalDate.ofEpochDay(random.nextInt(100_000) - 50_000L).toString();
                case 2 -> "2024-02-30";
                default -> "+999999999-12-31";
            };
        }
        return switch (name) {
            case "network" -> List.of("demo", "other", "DEMO", "snap", "nowhere").get(random.nextInt(5));
            case "id" -> Integer.toString(1 + random.nextInt(10));
            case "q", "handle" -> List.of("a", "an", "@bo", "9", "z", "s1", "cat").get(random.nextInt(7));
            case "topic" -> List.of("java", "#java", "none").get(random.nextInt(3));
            case "cursor" -> java.util.Base64.getUrlEncoder().encodeToString(("2024-05-0" + (1 + random.nextInt(3)) + ":"
                    + (random.nextInt(12) - 2)).getBytes(StandardCharsets.UTF_8));
            default -> "x";
        };
    }

    private static String encodePathValue(Random random, String value) {
        if (value.startsWith("%") && random.nextBoolean()) {
            return value; // sent as written: %2e%2e, %00, a lone %
        }
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static void appendQuery(StringBuilder query, String name, String value, Random random) {
        query.append(query.length() == 0 ? '?' : '&').append(URLEncoder.encode(name, StandardCharsets.UTF_8));
        if (random.nextInt(20) != 0) {
            query.append('=').append(URLEncoder.encode(value, StandardCharsets.UTF_8));
        }
    }

    /** A body: NDJSON in the generic format, valid or broken in some way, or something else entirely. */
    private static String body(Random random) {
        StringBuilder b = new StringBuilder();
        int lines = 1 + random.nextInt(4);
        for (int i = 0; i < lines; i++) {
            switch (random.nextInt(8)) {
                case 0 -> b.append("{\"network\":\"demo\",\"kind\":\"mention\",\"actor\":\"2\",\"target\":\"1\",\"time\":\"2024-05-0")
                        .append(1 + random.nextInt(9)).append("T10:00:00Z\"}");
                case 1 -> b.append("{\"kind\":\"").append(List.of("repost", "like", "poke").get(random.nextInt(3)))
                        .append("\",\"actor\":").append(random.nextInt(5)).append(",\"target\":\"3\",\"time\":")
                        .append(random.nextLong()).append('}');
                case 2 -> b.append("{\"network\":\"demo\",\"kind\":\"reply\",\"actor\":\"7\",\"target\":\"1\",\"time\":\"9999-12-31T00:00:00Z\"}");
                case 3 -> b.append(TEXTS.get(random.nextInt(TEXTS.size())));
                case 4 -> b.append("{\"a\":".repeat(1 + random.nextInt(50)));
                case 5 -> b.append("[]");
                case 6 -> b.append("   ");
                default -> b.append("{\"network\":\"demo\",\"kind\":\"repost\",\"actor\":\"").append(random.nextInt(100))
                        .append("\",\"target\":\"").append(random.nextInt(100)).append("\",\"time\":\"2012-07-04T0")
                        .append(random.nextInt(10)).append(":00:00Z\",\"hashtags\":[\"").append(random.nextInt(3)).append("\"]}");
            }
            b.append(random.nextInt(5) == 0 ? "\r\n" : "\n");
        }
        return b.toString();
    }

    private static HttpRequest request(Sent sent) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(sent.uri())).timeout(Duration.ofSeconds(30))
                .method(sent.method(), sent.body() == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(sent.body()));
        sent.headers().forEach(b::header);
        return b.build();
    }

    /** A request written by hand: a documented path or a mutation of one, with malformed parts. */
    private String rawRequest(Random random) {
        List<String> paths = new ArrayList<>();
        doc.get("paths").fieldNames().forEachRemaining(p -> paths.add(p.replace("{network}", "demo").replace("{id}", "1")));
        String path = paths.get(random.nextInt(paths.size()));
        String[] mutations = {"%2e%2e/", "%2e%2e%2f", "..;/", "%00", "%", "%ff", "%c0%ae", "//", "/./", "\\", ";x=1",
                "%u002e", "?a=%zz", "#frag", "?q=" + "a".repeat(10_000), "/%20", "%09", "é", "\u00ff"};
        int at = random.nextInt(path.length() + 1);
        String mutated = path.substring(0, at) + mutations[random.nextInt(mutations.length)] + path.substring(at);
        String method = METHODS.get(random.nextInt(METHODS.size()));
        StringBuilder r = new StringBuilder(method).append(' ').append(mutated).append(" HTTP/1.1\r\nHost: 127.0.0.1\r\n");
        switch (random.nextInt(8)) {
            case 0 -> r.append("Content-Length: ").append(List.of("abc", "-1", "99999999999999999999", "1, 2", " ").get(random.nextInt(5))).append("\r\n");
            case 1 -> r.append("X-Big: ").append("b".repeat(9_000 + random.nextInt(12_000))).append("\r\n");
            case 2 -> r.append("Transfer-Encoding: chunked\r\nContent-Length: 5\r\n");
            case 3 -> r.append("Bad Header: x\r\n");
            case 4 -> r.append("X-HTTP-Method-Override: POST\r\nAuthorization: Bearer nope\r\n");
            case 5 -> r.append("Host: other\r\n");
            default -> { }
        }
        return r.append("Connection: close\r\n\r\n").toString();
    }
}
