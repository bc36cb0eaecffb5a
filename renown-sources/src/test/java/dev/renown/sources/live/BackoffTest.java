package dev.renown.sources.live;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BackoffTest {

    private static final Backoff B = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(2), 0.5);

    @Test
    void ceilings_double_from_the_base_up_to_the_cap() {
        long[] expected = {100, 200, 400, 800, 1600, 2000, 2000};
        for (int n = 1; n <= expected.length; n++) {
            assertEquals(Duration.ofMillis(expected[n - 1]), B.ceiling(n), "attempt " + n);
        }
        assertEquals(Duration.ofSeconds(2), B.ceiling(10_000), "no overflow for long outages");
    }

    @Test
    void waits_lie_in_the_upper_half_of_their_ceiling_and_never_shrink_before_the_cap() {
        RandomGenerator random = new SplittableRandom(7);
        for (int trial = 0; trial < 1000; trial++) {
            Duration previous = Duration.ZERO;
            for (int n = 1; n <= 5; n++) {
                Duration d = B.delay(n, random);
                assertTrue(d.compareTo(B.ceiling(n).dividedBy(2)) >= 0 && d.compareTo(B.ceiling(n)) <= 0, d + " at " + n);
                assertTrue(d.compareTo(previous) >= 0, "attempt " + n + " waits " + d + " after " + previous);
                previous = d;
            }
        }
    }

    @Test
    void jitter_zero_is_plain_exponential_backoff_and_full_jitter_may_wait_nothing() {
        Backoff plain = new Backoff(Duration.ofMillis(10), Duration.ofSeconds(1), 0);
        assertEquals(Duration.ofMillis(80), plain.delay(4, new SplittableRandom(1)));
        RandomGenerator zero = new RandomGenerator() {
            @Override
            public long nextLong() {
                return 0;
            }

            @Override
            public double nextDouble() {
                return 0.999_999_999;
            }
        };
        assertTrue(new Backoff(Duration.ofMillis(10), Duration.ofSeconds(1), 1).delay(3, zero).toNanos() < 1000);
    }

    @Test
    void bad_parameters_are_refused() {
        assertThrows(IllegalArgumentException.class, () -> new Backoff(Duration.ZERO, Duration.ofSeconds(1), 0.5));
        assertThrows(IllegalArgumentException.class, () -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1), 0.5));
        assertThrows(IllegalArgumentException.class, () -> new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(1), 1.5));
        assertThrows(IllegalArgumentException.class, () -> new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(1), Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> B.delay(0, new SplittableRandom(1)));
    }
}
