package dev.renown.core.validation;

import dev.renown.core.score.ScoringParameters;
import dev.renown.core.score.SignalKind;
import dev.renown.core.testing.Events;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static dev.renown.core.event.InteractionKind.REPOST;
import static dev.renown.core.testing.Events.T0;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CalibratorTest {

    private static final ScoringParameters BASE = ScoringParameters.defaults().withThreads(1);

    /**
     * {@code days} days ending at {@link Events#T0}; each day, 150 fans each repost one of 150 stars, so
     * that every day 150 accounts active the day before are engaged.
     */
    private static Events daily(int days) {
        Events e = Events.events();
        for (int d = 0; d < days; d++) {
            for (int i = 0; i < 150; i++) {
                e.add("fan" + ((i + d) % 200), REPOST, "star" + i, Duration.ofHours(24L * d + 1 + i % 20));
            }
        }
        return e;
    }

    @Test
    void too_little_history_gives_the_documented_priors() {
        // One day: no fold has anything before its split.
        Calibrator.Calibration c = Calibrator.calibrate(daily(1).table(), T0.toEpochMilli(), BASE, i -> { });
        assertFalse(c.fitted());
        assertTrue(c.reason().startsWith("documented priors"), c.reason());
        double[] w = c.parameters().signalWeights();
        assertEquals(Calibrator.PRIOR_REACH, w[SignalKind.REACH.ordinal()], 1e-12);
        assertEquals(Calibrator.PRIOR_CONVERSATION, w[SignalKind.CONVERSATION.ordinal()], 1e-12);
        assertEquals(0.5, c.parameters().recentShare(), 1e-12);
        assertEquals(Duration.ofDays(1), c.parameters().recentHalfLife());
    }

    @Test
    void folds_count_from_the_most_recent_back_while_100_accounts_are_engaged_in_each() {
        long end = T0.toEpochMilli() + 1;
        // Four days: the folds at T−1d, T−2d and T−3d each have 150 engaged stars active before them.
        assertEquals(3, Calibrator.usableFolds(daily(4).table(), end, Duration.ofDays(1), Duration.ofDays(90)));
        // Two days: only the fold at T−1d has anything before it.
        assertEquals(1, Calibrator.usableFolds(daily(2).table(), end, Duration.ofDays(1), Duration.ofDays(90)));
        // With enough history the calibration is fitted, on folds of a day.
        Calibrator.Calibration c = Calibrator.calibrate(daily(4).table(), T0.toEpochMilli(), BASE, i -> { });
        assertTrue(c.fitted(), c.reason());
        assertEquals(Duration.ofDays(1), c.horizon());
        assertEquals(3, c.fit().folds().size());
    }

    @Test
    void encoding_round_trips_weights_and_timescales() {
        ScoringParameters p = BASE.withSignalWeights(0.5, 0.1, 0.2, 0.15, 0.05)
                .withHalfLives(Duration.ofDays(30), Duration.ofHours(6), Duration.ofDays(4), Duration.ofDays(1),
                        Duration.ofHours(36))
                .withRecentReach(0.75, Duration.ofHours(12));
        String text = Calibrator.encode(p);
        assertEquals("weights=0.5,0.1,0.2,0.15,0.05 half_lives=PT720H,PT6H,PT96H,PT24H,PT36H recent_share=0.75 "
                + "recent_half_life=PT12H", text);
        ScoringParameters back = Calibrator.decode(text, BASE);
        assertArrayEquals(p.signalWeights(), back.signalWeights(), 1e-15);
        assertArrayEquals(p.halfLives(), back.halfLives());
        assertEquals(p, back);
    }
}
