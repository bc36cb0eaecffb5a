package dev.renown.core.graph;

import dev.renown.core.event.EventTable;
import dev.renown.core.event.Interaction;
import dev.renown.core.event.InteractionKind;
import dev.renown.core.testing.Events;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static dev.renown.core.testing.Events.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;

class InteractionGraphBuilderTest {

    private static InteractionGraph build(EventTable table) {
        return new InteractionGraphBuilder(table, T0.toEpochMilli(), Duration.ofDays(90), Duration.ofDays(30),
                new double[] {1, 1, 1, 0.5, 0.25, 0.1}).build();
    }

    @Test
    void credits_day_shares_and_posts_by_hand() {
        // a: on day 0 two reposts (to b, c) and on day 1 one mention of b with post "p";
        // day shares: log2(3)/2 on day 0, 1 on day 1.
        long day = 86_400_000L;
        long t0 = Math.floorDiv(T0.toEpochMilli(), day) * day; // midnight of as-of's day
        EventTable table = Events.events()
                .add("a", InteractionKind.REPOST, "b", java.time.Instant.ofEpochMilli(t0 - day + 1000))
                .add("a", InteractionKind.REPOST, "c", java.time.Instant.ofEpochMilli(t0 - day + 2000))
                .addWithPost("a", InteractionKind.MENTION, "b", java.time.Instant.ofEpochMilli(t0 + 1000), "p")
                .table();
        InteractionGraph g = new InteractionGraphBuilder(table, t0 + 1000, Duration.ofDays(90), Duration.ofDays(30),
                new double[] {1, 1, 1, 0.5, 0.25, 0.1}).build();
        assertEquals(3, g.nodeCount());
        assertEquals(2, g.edgeCount());
        int a = 0;
        int b = 1;
        int c = 2;
        int ab = g.edge(a, b);
        double share = Math.log(3) / Math.log(2) / 2;
        double age1 = Math.pow(2, -(day - 1000.0) / (30.0 * day));
        double age2 = Math.pow(2, -(day - 2000.0) / (30.0 * day));
        // a -> b: repost (share, a day old) + mention (0.5, fresh).
        assertEquals(share * age1 + 0.5, g.influence(ab), 1e-6);
        assertEquals(share * age1, g.amplification(ab), 1e-6);
        assertEquals(0.5, g.conversation(ab), 1e-6);
        assertEquals(1.0, g.recency(ab, 30 * 86_400.0), 1e-6); // the mention is the latest, age 0
        assertEquals(age2 * share, g.influence(g.edge(a, c)), 1e-6);
        assertEquals(age2, g.recency(g.edge(a, c), 30 * 86_400.0), 1e-6);
        assertEquals(1, g.ownPosts(a));
        assertEquals(0, g.ownPosts(b));
        assertEquals(-1, g.edge(b, a));
    }

    @Test
    void input_order_does_not_change_the_graph() {
        Random r = new Random(1);
        List<Interaction> events = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            // One busy actor with many posts spread over days, and some others.
            String actor = i % 3 == 0 ? "busy" : "u" + r.nextInt(50);
            InteractionKind kind = InteractionKind.ofOrdinal(r.nextInt(6));
            long time = T0.toEpochMilli() - (long) (r.nextDouble() * 80 * 86_400_000L);
            events.add(new Interaction("e" + i, "t", kind, actor, "u" + r.nextInt(50), time,
                    r.nextInt(4) == 0 ? "p" + r.nextInt(500) : null, null, null, List.of()));
        }
        events.sort((x, y) -> Long.compare(x.timeMillis(), y.timeMillis()));
        EventTable sortedTable = Events.table(events);
        InteractionGraph sorted = build(sortedTable);
        List<Interaction> shuffled = new ArrayList<>(events);
        Collections.shuffle(shuffled, r);
        EventTable mixedTable = Events.table(shuffled);
        InteractionGraph mixed = build(mixedTable);
        assertEquals(sorted.edgeCount(), mixed.edgeCount());
        for (int v = 0; v < sorted.nodeCount(); v++) {
            String id = sortedTable.accounts().id(sorted.account(v));
            int w = nodeOf(mixed, mixedTable, id);
            assertEquals(sorted.ownPosts(v), mixed.ownPosts(w), id);
            for (int e = sorted.inStart(v); e < sorted.inEnd(v); e++) {
                String source = sortedTable.accounts().id(sorted.account(sorted.source(e)));
                int f = mixed.edge(nodeOf(mixed, mixedTable, source), w);
                assertEquals(sorted.influence(e), mixed.influence(f), 1e-5, source + "->" + id);
                assertEquals(sorted.lastEngagementAge(e), mixed.lastEngagementAge(f), source + "->" + id);
                assertEquals(sorted.firstAge(e), mixed.firstAge(f), source + "->" + id);
            }
        }
    }

    private static int nodeOf(InteractionGraph g, EventTable table, String id) {
        int account = table.accounts().lookup(id).getAsInt();
        for (int v = 0; v < g.nodeCount(); v++) {
            if (g.account(v) == account) {
                return v;
            }
        }
        throw new AssertionError(id);
    }
}
