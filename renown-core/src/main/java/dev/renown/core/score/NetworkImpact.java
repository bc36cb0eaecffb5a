package dev.renown.core.score;

import dev.renown.core.graph.InfluencePropagation;
import dev.renown.core.graph.InteractionGraph;
import dev.renown.core.integrity.EngagerVoices;

/**
 * Network impact: how influential the accounts that engage with an account are.
 * <pre>
 *   impact(v) = Σ_{u→v} p(u,v) · x_u  =  (x_v − 1) / d
 * </pre>
 * where {@code x} are the standings of {@link InfluencePropagation} over the graph with edge
 * weights {@code W(u,v) = log₂(1 + influence(u,v))} (every kind, follows included),
 * {@code p(u,v) = ω(u,v) · W(u,v) / Σ_w W(u,w)} is the share of {@code u}'s engagement that goes to
 * {@code v}, scaled by {@code u}'s voice {@code ω(u,v)} ({@link EngagerVoices}), and {@code d} is the damping. The unit is an <em>influence-weighted engager</em>:
 * an engager nobody engages with, who engages with {@code v} alone, adds exactly 1; one who
 * spreads its engagement over ten accounts adds 0.1 to each; one who is itself widely engaged
 * with adds more. After Klout's <em>Network Impact</em> ("how influential the people you
 * influence are").
 */
public final class NetworkImpact implements Signal {

    private final InteractionGraph g;
    private final EngagerVoices voices;
    private final InfluencePropagation propagation;
    private final float[] standing;
    private final double[] values;
    private final int iterations;

    public NetworkImpact(InteractionGraph g, EngagerVoices voices, double damping, int maxIterations,
                         double tolerance, int threads) {
        this.g = g;
        this.voices = voices;
        this.propagation = InfluencePropagation.over(g, voices.defences().any() ? voices.voiceArray() : null, damping,
                threads);
        InfluencePropagation.Result result = propagation.run(maxIterations, tolerance);
        this.standing = result.standing();
        this.iterations = result.iterations();
        this.values = propagation.inflow(standing);
    }

    @Override
    public SignalKind kind() {
        return SignalKind.NETWORK_IMPACT;
    }

    @Override
    public double value(int v) {
        return values[v];
    }

    @Override
    public double undefended(int v) {
        double sum = 0;
        for (int e = g.inStart(v); e < g.inEnd(v); e++) {
            double voice = voices.voice(e);
            sum += voice > 0 ? (double) propagation.share(e) / voice * standing[g.source(e)] : 0;
        }
        return sum;
    }

    /** The standing {@code x_v} of node {@code v}. */
    public double standing(int v) {
        return standing[v];
    }

    /** Propagation iterations run. */
    public int iterations() {
        return iterations;
    }

    @Override
    public void contributions(int v, ContributionSink sink) {
        for (int e = g.inStart(v); e < g.inEnd(v); e++) {
            double amount = (double) propagation.share(e) * standing[g.source(e)];
            if (amount > 0) {
                sink.accept(g.source(e), amount);
            }
        }
    }
}
