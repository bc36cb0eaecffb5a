package dev.renown.core.score;

import dev.renown.core.graph.InteractionGraph;
import dev.renown.core.integrity.EngagerVoices;

import static dev.renown.core.graph.InfluencePropagation.log2p1;

/**
 * Amplification: reshares and replies an account's posts draw, per own post.
 * <pre>
 *   amplification(v) = Σ_{u→v} ω(u,v) · log₂(1 + amplification(u,v)) / (posts(v) + π)
 * </pre>
 * where {@code amplification(u,v)} is the credit of {@code u}'s reposts, quotes and replies to
 * {@code v}, {@code posts(v)} the posts {@code v} authored in the window
 * ({@link InteractionGraph#ownPosts(int)}) and {@code π} the prior number of virtual posts
 * ({@link ScoringParameters#priorPosts()}), which keeps the ratio defined for accounts whose
 * posts the data does not show and damps ratios drawn from one or two posts.
 *
 * <p>Klout's rules: ratios matter — 100 reshares from 10 posts beat 100 from 1,000 — and each
 * engager's contribution grows only with the doublings of their engagement, so 100 reshares by
 * 100 people count {@code 100} while 100 by one person count {@code log₂ 101 ≈ 6.7}.
 */
public final class Amplification implements Signal {

    private final InteractionGraph g;
    private final EngagerVoices voices;
    private final double priorPosts;
    private final double[] values;

    public Amplification(InteractionGraph g, EngagerVoices voices, double priorPosts) {
        this.g = g;
        this.voices = voices;
        this.priorPosts = priorPosts;
        this.values = new double[g.nodeCount()];
        for (int v = 0; v < values.length; v++) {
            double sum = 0;
            for (int e = g.inStart(v); e < g.inEnd(v); e++) {
                sum += voices.voice(e) * log2p1(g.amplification(e));
            }
            values[v] = sum / (g.ownPosts(v) + priorPosts);
        }
    }

    @Override
    public SignalKind kind() {
        return SignalKind.AMPLIFICATION;
    }

    @Override
    public double value(int v) {
        return values[v];
    }

    @Override
    public double undefended(int v) {
        double sum = 0;
        for (int e = g.inStart(v); e < g.inEnd(v); e++) {
            sum += log2p1(g.amplification(e));
        }
        return sum / postsWithPrior(v);
    }

    /** The denominator {@code posts(v) + π}. */
    public double postsWithPrior(int v) {
        return g.ownPosts(v) + priorPosts;
    }

    @Override
    public void contributions(int v, ContributionSink sink) {
        double denominator = postsWithPrior(v);
        for (int e = g.inStart(v); e < g.inEnd(v); e++) {
            if (g.amplification(e) > 0) {
                sink.accept(g.source(e), voices.voice(e) * log2p1(g.amplification(e)) / denominator);
            }
        }
    }
}
