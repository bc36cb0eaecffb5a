package dev.renown.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.renown.core.score.ScoringParameters;
import dev.renown.sources.GenericNdjsonReader;
import dev.renown.sources.Input;
import dev.renown.sources.Rejects;
import dev.renown.store.Backfill;
import dev.renown.store.IngestSession;
import dev.renown.store.Store;
import dev.renown.store.Stores;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * A real server on a free loopback port, on a DuckDB store in a temporary directory that holds
 * {@code api-fixture.ndjson} (12 interactions over 1-3 May 2024) with a snapshot per day.
 */
final class TestServer implements AutoCloseable {

    static final String TOKEN = "rn_test-token-do-not-log-7f3a9c";
    static final Path FIXTURE = Path.of("src/test/resources/api-fixture.ndjson");
    static final ObjectMapper JSON = new ObjectMapper();

    final Store store;
    final RenownServer server;
    final String base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private TestServer(Store store, RenownServer server) {
        this.store = store;
        this.server = server;
        this.base = "http://127.0.0.1:" + server.port();
    }

    /** A client of a server started elsewhere; closing it closes the server and the store. */
    static TestServer attach(RenownServer server, Store store) {
        return new TestServer(store, server);
    }

    /** Loopback, a free port, the test token, no rate limit unless the config says. */
    static ServerConfig config() {
        return ServerConfig.defaults().withPort(0).withToken(Tokens.sha256(TOKEN)).withRate(0, 1);
    }

    static TestServer start(Path dir, ServerConfig config) {
        return start(dir, config, FIXTURE);
    }

    /** A server on a store holding {@code fixture} (generic NDJSON) with a snapshot per day. */
    static TestServer start(Path dir, ServerConfig config, Path fixture) {
        Store store = Stores.open(Stores.defaultUrl(dir), null, null);
        load(store, fixture);
        return new TestServer(store, new RenownServer(store, ScoringParameters.defaults(), config).start());
    }

    /**
     * A server on a store holding {@code fixture}, that the server reaches through {@code wrap}
     * (to slow down or break some of its calls); {@link #store} is the store itself.
     */
    static TestServer start(Path dir, ServerConfig config, Path fixture, java.util.function.UnaryOperator<Store> wrap) {
        Store store = Stores.open(Stores.defaultUrl(dir), null, null);
        load(store, fixture);
        return new TestServer(store, new RenownServer(wrap.apply(store), ScoringParameters.defaults(), config).start());
    }

    /**
     * {@code store}, except that each {@link Store#saveSnapshots} first takes a permit from
     * {@code gate} (so a test decides when each day of a recompute may be written), and fails
     * with a {@link dev.renown.store.StoreException} while {@code broken} is set.
     */
    static Store gated(Store store, java.util.concurrent.Semaphore gate, java.util.concurrent.atomic.AtomicBoolean broken) {
        return (Store) java.lang.reflect.Proxy.newProxyInstance(Store.class.getClassLoader(), new Class<?>[] {Store.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("saveSnapshots")) {
                        gate.acquire();
                        if (broken.get()) {
                            throw new dev.renown.store.StoreException("the disk is full (a test says so)");
                        }
                    }
                    try {
                        return method.invoke(store, args);
                    } catch (java.lang.reflect.InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    /** Ingests a generic NDJSON file and writes the snapshots of every day it covers. */
    static void load(Store store, Path file) {
        try {
            long run = store.startRun("test", file.toString(), null);
            try (IngestSession session = store.beginIngest("test:" + file, file.toString(), run)) {
                Rejects rejects = new Rejects();
                new GenericNdjsonReader().read(new Input(file), session, rejects);
                session.finish();
                if (rejects.total() > 0) {
                    throw new IllegalStateException("fixture has rejects: " + rejects.countsByReason());
                }
            }
            LocalDate from = day(store.firstInteractionMillis().getAsLong());
            LocalDate to = day(store.lastInteractionMillis().getAsLong());
            new Backfill(store, ScoringParameters.defaults()).run(from, to, false, run, i -> { });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static LocalDate day(long millis) {
        return Instant.ofEpochMilli(millis).atZone(ZoneOffset.UTC).toLocalDate();
    }

    HttpResponse<String> get(String path) {
        return send(request(path).GET().build());
    }

    HttpResponse<String> get(String path, String token) {
        return send(request(path).header("Authorization", "Bearer " + token).GET().build());
    }

    HttpResponse<String> post(String path, String body, String token) {
        HttpRequest.Builder b = request(path).header("Content-Type", "application/x-ndjson")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return send(b.build());
    }

    /** Any method, with headers given as name, value, name, value…, and a body (or none). */
    HttpResponse<String> send(String method, String path, String body, String... headers) {
        HttpRequest.Builder b = request(path).method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return send(b.build());
    }

    /**
     * Sends {@code request} as it is over a new connection — for what an HTTP client would refuse to
     * send (a bad path, a bad Content-Length) — and returns the whole response as text.
     */
    String raw(String request) {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            return new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    HttpRequest.Builder request(String path) {
        try {
            return HttpRequest.newBuilder(new URI(base + path)).timeout(Duration.ofSeconds(30));
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(e);
        }
    }

    HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The body of a response with the expected status, parsed. */
    static JsonNode json(HttpResponse<String> response, int status) {
        if (response.statusCode() != status) {
            throw new AssertionError("expected " + status + " from " + response.request().uri() + ", got "
                    + response.statusCode() + ": " + response.body());
        }
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + response.body(), e);
        }
    }

    @Override
    public void close() {
        server.close();
        store.close();
    }

    /** Runs {@code body}, capturing everything written to stdout and stderr (the server's log). */
    static String captured(ThrowingRunnable body) throws Exception {
        PrintStream err = System.err;
        PrintStream out = System.out;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream both = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        System.setErr(both);
        System.setOut(both);
        try {
            body.run();
        } finally {
            System.setErr(err);
            System.setOut(out);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /** A body of test code that may throw. */
    interface ThrowingRunnable {
        void run() throws Exception;
    }
}
