package dev.renown.core.graph;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
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
 * accounts exist, and adding a node with edges to {@code v} never lowers anyone's standing. (That
 * holds for the solution; the computed standings, whose iteration below spreads its teleport over
 * every node, meet it within the tolerance.)
 *
 * <p><b>Iteration: the normalised problem, rescaled.</b> Plain Jacobi iteration
 * {@code x^{k+1} = 1 + d·Pᵀx^k} converges at the rate of the largest eigenvalue of {@code d·Pᵀ},
 * which is {@code d} times that of {@code P}: close to {@code d} on a real graph, where most mass
 * stays in the graph (0.84 on the 10M-edge R-MAT graph of {@code renown-bench}). Its error lies
 * mostly along that principal direction, a scale error that normalising removes. So the
 * propagation iterates the normalised problem instead — textbook PageRank by power iteration,
 * with what a node does not pass on, {@code ℓ_u = 1 − Σ_v p(u,v)} (all of it for a node without
 * out-edges, the lost part of a discounted voice), spread evenly — in a scaling that keeps the
 * sum {@code Σ y = n}:
 * <pre>
 *   y⁰ = 1,   y^{k+1} = a_k + d·Pᵀy^k,   a_k = ((1 − d)·Σ_v y^k_v + d·Σ_u ℓ_u y^k_u) / n
 * </pre>
 * Whatever {@code a_k}, {@code x = y/a} solves {@code x = 1 + d·Pᵀx} exactly when {@code y} solves
 * {@code y = a + d·Pᵀy}; this {@code a_k} makes the step the power method on the (column-
 * stochastic) PageRank matrix, which converges at the rate of its second eigenvalue, at most
 * {@code d} and on many graphs far less (about 0.2 per step on the R-MAT graph, where plain
 * Jacobi closes 0.16 of the gap per step). The rate stays near {@code d} where closed classes —
 * groups of accounts that engage only each other, with full voice — hold their own stationary
 * mass (on the Higgs graph: 0.85 per step either way). Kamvar, Haveliwala, Manning, Golub,
 * "Extrapolation methods for accelerating PageRank computations", WWW 2003, and Langville,
 * Meyer, "Google's PageRank and Beyond" (2006), ch. 4 and 8, for the rates.
 *
 * <p><b>Stopping rule.</b> For an estimate {@code x̂} the residual {@code r = 1 + d·Pᵀx̂ − x̂}
 * gives the error exactly: {@code x − x̂ = (I − d·Pᵀ)⁻¹ r = Σ_k (d·Pᵀ)^k r}. The series has
 * non-negative terms, and {@code (I − d·Pᵀ)⁻¹ 1 = x}, so {@code |r_v| ≤ ε} for every {@code v}
 * gives {@code |x_v − x̂_v| ≤ ε·x_v}: <em>every standing within a relative {@code ε}</em>, and
 * every network impact {@code Σ_u p(u,v)·x_u} too. With {@code x̂ = y^k/a_k} the residual costs
 * nothing: {@code 1 + d·Pᵀx̂ = y^{k+1}/a_k}, so {@code r = (y^{k+1} − y^k)/a_k}, and the run stops
 * when its largest entry is at most the tolerance, returning {@code y^{k+1}/a_k} (one Jacobi step
 * further, whose error {@code d·Pᵀ(x − x̂)} is no larger). What the score needs: a relative error
 * {@code ε} in an impact moves {@code log₂(1 + impact)} by at most {@code ε/ln 2}, so a score or
 * its points by at most {@code 99·w·ε/(L·ln 2) ≤ 7.2·ε} (weight {@code w ≤ 1}, saturation
 * {@code L = 20}). At the default {@code ε = 10⁻⁵} that is 7·10⁻⁵ points: a figure printed to 0.1
 * changes only if the exact one lies within that of a rounding boundary, and two accounts trade
 * places only if their exact scores are that close. The result is returned as {@code float}s,
 * which adds at most 2⁻²⁴ ≈ 6·10⁻⁸ relative.
 *
 * <p><b>Implementation.</b> The iterates {@code y} and all sums are {@code double}s (a float
 * vector could not show a residual below its own rounding, 2⁻²⁴ of the largest standing), the
 * standings returned are {@code float}s, and the share {@code p(u,v)} of every edge is computed
 * once, in the constructor, as a {@code float}: the fixed point is that of these shares. For speed the
 * propagation works on a private copy of the graph with the nodes renumbered by decreasing
 * in-degree, ties by decreasing out-degree (a "degree sort", Balaji and Lucia, "When is graph
 * reordering an optimization?", IISWC 2018), both found with counting sorts in
 * {@code O(n + m)}. The order pays twice in the pull loop: rows of equal length follow each
 * other, so the branch that ends a row is predicted instead of missed on almost every short
 * row; and the most engaged-with, most engaging nodes, whose standings most edges read, sit
 * together at the front of the vector, so those reads hit cache. On a 10-million-edge R-MAT
 * graph this made one thread 1.3× to 1.6× faster, depending on the input order (see
 * {@code renown-bench/README.md}). The renumbering is invisible: each row keeps the caller's edge
 * order, so every sum adds the same terms in the same order as without it, and results come back
 * in the caller's node order.
 *
 * <p>Rows are cut into chunks of about equal edge count which worker threads claim from an
 * atomic counter, so hubs do not serialise the work; each thread writes only its own rows of the
 * next vector. Chunks do not depend on the thread count, and the per-chunk largest changes, sums
 * and leaked sums are combined in chunk order, so standings, {@code a_k}, iteration counts and
 * residuals are bit-identical for any number of threads.
 *
 * <p>Memory beyond the caller's arrays: {@code 8m + 24n} bytes for {@code n} nodes and
 * {@code m} edges (the renumbered graph with its shares, each node's total weight and leak),
 * plus {@code 20n} per {@link #run} (two double iterates, the float result). A share in the
 * caller's edge order is computed on request from the caller's arrays, which are referenced, not
 * copied, and must not change.
 *
 * <p>Callers must pass the graph <em>transposed</em>, as {@link InteractionGraph} stores it: row
 * {@code v} lists the sources of the edges into {@code v}.
 */
public final class InfluencePropagation {

    /** A chunk holds at least this many edges (or rows). */
    private static final int MIN_CHUNK_EDGES = 1 << 14;
    /** The rows are cut into about this many chunks, whatever the thread count. */
    private static final int TARGET_CHUNKS = 64;
    /** Below this many edges the work runs on the calling thread. */
    private static final int PARALLEL_THRESHOLD = 1 << 17;

    private final int n;
    private final float damping;
    private final int threads;
    // What the share of each edge is computed from, in the caller's edge order, on request
    // rather than kept: the weights (not copied), or the raw influence whose log₂(1 + w) they are,
    // each source's total weight, and the voices.
    private final int[] sources;
    private final float[] weights;
    private final boolean logWeights;
    private final double[] outWeight;
    private final float[] voices;

    // The graph renumbered: the caller's node order[i] is node i here.
    private final int[] order;
    private final int[] rowOffsets;
    private final int[] rowSources;
    private final float[] rowShares;
    private final int[] chunkStarts;
    /** What each renumbered node does not pass on, {@code 1 − Σ_v p(u,v)}: 1 for a node without out-edges. */
    private final double[] rowLeak;
    /** The sum of {@code rowLeak}, added in node order. */
    private final double totalLeak;

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
        this(n, inOffsets, sources, weights, null, damping, threads);
    }

    /**
     * As {@link #InfluencePropagation(int, int[], int[], float[], double, int)}, with each edge's
     * share scaled by a factor in [0, 1] after normalisation: {@code p(u,v) = ω(u,v) · W(u,v) / Σ_w W(u,w)}.
     * A discounted engager passes on only that part of its share; the rest is lost, like damping.
     *
     * @param voices the factor {@code ω} of each in-edge, or null for 1
     */
    public InfluencePropagation(int n, int[] inOffsets, int[] sources, float[] weights, float[] voices,
                                double damping, int threads) {
        this(n, inOffsets, sources, weights, false, voices, damping, threads);
    }

    /** With {@code logWeights}, each weight is {@code log₂(1 + weights[e])} (see {@link #over}). */
    private InfluencePropagation(int n, int[] inOffsets, int[] sources, float[] weights, boolean logWeights,
                                 float[] voices, double damping, int threads) {
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
        this.damping = (float) damping;
        this.threads = sources.length < PARALLEL_THRESHOLD ? 1 : threads;
        this.sources = sources;
        this.weights = weights;
        this.logWeights = logWeights;
        this.outWeight = new double[n];
        for (int e = 0; e < sources.length; e++) {
            float w = weight(e);
            if (!(w >= 0) || Float.isInfinite(w)) {
                throw new IllegalArgumentException("edge weight must be finite and >= 0: " + w);
            }
            outWeight[sources[e]] += w;
        }
        if (voices != null) {
            if (voices.length != sources.length) {
                throw new IllegalArgumentException("need one voice per edge");
            }
            for (float voice : voices) {
                if (!(voice >= 0 && voice <= 1)) {
                    throw new IllegalArgumentException("voice must be in [0, 1]: " + voice);
                }
            }
        }
        this.voices = voices;

        this.order = degreeOrder(n, inOffsets, sources);
        int[] position = new int[n];
        for (int i = 0; i < n; i++) {
            position[order[i]] = i;
        }
        this.rowOffsets = new int[n + 1];
        this.rowSources = new int[sources.length];
        this.rowShares = new float[sources.length];
        int k = 0;
        for (int i = 0; i < n; i++) {
            int v = order[i];
            for (int e = inOffsets[v]; e < inOffsets[v + 1]; e++, k++) {
                rowSources[k] = position[sources[e]];
                rowShares[k] = share(e);
            }
            rowOffsets[i + 1] = k;
        }
        this.chunkStarts = chunks(n, rowOffsets, Math.max(MIN_CHUNK_EDGES, sources.length / TARGET_CHUNKS));

        double[] passedOn = new double[n];
        for (int e = 0; e < sources.length; e++) {
            passedOn[sources[e]] += share(e);
        }
        this.rowLeak = new double[n];
        double leak = 0;
        for (int i = 0; i < n; i++) {
            rowLeak[i] = 1 - passedOn[order[i]];
            leak += rowLeak[i];
        }
        this.totalLeak = leak;
    }

    /** Builds a propagation over an interaction graph's influence weights. */
    public static InfluencePropagation over(InteractionGraph g, double damping, int threads) {
        return over(g, null, damping, threads);
    }

    /**
     * Builds a propagation over an interaction graph's influence weights, each edge's share scaled
     * by its engager's voice (null for 1).
     */
    public static InfluencePropagation over(InteractionGraph g, float[] voices, double damping, int threads) {
        return new InfluencePropagation(g.nodeCount(), g.inOffsetsArray(), g.sourcesArray(), g.influenceArray(), true,
                voices, damping, threads);
    }

    /** {@code log₂(1 + w)}: an engager's weight grows with the doublings of their engagement. */
    public static double log2p1(double w) {
        return Math.log1p(w) * 1.4426950408889634;
    }

    /** The transition share {@code p(u,v)} of in-edge {@code e}. */
    public float share(int e) {
        double o = outWeight[sources[e]];
        float share = o > 0 ? (float) (weight(e) / o) : 0f;
        return voices == null ? share : share * voices[e];
    }

    /**
     * What each node receives along its in-edges, {@code Σ_u p(u,v) · standing(u)}, summed in
     * in-edge order, read from the renumbered rows rather than recomputing every share; in the
     * caller's node order.
     */
    public double[] inflow(float[] standing) {
        float[] renumbered = new float[n];
        for (int i = 0; i < n; i++) {
            renumbered[i] = standing[order[i]];
        }
        double[] inflow = new double[n];
        for (int i = 0; i < n; i++) {
            double sum = 0;
            for (int k = rowOffsets[i]; k < rowOffsets[i + 1]; k++) {
                sum += (double) rowShares[k] * renumbered[rowSources[k]];
            }
            inflow[order[i]] = sum;
        }
        return inflow;
    }

    private float weight(int e) {
        return logWeights ? (float) log2p1(weights[e]) : weights[e];
    }

    /**
     * Solves for the standings until every one is within a relative {@code tolerance} of the
     * fixed point, or {@code maxIterations} iterations have run (see the class comment: the
     * iteration, and why the stopping rule bounds the error).
     *
     * @param maxIterations at most this many iterations, at least 1
     * @param tolerance     the bound {@code ε} on the relative error of every standing, {@code >= 0}
     */
    public Result run(int maxIterations, double tolerance) {
        int chunkCount = chunkStarts.length - 1;
        double[] y = new double[n];
        double[] next = new double[n];
        // Per chunk: the largest change, the sum of the new values and their leak-weighted sum.
        double[] chunkChange = new double[chunkCount];
        double[] chunkSum = new double[chunkCount];
        double[] chunkLeak = new double[chunkCount];
        Arrays.fill(y, 1);
        double sum = n;
        double leaked = totalLeak;
        double scale = 1;
        int iterations = 0;
        double residual = n == 0 ? 0 : Double.POSITIVE_INFINITY;
        ExecutorService pool = threads > 1 ? Executors.newFixedThreadPool(threads, daemonThreads()) : null;
        try {
            while (iterations < maxIterations && residual > tolerance) {
                // The teleport that keeps the sum: what was not passed on, spread evenly.
                scale = ((1 - damping) * sum + damping * leaked) / n;
                if (pool == null) {
                    for (int c = 0; c < chunkCount; c++) {
                        pull(c, scale, y, next, chunkChange, chunkSum, chunkLeak);
                    }
                } else {
                    pullInParallel(pool, scale, y, next, chunkChange, chunkSum, chunkLeak);
                }
                double change = 0;
                sum = 0;
                leaked = 0;
                for (int c = 0; c < chunkCount; c++) {
                    change = Math.max(change, chunkChange[c]);
                    sum += chunkSum[c];
                    leaked += chunkLeak[c];
                }
                double[] swap = y;
                y = next;
                next = swap;
                iterations++;
                residual = change / scale;
            }
        } finally {
            if (pool != null) {
                pool.shutdownNow();
            }
        }
        float[] standing = new float[n];
        for (int i = 0; i < n; i++) {
            standing[order[i]] = (float) (y[i] / scale);
        }
        return new Result(standing, iterations, residual);
    }

    /** Runs exactly {@code iterations} iterations (fewer only if the standings stop moving); for benchmarks. */
    public float[] iterate(int iterations) {
        return run(iterations, 0).standing();
    }

    /** One step on all chunks, claimed by the pool's threads. */
    private void pullInParallel(ExecutorService pool, double scale, double[] y, double[] next, double[] chunkChange,
                                double[] chunkSum, double[] chunkLeak) {
        AtomicInteger nextChunk = new AtomicInteger();
        List<Callable<Void>> workers = new ArrayList<>(threads);
        for (int t = 0; t < threads; t++) {
            workers.add(() -> {
                for (int c; (c = nextChunk.getAndIncrement()) < chunkChange.length; ) {
                    pull(c, scale, y, next, chunkChange, chunkSum, chunkLeak);
                }
                return null;
            });
        }
        try {
            for (Future<Void> f : pool.invokeAll(workers)) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("propagation interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("propagation failed", e.getCause());
        }
    }

    /**
     * One step {@code next = a + d·Pᵀy} for the renumbered rows of chunk {@code c}; records the
     * chunk's largest absolute change, the sum of its new values and their leak-weighted sum.
     */
    private void pull(int c, double a, double[] y, double[] next, double[] chunkChange, double[] chunkSum,
                      double[] chunkLeak) {
        // We cache frequently used fields.
        final int[] offsets = this.rowOffsets;
        final int[] sources = this.rowSources;
        final float[] shares = this.rowShares;
        final double[] leaks = this.rowLeak;
        final double d = damping;
        final int to = chunkStarts[c + 1];
        double change = 0;
        double sum = 0;
        double leaked = 0;
        int e = offsets[chunkStarts[c]];
        for (int v = chunkStarts[c]; v < to; v++) {
            final int end = offsets[v + 1];
            double pulled = 0;
            for (; e < end; e++) {
                pulled += shares[e] * y[sources[e]];
            }
            double value = a + d * pulled;
            change = Math.max(change, Math.abs(value - y[v]));
            sum += value;
            leaked += leaks[v] * value;
            next[v] = value;
        }
        chunkChange[c] = change;
        chunkSum[c] = sum;
        chunkLeak[c] = leaked;
    }

    /**
     * The nodes by decreasing in-degree, ties by decreasing out-degree, then by id: a stable
     * counting sort by out-degree followed by one by in-degree, {@code O(n + m)}.
     */
    static int[] degreeOrder(int n, int[] inOffsets, int[] sources) {
        int[] outDegree = new int[n];
        for (int u : sources) {
            outDegree[u]++;
        }
        int[] inDegree = new int[n];
        for (int v = 0; v < n; v++) {
            inDegree[v] = inOffsets[v + 1] - inOffsets[v];
        }
        int[] identity = new int[n];
        for (int v = 0; v < n; v++) {
            identity[v] = v;
        }
        return sortByDecreasing(inDegree, sortByDecreasing(outDegree, identity));
    }

    /** Stable counting sort of {@code nodes} by decreasing {@code key[node]}. */
    private static int[] sortByDecreasing(int[] key, int[] nodes) {
        int max = 0;
        for (int k : key) {
            max = Math.max(max, k);
        }
        // start[max - k] is where the nodes with key k begin.
        int[] start = new int[max + 2];
        for (int k : key) {
            start[max - k + 1]++;
        }
        for (int b = 0; b <= max; b++) {
            start[b + 1] += start[b];
        }
        int[] sorted = new int[nodes.length];
        for (int v : nodes) {
            sorted[start[max - key[v]]++] = v;
        }
        return sorted;
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

    private static ThreadFactory daemonThreads() {
        AtomicInteger id = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "renown-propagation-" + id.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /**
     * The standings, how many iterations ran, and the bound on their relative error.
     *
     * @param standing   {@code x}, one value per node, each at least 1
     * @param iterations iterations run
     * @param residual   the largest absolute residual {@code |1 + d·Pᵀx̂ − x̂|} of the estimate the
     *                   last iteration started from: a bound on the relative error of every standing
     */
    public record Result(float[] standing, int iterations, double residual) {
    }
}
