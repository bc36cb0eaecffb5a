package dev.renown.core.score;

import dev.renown.core.graph.InteractionGraph;

/**
 * Outreach: engagement an account gives to distinct others.
 * <pre>
 *   outreach(u) = Σ_{u→v} min(1, engagement(u,v))
 * </pre>
 * the mirror image of {@link Reach}: each account engaged counts once at most. Since an actor's
 * interactions on one day share {@code log₂(1 + n)} credits (see {@link InteractionGraph}),
 * mass engagement earns little. After Kred's <em>Outreach</em> ("how much you engage others").
 */
public final class Outreach implements Signal {

    private final InteractionGraph g;
    private final double[] values;

    public Outreach(InteractionGraph g) {
        this.g = g;
        this.values = new double[g.nodeCount()];
        for (int e = 0; e < g.edgeCount(); e++) {
            values[g.source(e)] += Math.min(1.0, g.engagement(e));
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
            if (g.engagement(e) > 0) {
                sink.accept(out.target(i), Math.min(1.0, g.engagement(e)));
            }
        }
    }
}
