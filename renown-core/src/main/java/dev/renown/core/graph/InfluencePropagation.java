package dev.renown.core.graph;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Influence propagated PageRank-style over a weighted directed graph: the <em>standing</em>
 * {@code x} of every node is the unique solution of
 * <pre>
 *   x_v = 1 + d · Σ_{u→v} p(u,v) · x_u,     p(u,v) = W(u,v) / Σ_w W(u,w)
 * </pre>
 * with damping {@code d ∈ (0,1)} and non-negative edge weights {@code W}. A node with no engagers
 * stands at 1; each engager {@code u} passes on the fraction {@code d} of its own standing, split
 * in proportion to the weight of its engagement with each node.
 *
 * <p><b>Teleport and dangling nodes.</b> The constant 1 is a uniform teleport; nodes without
 * out-edges (dangling) pass nothing on, so {@code P} is substochastic. Normalised to sum one,
 * {@code x} is exactly the PageRank vector with damping {@code d}, uniform teleport and dangling
 * nodes jumping uniformly (Del Corso, Gullì, Romani, "Fast PageRank computation via a sparse
 * linear system", Internet Mathematics 2(3), 2005; Bianchini, Gori, Scarselli, "Inside PageRank",
 * ACM TOIT 5(1), 2005). Unlike the normalised vector, {@code x} does not depend on how many other
 * accounts exist, and adding a node with edges to {@code v} never lowers anyone's standing.
 *
 * <p><b>Iteration.</b> Jacobi iteration from {@code x⁰ = 1}, pulling along in-edges:
 * {@code x^{k+1} = 1 + d·Pᵀx^k}. Since every row of {@code P} sums to at most one, the error
 * shrinks by a factor {@code d} or better per iteration in the 1-norm; iteration stops when the
 * mean absolute change per node falls below the tolerance. Each iteration costs {@code O(n + m)}.
 *
 * <p><b>Implementation.</b> Standings are {@code float}s, sums are {@code double}s. Rows are cut
 * into chunks of about equal edge count which worker threads claim from an atomic counter, so
 * hubs do not serialise the work; each thread writes only its own rows of the next vector.
 *
 * <p>Callers must pass the graph <em>transposed</em>, as {@link InteractionGraph} stores it: row
 * {@code v} lists the sources of the edges into {@code v}.
 */
public final class InfluencePropagation {

    /** Rows per chunk are chosen so that a chunk holds at least this many edges. */
    private static final int MIN_CHUNK_EDGES = 1 << 14;
    /** Below this many edges the work runs on the calling thread. */
    private static final int PARALLEL_THRESHOLD = 1 << 17;

    private final int n;
    private final int[] offsets;
    private final int[] sources;
    private final float[] share;
    private final float damping;
    private final int threads;
    private final int[] chunkStarts;

    /**
     * @param n         number of nodes
     * @param inOffsets CSR offsets of the transposed graph, {@code n + 1} entries
     * @param sources   source of each in-edge
     * @param weights   weight {@code W} of each in-edge, non-negative
     * @param damping   the damping {@code d}, in (0, 1)
     * @param threads   worker threads, at least 1
     */
    public InfluencePropagation(int n, int[] inOffsets, int[] sources, float[] weights, double damping,
                                int threads) {
        if (!(damping > 0 && damping < 1)) {
            throw new IllegalArgumentException("damping must be in (0, 1): " + damping);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1");
        }
        if (inOffsets.length != n + 1 || sources.length != weights.length || inOffsets[n] != sources.length) {
            throw new IllegalArgumentException("offsets, sources and weights do not describe one graph");
        }
        this.n = n;
        this.offsets = inOffsets;
        this.sources = sources;
        this.damping = (float) damping;
        this.threads = sources.length < PARALLEL_THRESHOLD ? 1 : threads;
        this.share = transitionShares(n, sources, weights);
        this.chunkStarts = chunks(n, inOffsets, Math.max(MIN_CHUNK_EDGES, sources.length / (16 * threads)));
    }

    /** Builds a propagation over an interaction graph's influence weights. */
    public static InfluencePropagation over(InteractionGraph g, double damping, int threads) {
        float[] influence = g.influenceArray();
        float[] weights = new float[influence.length];
        for (int e = 0; e < weights.length; e++) {
            weights[e] = (float) log2p1(influence[e]);
        }
        return new InfluencePropagation(g.nodeCount(), g.inOffsetsArray(), g.sourcesArray(), weights, damping,
                threads);
    }

    /** {@code log₂(1 + w)}: an engager's weight grows with the doublings of their engagement. */
    public static double log2p1(double w) {
        return Math.log1p(w) * 1.4426950408889634;
    }

    /** The transition share {@code p(u,v)} of in-edge {@code e}. */
    public float share(int e) {
        return share[e];
    }

    /**
     * Iterates until the mean absolute change per node is below {@code tolerance} or
     * {@code maxIterations} is reached.
     */
    public Result run(int maxIterations, double tolerance) {
        float[] x = new float[n];
        float[] next = new float[n];
        Arrays.fill(x, 1f);
        int iterations = 0;
        double meanChange = n == 0 ? 0 : Double.POSITIVE_INFINITY;
        ExecutorService pool = threads > 1 ? Executors.newFixedThreadPool(threads, daemonThreads()) : null;
        try {
            while (iterations < maxIterations && meanChange >= tolerance && n > 0) {
                double change = pool == null ? pull(0, n, x, next) : pullInParallel(pool, x, next);
                float[] swap = x;
                x = next;
                next = swap;
                iterations++;
                meanChange = change / n;
            }
        } finally {
            if (pool != null) {
                pool.shutdownNow();
            }
        }
        return new Result(x, iterations, meanChange);
    }

    /** Runs exactly {@code iterations} iterations on the given vectors; for benchmarks. */
    public float[] iterate(int iterations) {
        return run(iterations, 0).standing();
    }

    private double pullInParallel(ExecutorService pool, float[] x, float[] next) {
        AtomicInteger nextChunk = new AtomicInteger();
        List<Callable<Double>> workers = new ArrayList<>(threads);
        for (int t = 0; t < threads; t++) {
            workers.add(() -> {
                double change = 0;
                for (int c; (c = nextChunk.getAndIncrement()) < chunkStarts.length - 1; ) {
                    change += pull(chunkStarts[c], chunkStarts[c + 1], x, next);
                }
                return change;
            });
        }
        double change = 0;
        try {
            for (Future<Double> f : pool.invokeAll(workers)) {
                change += f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("propagation interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("propagation failed", e.getCause());
        }
        return change;
    }

    /** One Jacobi step for rows {@code [from, to)}; returns the sum of absolute changes. */
    private double pull(int from, int to, float[] x, float[] next) {
        // We cache frequently used fields.
        final int[] offsets = this.offsets;
        final int[] sources = this.sources;
        final float[] share = this.share;
        final float d = damping;
        double change = 0;
        int e = offsets[from];
        for (int v = from; v < to; v++) {
            final int end = offsets[v + 1];
            double sum = 0;
            for (; e < end; e++) {
                sum += share[e] * x[sources[e]];
            }
            float value = (float) (1 + d * sum);
            change += Math.abs(value - x[v]);
            next[v] = value;
        }
        return change;
    }

    private static float[] transitionShares(int n, int[] sources, float[] weights) {
        double[] out = new double[n];
        for (int e = 0; e < sources.length; e++) {
            if (!(weights[e] >= 0) || Float.isInfinite(weights[e])) {
                throw new IllegalArgumentException("edge weight must be finite and >= 0: " + weights[e]);
            }
            out[sources[e]] += weights[e];
        }
        float[] share = new float[sources.length];
        for (int e = 0; e < sources.length; e++) {
            double o = out[sources[e]];
            share[e] = o > 0 ? (float) (weights[e] / o) : 0f;
        }
        return share;
    }

    private static int[] chunks(int n, int[] offsets, int edgesPerChunk) {
        int[] starts = new int[n + 2];
        int count = 0;
        starts[count++] = 0;
        int chunkStart = 0;
        for (int v = 0; v < n; v++) {
            if (offsets[v + 1] - offsets[chunkStart] >= edgesPerChunk || v + 1 - chunkStart >= edgesPerChunk) {
                starts[count++] = v + 1;
                chunkStart = v + 1;
            }
        }
        if (starts[count - 1] != n) {
            starts[count++] = n;
        }
        return Arrays.copyOf(starts, count);
    }

    private static java.util.concurrent.ThreadFactory daemonThreads() {
        AtomicInteger id = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "renown-propagation-" + id.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /**
     * The standings, how many iterations ran, and the mean absolute change per node in the last.
     *
     * @param standing   {@code x}, one value per node, each at least 1
     * @param iterations iterations run
     * @param meanChange mean absolute change per node in the last iteration
     */
    public record Result(float[] standing, int iterations, double meanChange) {
    }
}
