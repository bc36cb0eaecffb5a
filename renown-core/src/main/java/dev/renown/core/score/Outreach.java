package dev.renown.core.score;

import dev.renown.core.graph.InteractionGraph;

/**
 * Outreach: engagement an account gives to distinct others, each weighted by how recent its
 * latest engagement is.
 * <pre>
 *   outreach(u) = Σ_{u→v} 2^(−age(u,v)/h)
 * </pre>
 * with {@code h} outreach's half-life: the mirror image of {@link Reach}, each account engaged
 * counts once at most. Voices do not apply: they weigh who engages an account, and outreach is
 * what the account itself gives. After Kred's <em>Outreach</em> ("how much you engage others"),
 * which Kred reports beside influence rather than inside it.
 */
public final class Outreach implements Signal {

    private final InteractionGraph g;
    private final double halfLifeSeconds;
    private final double[] values;

    public Outreach(InteractionGraph g, double halfLifeSeconds) {
        this.g = g;
        this.halfLifeSeconds = halfLifeSeconds;
        this.values = new double[g.nodeCount()];
        for (int e = 0; e < g.edgeCount(); e++) {
            values[g.source(e)] += g.recency(e, halfLifeSeconds);
        }
    }

    @Override
    public SignalKind kind() {
        return SignalKind.OUTREACH;
    }

    @Override
    public double value(int v) {
        return values[v];
    }

    @Override
    public void contributions(int u, ContributionSink sink) {
        InteractionGraph.OutEdges out = g.outEdges();
        for (int i = out.start(u); i < out.end(u); i++) {
            int e = out.edge(i);
            if (g.hasEngagement(e)) {
                sink.accept(out.target(i), g.recency(e, halfLifeSeconds));
            }
        }
    }
}
