package dev.renown.core.score;

/**
 * One explainable component of the score: a raw value per node of an
 * {@link dev.renown.core.graph.InteractionGraph}, and the terms it is the sum of.
 */
public interface Signal {

    SignalKind kind();

    /** The raw value of node {@code v}, non-negative. */
    double value(int v);

    /**
     * The value node {@code v} would have if each of its own engagers counted in full (every
     * voice {@code ω} on its in-edges 1, all else equal): what the integrity defences took from it.
     */
    default double undefended(int v) {
        return value(v);
    }

    /**
     * Reports each term of {@link #value(int)}: the other node involved and the amount it adds.
     * The amounts add up to the value.
     */
    void contributions(int v, ContributionSink sink);

    /** Receives the terms of a signal's value. */
    @FunctionalInterface
    interface ContributionSink {
        void accept(int otherNode, double amount);
    }
}
