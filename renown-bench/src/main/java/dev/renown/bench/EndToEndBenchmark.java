package dev.renown.bench;

import dev.renown.core.event.EventTable;
import dev.renown.core.event.EventTableBuilder;
import dev.renown.core.event.Interaction;
import dev.renown.core.event.InteractionKind;
import dev.renown.core.graph.InfluencePropagation;
import dev.renown.core.graph.InteractionGraph;
import dev.renown.core.graph.InteractionGraphBuilder;
import dev.renown.core.score.ScoringParameters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Edge list → graph → {@value PerIterationBenchmark#ITERATIONS} iterations, in seconds, on the
 * R-MAT graph in its generator order. Every variant starts from data the setup prepared and
 * ends with the scores:
 * <ul>
 *   <li>{@code jgraphtFromEdgeArrays}: the {@code int[]} edge arrays → JGraphT
 *       {@code DefaultDirectedGraph} (every vertex, then every edge) → PageRank;</li>
 *   <li>{@code renownFromEdgeArrays}: the same arrays → transposed CSR (two counting sorts) →
 *       {@link InfluencePropagation} (shares, node order) → run, weights all 1;</li>
 *   <li>{@code renownFromEventTable}: an {@link EventTable} holding one repost per edge (accounts
 *       already interned) → {@link InteractionGraphBuilder} (window, decay, actor-day credit,
 *       weights) → {@link InfluencePropagation#over} → run: Renown's real scoring path;</li>
 *   <li>{@code renownFromInteractions}: account id strings → one {@link Interaction} record per
 *       edge (with its derived event id) → {@link EventTableBuilder} (deduplication, interning)
 *       → then as above: the whole path from records a reader produced.</li>
 * </ul>
 * Interactions are reposts spread 259 ms apart, about 30 days in all, so decay and actor-day
 * credit give the edges varied weights.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 2, jvmArgsAppend = {"-Xms12g", "-Xmx12g", "-XX:+AlwaysPreTouch"})
public class EndToEndBenchmark {

    private static final String NETWORK = "rmat";
    private static final long START_MILLIS = 1_700_000_000_000L;
    private static final long SPACING_MILLIS = 259;

    /** The edge arrays and the account ids as strings. */
    @State(Scope.Benchmark)
    public static class Edges {
        RMat.EdgeList edges;
        String[] accountIds;

        @Setup(Level.Trial)
        public void setUp() {
            edges = RMat.benchmarkGraph();
            accountIds = new String[edges.n()];
            for (int v = 0; v < accountIds.length; v++) {
                accountIds[v] = "user" + v;
            }
        }

        long asOfMillis() {
            return timeMillis(edges.edgeCount() - 1);
        }
    }

    /** The edges loaded into an event table. */
    @State(Scope.Benchmark)
    public static class Events {
        EventTable table;
        long asOfMillis;

        @Setup(Level.Trial)
        public void setUp(Edges edges) {
            table = eventTable(edges);
            asOfMillis = edges.asOfMillis();
        }
    }

    static long timeMillis(int edge) {
        return START_MILLIS + edge * SPACING_MILLIS;
    }

    static EventTable eventTable(Edges e) {
        int[] sources = e.edges.sources();
        int[] targets = e.edges.targets();
        EventTableBuilder builder = new EventTableBuilder();
        for (int i = 0; i < sources.length; i++) {
            builder.accept(Interaction.of(NETWORK, InteractionKind.REPOST, e.accountIds[sources[i]],
                    e.accountIds[targets[i]], timeMillis(i)));
        }
        return builder.build();
    }

    static float[] scoreEventTable(EventTable table, long asOfMillis) {
        ScoringParameters p = ScoringParameters.defaults();
        InteractionGraph g = new InteractionGraphBuilder(table, asOfMillis, p.window(), p.halfLife(),
                p.kindWeights()).build();
        return InfluencePropagation.over(g, PerIterationBenchmark.DAMPING, PerIterationBenchmark.THREADS)
                .iterate(PerIterationBenchmark.ITERATIONS);
    }

    @Benchmark
    @Warmup(iterations = 1)
    @Measurement(iterations = 4)
    @Fork(value = 1, jvmArgsAppend = {"-Xms12g", "-Xmx12g", "-XX:+AlwaysPreTouch"})
    public Map<Integer, Double> jgraphtFromEdgeArrays(Edges e) {
        return JGraphTGraphs.pageRank(JGraphTGraphs.build(e.edges), PerIterationBenchmark.DAMPING,
                PerIterationBenchmark.ITERATIONS);
    }

    @Benchmark
    @Warmup(iterations = 5)
    @Measurement(iterations = 10)
    public float[] renownFromEdgeArrays(Edges e) {
        TransposedCsr g = TransposedCsr.of(e.edges);
        float[] weights = new float[g.edgeCount()];
        Arrays.fill(weights, 1f);
        return new InfluencePropagation(g.n(), g.offsets(), g.sources(), weights, PerIterationBenchmark.DAMPING,
                PerIterationBenchmark.THREADS).iterate(PerIterationBenchmark.ITERATIONS);
    }

    @Benchmark
    @Warmup(iterations = 2)
    @Measurement(iterations = 5)
    public float[] renownFromEventTable(Events events) {
        return scoreEventTable(events.table, events.asOfMillis);
    }

    @Benchmark
    @Warmup(iterations = 1)
    @Measurement(iterations = 3)
    public float[] renownFromInteractions(Edges e) {
        return scoreEventTable(eventTable(e), e.asOfMillis());
    }
}
