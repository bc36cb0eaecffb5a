package dev.renown.bench;

import java.util.Arrays;
import java.util.function.Predicate;

/**
 * The baseline: textbook PageRank by power iteration, pulling along in-edges, single-threaded,
 * over {@code int} offsets and sources with {@code double} ranks, in the order the nodes come in:
 * <pre>
 *   contrib[u] = rank[u] / outdeg(u)          (0 for dangling u)
 *   rank'[v]   = (1 − d)/n + d · Σ_{u→v} contrib[u]  [+ d · Σ_{dangling u} rank[u] / n]
 * </pre>
 * By default dangling mass is dropped, as in the formula: the fixed point is then
 * {@code (1 − d)/n} times Renown's standing {@code x = 1 + d·Pᵀx} with unit weights, reached at the
 * same slow rate as plain Jacobi on {@code x}. With {@code spreadDangling} it is spread evenly, the
 * textbook variant (one more multiply-add per node, found in the pass that computes the
 * contributions): the fixed point is {@code x / Σx}, reached at the rate of the PageRank matrix's
 * second eigenvalue.
 */
public final class PlainPageRank {

    private final TransposedCsr g;
    private final double damping;
    private final double[] inverseOutDegree;
    private final boolean spreadDangling;

    public PlainPageRank(TransposedCsr g, double damping) {
        this(g, damping, false);
    }

    public PlainPageRank(TransposedCsr g, double damping, boolean spreadDangling) {
        this.g = g;
        this.damping = damping;
        this.spreadDangling = spreadDangling;
        int[] out = g.outDegrees();
        this.inverseOutDegree = new double[g.n()];
        for (int u = 0; u < out.length; u++) {
            inverseOutDegree[u] = out[u] == 0 ? 0 : 1.0 / out[u];
        }
    }

    /** Runs {@code iterations} iterations from the uniform vector and returns the ranks. */
    public double[] iterate(int iterations) {
        return iterate(iterations, null);
    }

    /**
     * The fewest iterations from the uniform vector after which {@code done} accepts the ranks, at
     * most {@code max}; for benchmark setups, which find how far the loop must run.
     */
    public int iterationsUntil(int max, Predicate<double[]> done) {
        int[] count = {-1};
        iterate(max, new Predicate<>() {
            int k;

            @Override
            public boolean test(double[] rank) {
                k++;
                if (done.test(rank)) {
                    count[0] = k;
                    return true;
                }
                return false;
            }
        });
        return count[0];
    }

    private double[] iterate(int iterations, Predicate<double[]> stop) {
        // We cache frequently used fields.
        final int n = g.n();
        final int[] offsets = g.offsets();
        final int[] sources = g.sources();
        final double[] inverseOut = inverseOutDegree;
        final double d = damping;
        final boolean spread = spreadDangling;
        double[] rank = new double[n];
        double[] next = new double[n];
        double[] contrib = new double[n];
        Arrays.fill(rank, 1.0 / n);
        for (int it = 0; it < iterations; it++) {
            double dangling = 0;
            for (int u = 0; u < n; u++) {
                contrib[u] = rank[u] * inverseOut[u];
                if (spread && inverseOut[u] == 0) {
                    dangling += rank[u];
                }
            }
            final double teleport = (1 - d) / n + (spread ? d * dangling / n : 0);
            int e = 0;
            for (int v = 0; v < n; v++) {
                final int end = offsets[v + 1];
                double sum = 0;
                for (; e < end; e++) {
                    sum += contrib[sources[e]];
                }
                next[v] = teleport + d * sum;
            }
            double[] swap = rank;
            rank = next;
            next = swap;
            if (stop != null && stop.test(rank)) {
                break;
            }
        }
        return rank;
    }
}
