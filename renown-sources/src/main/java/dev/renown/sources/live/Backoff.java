package dev.renown.sources.live;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * How long a connector waits before its {@code n}-th reconnection attempt in a row: exponential
 * backoff with "equal jitter" (M. Brooker, <i>Exponential Backoff And Jitter</i>, AWS
 * Architecture Blog, 2015):
 * <pre>
 *   d(n) = min(max, base · 2^(n−1)),   wait(n) = d(n) · (1 − jitter · u),   u uniform in [0, 1)
 * </pre>
 * With {@code jitter ≤ 0.5} a wait is never shorter than the one before it until the cap is
 * reached — the least wait of attempt {@code n+1} is the longest of attempt {@code n} — while
 * clients that lost the same server still spread their returns over half the interval.
 *
 * @param base   wait before the first attempt's jitter
 * @param max    longest wait
 * @param jitter share of each wait that is random, in [0, 1]
 */
public record Backoff(Duration base, Duration max, double jitter) {

    public static final Duration BASE_DEFAULT = Duration.ofSeconds(1);
    public static final Duration MAX_DEFAULT = Duration.ofMinutes(1);
    public static final double JITTER_DEFAULT = 0.5;
    public static final Backoff DEFAULT = new Backoff(BASE_DEFAULT, MAX_DEFAULT, JITTER_DEFAULT);

    public Backoff {
        if (base == null || base.isNegative() || base.isZero()) {
            throw new IllegalArgumentException("backoff base must be positive: " + base);
        }
        if (max == null || max.compareTo(base) < 0) {
            throw new IllegalArgumentException("backoff max must be at least its base: " + max);
        }
        if (!(jitter >= 0 && jitter <= 1)) {
            throw new IllegalArgumentException("backoff jitter must be in [0, 1]: " + jitter);
        }
    }

    /** The wait before attempt {@code attempt} (1 for the first reconnection after a failure). */
    public Duration delay(int attempt, RandomGenerator random) {
        if (attempt < 1) {
            throw new IllegalArgumentException("attempts count from 1: " + attempt);
        }
        double capNanos = max.toNanos();
        double d = Math.min(capNanos, base.toNanos() * Math.pow(2, Math.min(attempt - 1, 62)));
        return Duration.ofNanos((long) (d * (1 - jitter * random.nextDouble())));
    }

    /** The wait before attempt {@code attempt} without its jitter: the most it can be. */
    public Duration ceiling(int attempt) {
        return Duration.ofNanos((long) Math.min(max.toNanos(), base.toNanos() * Math.pow(2, Math.min(attempt - 1, 62))));
    }
}
