package dev.renown.bench;

import dev.renown.core.graph.InfluencePropagation;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/**
 * Cost of one propagation iteration on the 10M-edge R-MAT graph, in nanoseconds per edge per
 * iteration: each invocation runs {@value #ITERATIONS} iterations from a fresh vector and counts
 * as {@code ITERATIONS × edges} operations, so setup inside a run (vectors, threads) is paid
 * once per 20 iterations, as it is in real use.
 *
 * <p>{@code order} is the node order the graph comes in: {@code rmat} (the generator's, ids
 * in R-MAT order) or {@code shuffled} (a seeded random relabelling).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 8, time = 2)
@Fork(value = 3, jvmArgsAppend = {"-Xms4g", "-Xmx4g", "-XX:+AlwaysPreTouch"})
@State(Scope.Benchmark)
public class PerIterationBenchmark {

    /** Iterations per invocation. */
    public static final int ITERATIONS = 20;
    /** Operations per invocation: one per edge per iteration. */
    public static final int EDGE_ITERATIONS = ITERATIONS * RMat.EDGES;
    /** PageRank's usual damping. */
    public static final double DAMPING = 0.85;
    /** Both cores. */
    public static final int THREADS = Runtime.getRuntime().availableProcessors();

    @Param({"rmat"})
    public String order;

    private PlainPageRank plain;
    private InfluencePropagation renown;
    private InfluencePropagation renownOneThread;

    @Setup(Level.Trial)
    public void setUp() {
        RMat.EdgeList edges = graph(order);
        TransposedCsr g = TransposedCsr.of(edges);
        // R-MAT is unweighted: every weight is 1, but the propagation does not know that.
        float[] weights = new float[g.edgeCount()];
        Arrays.fill(weights, 1f);
        plain = new PlainPageRank(g, DAMPING);
        renown = new InfluencePropagation(g.n(), g.offsets(), g.sources(), weights, DAMPING, THREADS);
        renownOneThread = new InfluencePropagation(g.n(), g.offsets(), g.sources(), weights, DAMPING, 1);
        System.out.printf("%n%,d nodes, %,d edges, node order %s, %d threads%n", g.n(), g.edgeCount(), order,
                THREADS);
    }

    static RMat.EdgeList graph(String order) {
        RMat.EdgeList edges = RMat.benchmarkGraph();
        switch (order) {
            case "rmat":
                return edges;
            case "shuffled":
                return edges.shuffled(RMat.SEED);
            default:
                throw new IllegalArgumentException("order must be rmat or shuffled: " + order);
        }
    }

    /** The textbook single-threaded pull loop, doubles, in the given node order. */
    @Benchmark
    @OperationsPerInvocation(EDGE_ITERATIONS)
    public double[] plainCsrPullLoop() {
        return plain.iterate(ITERATIONS);
    }

    /** Renown's propagation on both cores. */
    @Benchmark
    @OperationsPerInvocation(EDGE_ITERATIONS)
    public float[] renownPropagation() {
        return renown.iterate(ITERATIONS);
    }

    /** Renown's propagation on one thread, to tell the node order's share from the second core's. */
    @Benchmark
    @OperationsPerInvocation(EDGE_ITERATIONS)
    public float[] renownPropagationOneThread() {
        return renownOneThread.iterate(ITERATIONS);
    }
}
