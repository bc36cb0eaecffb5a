package dev.renown.core.graph;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class InfluencePropagationTest {

    private static final double D = 0.85;

    /** A random weighted graph as an edge list, with skewed targets and some dangling nodes. */
    private record EdgeList(int n, int[] from, int[] to, double[] w) {
        static EdgeList random(long seed, int n, int m) {
            Random r = new Random(seed);
            int[] from = new int[m];
            int[] to = new int[m];
            double[] w = new double[m];
            for (int e = 0; e < m; e++) {
                from[e] = r.nextInt(n);
                to[e] = (int) (n * Math.pow(r.nextDouble(), 3));
                w[e] = r.nextInt(4) == 0 ? 0 : 0.1 + r.nextDouble() * 3;
            }
            return new EdgeList(n, from, to, w);
        }

        /** Transposed CSR, duplicates kept as parallel edges. */
        InfluencePropagation propagation(int threads) {
            int[] offsets = new int[n + 1];
            for (int t : to) {
                offsets[t + 1]++;
            }
            for (int v = 0; v < n; v++) {
                offsets[v + 1] += offsets[v];
            }
            int[] next = Arrays.copyOf(offsets, n);
            int[] sources = new int[from.length];
            float[] weights = new float[from.length];
            for (int e = 0; e < from.length; e++) {
                int slot = next[to[e]]++;
                sources[slot] = from[e];
                weights[slot] = (float) w[e];
            }
            return new InfluencePropagation(n, offsets, sources, weights, D, threads);
        }
    }

    private static double[] toDouble(float[] x) {
        double[] d = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            d[i] = x[i];
        }
        return d;
    }

    @Test
    void two_nodes() {
        // 0 -> 1: x0 = 1, x1 = 1 + d.
        InfluencePropagation p = new InfluencePropagation(2, new int[] {0, 0, 1}, new int[] {0},
                new float[] {2f}, D, 1);
        assertArrayEquals(new double[] {1, 1 + D}, toDouble(p.run(100, 0).standing()), 1e-6);
    }

    @Test
    void star_with_hub_receiving() {
        // leaves 1..4 -> 0: x0 = 1 + 4d.
        InfluencePropagation p = new InfluencePropagation(5, new int[] {0, 4, 4, 4, 4, 4},
                new int[] {1, 2, 3, 4}, new float[] {1, 1, 1, 1}, D, 1);
        assertArrayEquals(new double[] {1 + 4 * D, 1, 1, 1, 1}, toDouble(p.run(100, 0).standing()), 1e-6);
    }

    @Test
    void star_with_hub_giving_splits_by_weight() {
        // 0 -> 1 (weight 3), 0 -> 2 (weight 1): x1 = 1 + d·3/4, x2 = 1 + d/4.
        InfluencePropagation p = new InfluencePropagation(3, new int[] {0, 0, 1, 2}, new int[] {0, 0},
                new float[] {3, 1}, D, 1);
        assertArrayEquals(new double[] {1, 1 + D * 0.75, 1 + D * 0.25}, toDouble(p.run(100, 0).standing()), 1e-6);
    }

    @Test
    void chain_of_four() {
        // 0 -> 1 -> 2 -> 3: x_k = 1 + d + d² + … + d^k.
        InfluencePropagation p = new InfluencePropagation(4, new int[] {0, 0, 1, 2, 3}, new int[] {0, 1, 2},
                new float[] {1, 1, 1}, D, 1);
        assertArrayEquals(new double[] {1, 1 + D, 1 + D + D * D, 1 + D + D * D + D * D * D},
                toDouble(p.run(100, 0).standing()), 1e-6);
    }

    @Test
    void cycle_stands_at_one_over_one_minus_d() {
        InfluencePropagation p = new InfluencePropagation(3, new int[] {0, 1, 2, 3}, new int[] {2, 0, 1},
                new float[] {1, 1, 1}, D, 1);
        InfluencePropagation.Result r = p.run(1000, 1e-9);
        assertArrayEquals(new double[] {1 / (1 - D), 1 / (1 - D), 1 / (1 - D)}, toDouble(r.standing()), 1e-4);
        // The change in iteration k is d^k. Float standings near 6.7 stop moving once d^k is below
        // their resolution, 4.8e-7, after about log(4.8e-7)/log(d) = 89 iterations; a double
        // would need log(1e-9)/log(d) = 128.
        assertEquals(true, r.iterations() >= 85 && r.iterations() <= 128, "iterations " + r.iterations());
    }

    @Test
    void empty_graph() {
        InfluencePropagation.Result r = new InfluencePropagation(0, new int[] {0}, new int[0], new float[0], D, 2)
                .run(10, 0);
        assertEquals(0, r.standing().length);
        assertEquals(0, r.iterations());
    }

    @Test
    void rejects_bad_parameters() {
        assertThrows(IllegalArgumentException.class,
                () -> new InfluencePropagation(1, new int[] {0, 0}, new int[0], new float[0], 1.0, 1));
        assertThrows(IllegalArgumentException.class,
                () -> new InfluencePropagation(1, new int[] {0, 0}, new int[0], new float[0], 0.85, 0));
        assertThrows(IllegalArgumentException.class,
                () -> new InfluencePropagation(2, new int[] {0, 1}, new int[] {0}, new float[] {1}, 0.85, 1));
        assertThrows(IllegalArgumentException.class,
                () -> new InfluencePropagation(1, new int[] {0, 1}, new int[] {0}, new float[] {-1}, 0.85, 1));
    }

    @Test
    void matches_the_naive_reference_on_seeded_random_graphs() {
        for (long seed = 0; seed < 200; seed++) {
            Random r = new Random(seed);
            EdgeList g = EdgeList.random(seed, 1 + r.nextInt(60), r.nextInt(300));
            double[] expected = NaivePropagation.standing(g.n(), g.from(), g.to(), g.w(), D);
            double[] actual = toDouble(g.propagation(1).run(1000, 1e-9).standing());
            for (int v = 0; v < g.n(); v++) {
                assertEquals(expected[v], actual[v], 1e-5 * expected[v], "seed " + seed + " node " + v);
            }
        }
    }

    @Test
    void parallel_run_matches_the_naive_reference_on_a_large_graph() {
        // Large enough to run on several threads.
        EdgeList g = EdgeList.random(42, 50_000, 400_000);
        double[] expected = NaivePropagation.standing(g.n(), g.from(), g.to(), g.w(), D);
        float[] one = g.propagation(1).run(200, 1e-7).standing();
        float[] two = g.propagation(2).run(200, 1e-7).standing();
        float[] four = g.propagation(4).run(200, 1e-7).standing();
        for (int v = 0; v < g.n(); v++) {
            assertEquals(expected[v], one[v], 1e-5 * expected[v], "node " + v);
            // Each row is summed by one thread in the same order: results are bit-identical.
            assertEquals(one[v], two[v], "node " + v);
            assertEquals(one[v], four[v], "node " + v);
        }
    }

    @Test
    void normalised_standing_is_textbook_pagerank_with_uniform_dangling_jumps() {
        for (long seed = 0; seed < 50; seed++) {
            Random r = new Random(seed);
            EdgeList g = EdgeList.random(seed, 2 + r.nextInt(40), r.nextInt(200));
            double[] pr = NaivePropagation.pageRank(g.n(), g.from(), g.to(), g.w(), D);
            double[] x = toDouble(g.propagation(1).run(1000, 1e-10).standing());
            double sum = Arrays.stream(x).sum();
            for (int v = 0; v < g.n(); v++) {
                assertEquals(pr[v], x[v] / sum, 1e-6 * pr[v] + 1e-9, "seed " + seed + " node " + v);
            }
        }
    }
}
