package dev.renown.core.score;

import dev.renown.core.graph.InteractionGraph;

/**
 * Reach: how many distinct accounts engaged with an account, each weighted by how recent its
 * latest engagement is.
 * <pre>
 *   reach(v) = Σ_{u→v} 2^(−age(u,v)/halfLife)
 * </pre>
 * where {@code age(u,v)} is the age of {@code u}'s latest repost, quote, reply, mention or like of
 * {@code v} ({@link InteractionGraph#engagement(int)}). Each engager counts once, whatever the
 * kind and number of its interactions — "100 retweets from 100 people beat 100 from one person"
 * — and follows do not count: reach measures engagement, not audience size. After Klout's
 * <em>True Reach</em> ("how many people you influence"). Kind weights and the per-day
 * diminishing returns act in the other signals, not here: a person who engaged is one person.
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
                sum += g.engagement(e);
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
                sink.accept(g.source(e), g.engagement(e));
            }
        }
    }
}
