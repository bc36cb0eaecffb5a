package dev.renown.core.score;

import dev.renown.core.event.AccountIndex;
import dev.renown.core.event.EventTable;
import dev.renown.core.event.InteractionKind;
import dev.renown.core.graph.InteractionGraph;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Who influences an account and whom it influences, in Klout's sense: its <em>influencers</em>
 * are the accounts whose posts it engages with, its <em>influencees</em> the accounts that engage
 * with its posts — each ranked by the strength of that engagement (the credits of the pair's
 * interactions: kind weights, decay, day shares; see {@link InteractionGraph}), with the
 * interactions behind it, over the scoring window.
 */
public final class Influence {

    private Influence() {
    }

    /**
     * One connection.
     *
     * @param node         the other account's node
     * @param strength     credits of the interactions along this direction
     * @param interactions interactions per kind, in kind order
     * @param lastMillis   the latest of them
     */
    public record Link(int node, double strength, Map<InteractionKind, Integer> interactions, long lastMillis) {
        public Link {
            interactions = Collections.unmodifiableMap(new EnumMap<>(interactions.isEmpty()
                    ? Map.of() : interactions));
        }
    }

    /** Influencers and influencees of a node. */
    public record Links(List<Link> influencers, List<Link> influencees) {
    }

    /** The {@code limit} strongest links each way of node {@code v}. */
    public static Links of(ScoreBoard board, int v, int limit) {
        InteractionGraph g = board.graph();
        board.table().requireEvents();
        List<double[]> in = new ArrayList<>();
        for (int e = g.inStart(v); e < g.inEnd(v); e++) {
            in.add(new double[] {g.source(e), g.influence(e)});
        }
        List<double[]> out = new ArrayList<>();
        InteractionGraph.OutEdges edges = g.outEdges();
        for (int i = edges.start(v); i < edges.end(v); i++) {
            out.add(new double[] {edges.target(i), g.influence(edges.edge(i))});
        }
        List<double[]> topIn = top(in, limit);
        List<double[]> topOut = top(out, limit);
        // Count the interactions behind the kept links in one scan of the window.
        EventTable table = board.table();
        AccountIndex accounts = table.accounts();
        int self = g.account(v);
        int[] nodeOfAccount = new int[accounts.size()];
        java.util.Arrays.fill(nodeOfAccount, -1);
        for (double[] l : topIn) {
            nodeOfAccount[g.account((int) l[0])] = (int) l[0];
        }
        for (double[] l : topOut) {
            nodeOfAccount[g.account((int) l[0])] = (int) l[0];
        }
        Map<Integer, int[]> inCounts = new java.util.HashMap<>();
        Map<Integer, int[]> outCounts = new java.util.HashMap<>();
        Map<Integer, long[]> inLast = new java.util.HashMap<>();
        Map<Integer, long[]> outLast = new java.util.HashMap<>();
        for (int e = 0; e < table.size(); e++) {
            long t = table.timeMillis(e);
            if (t <= g.windowStartMillis() || t > g.asOfMillis() || table.isSelfInteraction(e)) {
                continue;
            }
            if (table.target(e) == self && nodeOfAccount[table.actor(e)] >= 0) {
                int u = nodeOfAccount[table.actor(e)];
                inCounts.computeIfAbsent(u, k -> new int[InteractionKind.count()])[table.kindOrdinal(e)]++;
                long[] last = inLast.computeIfAbsent(u, k -> new long[] {Long.MIN_VALUE});
                last[0] = Math.max(last[0], t);
            } else if (table.actor(e) == self && nodeOfAccount[table.target(e)] >= 0) {
                int w = nodeOfAccount[table.target(e)];
                outCounts.computeIfAbsent(w, k -> new int[InteractionKind.count()])[table.kindOrdinal(e)]++;
                long[] last = outLast.computeIfAbsent(w, k -> new long[] {Long.MIN_VALUE});
                last[0] = Math.max(last[0], t);
            }
        }
        return new Links(links(topOut, outCounts, outLast), links(topIn, inCounts, inLast));
    }

    private static List<double[]> top(List<double[]> all, int limit) {
        all.sort((a, b) -> a[1] != b[1] ? Double.compare(b[1], a[1]) : Double.compare(a[0], b[0]));
        return all.subList(0, Math.min(limit, all.size()));
    }

    private static List<Link> links(List<double[]> top, Map<Integer, int[]> counts, Map<Integer, long[]> last) {
        List<Link> links = new ArrayList<>();
        for (double[] l : top) {
            int node = (int) l[0];
            Map<InteractionKind, Integer> byKind = new EnumMap<>(InteractionKind.class);
            int[] c = counts.getOrDefault(node, new int[InteractionKind.count()]);
            for (InteractionKind kind : InteractionKind.values()) {
                if (c[kind.ordinal()] > 0) {
                    byKind.put(kind, c[kind.ordinal()]);
                }
            }
            links.add(new Link(node, l[1], byKind, last.getOrDefault(node, new long[] {Long.MIN_VALUE})[0]));
        }
        return links;
    }
}
