package dev.renown.sources;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * The latest time an interaction may carry: the wall clock plus a skew. A record dated later is
 * rejected with reason {@value #REASON} — a time in the future is a mistake (milliseconds for
 * seconds, a placeholder such as 9999-12-31) or a forgery, and one such record would otherwise
 * make every "up to the last interaction" operation run to its date. Nothing is ever too old:
 * replaying historical data (the demo's 2012 stream) needs no setting.
 *
 * <p>The skew absorbs clocks that run ahead of this machine's; give a larger one to load data
 * dated ahead of the clock on purpose (a simulation, a source in a far time zone that mislabels
 * local times as UTC). The bound follows the clock: it is computed when first needed and again
 * only when a record exceeds it, so a check costs one comparison and a long-running stream keeps
 * accepting what becomes the present.
 */
public final class TimeBound {

    /** Reject reason of a record dated beyond the bound. */
    public static final String REASON = "future-time";
    /** How far ahead of the clock a time may be unless said otherwise. */
    public static final Duration SKEW_DEFAULT = Duration.ofDays(1);

    private final Duration skew;
    private final long skewMillis;
    private final LongSupplier clock;
    private volatile long latest = Long.MIN_VALUE;

    private TimeBound(Duration skew, LongSupplier clock) {
        if (skew == null || skew.isNegative()) {
            throw new IllegalArgumentException("the clock skew must be zero or positive: " + skew);
        }
        this.skew = skew;
        this.skewMillis = saturatedMillis(skew);
        this.clock = clock;
    }

    /** The wall clock plus {@link #SKEW_DEFAULT}. */
    public static TimeBound defaults() {
        return of(SKEW_DEFAULT);
    }

    /** The wall clock plus {@code skew}. */
    public static TimeBound of(Duration skew) {
        return new TimeBound(skew, System::currentTimeMillis);
    }

    /** {@code clockMillis} plus {@code skew}: for tests, and for bounds relative to another clock. */
    public static TimeBound of(Duration skew, LongSupplier clockMillis) {
        return new TimeBound(skew, clockMillis);
    }

    public Duration skew() {
        return skew;
    }

    /** The latest time accepted now, in milliseconds since the epoch. */
    public long latestMillis() {
        long now = clock.getAsLong();
        return now > Long.MAX_VALUE - skewMillis ? Long.MAX_VALUE : now + skewMillis;
    }

    /** Whether a time (milliseconds since the epoch) is within the bound. */
    public boolean allows(long millis) {
        if (millis <= latest) {
            return true;
        }
        latest = latestMillis();
        return millis <= latest;
    }

    /**
     * Returns {@code millis} if it is within the bound.
     *
     * @throws FieldException {@value #REASON}, naming the field, the time and the bound
     */
    long check(String field, long millis) throws FieldException {
        if (!allows(millis)) {
            throw new FieldException(field, REASON, describe(millis));
        }
        return millis;
    }

    /** Why {@code millis} is out of bounds, as a reject's detail. */
    public String describe(long millis) {
        return "time " + instant(millis) + " is beyond now + skew (" + instant(latest) + ": the clock plus "
                + skew.toString().substring(2).toLowerCase(Locale.ROOT) + "); a larger --clock-skew accepts it";
    }

    private static String instant(long millis) {
        try {
            return Instant.ofEpochMilli(millis).toString();
        } catch (RuntimeException e) {
            return millis + " ms";
        }
    }

    private static long saturatedMillis(Duration d) {
        try {
            return d.toMillis();
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
    }

    @Override
    public String toString() {
        return "now + " + skew;
    }
}
