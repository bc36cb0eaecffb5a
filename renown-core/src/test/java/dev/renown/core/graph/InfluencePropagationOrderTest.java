package dev.renown.core.graph;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The propagation renumbers nodes internally for speed; these tests pin down that callers cannot
 * tell: results are bit-identical to a plain loop in the caller's order and for any thread count,
 * and for any labelling of the nodes equal up to the rounding of two sums per iteration.
 */
class InfluencePropagationOrderTest {

    private static final double D = 0.85;

    /** A transposed CSR graph with skewed in- and out-degrees, zero weights and dangling nodes. */
    private record Csr(int n, int[] offsets, int[] sources, float[] weights) {

        static Csr random(long seed, int n, int m) {
            Random r = new Random(seed);
            int[] from = new int[m];
            int[] to = new int[m];
            float[] w = new float[m];
            for (int e = 0; e < m; e++) {
                from[e] = (int) (n * Math.pow(r.nextDouble(), 2));
                to[e] = (int) (n * Math.pow(r.nextDouble(), 3));
                w[e] = r.nextInt(4) == 0 ? 0 : (float) (0.1 + r.nextDouble() * 3);
            }
            int[] offsets = new int[n + 1];
            for (int t : to) {
                offsets[t + 1]++;
            }
            for (int v = 0; v < n; v++) {
                offsets[v + 1] += offsets[v];
            }
            int[] next = Arrays.copyOf(offsets, n);
            int[] sources = new int[m];
            float[] weights = new float[m];
            for (int e = 0; e < m; e++) {
                int slot = next[to[e]]++;
                sources[slot] = from[e];
                weights[slot] = w[e];
            }
            return new Csr(n, offsets, sources, weights);
        }

        /** The same graph with node {@code v} called {@code label[v]}; each row keeps its edge order. */
        Csr relabelled(int[] label) {
            int[] unlabel = new int[n];
            for (int v = 0; v < n; v++) {
                unlabel[label[v]] = v;
            }
            int[] offsets = new int[n + 1];
            int[] sources = new int[this.sources.length];
            float[] weights = new float[this.sources.length];
            int k = 0;
            for (int newV = 0; newV < n; newV++) {
                int v = unlabel[newV];
                for (int e = this.offsets[v]; e < this.offsets[v + 1]; e++, k++) {
                    sources[k] = label[this.sources[e]];
                    weights[k] = this.weights[e];
                }
                offsets[newV + 1] = k;
            }
            return new Csr(n, offsets, sources, weights);
        }

        InfluencePropagation propagation(int threads) {
            return new InfluencePropagation(n, offsets, sources, weights, D, threads);
        }
    }

    /**
     * The normalised iteration in the caller's order, with the propagation's arithmetic: each row
     * summed in the caller's edge order, the two sums that set {@code a_k} added in the
     * propagation's internal order (one chunk: the graphs here are small).
     */
    private static float[] plainLoop(Csr g, InfluencePropagation p, int iterations) {
        final double d = (float) D;
        int n = g.n();
        int[] order = InfluencePropagation.degreeOrder(n, g.offsets(), g.sources());
        double[] passedOn = new double[n];
        for (int e = 0; e < g.sources().length; e++) {
            passedOn[g.sources()[e]] += p.share(e);
        }
        double[] leak = new double[n];
        double leaked = 0;
        for (int u : order) {
            leak[u] = 1 - passedOn[u];
            leaked += leak[u];
        }
        double[] y = new double[n];
        double[] next = new double[n];
        Arrays.fill(y, 1);
        double sum = n;
        double a = 1;
        for (int it = 0; it < iterations; it++) {
            a = ((1 - d) * sum + d * leaked) / n;
            for (int v = 0; v < n; v++) {
                double pulled = 0;
                for (int e = g.offsets()[v]; e < g.offsets()[v + 1]; e++) {
                    pulled += p.share(e) * y[g.sources()[e]];
                }
                next[v] = a + d * pulled;
            }
            sum = 0;
            leaked = 0;
            for (int u : order) {
                sum += next[u];
                leaked += leak[u] * next[u];
            }
            double[] swap = y;
            y = next;
            next = swap;
        }
        float[] x = new float[n];
        for (int v = 0; v < n; v++) {
            x[v] = (float) (y[v] / a);
        }
        return x;
    }

    private static int[] shuffled(int n, long seed) {
        int[] label = new int[n];
        for (int v = 0; v < n; v++) {
            label[v] = v;
        }
        Random r = new Random(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = label[i];
            label[i] = label[j];
            label[j] = t;
        }
        return label;
    }

    @Test
    void degree_order_puts_high_in_degree_first_then_high_out_degree_then_low_id() {
        // Engagers of 0: 1 2 4; of 1: 0 4; of 2: 3; of 4: 3; 3, 5 and 6 have none.
        // In-degrees 3 2 1 0 1 0 0, out-degrees 1 1 1 2 2 0 0.
        int[] offsets = {0, 3, 5, 6, 6, 7, 7, 7};
        int[] sources = {1, 2, 4, 0, 4, 3, 3};
        assertArrayEquals(new int[] {0, 1, 4, 2, 3, 5, 6},
                InfluencePropagation.degreeOrder(7, offsets, sources));
    }

    @Test
    void renumbering_is_invisible_standings_are_bit_identical_to_the_plain_loop() {
        for (long seed = 0; seed < 100; seed++) {
            Random r = new Random(seed);
            Csr g = Csr.random(seed, 1 + r.nextInt(80), r.nextInt(400));
            InfluencePropagation p = g.propagation(1);
            InfluencePropagation.Result result = p.run(25, 0);
            assertArrayEquals(plainLoop(g, p, result.iterations()), result.standing(), "seed " + seed);
        }
    }

    @Test
    void parallel_runs_are_bit_identical_to_the_plain_loop_for_any_thread_count() {
        // Large enough to run in parallel, over many chunks.
        Csr g = Csr.random(7, 60_000, 700_000);
        InfluencePropagation.Result one = g.propagation(1).run(200, 1e-6);
        // Many chunks: a_k's sums are added chunk by chunk, so compare with the plain loop up to
        // rounding, and across thread counts bit for bit.
        float[] plain = plainLoop(g, g.propagation(1), one.iterations());
        for (int v = 0; v < g.n(); v++) {
            assertEquals(plain[v], one.standing()[v], 1e-6f * plain[v], "node " + v);
        }
        for (int threads : new int[] {2, 3, 8}) {
            InfluencePropagation.Result many = g.propagation(threads).run(200, 1e-6);
            assertArrayEquals(one.standing(), many.standing(), threads + " threads");
            assertEquals(one.iterations(), many.iterations(), threads + " threads");
            assertEquals(one.residual(), many.residual(), threads + " threads");
        }
    }

    @Test
    void relabelling_the_nodes_relabels_the_standings_and_nothing_else() {
        for (long seed = 0; seed < 20; seed++) {
            Csr g = Csr.random(seed, 500 + (int) seed * 100, 5000);
            int[] label = shuffled(g.n(), seed);
            float[] x = g.propagation(2).run(100, 1e-7).standing();
            float[] relabelled = g.relabelled(label).propagation(2).run(100, 1e-7).standing();
            // Rows sum the same terms in the same order; only the two global sums behind a_k are
            // added in another order, so standings agree to rounding, well within the tolerance.
            for (int v = 0; v < g.n(); v++) {
                assertEquals(x[v], relabelled[label[v]], 2e-7f * x[v], "seed " + seed + " node " + v);
            }
        }
    }

    @Test
    void shares_keep_the_callers_edge_order() {
        Csr g = Csr.random(3, 300, 3000);
        InfluencePropagation p = g.propagation(1);
        double[] out = new double[g.n()];
        for (int e = 0; e < g.sources().length; e++) {
            out[g.sources()[e]] += g.weights()[e];
        }
        double[] total = new double[g.n()];
        for (int e = 0; e < g.sources().length; e++) {
            double o = out[g.sources()[e]];
            assertEquals(o > 0 ? (float) (g.weights()[e] / o) : 0f, p.share(e), "edge " + e);
            total[g.sources()[e]] += p.share(e);
        }
        for (int u = 0; u < g.n(); u++) {
            assertEquals(out[u] > 0 ? 1 : 0, total[u], 1e-5, "node " + u);
        }
    }
}
