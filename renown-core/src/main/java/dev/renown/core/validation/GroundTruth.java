package dev.renown.core.validation;

import dev.renown.core.event.EventTable;
import dev.renown.core.event.InteractionKind;
import dev.renown.core.graph.InteractionGraph;
import it.unimi.dsi.fastutil.longs.LongOpenHashSet;

import java.util.Arrays;

/**
 * What actually happened next: for each account of a scored window, measured over the test
 * period {@code [from, to)}:
 * <ul>
 *   <li>{@link #engagers()}: distinct accounts that reshared, quoted, replied to or mentioned it
 *       (likes and follows do not count; self-interactions never do);</li>
 *   <li>{@link #reshares()}: reposts and quotes it received.</li>
 * </ul>
 */
public final class GroundTruth {

    private final double[] engagers;
    private final double[] reshares;

    private GroundTruth(double[] engagers, double[] reshares) {
        this.engagers = engagers;
        this.reshares = reshares;
    }

    /** Measures the test period for the nodes of {@code graph}, whose accounts index {@code table}. */
    public static GroundTruth measure(EventTable table, InteractionGraph graph, long from, long to) {
        int[] node = new int[table.accounts().size()];
        Arrays.fill(node, -1);
        for (int v = 0; v < graph.nodeCount(); v++) {
            node[graph.account(v)] = v;
        }
        double[] engagers = new double[graph.nodeCount()];
        double[] reshares = new double[graph.nodeCount()];
        LongOpenHashSet pairs = new LongOpenHashSet();
        for (int e = 0; e < table.size(); e++) {
            long t = table.timeMillis(e);
            int v = node[table.target(e)];
            if (t < from || t >= to || v < 0 || table.isSelfInteraction(e)) {
                continue;
            }
            InteractionKind kind = table.kind(e);
            if (kind == InteractionKind.LIKE || kind == InteractionKind.FOLLOW) {
                continue;
            }
            if (kind == InteractionKind.REPOST || kind == InteractionKind.QUOTE) {
                reshares[v]++;
            }
            if (pairs.add(((long) table.actor(e) << 32) | table.target(e))) {
                engagers[v]++;
            }
        }
        return new GroundTruth(engagers, reshares);
    }

    public double[] engagers() {
        return engagers.clone();
    }

    public double[] reshares() {
        return reshares.clone();
    }

    /** Accounts with at least one future engager. */
    public int engagedAccounts() {
        int count = 0;
        for (double x : engagers) {
            count += x > 0 ? 1 : 0;
        }
        return count;
    }
}
