package dev.renown.core.score;

import dev.renown.core.event.InteractionKind;
import dev.renown.core.testing.Events;
import dev.renown.core.testing.RandomEvents;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static dev.renown.core.event.InteractionKind.MENTION;
import static dev.renown.core.event.InteractionKind.REPLY;
import static dev.renown.core.event.InteractionKind.REPOST;
import static dev.renown.core.testing.Events.T0;
import static dev.renown.core.testing.Events.events;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ExplanationTest {

    private static final ScoringParameters PARAMS = ScoringParameters.defaults().withThreads(1);

    @Test
    void contributions_add_up_to_each_signal_and_points_to_the_score() {
        for (long seed = 0; seed < 300; seed++) {
            ScoreBoard b = new Scorer(PARAMS).score(Events.table(RandomEvents.generate(seed)), T0.toEpochMilli());
            for (int v = 0; v < b.size(); v++) {
                for (SignalKind kind : SignalKind.values()) {
                    double[] sum = {0};
                    b.signal(kind).contributions(v, (other, amount) -> sum[0] += amount);
                    assertEquals(b.value(kind, v), sum[0], 1e-6 * (1 + b.value(kind, v)),
                            "seed " + seed + " " + kind);
                }
                Explanation x = b.explain(v, 3);
                double total = 1;
                for (AccountScore.SignalScore s : x.score().signals()) {
                    total += s.points();
                }
                assertEquals(x.score().score(), total, 1e-9, "seed " + seed);
            }
        }
    }

    @Test
    void evidence_lists_the_largest_contributors_with_their_interactions() {
        Events e = events()
                .add("fan1", REPOST, "star")
                .add("fan1", REPOST, "star", Duration.ofDays(2))
                .add("fan1", REPLY, "star", Duration.ofDays(3))
                .add("fan2", MENTION, "star", Duration.ofDays(40))
                .add("star", REPLY, "fan1", Duration.ofDays(1))
                .add("star", REPOST, "other", Duration.ofDays(100)); // outside the window
        // One half-life and no defences, so that each fan's part is its recency.
        ScoreBoard b = new Scorer(PARAMS.withRecentReach(0, ScoringParameters.RECENT_HALF_LIFE_DEFAULT)
                .withDefences(dev.renown.core.integrity.Defences.none())).score(e.table(), T0.toEpochMilli());
        Explanation x = b.explain(b.node("star").orElseThrow(), 5);
        Explanation.SignalEvidence reach = x.signals().get(SignalKind.REACH.ordinal());
        assertEquals("fan1", reach.top().get(0).account().id());
        assertEquals(1.0, reach.top().get(0).amount(), 1e-9);
        assertEquals(Map.of(InteractionKind.REPOST, 2, InteractionKind.REPLY, 1), reach.top().get(0).interactions());
        assertEquals(T0.toEpochMilli(), reach.top().get(0).lastMillis());
        assertEquals("fan2", reach.top().get(1).account().id());
        // One engager, decayed by 2^(-40/30): its mention is 40 days old.
        assertEquals(Math.pow(2, -40.0 / 30), reach.top().get(1).amount(), 1e-6);
        assertTrue(reach.summary().startsWith("2 distinct accounts engaged"), reach.summary());
        // Amplification evidence shows only the kinds it counts: no mention from fan2.
        Explanation.SignalEvidence amp = x.signals().get(SignalKind.AMPLIFICATION.ordinal());
        assertEquals(1, amp.top().size());
        // Conversation: fan1 replied and star replied back.
        Explanation.SignalEvidence conv = x.signals().get(SignalKind.CONVERSATION.ordinal());
        assertTrue(conv.summary().contains("1 of them in two-way dialogue"), conv.summary());
        // Outreach reads the other direction; the out-of-window repost is not evidence.
        Explanation.SignalEvidence out = x.signals().get(SignalKind.OUTREACH.ordinal());
        assertEquals(1, out.top().size());
        assertEquals("fan1", out.top().get(0).account().id());
        assertEquals(Map.of(InteractionKind.REPLY, 1), out.top().get(0).interactions());
        assertEquals(3, x.scoredAccounts()); // star, fan1, fan2; "other" only outside the window
    }

    @Test
    void percentiles_count_ties_half() {
        double[] sorted = {0, 0, 1, 2};
        assertEquals(25.0, ScoreBoard.percentile(sorted, 0), 1e-9);   // (0 + 2/2) / 4
        assertEquals(62.5, ScoreBoard.percentile(sorted, 1), 1e-9);   // (2 + 1/2) / 4
        assertEquals(87.5, ScoreBoard.percentile(sorted, 2), 1e-9);
        assertEquals(100.0, ScoreBoard.percentile(sorted, 3), 1e-9);
    }

    @Test
    void empty_input_scores_nobody() {
        ScoreBoard b = new Scorer(PARAMS).score(events().table());
        assertEquals(0, b.size());
        assertTrue(b.top(10).isEmpty());
        assertTrue(b.node("anyone").isEmpty());
        // Only self-interactions: still nobody.
        ScoreBoard self = new Scorer(PARAMS).score(events().add("a", REPOST, "a").table());
        assertEquals(0, self.size());
    }

    @Test
    void parameters_are_validated_once() {
        ScoringParameters d = ScoringParameters.defaults();
        assertThrows(IllegalArgumentException.class, () -> d.withWindow(Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> d.withHalfLife(Duration.ofDays(-1)));
        assertThrows(IllegalArgumentException.class, () -> d.withDamping(1.0));
        assertThrows(IllegalArgumentException.class, () -> d.withKindWeights(1, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> d.withKindWeights(1, 1, 1, 1, 1, Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> d.withSignalWeights(0, 0, 0, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> d.withThreads(0));
        // Signal weights are normalised.
        assertEquals(0.2, d.withSignalWeights(1, 1, 1, 1, 1).signalWeight(SignalKind.OUTREACH), 1e-12);
    }
}
