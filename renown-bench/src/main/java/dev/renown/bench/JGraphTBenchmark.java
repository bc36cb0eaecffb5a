package dev.renown.bench;

import org.jgrapht.Graph;
import org.jgrapht.graph.DefaultEdge;
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

import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Cost of one iteration of JGraphT 1.5.3's PageRank on the same R-MAT graph, in nanoseconds per
 * edge per iteration. The graph is built once per fork (it takes tens of seconds, see
 * {@link EndToEndBenchmark}); each invocation runs PageRank for exactly
 * {@value PerIterationBenchmark#ITERATIONS} iterations, including the index JGraphT builds at
 * the start of every run, since its API offers no way to iterate without it.
 *
 * <p>One invocation takes seconds, so every measurement iteration is a single invocation.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 1, time = 1, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = 5, time = 1, timeUnit = TimeUnit.MILLISECONDS)
@Fork(value = 2, jvmArgsAppend = {"-Xms12g", "-Xmx12g", "-XX:+AlwaysPreTouch"})
@State(Scope.Benchmark)
public class JGraphTBenchmark {

    @Param({"rmat"})
    public String order;

    private Graph<Integer, DefaultEdge> graph;

    @Setup(Level.Trial)
    public void setUp() {
        RMat.EdgeList edges = PerIterationBenchmark.graph(order);
        long before = JGraphTGraphs.usedHeapAfterGc();
        long start = System.nanoTime();
        graph = JGraphTGraphs.build(edges);
        double seconds = (System.nanoTime() - start) / 1e9;
        long heap = JGraphTGraphs.usedHeapAfterGc() - before;
        System.out.printf("%nJGraphT DefaultDirectedGraph: %,d vertices, %,d edges, built in %.1f s, "
                        + "%.2f GB of heap after GC%n", graph.vertexSet().size(), graph.edgeSet().size(), seconds,
                heap / 1e9);
    }

    @Benchmark
    @OperationsPerInvocation(PerIterationBenchmark.EDGE_ITERATIONS)
    public Map<Integer, Double> jgraphtPageRank() {
        return JGraphTGraphs.pageRank(graph, PerIterationBenchmark.DAMPING, PerIterationBenchmark.ITERATIONS);
    }

    /**
     * One iteration, per edge: with {@link #jgraphtPageRank} it separates the index JGraphT builds
     * on every run from the iterations, {@code marginal = (20·t20 − t1) / 19} per edge.
     */
    @Benchmark
    @Fork(value = 1, jvmArgsAppend = {"-Xms12g", "-Xmx12g", "-XX:+AlwaysPreTouch"})
    @OperationsPerInvocation(RMat.EDGES)
    public Map<Integer, Double> jgraphtPageRankOneIteration() {
        return JGraphTGraphs.pageRank(graph, PerIterationBenchmark.DAMPING, 1);
    }
}
