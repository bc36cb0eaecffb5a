package dev.renown.core.graph;

/**
 * Reference implementations, written for clarity only: an edge list, doubles, no tricks.
 */
final class NaivePropagation {

    private NaivePropagation() {
    }

    /**
     * Solves {@code x_v = 1 + d·Σ_{u→v} W(u,v)/Wout(u)·x_u} by iterating until nothing moves
     * by more than 1e-13.
     */
    static double[] standing(int n, int[] from, int[] to, double[] w, double d) {
        double[] out = new double[n];
        for (int e = 0; e < from.length; e++) {
            out[from[e]] += w[e];
        }
        double[] x = new double[n];
        java.util.Arrays.fill(x, 1);
        for (int it = 0; it < 10_000; it++) {
            double[] next = new double[n];
            java.util.Arrays.fill(next, 1);
            for (int e = 0; e < from.length; e++) {
                if (out[from[e]] > 0) {
                    next[to[e]] += d * w[e] / out[from[e]] * x[from[e]];
                }
            }
            double change = 0;
            for (int v = 0; v < n; v++) {
                change = Math.max(change, Math.abs(next[v] - x[v]));
            }
            x = next;
            if (change < 1e-13) {
                break;
            }
        }
        return x;
    }

    /**
     * Textbook PageRank by power iteration on the probability simplex: uniform teleport
     * {@code (1-d)/n}, dangling nodes' mass spread uniformly.
     */
    static double[] pageRank(int n, int[] from, int[] to, double[] w, double d) {
        double[] out = new double[n];
        for (int e = 0; e < from.length; e++) {
            out[from[e]] += w[e];
        }
        double[] p = new double[n];
        java.util.Arrays.fill(p, 1.0 / n);
        for (int it = 0; it < 10_000; it++) {
            double dangling = 0;
            for (int v = 0; v < n; v++) {
                if (out[v] == 0) {
                    dangling += p[v];
                }
            }
            double[] next = new double[n];
            java.util.Arrays.fill(next, (1 - d) / n + d * dangling / n);
            for (int e = 0; e < from.length; e++) {
                if (out[from[e]] > 0) {
                    next[to[e]] += d * w[e] / out[from[e]] * p[from[e]];
                }
            }
            double change = 0;
            for (int v = 0; v < n; v++) {
                change += Math.abs(next[v] - p[v]);
            }
            p = next;
            if (change < 1e-15) {
                break;
            }
        }
        return p;
    }
}
