package dev.renown.core.score;

import dev.renown.core.event.EventTable;
import dev.renown.core.event.InteractionKind;
import dev.renown.core.graph.InteractionGraph;
import dev.renown.core.testing.Events;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Random;

import static dev.renown.core.testing.Events.T0;
import static dev.renown.core.testing.Events.events;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A ranking scored from the folded graph and the table's accounts alone (what {@code renown
 * score} does so that the events need not stay in memory) is the ranking of the full table, and
 * what would read the events says so instead of finding none.
 */
class RankingWithoutEventsTest {

    @Test
    void scores_from_the_graph_and_the_accounts_alone_are_the_full_tables_scores() {
        Random random = new Random(11);
        Events events = events();
        InteractionKind[] kinds = InteractionKind.values();
        for (int i = 0; i < 3000; i++) {
            // A skewed choice of target, so that some accounts stand out.
            int target = (int) Math.floor(Math.pow(random.nextDouble(), 3) * 200);
            events.add("a" + random.nextInt(400), kinds[random.nextInt(kinds.length)], "a" + target,
                    Duration.ofMinutes(random.nextInt(60 * 24 * 100)));
        }
        EventTable table = events.table();
        Scorer scorer = new Scorer(ScoringParameters.defaults().withThreads(2));
        ScoreBoard full = scorer.score(table, T0.toEpochMilli());
        InteractionGraph graph = scorer.fold(table, T0.toEpochMilli());
        EventTable accounts = table.accountsOnly();
        ScoreBoard lean = scorer.score(accounts, graph);

        assertEquals(0, accounts.size());
        assertSame(table.accounts(), accounts.accounts());
        assertTrue(full.size() > 300);
        assertEquals(full.size(), lean.size());
        for (int i = 0; i < full.size(); i++) {
            assertEquals(full.nodeAt(i), lean.nodeAt(i));
            int v = full.nodeAt(i);
            assertEquals(full.score(v), lean.score(v), 0.0);
            assertEquals(full.rank(v), lean.rank(v));
            for (SignalKind kind : SignalKind.values()) {
                assertEquals(full.value(kind, v), lean.value(kind, v), 0.0);
            }
        }
        assertEquals(full.top(20), lean.top(20));

        int top = lean.nodeAt(0);
        assertThrows(IllegalStateException.class, () -> Moments.of(lean, top, 5));
        assertThrows(IllegalStateException.class, () -> Influence.of(lean, top, 5));
        assertThrows(IllegalStateException.class, () -> lean.explain(top, 5));
        assertTrue(!Moments.of(full, top, 5).isEmpty());
    }
}
