package dev.renown.sources.live;

import dev.renown.sources.Rejects;

import java.io.IOException;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;

/**
 * What every live connector does around its protocol: connect, read until the connection ends,
 * wait with {@link Backoff} and reconnect from the cursor, until {@link #stop()} or a limit of
 * {@link LiveOptions}; then let the writer parse and commit what was received, and return.
 *
 * <p>Threads: {@link #run()} holds the connection (the caller's thread); a writer thread
 * ({@link LiveEngine}) parses and commits; {@link #stop()} may be called from any thread, a
 * signal handler's included.
 */
public abstract class LiveConnector {

    /** Thrown when the server refuses in a way that retrying cannot fix (bad URL, bad token). */
    public static final class Refused extends IOException {
        public Refused(String message) {
            super(message);
        }
    }

    final LiveOptions options;
    final LiveSink sink;
    final Rejects rejects;
    private final Consumer<String> log;
    final LiveStats stats = new LiveStats();
    final AtomicLong sequence = new AtomicLong();
    private final CountDownLatch stopSignal = new CountDownLatch(1);
    private final Pause pause;
    private final RandomGenerator random;
    private volatile boolean stopping;

    LiveConnector(LiveOptions options, LiveSink sink, Rejects rejects, Consumer<String> log, Pause pause,
                  RandomGenerator random) {
        this.options = Objects.requireNonNull(options, "options");
        this.sink = Objects.requireNonNull(sink, "sink");
        this.rejects = Objects.requireNonNull(rejects, "rejects");
        this.log = log == null ? m -> { } : log;
        this.pause = pause != null ? pause : d -> stopSignal.await(d.toNanos(), TimeUnit.NANOSECONDS);
        this.random = random != null ? random : RandomGenerator.getDefault();
    }

    /** The key the stream's cursor is stored under. */
    public abstract String sourceKey();

    /** Counters, live. */
    public LiveStats stats() {
        return stats;
    }

    /** Parses this source's messages; called once per {@link #run()}. */
    abstract LiveEngine.Handler handler();

    /**
     * Opens one connection and reads it until it ends, queueing each message with
     * {@link #queue}. Returns why it ended (or null when stopped); throws when it could not be
     * opened, {@link Refused} when there is no point in trying again.
     */
    abstract String connectAndRead(LiveEngine engine) throws IOException, InterruptedException;

    /** Whether the connection just ended delivered enough to count as healthy (resets the backoff). */
    abstract boolean lastConnectionWasHealthy();

    /** Ends the current connection, if any, so that {@link #connectAndRead} returns. */
    abstract void interruptConnection();

    /** Called on the writer thread each time a message leaves the queue. */
    void taken() {
    }

    /** Whether {@link #stop()} was called or a limit was reached. */
    final boolean stopping() {
        return stopping;
    }

    /** Asks the connector to stop: the connection is closed and {@link #run()} returns after the last commit. */
    public final void stop() {
        stopping = true;
        stopSignal.countDown();
        interruptConnection();
    }

    /** Says something to whoever runs the connector (stderr for the CLI). */
    void log(String message) {
        log.accept(message);
    }

    /**
     * Reads the stream until stopped, {@link LiveOptions#maxMessages()} messages were read, or
     * {@link LiveOptions#maxDuration()} passed; commits what was read and returns.
     *
     * @throws Refused     when the server refused the connection for good
     * @throws IOException when the writer failed to parse
     * @throws RuntimeException what the sink threw (a store that cannot commit)
     */
    public final void run() throws IOException, InterruptedException {
        LiveEngine engine = new LiveEngine(options, sink, handler(), stats, this::taken, this::stop);
        engine.start();
        Thread timer = null;
        if (options.maxDuration() != null) {
            timer = new Thread(() -> {
                try {
                    if (!stopSignal.await(options.maxDuration().toNanos(), TimeUnit.NANOSECONDS)) {
                        stop();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "renown-live-timer");
            timer.setDaemon(true);
            timer.start();
        }
        Refused refused = null;
        int failures = 0;
        try {
            while (!stopping) {
                String reason;
                try {
                    reason = connectAndRead(engine);
                } catch (Refused e) {
                    refused = e;
                    break;
                } catch (IOException e) {
                    reason = "cannot connect: " + describe(e);
                }
                stats.connected(false);
                if (stopping) {
                    break;
                }
                failures = lastConnectionWasHealthy() ? 1 : failures + 1;
                stats.failedAttempts.incrementAndGet();
                Duration wait = options.backoff().delay(failures, random);
                log(String.format(Locale.ROOT, "%s; reconnecting in %.1f s (attempt %d)", reason,
                        wait.toNanos() / 1e9, failures));
                pause.pause(wait);
            }
        } finally {
            stop();
            engine.finish();
            if (timer != null) {
                timer.interrupt();
            }
        }
        Throwable failure = engine.failure();
        if (failure instanceof RuntimeException) {
            throw (RuntimeException) failure;
        }
        if (failure instanceof IOException) {
            throw (IOException) failure;
        }
        if (failure instanceof Error) {
            throw (Error) failure;
        }
        if (failure instanceof InterruptedException) {
            throw (InterruptedException) failure;
        }
        if (refused != null) {
            throw refused;
        }
    }

    /** Queues one message for the writer, numbering it. */
    final void queue(LiveEngine engine, String source, LiveEngine.Kind kind, String name, String text)
            throws InterruptedException {
        engine.put(new LiveEngine.Message(sequence.incrementAndGet(), source, kind, name, text));
    }

    /** An exception's message, or its class when it has none, with its cause's. */
    static String describe(Throwable e) {
        String m = e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
        Throwable c = e.getCause();
        if (c != null && c != e && c.getMessage() != null && !m.contains(c.getMessage())) {
            m += " (" + c.getMessage() + ")";
        }
        return m;
    }

    /** Cuts a text for a message. */
    static String head(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max) + "…";
    }
}
