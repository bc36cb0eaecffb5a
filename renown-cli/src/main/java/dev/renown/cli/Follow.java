package dev.renown.cli;

import dev.renown.sources.Rejects;
import dev.renown.sources.live.BearerToken;
import dev.renown.sources.live.JetstreamConnector;
import dev.renown.sources.live.LiveConnector;
import dev.renown.sources.live.LiveOptions;
import dev.renown.sources.live.LiveStats;
import dev.renown.sources.live.MastodonConnector;
import dev.renown.store.IngestResult;
import dev.renown.store.Store;
import dev.renown.store.StreamSession;

import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * {@code renown ingest --follow SOURCE}: reads a live stream into the store until Ctrl+C,
 * SIGTERM or a limit, committing every batch with the stream's cursor, then commits the last
 * batch, prints a summary and returns 0. A restart resumes from the stored cursor.
 */
final class Follow {

    /** The streams {@code --follow} reads. */
    enum Source {
        bluesky, mastodon
    }

    private final Source source;
    private final FollowOptions o;
    private final StoreOptions storeOptions;
    private final Path rejectsFile;
    private final Integer batch;
    private final Function<String, String> env;
    private final PrintWriter out;
    private final PrintWriter err;

    Follow(Source source, FollowOptions options, StoreOptions storeOptions, Path rejectsFile, Integer batch,
           Function<String, String> env, PrintWriter out, PrintWriter err) {
        this.source = source;
        this.o = options;
        this.storeOptions = storeOptions;
        this.rejectsFile = rejectsFile;
        this.batch = batch;
        this.env = env;
        this.out = out;
        this.err = err;
    }

    /** Checks the options; throws {@link IllegalArgumentException} (exit 2) with what is wrong. */
    private LiveOptions liveOptions() {
        LiveOptions live = LiveOptions.DEFAULT;
        if (batch != null || o.commitSeconds != null) {
            if (o.commitSeconds != null && !(o.commitSeconds > 0)) {
                throw new IllegalArgumentException("--commit-seconds must be > 0");
            }
            live = live.withBatch(batch != null ? batch : live.batchMessages(),
                    o.commitSeconds != null ? seconds(o.commitSeconds) : live.batchInterval());
        }
        if (o.maxEvents != null && o.maxEvents < 1) {
            throw new IllegalArgumentException("--max-events must be >= 1");
        }
        if (o.maxSeconds != null && !(o.maxSeconds > 0)) {
            throw new IllegalArgumentException("--max-seconds must be > 0");
        }
        if (o.rewindSeconds != null && !(o.rewindSeconds >= 0)) {
            throw new IllegalArgumentException("--rewind must be >= 0");
        }
        return live.withLimits(o.maxEvents != null ? o.maxEvents : 0,
                o.maxSeconds != null ? seconds(o.maxSeconds) : null);
    }

    private static Duration seconds(double s) {
        return Duration.ofNanos(Math.round(s * 1e9));
    }

    /** The connector and a description of what it reads, with nothing printed that could hold a token. */
    private interface ConnectorFactory {
        LiveConnector create(dev.renown.sources.live.LiveSink sink, Rejects rejects);
    }

    /** Reads the stream into the store the options name, until stopped by a signal or a limit. */
    int run() throws Exception {
        try (Store store = storeOptions.open()) {
            return run(store, true);
        }
    }

    private volatile LiveConnector running;
    private volatile boolean stopped;

    /** Stops the stream being read by {@link #run(Store, boolean)}, from another thread. */
    void stop() {
        stopped = true;
        LiveConnector c = running;
        if (c != null) {
            c.stop();
        }
    }

    /**
     * Reads the stream into an open store until {@link #stop()}, a limit, or (with
     * {@code signals}) Ctrl+C or SIGTERM.
     */
    int run(Store store, boolean signals) throws Exception {
        LiveOptions live = liveOptions();
        String key;
        String description;
        ConnectorFactory factory;
        java.util.function.Consumer<String> log = m -> {
            synchronized (err) {
                err.println("renown: " + m);
                err.flush();
            }
        };
        if (source == Source.bluesky) {
            if (o.stream != null || o.streamingUrl != null || o.tokenEnv != null) {
                throw new IllegalArgumentException("--stream, --streaming-url and --token-env are for --follow mastodon");
            }
            URI url = o.url != null ? o.url : JetstreamConnector.URL_DEFAULT;
            JetstreamConnector.Config config = new JetstreamConnector.Config(url,
                    o.collections != null ? o.collections : JetstreamConnector.COLLECTIONS_DEFAULT,
                    o.rewindSeconds != null ? seconds(o.rewindSeconds) : JetstreamConnector.REWIND_DEFAULT);
            key = JetstreamConnector.sourceKey(url);
            description = url.toString();
            factory = (sink, rejects) -> new JetstreamConnector(config, live, sink, rejects, log);
        } else {
            if (o.collections != null) {
                throw new IllegalArgumentException("--collections is for --follow bluesky");
            }
            if (o.url == null) {
                throw new IllegalArgumentException("--follow mastodon needs --url https://HOST, the server to read");
            }
            MastodonConnector.Stream stream = MastodonConnector.Stream.parse(o.stream != null ? o.stream : "public");
            String var = o.tokenEnv != null ? o.tokenEnv : FollowOptions.TOKEN_ENV_DEFAULT;
            String value = env.apply(var);
            BearerToken token = value == null || value.isBlank() ? null : BearerToken.of(value);
            if (token == null && (stream.needsToken() || o.tokenEnv != null)) {
                throw new Renown.UserError("the " + stream.name() + " stream needs an access token: set the environment "
                        + "variable " + var + (o.tokenEnv != null ? "" : " (or name another with --token-env)"), 2);
            }
            MastodonConnector.Config config = new MastodonConnector.Config(o.url, o.streamingUrl, stream, token,
                    o.rewindSeconds != null ? seconds(o.rewindSeconds) : MastodonConnector.REWIND_DEFAULT,
                    MastodonConnector.MAX_BACKFILL_PAGES_DEFAULT);
            key = MastodonConnector.sourceKey(config);
            description = o.url + " " + stream.name();
            factory = (sink, rejects) -> new MastodonConnector(config, live, sink, rejects, log);
        }
        long start = System.nanoTime();
        Rejects rejects = new Rejects(rejectsFile);
        LiveConnector connector;
        IngestResult totals;
        String summary;
        try (rejects) {
            long run = store.startRun("follow", description, "source=" + source + ", key=" + key);
            try (StreamSession session = store.beginStream(key, description, run)) {
                connector = factory.create(new StoreLiveSink(session), rejects);
                if (session.cursor() != null) {
                    err.println("renown: resuming " + key + " from cursor " + session.cursor() + when(
                            source == Source.bluesky ? micros(session.cursor()) : -1));
                }
                StopSignals stopSignals = signals ? StopSignals.install(connector::stop) : null;
                Progress progress = new Progress(err, status(key, connector.stats(), rejects));
                running = connector;
                try {
                    if (!stopped) {
                        connector.run();
                    }
                } catch (LiveConnector.Refused e) {
                    throw new Renown.UserError(e.getMessage(), 1);
                } finally {
                    running = null;
                    progress.close();
                    if (stopSignals != null) {
                        stopSignals.close();
                    }
                }
                totals = session.totals();
            }
            LiveStats s = connector.stats();
            double secs = (System.nanoTime() - start) / 1e9;
            summary = String.format(Locale.ROOT, "%,d messages, %,d interactions read, %,d added, %,d already stored, "
                            + "%,d rejected, %,d reconnections; cursor %s%s; %.1f s, %,.0f messages/s", s.handled(),
                    totals.records(), totals.inserted(), totals.duplicates(), rejects.total(), s.failedAttempts(),
                    s.cursor() == null ? "none" : s.cursor(), when(s.cursorMillis()), secs, s.handled() / secs);
            store.finishRun(run, summary);
        }
        out.println(key + ": " + summary);
        out.flush();
        InputOptions.reportRejects(rejects, err);
        return rejects.total() > 0 ? Renown.EXIT_REJECTS : 0;
    }

    private static long micros(String cursor) {
        try {
            return Long.parseLong(cursor) / 1000;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static String when(long millis) {
        return millis < 0 ? "" : " (" + Instant.ofEpochMilli(millis) + ")";
    }

    /** The progress line: messages and their rate since the last line, interactions, rejects, cursor lag. */
    private static Supplier<String> status(String key, LiveStats s, Rejects rejects) {
        long[] last = {0, System.nanoTime()};
        return () -> {
            long now = System.nanoTime();
            long handled = s.handled();
            double rate = (handled - last[0]) / Math.max(1e-9, (now - last[1]) / 1e9);
            last[0] = handled;
            last[1] = now;
            long cursor = s.cursorMillis();
            String lag = cursor < 0 ? "no cursor yet" : String.format(Locale.ROOT, "cursor lag %.1f s",
                    (System.currentTimeMillis() - cursor) / 1e3);
            return String.format(Locale.ROOT, "following %s: %,d messages (%,.0f/s), %,d interactions, %,d rejected, "
                            + "%s, %s, %,d reconnections", key, handled, rate, s.interactions(), rejects.total(), lag,
                    s.connected() ? "connected" : "not connected", s.failedAttempts());
        };
    }
}
