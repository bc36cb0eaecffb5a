package dev.renown.core.score;

import static dev.renown.core.graph.InfluencePropagation.log2p1;

/**
 * Maps signal values to a 1–100 score whose points add up.
 * <pre>
 *   bits(v)      = Σ_s w_s · log₂(1 + x_s(v))
 *   score(v)     = 1 + 99 · min(1, bits(v) / L)
 *   points_s(v)  = 99 · w_s · log₂(1 + x_s(v)) / max(L, bits(v))
 * </pre>
 * with signal weights {@code w_s} summing to one and {@code L} the saturation
 * ({@link ScoringParameters#saturationBits()}, 20 by default). Each signal is measured in
 * <em>doublings</em> of its natural unit (an engager, a reshare per post, …): going from 10 to 20
 * engagers adds as much as going from 1,000 to 2,000, as on Klout's logarithmic scale. The score
 * is a fixed, monotone function of the account's own signal values — it does not depend on who
 * else is in the data — so it is comparable between runs and between days, and a score of 100
 * is kept for accounts whose weighted signals reach about {@code 2^L} (a million) units. The
 * points are the score minus its base of 1, shared among signals in proportion to their
 * weighted doublings, so {@code 1 + Σ_s points_s = score} exactly.
 */
public final class Calibration {

    /** Lowest score; an account with no signal at all. */
    public static final double BASE = 1.0;
    /** Points above the base that the signals share. */
    public static final double SPAN = 99.0;

    private final double[] weights;
    private final double saturationBits;

    public Calibration(ScoringParameters parameters) {
        this.weights = parameters.signalWeights();
        this.saturationBits = parameters.saturationBits();
    }

    /** Weighted doublings of one account's signal values, indexed by {@link SignalKind} ordinal. */
    public double bits(double[] values) {
        double bits = 0;
        for (int s = 0; s < weights.length; s++) {
            bits += weights[s] * log2p1(values[s]);
        }
        return bits;
    }

    public double score(double bits) {
        return BASE + SPAN * Math.min(1.0, bits / saturationBits);
    }

    /** The points signal {@code s} with raw value {@code value} earns, given the account's bits. */
    public double points(int s, double value, double bits) {
        return SPAN * weights[s] * log2p1(value) / Math.max(saturationBits, bits);
    }
}
