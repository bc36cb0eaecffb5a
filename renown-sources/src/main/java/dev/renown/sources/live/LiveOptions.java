package dev.renown.sources.live;

import java.time.Duration;

/**
 * How a connector reads a stream, the same for every source.
 *
 * @param batchMessages  messages per commit at most
 * @param batchInterval  longest a message waits for its commit
 * @param queueCapacity  messages held between the connection and the writer; when it is full the
 *                       connection stops reading (WebSocket flow control, or TCP for HTTP), so
 *                       memory stays bounded however fast the stream runs
 * @param idleTimeout    a connection silent this long is taken for dead and replaced
 * @param connectTimeout longest wait for a connection to open (or a REST page to start)
 * @param backoff        waits between reconnection attempts
 * @param maxMessages    stop after this many messages (0: no limit)
 * @param maxDuration    stop after this long (null: no limit)
 */
public record LiveOptions(int batchMessages, Duration batchInterval, int queueCapacity, Duration idleTimeout,
                          Duration connectTimeout, Backoff backoff, long maxMessages, Duration maxDuration) {

    public static final int BATCH_MESSAGES_DEFAULT = 1_000;
    public static final Duration BATCH_INTERVAL_DEFAULT = Duration.ofSeconds(1);
    public static final int QUEUE_CAPACITY_DEFAULT = 10_000;
    public static final Duration IDLE_TIMEOUT_DEFAULT = Duration.ofSeconds(60);
    public static final Duration CONNECT_TIMEOUT_DEFAULT = Duration.ofSeconds(15);
    public static final LiveOptions DEFAULT = new LiveOptions(BATCH_MESSAGES_DEFAULT, BATCH_INTERVAL_DEFAULT,
            QUEUE_CAPACITY_DEFAULT, IDLE_TIMEOUT_DEFAULT, CONNECT_TIMEOUT_DEFAULT, Backoff.DEFAULT, 0, null);

    public LiveOptions {
        if (batchMessages < 1) {
            throw new IllegalArgumentException("messages per batch must be positive: " + batchMessages);
        }
        positive(batchInterval, "batch interval");
        if (queueCapacity < 1) {
            throw new IllegalArgumentException("queue capacity must be positive: " + queueCapacity);
        }
        positive(idleTimeout, "idle timeout");
        positive(connectTimeout, "connect timeout");
        if (backoff == null) {
            throw new IllegalArgumentException("backoff is required");
        }
        if (maxMessages < 0) {
            throw new IllegalArgumentException("max messages must be >= 0 (0: no limit): " + maxMessages);
        }
        if (maxDuration != null) {
            positive(maxDuration, "max duration");
        }
    }

    private static void positive(Duration d, String what) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(what + " must be positive: " + d);
        }
    }

    public LiveOptions withBatch(int messages, Duration interval) {
        return new LiveOptions(messages, interval, queueCapacity, idleTimeout, connectTimeout, backoff, maxMessages,
                maxDuration);
    }

    public LiveOptions withQueueCapacity(int capacity) {
        return new LiveOptions(batchMessages, batchInterval, capacity, idleTimeout, connectTimeout, backoff, maxMessages,
                maxDuration);
    }

    public LiveOptions withIdleTimeout(Duration timeout) {
        return new LiveOptions(batchMessages, batchInterval, queueCapacity, timeout, connectTimeout, backoff, maxMessages,
                maxDuration);
    }

    public LiveOptions withBackoff(Backoff b) {
        return new LiveOptions(batchMessages, batchInterval, queueCapacity, idleTimeout, connectTimeout, b, maxMessages,
                maxDuration);
    }

    /** Limits: messages (0 for none) and time (null for none). */
    public LiveOptions withLimits(long messages, Duration duration) {
        return new LiveOptions(batchMessages, batchInterval, queueCapacity, idleTimeout, connectTimeout, backoff, messages,
                duration);
    }
}
