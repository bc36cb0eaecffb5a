package dev.renown.bench;

import it.unimi.dsi.fastutil.longs.LongOpenHashSet;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A seeded R-MAT generator of distinct directed edges without self-loops (Chakrabarti, Zhan,
 * Faloutsos, "R-MAT: A Recursive Model for Graph Mining", SDM 2004).
 *
 * <p>Each edge picks one quadrant of the {@code 2^scale × 2^scale} adjacency matrix per level,
 * with probabilities {@code a, b, c, d} for (top-left, top-right, bottom-left, bottom-right),
 * setting one bit of the source (row) and of the target (column). Self-loops and edges drawn
 * before are rejected and drawn again until exactly {@code edges} distinct edges exist, so the
 * edge set depends only on the seed and the parameters.
 *
 * <p>Ids that took part in no edge are then dropped and the rest renumbered densely <em>in
 * increasing order of their R-MAT id</em>: that is the "original node order" every benchmark
 * starts from. Edges keep the order in which they were drawn.
 */
public final class RMat {

    /** Quadrant probabilities, as in Graph500; the fourth is {@code d = 1 − a − b − c = 0.05}. */
    public static final double A = 0.57;
    public static final double B = 0.19;
    public static final double C = 0.19;

    /** The benchmark graph: 2^20 ids. */
    public static final int SCALE = 20;
    /** The benchmark graph: ten million distinct edges. */
    public static final int EDGES = 10_000_000;
    /** The benchmark graph's seed. */
    public static final long SEED = 20_240_601L;

    private RMat() {
    }

    /**
     * A directed graph as an edge list over nodes {@code [0, n)}.
     *
     * @param n       nodes with at least one edge
     * @param sources source of each edge
     * @param targets target of each edge
     */
    public record EdgeList(int n, int[] sources, int[] targets) {

        public int edgeCount() {
            return sources.length;
        }

        /** Out-degree of every node. */
        public int[] outDegrees() {
            int[] out = new int[n];
            for (int s : sources) {
                out[s]++;
            }
            return out;
        }

        /** In-degree of every node. */
        public int[] inDegrees() {
            int[] in = new int[n];
            for (int t : targets) {
                in[t]++;
            }
            return in;
        }

        /**
         * The same graph with its nodes renamed by a seeded random permutation (as the Graph500
         * generator scrambles its vertex labels): no locality left in the node order.
         */
        public EdgeList shuffled(long seed) {
            int[] label = new int[n];
            for (int v = 0; v < n; v++) {
                label[v] = v;
            }
            SplittableRandom random = new SplittableRandom(seed);
            for (int i = n - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int t = label[i];
                label[i] = label[j];
                label[j] = t;
            }
            int[] s = new int[sources.length];
            int[] t = new int[targets.length];
            for (int e = 0; e < s.length; e++) {
                s[e] = label[sources[e]];
                t[e] = label[targets[e]];
            }
            return new EdgeList(n, s, t);
        }
    }

    /** Prints the benchmark graph's size and degrees: {@code java -cp benchmarks.jar dev.renown.bench.RMat}. */
    public static void main(String[] args) {
        long start = System.nanoTime();
        EdgeList g = benchmarkGraph();
        double seconds = (System.nanoTime() - start) / 1e9;
        int[] in = g.inDegrees();
        int[] out = g.outDegrees();
        System.out.printf("R-MAT a=%.2f b=%.2f c=%.2f d=%.2f, scale %d, seed %d: %,d distinct edges, %,d of %,d ids "
                        + "with degree > 0; max in-degree %,d, max out-degree %,d; generated in %.1f s%n",
                A, B, C, 1 - A - B - C, SCALE, SEED, g.edgeCount(), g.n(), 1 << SCALE,
                Arrays.stream(in).max().orElse(0), Arrays.stream(out).max().orElse(0), seconds);
    }

    /** The graph every benchmark runs on: scale 20, 10M edges, the fixed seed. */
    public static EdgeList benchmarkGraph() {
        return generate(SEED, SCALE, EDGES);
    }

    /** Generates {@code edges} distinct R-MAT edges over {@code 2^scale} ids, then compacts ids. */
    public static EdgeList generate(long seed, int scale, int edges) {
        if (scale < 1 || scale > 30) {
            throw new IllegalArgumentException("scale must be in [1, 30]: " + scale);
        }
        long ids = 1L << scale;
        // Rejection slows down as the matrix fills up: allow a quarter of it at most.
        if (edges < 0 || edges > ids * (ids - 1) / 4) {
            throw new IllegalArgumentException("too many edges for scale " + scale + ": " + edges);
        }
        // Quadrant thresholds on 32-bit uniform draws: [0, ta) top-left, [ta, tb) top-right, ...
        final long ta = (long) (A * 0x1p32);
        final long tb = (long) ((A + B) * 0x1p32);
        final long tc = (long) ((A + B + C) * 0x1p32);

        SplittableRandom random = new SplittableRandom(seed);
        LongOpenHashSet seen = new LongOpenHashSet(edges, 0.5f);
        int[] sources = new int[edges];
        int[] targets = new int[edges];
        int m = 0;
        while (m < edges) {
            int s = 0;
            int t = 0;
            for (int level = 0; level < scale; level++) {
                long r = random.nextInt() & 0xffff_ffffL;
                s <<= 1;
                t <<= 1;
                if (r < ta) {
                    continue;
                } else if (r < tb) {
                    t |= 1;
                } else if (r < tc) {
                    s |= 1;
                } else {
                    s |= 1;
                    t |= 1;
                }
            }
            if (s != t && seen.add(((long) s << 32) | t)) {
                sources[m] = s;
                targets[m] = t;
                m++;
            }
        }

        // Drop ids without edges, keeping the R-MAT order of the rest.
        int[] dense = new int[(int) ids];
        for (int e = 0; e < edges; e++) {
            dense[sources[e]] = 1;
            dense[targets[e]] = 1;
        }
        int n = 0;
        for (int id = 0; id < dense.length; id++) {
            dense[id] = dense[id] != 0 ? n++ : -1;
        }
        for (int e = 0; e < edges; e++) {
            sources[e] = dense[sources[e]];
            targets[e] = dense[targets[e]];
        }
        return new EdgeList(n, sources, targets);
    }
}
