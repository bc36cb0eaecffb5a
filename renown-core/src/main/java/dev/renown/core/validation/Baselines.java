package dev.renown.core.validation;

import dev.renown.core.event.EventTable;
import dev.renown.core.event.InteractionKind;
import dev.renown.core.graph.InfluencePropagation;
import dev.renown.core.graph.InteractionGraph;
import it.unimi.dsi.fastutil.longs.LongOpenHashSet;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The simple measures a user could compute without Renown, each a ranking of the accounts of a
 * scored window, computed from the same interactions (same window, same as-of, self-interactions
 * left out):
 * <ul>
 *   <li>{@code engagement_count}: engagement interactions received (reposts, quotes, replies,
 *       mentions, likes);</li>
 *   <li>{@code distinct_engagers}: distinct accounts that engaged;</li>
 *   <li>{@code reshares}: reposts and quotes received;</li>
 *   <li>{@code followers}: distinct followers in the window's follow interactions, or else the
 *       followers count of the accounts' profiles — only when the data has either (profiles carry
 *       no date, so this one may know more than the window);</li>
 *   <li>{@code pagerank}: textbook PageRank (damping 0.85, uniform teleport and dangling jumps)
 *       over the unweighted engagement graph, one edge per engaging pair;</li>
 *   <li>{@code tweepcred}: after Twitter's Tweepcred (twitter/the-algorithm,
 *       {@code graph/batch/job/tweepcred}): PageRank over the engagement graph weighted by
 *       interaction counts, divided for accounts that follow (here: engage) more than 2,500
 *       others at a high followings-to-followers ratio by
 *       {@code min(50, exp(3·(ratio − 1)·ln ln followings))}, then log-scaled to whole numbers
 *       from 15 (lowest PageRank) to 95 (highest), as Tweepcred maps {@code ln PageRank} linearly.
 *       The rounding makes ties, as in the original.</li>
 * </ul>
 */
public final class Baselines {

    private static final double DAMPING = 0.85;
    private static final int ITERATIONS = 100;
    private static final double TOLERANCE = 1e-7;

    private Baselines() {
    }

    /**
     * A ranking of the nodes of a graph.
     *
     * @param name        short name, as in reports
     * @param description one line
     * @param values      one value per node; higher ranks first
     */
    public record Ranker(String name, String description, double[] values) {
    }

    public static List<Ranker> compute(EventTable table, InteractionGraph g, int threads) {
        int n = g.nodeCount();
        int[] node = new int[table.accounts().size()];
        Arrays.fill(node, -1);
        for (int v = 0; v < n; v++) {
            node[g.account(v)] = v;
        }
        double[] count = new double[n];
        double[] reshares = new double[n];
        double[] followIn = new double[n];
        float[] pairCount = new float[g.edgeCount()];
        boolean anyFollow = false;
        LongOpenHashSet follows = new LongOpenHashSet();
        for (int e = 0; e < table.size(); e++) {
            long t = table.timeMillis(e);
            if (t <= g.windowStartMillis() || t > g.asOfMillis() || table.isSelfInteraction(e)) {
                continue;
            }
            int u = node[table.actor(e)];
            int v = node[table.target(e)];
            InteractionKind kind = table.kind(e);
            if (kind == InteractionKind.FOLLOW) {
                anyFollow = true;
                if (follows.add(((long) u << 32) | v)) {
                    followIn[v]++;
                }
                continue;
            }
            count[v]++;
            if (kind == InteractionKind.REPOST || kind == InteractionKind.QUOTE) {
                reshares[v]++;
            }
            pairCount[g.edge(u, v)]++;
        }
        double[] distinct = new double[n];
        double[] distinctOut = new double[n];
        float[] unit = new float[g.edgeCount()];
        for (int v = 0; v < n; v++) {
            for (int e = g.inStart(v); e < g.inEnd(v); e++) {
                if (g.hasEngagement(e)) {
                    distinct[v]++;
                    distinctOut[g.source(e)]++;
                    unit[e] = 1;
                }
            }
        }
        List<Ranker> rankers = new ArrayList<>();
        rankers.add(new Ranker("engagement_count", "engagement interactions received", count));
        rankers.add(new Ranker("distinct_engagers", "distinct accounts that engaged", distinct));
        rankers.add(new Ranker("reshares", "reposts and quotes received", reshares));
        double[] followers = anyFollow ? followIn : profileFollowers(table, g);
        if (followers != null) {
            rankers.add(new Ranker("followers", anyFollow ? "distinct followers (follow interactions)"
                    : "followers count from profiles", followers));
        }
        rankers.add(new Ranker("pagerank", "PageRank over the unweighted engagement graph",
                pageRank(g, unit, threads)));
        rankers.add(new Ranker("tweepcred", "Tweepcred-style log-scaled weighted PageRank",
                tweepcred(pageRank(g, pairCount, threads), distinct, distinctOut)));
        return rankers;
    }

    /**
     * The {@code pagerank} baseline alone: textbook PageRank over the unweighted engagement graph
     * (one edge per engaging pair), normalised to sum to one.
     */
    public static double[] engagementPageRank(InteractionGraph g, int threads) {
        float[] unit = new float[g.edgeCount()];
        for (int e = 0; e < unit.length; e++) {
            unit[e] = g.hasEngagement(e) ? 1 : 0;
        }
        return pageRank(g, unit, threads);
    }

    private static double[] profileFollowers(EventTable table, InteractionGraph g) {
        double[] followers = new double[g.nodeCount()];
        boolean any = false;
        for (int v = 0; v < g.nodeCount(); v++) {
            long f = table.accounts().followers(g.account(v));
            if (f >= 0) {
                followers[v] = f;
                any = true;
            }
        }
        return any ? followers : null;
    }

    /** PageRank with the given edge weights, normalised to sum to one. */
    static double[] pageRank(InteractionGraph g, float[] weights, int threads) {
        float[] x = new InfluencePropagation(g.nodeCount(), g.inOffsetsArray(), g.sourcesArray(), weights, DAMPING,
                threads).run(ITERATIONS, TOLERANCE).standing();
        double sum = 0;
        for (float v : x) {
            sum += v;
        }
        double[] pr = new double[x.length];
        for (int v = 0; v < x.length; v++) {
            pr[v] = x[v] / sum;
        }
        return pr;
    }

    /** Tweepcred's reputation adjustment and log scaling; see the class comment. */
    static double[] tweepcred(double[] pageRank, double[] followers, double[] followings) {
        int n = pageRank.length;
        double[] mass = new double[n];
        for (int v = 0; v < n; v++) {
            mass[v] = pageRank[v];
            if (followings[v] > 2500) {
                double ratio = (1.0 + followings[v]) / (1.0 + followers[v]);
                double factor = Math.exp(3.0 * (ratio - 1.0) * Math.log(Math.log(followings[v])));
                mass[v] /= Math.max(1.0, Math.min(50.0, factor));
            }
        }
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double m : mass) {
            if (m > 0) {
                lo = Math.min(lo, Math.log(m));
                hi = Math.max(hi, Math.log(m));
            }
        }
        double[] scaled = new double[n];
        for (int v = 0; v < n; v++) {
            if (mass[v] <= 0) {
                continue;
            }
            double x = hi > lo ? 15 + 80 * (Math.log(mass[v]) - lo) / (hi - lo) : 95;
            scaled[v] = Math.max(0, Math.min(100, Math.rint(x)));
        }
        return scaled;
    }
}
