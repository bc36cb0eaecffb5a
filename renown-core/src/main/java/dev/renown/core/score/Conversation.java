package dev.renown.core.score;

import dev.renown.core.graph.InteractionGraph;
import dev.renown.core.integrity.EngagerVoices;

import static dev.renown.core.graph.InfluencePropagation.log2p1;

/**
 * Conversation: replies and mentions an account receives, with dialogue that goes both ways
 * counted twice.
 * <pre>
 *   conversation(v) = Σ_{u→v} ω(u,v) · [ log₂(1 + c(u,v)) + log₂(1 + min(c(u,v), c(v,u))) ]
 * </pre>
 * where {@code c(u,v)} is the credit of {@code u}'s replies to and mentions of {@code v}. The
 * second term is the reciprocated part: it is zero unless {@code v} answered {@code u} too, and
 * it is bounded by the weaker direction, so nobody earns dialogue by replying to people who do
 * not reply. {@code ω(u,v)} is the engager's voice ({@link EngagerVoices}). This measures the quality of conversation rather than audience size.
 */
public final class Conversation implements Signal {

    private final InteractionGraph g;
    private final EngagerVoices voices;
    private final double[] values;

    public Conversation(InteractionGraph g, EngagerVoices voices) {
        this.g = g;
        this.voices = voices;
        this.values = new double[g.nodeCount()];
        for (int v = 0; v < values.length; v++) {
            double sum = 0;
            for (int e = g.inStart(v); e < g.inEnd(v); e++) {
                sum += term(v, e);
            }
            values[v] = sum;
        }
    }

    @Override
    public double undefended(int v) {
        double sum = 0;
        for (int e = g.inStart(v); e < g.inEnd(v); e++) {
            double voice = voices.voice(e);
            sum += voice > 0 ? term(v, e) / voice : 0;
        }
        return sum;
    }

    private double term(int v, int e) {
        double in = g.conversation(e);
        if (in <= 0) {
            return 0;
        }
        int back = g.edge(v, g.source(e));
        double out = back < 0 ? 0 : g.conversation(back);
        return voices.voice(e) * (log2p1(in) + log2p1(Math.min(in, out)));
    }

    /** Whether {@code v} and the source of its in-edge {@code e} talked in both directions. */
    public boolean reciprocated(int v, int e) {
        int back = g.edge(v, g.source(e));
        return g.conversation(e) > 0 && back >= 0 && g.conversation(back) > 0;
    }

    @Override
    public SignalKind kind() {
        return SignalKind.CONVERSATION;
    }

    @Override
    public double value(int v) {
        return values[v];
    }

    @Override
    public void contributions(int v, ContributionSink sink) {
        for (int e = g.inStart(v); e < g.inEnd(v); e++) {
            double amount = term(v, e);
            if (amount > 0) {
                sink.accept(g.source(e), amount);
            }
        }
    }
}
