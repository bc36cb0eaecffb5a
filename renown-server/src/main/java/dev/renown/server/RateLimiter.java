package dev.renown.server;

import java.util.concurrent.ConcurrentHashMap;

/**
 * A token bucket per client: each client may send {@code burst} requests at once and
 * {@code ratePerSecond} sustained. Buckets of clients idle for a minute are dropped.
 */
final class RateLimiter {

    private static final long IDLE_NANOS = 60_000_000_000L;

    private final double ratePerNano;
    private final int burst;
    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();
    private volatile long lastSweep = System.nanoTime();

    RateLimiter(double ratePerSecond, int burst) {
        this.ratePerNano = ratePerSecond / 1e9;
        this.burst = burst;
    }

    /** Whether the client may make a request now; takes a token if so. */
    boolean tryAcquire(String client) {
        long now = System.nanoTime();
        if (now - lastSweep > IDLE_NANOS) {
            lastSweep = now;
            buckets.values().removeIf(b -> now - b.last > IDLE_NANOS);
        }
        return buckets.computeIfAbsent(client, c -> new Bucket(burst, now)).tryAcquire(now, ratePerNano, burst);
    }

    /** Seconds until the client has a token again, rounded up, at least 1. */
    long retryAfterSeconds() {
        return Math.max(1, (long) Math.ceil(1 / (ratePerNano * 1e9)));
    }

    private static final class Bucket {
        private double tokens;
        private long last;

        Bucket(int burst, long now) {
            this.tokens = burst;
            this.last = now;
        }

        synchronized boolean tryAcquire(long now, double ratePerNano, int burst) {
            tokens = Math.min(burst, tokens + (now - last) * ratePerNano);
            last = now;
            if (tokens >= 1) {
                tokens -= 1;
                return true;
            }
            return false;
        }
    }
}
