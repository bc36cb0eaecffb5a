package dev.renown.sources.live;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import dev.renown.core.event.InteractionSink;
import dev.renown.sources.MastodonReader;
import dev.renown.sources.Rejects;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;

/**
 * Follows a Mastodon timeline through the streaming API's server-sent events
 * ({@code GET /api/v1/streaming/public}, {@code …/public/local}, {@code …/hashtag?tag=},
 * {@code …/user}; https://docs.joinmastodon.org/methods/streaming/): each {@code update} (and
 * {@code status.update}) event carries a {@code Status}, parsed by {@link MastodonReader}
 * exactly as in a saved file; other events are counted as skipped.
 *
 * <p><b>Cursor and gaps.</b> The streaming API has no replay, so the cursor is the largest
 * status id read, and every (re)connection fills the gap from the REST timeline that matches the
 * stream ({@code /api/v1/timelines/public}, {@code /timelines/tag/:tag}, {@code /timelines/home}).
 * The stream is opened <em>first</em> and left unread while the timeline is paged, so nothing
 * published in between is missed: what both deliver is dropped by event id in the store. Pages
 * go forward from the cursor with {@code min_id} — the page right after an id — rather than
 * {@code since_id}, which returns the newest page and would skip the middle of a long gap;
 * paging ends at an empty page, or after {@link Config#maxBackfillPages()} pages with a warning.
 * The cursor is rewound by {@link Config#rewind()} before paging: Mastodon ids are snowflakes
 * (milliseconds since the epoch, shifted 16 bits), and a remote status gets the id of its own
 * creation time, so one that federates late lands behind the cursor; the rewind recovers those
 * that arrive within it.
 *
 * <p><b>Token.</b> An access token, when given, goes in the {@code Authorization} header only;
 * redirects are not followed (they would carry it elsewhere), it is never sent over plain HTTP
 * except to a loopback address, and every message the connector logs or throws is
 * {@link BearerToken#scrub scrubbed} of it.
 */
public final class MastodonConnector extends LiveConnector {

    public static final Duration REWIND_DEFAULT = Duration.ofMinutes(1);
    public static final int MAX_BACKFILL_PAGES_DEFAULT = 250;
    /** Statuses per timeline page: Mastodon's maximum. */
    public static final int PAGE_LIMIT = 40;
    /** Longest server-sent event line read; a status is a few KB. */
    public static final int MAX_LINE_BYTES = 1 << 20;
    private static final JsonFactory JSON = new JsonFactory();

    /**
     * Which timeline to follow.
     *
     * @param name         as given on the command line: {@code public}, {@code public:local},
     *                     {@code hashtag:TAG} or {@code user}
     * @param streamPath   streaming path and query
     * @param timelinePath REST timeline path and query, to fill gaps
     * @param needsToken   whether the server requires a user's token
     */
    public record Stream(String name, String streamPath, String timelinePath, boolean needsToken) {

        /** Parses {@code public}, {@code public:local}, {@code hashtag:TAG} or {@code user}. */
        public static Stream parse(String text) {
            if (text == null) {
                throw new IllegalArgumentException("no stream given");
            }
            switch (text) {
                case "public":
                    return new Stream(text, "/api/v1/streaming/public", "/api/v1/timelines/public", false);
                case "public:local":
                    return new Stream(text, "/api/v1/streaming/public/local", "/api/v1/timelines/public?local=true",
                            false);
                case "user":
                    return new Stream(text, "/api/v1/streaming/user", "/api/v1/timelines/home", true);
                default:
                    if (text.startsWith("hashtag:") && text.length() > "hashtag:".length()) {
                        String tag = text.substring("hashtag:".length());
                        tag = tag.startsWith("#") ? tag.substring(1) : tag;
                        String encoded = URLEncoder.encode(tag, StandardCharsets.UTF_8).replace("+", "%20");
                        return new Stream("hashtag:" + tag.toLowerCase(Locale.ROOT),
                                "/api/v1/streaming/hashtag?tag=" + encoded, "/api/v1/timelines/tag/" + encoded, false);
                    }
                    throw new IllegalArgumentException("unknown Mastodon stream '" + text
                            + "' (expected public, public:local, hashtag:TAG or user)");
            }
        }
    }

    /**
     * Where and what to read.
     *
     * @param instance         the server, {@code https://HOST}
     * @param streaming        the streaming server if elsewhere (the instance's
     *                         {@code urls.streaming}), or null for the instance itself
     * @param stream           the timeline
     * @param token            access token, or null (the {@code user} stream needs one)
     * @param rewind           how far before the cursor each gap fill starts
     * @param maxBackfillPages most timeline pages read to fill one gap
     */
    public record Config(URI instance, URI streaming, Stream stream, BearerToken token, Duration rewind,
                         int maxBackfillPages) {
        public Config {
            checkBase(instance, "instance");
            if (streaming != null) {
                checkBase(streaming, "streaming");
            }
            if (stream == null) {
                throw new IllegalArgumentException("no stream given");
            }
            if (stream.needsToken() && token == null) {
                throw new IllegalArgumentException("the " + stream.name() + " stream needs an access token");
            }
            if (token != null) {
                for (URI u : streaming == null ? List.of(instance) : List.of(instance, streaming)) {
                    if (u.getScheme().equals("http") && !isLoopback(u.getHost())) {
                        throw new IllegalArgumentException("an access token is only sent over https (or to a loopback "
                                + "address): " + u);
                    }
                }
            }
            if (rewind == null || rewind.isNegative()) {
                throw new IllegalArgumentException("rewind must be >= 0: " + rewind);
            }
            if (maxBackfillPages < 0) {
                throw new IllegalArgumentException("max backfill pages must be >= 0: " + maxBackfillPages);
            }
        }

        public static Config of(URI instance, Stream stream, BearerToken token) {
            return new Config(instance, null, stream, token, REWIND_DEFAULT, MAX_BACKFILL_PAGES_DEFAULT);
        }

        private static void checkBase(URI u, String what) {
            if (u == null || u.getHost() == null || !(u.getScheme().equals("https") || u.getScheme().equals("http"))) {
                throw new IllegalArgumentException("the " + what + " URL starts with https:// and names a host: " + u);
            }
        }

        private static boolean isLoopback(String host) {
            return host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]") || host.equals("::1");
        }

        /** Config records print their token hidden. */
        @Override
        public String toString() {
            return "Config[instance=" + instance + ", streaming=" + streaming + ", stream=" + stream.name() + ", token="
                    + (token == null ? "none" : token) + ", rewind=" + rewind + ", maxBackfillPages=" + maxBackfillPages
                    + "]";
        }
    }

    private final Config config;
    private final HttpClient http;
    private final URI streamUri;
    private final String timelineBase;
    private volatile InputStream current;
    private volatile long lastActivity;
    private volatile String maxId;
    private boolean healthy;
    private long opened;

    public MastodonConnector(Config config, LiveOptions options, LiveSink sink, Rejects rejects, Consumer<String> log) {
        this(config, options, sink, rejects, log, null, null);
    }

    MastodonConnector(Config config, LiveOptions options, LiveSink sink, Rejects rejects, Consumer<String> log,
                      Pause pause, RandomGenerator random) {
        super(options, sink, rejects, scrubbing(config, log), pause, random);
        this.config = config;
        this.http = HttpClient.newBuilder().connectTimeout(options.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER).version(HttpClient.Version.HTTP_1_1).build();
        this.streamUri = URI.create(base(config.streaming() != null ? config.streaming() : config.instance())
                + config.stream().streamPath());
        this.timelineBase = base(config.instance()) + config.stream().timelinePath();
    }

    private static Consumer<String> scrubbing(Config config, Consumer<String> log) {
        if (log == null || config.token() == null) {
            return log;
        }
        return m -> log.accept(config.token().scrub(m));
    }

    private static String base(URI u) {
        String s = u.getScheme() + "://" + u.getRawAuthority();
        String path = u.getRawPath() == null ? "" : u.getRawPath();
        return s + (path.endsWith("/") ? path.substring(0, path.length() - 1) : path);
    }

    /** {@code mastodon:HOST[:PORT]:STREAM}: one cursor per server and timeline. */
    public static String sourceKey(Config config) {
        return SourceKeys.of("mastodon", config.instance().getRawAuthority().toLowerCase(Locale.ROOT) + ":"
                + config.stream().name());
    }

    @Override
    public String sourceKey() {
        return sourceKey(config);
    }

    /** The streaming URL read. */
    public URI streamUri() {
        return streamUri;
    }

    /** A status id {@code rewind} earlier, for snowflake ids; other ids unchanged. */
    public static String rewound(String id, Duration rewind) {
        if (id.length() > 18 || id.isEmpty() || !id.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return id;
        }
        long v = Long.parseLong(id) - (rewind.toMillis() << 16);
        return Long.toString(Math.max(0, v));
    }

    /** The stream time of a snowflake id, in epoch milliseconds, or -1. */
    static long snowflakeMillis(String id) {
        if (id == null || id.length() > 18 || id.isEmpty() || !id.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return -1;
        }
        return Long.parseLong(id) >>> 16;
    }

    @Override
    LiveEngine.Handler handler() {
        maxId = sink.cursor();
        return new Handler();
    }

    private final class Handler implements LiveEngine.Handler {
        private MastodonReader.Messages messages;

        @Override
        public void handle(LiveEngine.Message m, InteractionSink out) throws IOException {
            if (messages == null) {
                messages = MastodonReader.messages(streamUri.toString(), out, rejects);
            }
            String id;
            switch (m.kind()) {
                case TEXT:
                    id = messages.event(m.name(), m.text(), m.sequence());
                    break;
                case PAGE:
                    id = messages.page(m.text(), m.sequence());
                    break;
                case TOO_LONG:
                    rejects.add(m.source(), m.sequence(), null, "line-too-long",
                            "event line longer than " + MAX_LINE_BYTES + " bytes", m.text());
                    return;
                default:
                    throw new IllegalStateException("unexpected message kind " + m.kind());
            }
            String max = maxId;
            if (id != null && (max == null || MastodonReader.compareIds(id, max) > 0)) {
                maxId = id;
            }
        }

        @Override
        public String cursor() {
            return maxId;
        }

        @Override
        public long cursorMillis() {
            return snowflakeMillis(maxId);
        }

        @Override
        public void flushSkips() {
            if (messages != null) {
                messages.flushSkips();
            }
        }
    }

    private HttpRequest.Builder request(URI uri) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).GET().timeout(options.connectTimeout())
                .header("User-Agent", "renown");
        if (config.token() != null) {
            b.header("Authorization", config.token().header());
        }
        return b;
    }

    @Override
    String connectAndRead(LiveEngine engine) throws IOException, InterruptedException {
        healthy = false;
        opened = 0;
        if (stopping()) {
            return null;
        }
        lastActivity = System.nanoTime();
        HttpResponse<InputStream> response = send(request(streamUri).header("Accept", "text/event-stream").build(),
                HttpResponse.BodyHandlers.ofInputStream());
        if (response == null) {
            return null;
        }
        InputStream body = response.body();
        current = body;
        Thread watchdog = null;
        try {
            if (response.statusCode() != 200) {
                String detail = errorText(body);
                throw failure("the stream " + streamUri, response.statusCode(), detail);
            }
            if (stopping()) {
                return null;
            }
            stats.connections.incrementAndGet();
            stats.connected(true);
            opened = System.nanoTime();
            log("connected to " + streamUri);
            watchdog = watchdog(body);
            String from = maxId;
            if (from != null) {
                backfill(engine, from);
            }
            SseReader events = new SseReader(body, MAX_LINE_BYTES, () -> lastActivity = System.nanoTime());
            SseReader.Event e;
            while ((e = events.next()) != null) {
                queue(engine, streamUri.toString(), e.tooLong() ? LiveEngine.Kind.TOO_LONG : LiveEngine.Kind.TEXT,
                        e.name(), e.data());
                healthy = true;
            }
            return stopping() ? null : idle ? "no event or heartbeat for " + options.idleTimeout().toSeconds() + " s"
                    : "the server ended the stream";
        } catch (IOException e) {
            if (stopping()) {
                return null;
            }
            if (idle) {
                return "no event or heartbeat for " + options.idleTimeout().toSeconds() + " s";
            }
            throw e;
        } finally {
            current = null;
            if (watchdog != null) {
                watchdog.interrupt();
            }
            body.close();
        }
    }

    private volatile boolean idle;

    /** Closes the stream when it has been silent longer than the idle timeout. */
    private Thread watchdog(InputStream body) {
        idle = false;
        Thread t = new Thread(() -> {
            long limit = options.idleTimeout().toNanos();
            try {
                while (true) {
                    long quiet = System.nanoTime() - lastActivity;
                    if (quiet >= limit) {
                        idle = true;
                        body.close();
                        return;
                    }
                    TimeUnit.NANOSECONDS.sleep(limit - quiet);
                }
            } catch (InterruptedException | IOException e) {
                // the connection ended first
            }
        }, "renown-live-watchdog");
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** Pages the timeline forward from the cursor (rewound) until an empty page, queueing each page. */
    private void backfill(LiveEngine engine, String from) throws IOException, InterruptedException {
        String min = rewound(from, config.rewind());
        String sep = timelineBase.contains("?") ? "&" : "?";
        for (int page = 0; !stopping(); page++) {
            if (page == config.maxBackfillPages()) {
                log("gap fill stopped after " + page + " pages at status " + min
                        + "; statuses between it and the live stream may be missing");
                return;
            }
            URI uri = URI.create(timelineBase + sep + "min_id=" + URLEncoder.encode(min, StandardCharsets.UTF_8)
                    + "&limit=" + PAGE_LIMIT);
            HttpResponse<String> r = send(request(uri).header("Accept", "application/json").build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            if (r == null) {
                return;
            }
            lastActivity = System.nanoTime();
            if (r.statusCode() != 200) {
                throw failure("the timeline " + timelineBase, r.statusCode(), head(r.body(), 300));
            }
            List<String> ids = statusIds(r.body());
            if (ids.isEmpty()) {
                return;
            }
            queue(engine, timelineBase, LiveEngine.Kind.PAGE, null, r.body());
            String max = ids.get(0);
            for (String id : ids) {
                if (MastodonReader.compareIds(id, max) > 0) {
                    max = id;
                }
            }
            if (MastodonReader.compareIds(max, min) <= 0) {
                return; // the server ignores min_id: nothing newer to be had this way
            }
            min = max;
        }
    }

    /** Sends a request, giving up (null) as soon as the connector is stopped. */
    private <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler)
            throws IOException, InterruptedException {
        CompletableFuture<HttpResponse<T>> f = http.sendAsync(request, handler);
        while (true) {
            if (stopping()) {
                f.cancel(true);
                f.thenAccept(r -> {
                    if (r.body() instanceof InputStream) {
                        try {
                            ((InputStream) r.body()).close();
                        } catch (IOException e) {
                            // nothing to do
                        }
                    }
                });
                return null;
            }
            try {
                return f.get(100, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                // look at the stop flag again
            } catch (ExecutionException e) {
                Throwable c = e.getCause();
                throw new IOException(describe(c), c);
            }
        }
    }

    /** The top-level {@code id}s of a timeline page. */
    static List<String> statusIds(String page) throws IOException {
        List<String> ids = new ArrayList<>(PAGE_LIMIT);
        try (JsonParser p = JSON.createParser(page)) {
            if (p.nextToken() != JsonToken.START_ARRAY) {
                throw new IOException("a timeline page is a JSON array of statuses");
            }
            while (p.nextToken() == JsonToken.START_OBJECT) {
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String f = p.currentName();
                    JsonToken v = p.nextToken();
                    if (f.equals("id") && (v == JsonToken.VALUE_STRING || v == JsonToken.VALUE_NUMBER_INT)) {
                        ids.add(p.getText());
                    } else {
                        p.skipChildren();
                    }
                }
            }
        } catch (JsonProcessingException e) {
            throw new IOException("a timeline page is not valid JSON: " + e.getOriginalMessage());
        }
        return ids;
    }

    /** What an error response says, briefly: its start, scrubbed of the token by the caller's log. */
    private static String errorText(InputStream body) {
        try {
            byte[] b = body.readNBytes(300);
            return new String(b, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    private IOException failure(String what, int status, String detail) {
        String text = what + " answered HTTP " + status + (detail == null || detail.isBlank() ? ""
                : ": " + detail.strip().replaceAll("\\s+", " "));
        if (config.token() != null) {
            text = config.token().scrub(text);
        }
        if (status == 401 || status == 403) {
            return new Refused(text + (config.token() == null ? " (this server needs an access token)"
                    : " (the access token was refused)"));
        }
        if (status >= 300 && status < 400) {
            return new Refused(text + " (redirects are not followed, so that the token stays with the server it is"
                    + " meant for; give the streaming server's URL itself)");
        }
        if (status == 404 || status == 410 || status == 400) {
            return new Refused(text);
        }
        return new IOException(text);
    }

    /**
     * Healthy: the stream delivered an event, or stayed open longer than the longest backoff
     * (a quiet hashtag); heartbeats alone do not count, so a server that accepts and drops at
     * once is retried ever more slowly.
     */
    @Override
    boolean lastConnectionWasHealthy() {
        return healthy || (opened != 0 && System.nanoTime() - opened > options.backoff().max().toNanos());
    }

    @Override
    void interruptConnection() {
        InputStream in = current;
        if (in != null) {
            try {
                in.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
    }
}
