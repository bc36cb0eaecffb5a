package dev.renown.sources.synthetic;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SlotClockTest {

    private static final long START = 1_704_067_200L; // 2024-01-01T00:00:00Z, a Monday

    @Test
    void hands_out_exactly_n_times_in_order_inside_the_span() {
        long end = START + 10 * 86_400L;
        SlotClock clock = new SlotClock(START, end, 100_000, 0.5, 15, 0.7, new Rng(3));
        long previous = START;
        for (int i = 0; i < 100_000; i++) {
            long t = clock.next();
            assertTrue(t >= previous && t < end, t + " after " + previous);
            previous = t;
        }
        assertEquals(100_000, clock.drawn());
        assertThrows(IllegalStateException.class, clock::next);
    }

    @Test
    void the_integral_and_its_inverse_agree() {
        SlotClock clock = new SlotClock(START, START + 86_400, 1, 0.5, 15, 0.7, new Rng(1));
        for (long t = START - 1_000_000; t < START + 3_000_000; t += 12_345) {
            assertEquals(t, clock.inverse(clock.integral(t)), 1e-6);
        }
    }

    @Test
    void weekends_are_quieter_by_the_factor_given() {
        long end = START + 28 * 86_400L;
        SlotClock clock = new SlotClock(START, end, 1_000_000, 0, 0, 0.5, new Rng(2));
        long weekend = 0;
        for (int i = 0; i < 1_000_000; i++) {
            long day = (clock.next() - START) / 86_400 % 7;
            weekend += day >= 5 ? 1 : 0;
        }
        // Two days of rate 0.5 against five of rate 1: a sixth of the lines.
        assertEquals(1_000_000 / 6.0, weekend, 2_000);
    }
}
