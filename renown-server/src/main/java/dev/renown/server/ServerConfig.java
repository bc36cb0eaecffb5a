package dev.renown.server;

import dev.renown.sources.TimeBound;
import dev.renown.store.Backfill;

import java.time.Duration;

/**
 * How the server runs.
 *
 * @param host               address to bind, e.g. {@code 127.0.0.1} or {@code 0.0.0.0}
 * @param port               port; 0 picks a free one
 * @param tokenSha256        SHA-256 (hex) of the API token that write endpoints require; null
 *                           disables writes (every write gets 401)
 * @param protectReads       whether reads need the token too
 * @param maxBodyBytes       largest request body accepted (413 beyond)
 * @param ratePerSecond      requests per second each client may sustain; 0 disables the limit
 * @param burst              requests a client may send at once above the rate
 * @param clockSkew          how far beyond the wall clock an ingested interaction may be dated
 *                           ({@link TimeBound}); later ones are rejected as {@code future-time}
 * @param recomputeMaxDays   days one recompute may write at most: the latest ones
 * @param recomputeTimeLimit how long one recompute may run before it stops (between two days)
 */
public record ServerConfig(String host, int port, String tokenSha256, boolean protectReads, long maxBodyBytes,
                           double ratePerSecond, int burst, Duration clockSkew, int recomputeMaxDays,
                           Duration recomputeTimeLimit) {

    public static final int PORT_DEFAULT = 7070;
    public static final long MAX_BODY_DEFAULT = 16L << 20;
    public static final double RATE_DEFAULT = 50;
    public static final int BURST_DEFAULT = 100;
    public static final Duration CLOCK_SKEW_DEFAULT = TimeBound.SKEW_DEFAULT;
    public static final int RECOMPUTE_MAX_DAYS_DEFAULT = Backfill.MAX_DAYS_DEFAULT;
    public static final Duration RECOMPUTE_TIME_LIMIT_DEFAULT = Duration.ofMinutes(30);

    public ServerConfig {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be in 0..65535: " + port);
        }
        if (tokenSha256 != null && !tokenSha256.matches("[0-9a-fA-F]{64}")) {
            throw new IllegalArgumentException("the token hash must be 64 hex digits (SHA-256)");
        }
        if (maxBodyBytes < 1 || ratePerSecond < 0 || burst < 1) {
            throw new IllegalArgumentException("body limit and burst must be positive, rate non-negative");
        }
        if (clockSkew == null || clockSkew.isNegative()) {
            throw new IllegalArgumentException("the clock skew must be zero or positive: " + clockSkew);
        }
        if (recomputeMaxDays < 1) {
            throw new IllegalArgumentException("recompute max days must be positive: " + recomputeMaxDays);
        }
        if (recomputeTimeLimit == null || recomputeTimeLimit.isNegative() || recomputeTimeLimit.isZero()) {
            throw new IllegalArgumentException("the recompute time limit must be positive: " + recomputeTimeLimit);
        }
    }

    /** As given, with the default clock skew and recompute bounds. */
    public ServerConfig(String host, int port, String tokenSha256, boolean protectReads, long maxBodyBytes,
                        double ratePerSecond, int burst) {
        this(host, port, tokenSha256, protectReads, maxBodyBytes, ratePerSecond, burst, CLOCK_SKEW_DEFAULT,
                RECOMPUTE_MAX_DAYS_DEFAULT, RECOMPUTE_TIME_LIMIT_DEFAULT);
    }

    /**
     * Local defaults: loopback, port 7070, no token, public reads, 16 MiB bodies, 50 requests/s,
     * interactions dated up to a day ahead of the clock, recomputes of at most 366 days and 30 minutes.
     */
    public static ServerConfig defaults() {
        return new ServerConfig("127.0.0.1", PORT_DEFAULT, null, false, MAX_BODY_DEFAULT, RATE_DEFAULT, BURST_DEFAULT);
    }

    public ServerConfig withPort(int value) {
        return new ServerConfig(host, value, tokenSha256, protectReads, maxBodyBytes, ratePerSecond, burst, clockSkew,
                recomputeMaxDays, recomputeTimeLimit);
    }

    public ServerConfig withToken(String sha256) {
        return new ServerConfig(host, port, sha256, protectReads, maxBodyBytes, ratePerSecond, burst, clockSkew,
                recomputeMaxDays, recomputeTimeLimit);
    }

    public ServerConfig withRate(double perSecond, int value) {
        return new ServerConfig(host, port, tokenSha256, protectReads, maxBodyBytes, perSecond, value, clockSkew,
                recomputeMaxDays, recomputeTimeLimit);
    }

    public ServerConfig withProtectedReads(boolean value) {
        return new ServerConfig(host, port, tokenSha256, value, maxBodyBytes, ratePerSecond, burst, clockSkew,
                recomputeMaxDays, recomputeTimeLimit);
    }

    public ServerConfig withMaxBody(long bytes) {
        return new ServerConfig(host, port, tokenSha256, protectReads, bytes, ratePerSecond, burst, clockSkew,
                recomputeMaxDays, recomputeTimeLimit);
    }

    public ServerConfig withHost(String value) {
        return new ServerConfig(value, port, tokenSha256, protectReads, maxBodyBytes, ratePerSecond, burst, clockSkew,
                recomputeMaxDays, recomputeTimeLimit);
    }

    public ServerConfig withClockSkew(Duration value) {
        return new ServerConfig(host, port, tokenSha256, protectReads, maxBodyBytes, ratePerSecond, burst, value,
                recomputeMaxDays, recomputeTimeLimit);
    }

    /** Recomputes of at most {@code days} days (the latest) and {@code timeLimit}. */
    public ServerConfig withRecomputeBounds(int days, Duration timeLimit) {
        return new ServerConfig(host, port, tokenSha256, protectReads, maxBodyBytes, ratePerSecond, burst, clockSkew,
                days, timeLimit);
    }
}
