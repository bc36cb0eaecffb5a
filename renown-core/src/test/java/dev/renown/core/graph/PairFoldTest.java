package dev.renown.core.graph;

import dev.renown.core.event.EventTable;
import dev.renown.core.event.Interaction;
import dev.renown.core.event.InteractionKind;
import dev.renown.core.score.ScoreBoard;
import dev.renown.core.score.Scorer;
import dev.renown.core.score.ScoringParameters;
import dev.renown.core.score.SignalKind;
import dev.renown.core.testing.Events;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static dev.renown.core.testing.Events.T0;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PairFoldTest {

    @Test
    void day_share_decay_and_ages_by_hand() {
        assertEquals(1.0, PairFold.dayShare(1));
        assertEquals(Math.log(3) / Math.log(2) / 2, PairFold.dayShare(2), 1e-15);
        assertEquals(0.5, PairFold.decay(PairFold.decayRate(1000), 1000), 1e-15);
        assertEquals(1, PairFold.ageSeconds(1999));
        assertEquals(-1, PairFold.day(-1));
        assertEquals(Long.MIN_VALUE, PairFold.windowStart(Long.MIN_VALUE + 5, 10));
        assertEquals(-2, PairFold.secondKey(1500)); // second 1, made negative: -1 - 1
        assertEquals(-1, PairFold.secondKey(999));
    }

    @Test
    void pairs_assembled_in_any_order_give_the_builders_graph_and_scores() {
        Random r = new Random(7);
        List<Interaction> events = new ArrayList<>();
        for (int i = 0; i < 4000; i++) {
            String actor = i % 3 == 0 ? "busy" : "u" + r.nextInt(80);
            InteractionKind kind = InteractionKind.ofOrdinal(r.nextInt(6));
            long time = T0.toEpochMilli() - (long) (r.nextDouble() * 100 * 86_400_000L);
            events.add(new Interaction("e" + i, "t", kind, actor, "u" + r.nextInt(80), time,
                    r.nextInt(4) == 0 ? "p" + r.nextInt(500) : null, null, null, List.of()));
        }
        EventTable table = Events.table(events);
        ScoringParameters parameters = ScoringParameters.defaults();
        Scorer scorer = new Scorer(parameters);
        ScoreBoard built = scorer.score(table);
        InteractionGraph g = built.graph();

        // The builder's pairs, shuffled, as another runner would hand them over.
        int m = g.edgeCount();
        List<Integer> order = new ArrayList<>();
        for (int e = 0; e < m; e++) {
            order.add(e);
        }
        Collections.shuffle(order, r);
        int[] targetOf = new int[m];
        for (int v = 0; v < g.nodeCount(); v++) {
            for (int e = g.inStart(v); e < g.inEnd(v); e++) {
                targetOf[e] = v;
            }
        }
        int[] source = new int[m];
        int[] target = new int[m];
        int[] last = new int[m];
        int[] first = new int[m];
        float[] inf = new float[m];
        float[] amp = new float[m];
        float[] conv = new float[m];
        for (int i = 0; i < m; i++) {
            int e = order.get(i);
            source[i] = g.source(e);
            target[i] = targetOf[e];
            last[i] = g.lastEngagementAge(e);
            first[i] = g.firstAge(e);
            inf[i] = g.influence(e);
            amp[i] = g.amplification(e);
            conv[i] = g.conversation(e);
        }
        int[] account = new int[g.nodeCount()];
        int[] posts = new int[g.nodeCount()];
        for (int v = 0; v < account.length; v++) {
            account[v] = g.account(v);
            posts[v] = g.ownPosts(v);
        }
        InteractionGraph assembled = PairFold.assemble(account, source, target, last, first, inf, amp, conv, posts,
                g.windowStartMillis(), g.asOfMillis(), g.interactionCount());
        for (int e = 0; e < m; e++) {
            assertEquals(g.source(e), assembled.source(e));
            assertEquals(g.influence(e), assembled.influence(e));
            assertEquals(g.lastEngagementAge(e), assembled.lastEngagementAge(e));
        }
        ScoreBoard again = scorer.score(table, assembled);
        for (SignalKind s : SignalKind.values()) {
            for (int v = 0; v < g.nodeCount(); v++) {
                assertEquals(built.value(s, v), again.value(s, v), s + " of " + v);
            }
        }
        double[] scores = new double[g.nodeCount()];
        double[] scoresAgain = new double[g.nodeCount()];
        for (int v = 0; v < scores.length; v++) {
            scores[v] = built.score(v);
            scoresAgain[v] = again.score(v);
        }
        assertArrayEquals(scores, scoresAgain);
    }

    @Test
    void a_pair_given_twice_or_a_self_pair_is_refused() {
        int[] account = {0, 1};
        float[] one = {1};
        assertThrows(IllegalArgumentException.class, () -> PairFold.assemble(account, new int[] {0}, new int[] {0},
                new int[] {0}, new int[] {0}, one, one, one, new int[2], 0, 1, 1));
        float[] two = {1, 1};
        assertThrows(IllegalArgumentException.class, () -> PairFold.assemble(account, new int[] {0, 0},
                new int[] {1, 1}, new int[2], new int[2], two, two, two, new int[2], 0, 1, 2));
    }
}
