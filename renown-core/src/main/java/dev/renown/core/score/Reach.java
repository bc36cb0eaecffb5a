package dev.renown.core.score;

import dev.renown.core.graph.InteractionGraph;

/**
 * Reach: how many distinct accounts engaged with an account.
 * <pre>
 *   reach(v) = Σ_{u→v} min(1, engagement(u,v))
 * </pre>
 * Each engager counts once at most, at the strength of its engagement (its interactions'
 * credits, see {@link InteractionGraph}): one fresh repost counts 1, a like alone counts its
 * kind weight, a hundred reposts by the same account still count 1 — "100 retweets from 100
 * people beat 100 from one person". Follows do not count: reach measures engagement, not
 * audience size. After Klout's <em>True Reach</em> ("how many people you influence").
 */
public final class Reach implements Signal {

    private final InteractionGraph g;
    private final double[] values;

    public Reach(InteractionGraph g) {
        this.g = g;
        this.values = new double[g.nodeCount()];
        for (int v = 0; v < values.length; v++) {
            double sum = 0;
            for (int e = g.inStart(v); e < g.inEnd(v); e++) {
                sum += Math.min(1.0, g.engagement(e));
            }
            values[v] = sum;
        }
    }

    @Override
    public SignalKind kind() {
        return SignalKind.REACH;
    }

    @Override
    public double value(int v) {
        return values[v];
    }

    @Override
    public void contributions(int v, ContributionSink sink) {
        for (int e = g.inStart(v); e < g.inEnd(v); e++) {
            if (g.engagement(e) > 0) {
                sink.accept(g.source(e), Math.min(1.0, g.engagement(e)));
            }
        }
    }
}
