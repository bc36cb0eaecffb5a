package dev.renown.bench;

import java.util.Arrays;

/**
 * The baseline: textbook PageRank by power iteration, pulling along in-edges, single-threaded,
 * over {@code int} offsets and sources with {@code double} ranks, in the order the nodes come in:
 * <pre>
 *   contrib[u] = rank[u] / outdeg(u)          (0 for dangling u)
 *   rank'[v]   = (1 − d)/n + d · Σ_{u→v} contrib[u]
 * </pre>
 * Dangling mass is dropped, as in the formula; the point is the cost of the loop.
 */
public final class PlainPageRank {

    private final TransposedCsr g;
    private final double damping;
    private final double[] inverseOutDegree;

    public PlainPageRank(TransposedCsr g, double damping) {
        this.g = g;
        this.damping = damping;
        int[] out = g.outDegrees();
        this.inverseOutDegree = new double[g.n()];
        for (int u = 0; u < out.length; u++) {
            inverseOutDegree[u] = out[u] == 0 ? 0 : 1.0 / out[u];
        }
    }

    /** Runs {@code iterations} iterations from the uniform vector and returns the ranks. */
    public double[] iterate(int iterations) {
        // We cache frequently used fields.
        final int n = g.n();
        final int[] offsets = g.offsets();
        final int[] sources = g.sources();
        final double[] inverseOut = inverseOutDegree;
        final double d = damping;
        final double teleport = (1 - d) / n;
        double[] rank = new double[n];
        double[] next = new double[n];
        double[] contrib = new double[n];
        Arrays.fill(rank, 1.0 / n);
        for (int it = 0; it < iterations; it++) {
            for (int u = 0; u < n; u++) {
                contrib[u] = rank[u] * inverseOut[u];
            }
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
        }
        return rank;
    }
}
