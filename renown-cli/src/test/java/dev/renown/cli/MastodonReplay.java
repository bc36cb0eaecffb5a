package dev.renown.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.renown.sources.MastodonReader;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback Mastodon: the streaming API ({@code /api/v1/streaming/…}, server-sent events) and
 * the timelines ({@code /api/v1/timelines/…}, with {@code min_id} and {@code limit}) over one
 * list of statuses that it "publishes" as the stream sends them. A stream connection starts with
 * the next unpublished status (the streaming API has no replay); it sends heartbeats and a
 * {@code delete} event after every 40th status. At a drop point, before sending status
 * {@code i}, the server publishes the next {@code skip} statuses without sending them, writes
 * half an event and ends the response. The timelines serve published statuses only.
 *
 * <p>With a token, every request must carry {@code Authorization: Bearer TOKEN}; refusals (and
 * the first {@code failFirst} stream requests, answered 503) echo the header they received in
 * their body, as a careless server might.
 */
final class MastodonReplay implements AutoCloseable {

    private final List<LiveFixtures.Status> statuses;
    private final Map<Integer, Integer> drops;
    private final String token;
    private final int failFirst;
    private final AtomicInteger published = new AtomicInteger();
    private final AtomicInteger streams = new AtomicInteger();
    /** The {@code min_id} of each timeline request. */
    final List<String> pages = Collections.synchronizedList(new ArrayList<>());
    /** The {@code Authorization} header of each request, null when absent. */
    final List<String> authorizations = Collections.synchronizedList(new ArrayList<>());
    private final HttpServer server;
    private final ExecutorService executor;
    private volatile boolean closed;

    MastodonReplay(List<LiveFixtures.Status> statuses, Map<Integer, Integer> drops, String token, int failFirst)
            throws IOException {
        this.statuses = List.copyOf(statuses);
        this.drops = Collections.synchronizedMap(new HashMap<>(drops));
        this.token = token;
        this.failFirst = failFirst;
        this.executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "mastodon-replay");
            t.setDaemon(true);
            return t;
        });
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(executor);
        server.createContext("/api/v1/streaming/", this::stream);
        server.createContext("/api/v1/timelines/", this::timeline);
        server.start();
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Stream requests so far, refused ones included. */
    int streams() {
        return streams.get();
    }

    private boolean authorized(HttpExchange ex) throws IOException {
        String auth = ex.getRequestHeaders().getFirst("Authorization");
        authorizations.add(auth);
        if (token == null || ("Bearer " + token).equals(auth)) {
            return true;
        }
        respond(ex, 401, "{\"error\":\"The access token is invalid\",\"received\":\"" + auth + "\"}");
        return false;
    }

    private static void respond(HttpExchange ex, int status, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(status, b.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(b);
        }
    }

    private void stream(HttpExchange ex) throws IOException {
        if (!authorized(ex)) {
            return;
        }
        if (streams.incrementAndGet() <= failFirst) {
            respond(ex, 503, "{\"error\":\"Service unavailable\",\"received\":\""
                    + ex.getRequestHeaders().getFirst("Authorization") + "\"}");
            return;
        }
        ex.getResponseHeaders().add("Content-Type", "text/event-stream");
        ex.sendResponseHeaders(200, 0);
        try (OutputStream out = ex.getResponseBody()) {
            write(out, ":)\n");
            for (int i = published.get(); i < statuses.size(); i++) {
                Integer skip = drops.remove(i);
                if (skip != null) {
                    int until = i + skip;
                    published.updateAndGet(p -> Math.max(p, until));
                    write(out, "event: update\ndata: {\"id\":\"" + statuses.get(i).id());
                    return; // the response ends in the middle of an event
                }
                int next = i + 1;
                published.updateAndGet(p -> Math.max(p, next));
                write(out, "event: update\ndata: " + statuses.get(i).json() + "\n\n");
                if (i % 25 == 0) {
                    write(out, ":thump\n");
                }
                if (i % 40 == 39) {
                    write(out, "event: delete\ndata: " + statuses.get(i - 1).id() + "\n\n");
                }
            }
            while (!closed) {
                write(out, ":thump\n");
                Thread.sleep(50);
            }
        } catch (IOException | InterruptedException e) {
            // the client went away, or the server is closing
        }
    }

    private static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private void timeline(HttpExchange ex) throws IOException {
        if (!authorized(ex)) {
            return;
        }
        Map<String, String> q = new HashMap<>();
        String query = ex.getRequestURI().getRawQuery();
        if (query != null) {
            for (String p : query.split("&")) {
                int eq = p.indexOf('=');
                q.put(p.substring(0, eq), URLDecoder.decode(p.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        String min = q.get("min_id");
        pages.add(min);
        int limit = Math.min(40, Integer.parseInt(q.getOrDefault("limit", "20")));
        List<String> page = new ArrayList<>();
        int n = published.get();
        for (int i = 0; i < n && page.size() < limit; i++) {
            if (min == null || MastodonReader.compareIds(statuses.get(i).id(), min) > 0) {
                page.add(statuses.get(i).json());
            }
        }
        Collections.reverse(page); // newest first, as Mastodon answers
        respond(ex, 200, "[" + String.join(",", page) + "]");
    }

    @Override
    public void close() {
        closed = true;
        server.stop(0);
        executor.shutdownNow();
    }
}
