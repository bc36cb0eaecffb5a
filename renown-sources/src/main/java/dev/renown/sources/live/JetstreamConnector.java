package dev.renown.sources.live;

import dev.renown.core.event.InteractionSink;
import dev.renown.sources.JetstreamReader;
import dev.renown.sources.Rejects;

import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;

/**
 * Follows Bluesky through Jetstream (https://github.com/bluesky-social/jetstream): one WebSocket,
 * {@code GET /subscribe?wantedCollections=…&cursor=…}, one JSON event per text message, parsed
 * by {@link JetstreamReader} exactly as a line of a saved file.
 *
 * <p><b>Cursor.</b> Jetstream stamps each event with {@code time_us}, its time of arrival in
 * microseconds, increasing, and replays from any {@code cursor=} within its buffer. The cursor
 * committed with a batch is the largest {@code time_us} of the messages it covers. Every
 * connection — the first after a restart too — asks for the cursor rewound by
 * {@link Config#rewind()} (Jetstream's advice: a few seconds), since events can share or
 * straddle a microsecond; the replayed overlap is dropped by event id in the store. Without a
 * stored cursor the connector starts live, or from the URL's own {@code cursor=}.
 *
 * <p><b>Flow control.</b> The WebSocket is granted as many messages as the queue has free places
 * ({@link WebSocket#request}), and one more each time the writer takes one, so the JDK stops
 * reading the socket — and TCP slows the server — while the writer is behind; memory holds at
 * most {@link LiveOptions#queueCapacity()} messages of at most {@link #MAX_MESSAGE_CHARS}.
 */
public final class JetstreamConnector extends LiveConnector {

    public static final URI URL_DEFAULT = URI.create("wss://jetstream2.us-east.bsky.network/subscribe");
    public static final List<String> COLLECTIONS_DEFAULT = List.of("app.bsky.feed.post", "app.bsky.feed.repost",
            "app.bsky.feed.like", "app.bsky.graph.follow");
    public static final Duration REWIND_DEFAULT = Duration.ofSeconds(5);
    /** Longest message read; Jetstream events are a few KB. Longer ones are rejected ({@code line-too-long}). */
    public static final int MAX_MESSAGE_CHARS = 1 << 20;

    /**
     * Where to read.
     *
     * @param url         {@code ws://} or {@code wss://} subscribe URL; query parameters are kept,
     *                    except {@code cursor}, which the connector sets
     * @param collections collections to ask for, unless the URL names its own
     *                    {@code wantedCollections}; empty for all
     * @param rewind      how far before the stored cursor each connection starts
     */
    public record Config(URI url, List<String> collections, Duration rewind) {
        public Config {
            if (url == null || url.getScheme() == null || url.getHost() == null
                    || !(url.getScheme().equals("ws") || url.getScheme().equals("wss"))) {
                throw new IllegalArgumentException("a Jetstream URL starts with ws:// or wss:// and names a host: " + url);
            }
            collections = collections == null ? List.of() : List.copyOf(collections);
            if (rewind == null || rewind.isNegative()) {
                throw new IllegalArgumentException("rewind must be >= 0: " + rewind);
            }
        }

        public static Config of(URI url) {
            return new Config(url, COLLECTIONS_DEFAULT, REWIND_DEFAULT);
        }
    }

    private final Config config;
    private final HttpClient http;
    private final String source;
    private final long urlCursor;
    private final Object creditLock = new Object();
    private WebSocket credited;
    private volatile Connection current;
    private volatile long lastTimeUs = -1;
    private boolean healthy;

    public JetstreamConnector(Config config, LiveOptions options, LiveSink sink, Rejects rejects, Consumer<String> log) {
        this(config, options, sink, rejects, log, null, null);
    }

    JetstreamConnector(Config config, LiveOptions options, LiveSink sink, Rejects rejects, Consumer<String> log,
                       Pause pause, RandomGenerator random) {
        super(options, sink, rejects, log, pause, random);
        this.config = config;
        this.http = HttpClient.newBuilder().connectTimeout(options.connectTimeout()).build();
        this.source = subscribeUri(-1).toString();
        this.urlCursor = queryCursor(config.url());
    }

    /** {@code bluesky-jetstream:HOST[:PORT]}: one cursor per Jetstream instance, whatever the collections. */
    public static String sourceKey(URI url) {
        return SourceKeys.of("bluesky-jetstream", url.getAuthority().toLowerCase(Locale.ROOT));
    }

    @Override
    public String sourceKey() {
        return sourceKey(config.url());
    }

    /** The subscribe URI with the configured collections and, when {@code cursor >= 0}, the cursor. */
    URI subscribeUri(long cursor) {
        List<String> params = new ArrayList<>();
        boolean namesCollections = false;
        String query = config.url().getRawQuery();
        if (query != null && !query.isEmpty()) {
            for (String p : query.split("&")) {
                if (p.startsWith("cursor=") || p.equals("cursor") || p.isEmpty()) {
                    continue;
                }
                namesCollections |= p.startsWith("wantedCollections=");
                params.add(p);
            }
        }
        if (!namesCollections) {
            for (String c : config.collections()) {
                params.add("wantedCollections=" + URLEncoder.encode(c, StandardCharsets.UTF_8));
            }
        }
        if (cursor >= 0) {
            params.add("cursor=" + cursor);
        }
        String base = config.url().toString();
        int q = base.indexOf('?');
        if (q >= 0) {
            base = base.substring(0, q);
        }
        return URI.create(params.isEmpty() ? base : base + "?" + String.join("&", params));
    }

    private static long queryCursor(URI url) {
        String query = url.getRawQuery();
        if (query != null) {
            for (String p : query.split("&")) {
                if (p.startsWith("cursor=")) {
                    try {
                        return Long.parseLong(URLDecoder.decode(p.substring(7), StandardCharsets.UTF_8));
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("the URL's cursor is not a number of microseconds: " + p);
                    }
                }
            }
        }
        return -1;
    }

    /** Where the next connection starts: the latest cursor known, rewound; -1 to start live. */
    long resumeCursor() {
        long c = lastTimeUs;
        if (c < 0) {
            c = urlCursor;
        }
        return c < 0 ? -1 : Math.max(0, c - config.rewind().toNanos() / 1000);
    }

    @Override
    LiveEngine.Handler handler() {
        String stored = sink.cursor();
        if (stored != null) {
            try {
                lastTimeUs = Long.parseLong(stored);
            } catch (NumberFormatException e) {
                throw new IllegalStateException("the stored cursor of " + sourceKey() + " is not a Jetstream time_us: "
                        + stored);
            }
        }
        return new Handler();
    }

    private final class Handler implements LiveEngine.Handler {
        private JetstreamReader.Messages messages;

        @Override
        public void handle(LiveEngine.Message m, InteractionSink out) throws IOException {
            if (messages == null) {
                messages = JetstreamReader.messages(source, out, rejects);
            }
            switch (m.kind()) {
                case TEXT: {
                    long t = messages.read(m.text(), m.sequence());
                    if (t > lastTimeUs) {
                        lastTimeUs = t;
                    }
                    break;
                }
                case TOO_LONG:
                    rejects.add(m.source(), m.sequence(), null, "line-too-long",
                            "message longer than " + MAX_MESSAGE_CHARS + " characters", m.text());
                    break;
                case BINARY:
                    rejects.add(m.source(), m.sequence(), null, "invalid-json",
                            "a binary message (Jetstream sends JSON text; compress=true is not supported)", null);
                    break;
                default:
                    throw new IllegalStateException("unexpected message kind " + m.kind());
            }
        }

        @Override
        public String cursor() {
            long t = lastTimeUs;
            return t < 0 ? null : Long.toString(t);
        }

        @Override
        public long cursorMillis() {
            long t = lastTimeUs;
            return t < 0 ? -1 : t / 1000;
        }

        @Override
        public void flushSkips() {
            if (messages != null) {
                messages.flushSkips();
            }
        }
    }

    @Override
    String connectAndRead(LiveEngine engine) throws IOException, InterruptedException {
        healthy = false;
        URI uri = subscribeUri(resumeCursor());
        Connection c = new Connection(engine);
        current = c;
        if (stopping()) {
            return null;
        }
        WebSocket ws;
        CompletableFuture<WebSocket> opening = http.newWebSocketBuilder().connectTimeout(options.connectTimeout())
                .buildAsync(uri, c);
        try {
            long deadline = System.nanoTime() + options.connectTimeout().toNanos() * 2;
            while (true) {
                if (stopping()) {
                    opening.thenAccept(WebSocket::abort);
                    return null;
                }
                try {
                    ws = opening.get(Math.min(100_000_000L, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                    break;
                } catch (TimeoutException e) {
                    if (System.nanoTime() - deadline >= 0) {
                        throw e;
                    }
                }
            }
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof WebSocketHandshakeException) {
                int status = ((WebSocketHandshakeException) cause).getResponse().statusCode();
                String what = "Jetstream at " + source + " refused the WebSocket with HTTP " + status;
                if (status >= 400 && status < 500 && status != 408 && status != 429) {
                    throw new Refused(what);
                }
                throw new IOException(what);
            }
            throw new IOException(describe(cause), cause);
        } catch (TimeoutException e) {
            throw new IOException("no WebSocket after " + options.connectTimeout().multipliedBy(2).toSeconds() + " s");
        }
        stats.connections.incrementAndGet();
        stats.connected(true);
        long opened = System.nanoTime();
        log("connected to " + uri);
        long idleNanos = options.idleTimeout().toNanos();
        try {
            while (true) {
                long quiet = System.nanoTime() - c.lastActivity;
                if (quiet >= idleNanos) {
                    return "no message for " + options.idleTimeout().toSeconds() + " s";
                }
                try {
                    String reason = c.ended.get(idleNanos - quiet, TimeUnit.NANOSECONDS);
                    return stopping() ? null : reason;
                } catch (TimeoutException e) {
                    // look at the activity again
                } catch (ExecutionException e) {
                    return describe(e.getCause());
                }
            }
        } finally {
            healthy = c.delivered > 0 || System.nanoTime() - opened > options.backoff().max().toNanos();
            detach(ws);
            if (!ws.isOutputClosed() && stopping()) {
                try {
                    ws.sendClose(WebSocket.NORMAL_CLOSURE, "").get(1, TimeUnit.SECONDS);
                } catch (ExecutionException | TimeoutException e) {
                    // closing anyway
                }
            }
            ws.abort();
        }
    }

    @Override
    boolean lastConnectionWasHealthy() {
        return healthy;
    }

    @Override
    void interruptConnection() {
        Connection c = current;
        if (c != null) {
            c.ended.complete(null);
        }
    }

    @Override
    void taken() {
        synchronized (creditLock) {
            if (credited != null) {
                credited.request(1);
            }
        }
    }

    /** Grants the new socket one message per free place in the queue; later grants go to it. */
    private void attach(WebSocket ws, LiveEngine engine) {
        synchronized (creditLock) {
            credited = ws;
            int free = engine.remainingCapacity();
            if (free > 0) {
                ws.request(free);
            }
        }
    }

    private void detach(WebSocket ws) {
        synchronized (creditLock) {
            if (credited == ws) {
                credited = null;
            }
        }
    }

    /** One WebSocket's listener: assembles fragments into messages and queues them. */
    private final class Connection implements WebSocket.Listener {
        final CompletableFuture<String> ended = new CompletableFuture<>();
        final LiveEngine engine;
        final StringBuilder text = new StringBuilder();
        boolean tooLong;
        volatile long lastActivity = System.nanoTime();
        volatile long delivered;

        Connection(LiveEngine engine) {
            this.engine = engine;
        }

        @Override
        public void onOpen(WebSocket ws) {
            attach(ws, engine);
        }

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            lastActivity = System.nanoTime();
            if (!tooLong && text.length() + data.length() > MAX_MESSAGE_CHARS) {
                tooLong = true; // keep only the start, for the reject
                text.setLength(Math.min(text.length(), Rejects.MAX_RECORD_CHARS));
            }
            if (!tooLong) {
                text.append(data);
            } else if (text.length() < Rejects.MAX_RECORD_CHARS) {
                text.append(data, 0, Math.min(data.length(), Rejects.MAX_RECORD_CHARS - text.length()));
            }
            if (!last) {
                ws.request(1); // a fragment: the message is not in the queue yet
                return null;
            }
            String message = text.toString();
            LiveEngine.Kind kind = tooLong ? LiveEngine.Kind.TOO_LONG : LiveEngine.Kind.TEXT;
            text.setLength(0);
            tooLong = false;
            enqueue(kind, message);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
            lastActivity = System.nanoTime();
            if (!last) {
                ws.request(1);
                return null;
            }
            enqueue(LiveEngine.Kind.BINARY, null);
            return null;
        }

        @Override
        public CompletionStage<?> onPing(WebSocket ws, ByteBuffer message) {
            lastActivity = System.nanoTime();
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onPong(WebSocket ws, ByteBuffer message) {
            lastActivity = System.nanoTime();
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
            ended.complete("the server closed the connection (" + statusCode
                    + (reason == null || reason.isEmpty() ? "" : " " + head(reason, 200)) + ")");
            return null;
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            ended.complete("the connection failed: " + describe(error));
        }

        private void enqueue(LiveEngine.Kind kind, String message) {
            try {
                queue(engine, source, kind, null, message);
                delivered++;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                ended.complete("interrupted");
            }
        }
    }
}
