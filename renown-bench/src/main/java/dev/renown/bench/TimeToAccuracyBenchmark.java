package dev.renown.bench;

import dev.renown.core.graph.InfluencePropagation;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/**
 * Time to a stated accuracy on the 10M-edge R-MAT graph (every weight 1), in milliseconds: what
 * a propagation delivers, not what one iteration costs.
 *
 * <p>The accuracy is {@code accuracy}, a bound on the relative error of <em>every</em> node's
 * value against the exact fixed point of the same problem. With unit weights Renown's standing
 * {@code x = 1 + d·Pᵀx}, normalised, is textbook PageRank with dangling mass spread evenly, so all
 * solvers below solve one problem, and relative errors compare directly:
 * <ul>
 *   <li>{@code renown}, {@code renownOneThread}: {@link InfluencePropagation#run} with the
 *       accuracy as its tolerance, stopping by its own rule (largest residual at most the
 *       tolerance), which guarantees the accuracy; on both cores, and on one;</li>
 *   <li>{@code plainTextbook}: {@link PlainPageRank} spreading dangling mass, one thread, run for
 *       exactly as many iterations as it needs — found in the setup against a reference solved
 *       to 10⁻¹⁰, so the plain loop gets an oracle's stopping rule and pays no check at all;</li>
 *   <li>{@code plainDropping}: the same loop dropping dangling mass (its fixed point is
 *       {@code (1 − d)/n · x}), iterated the same way: the convergence Renown had before.</li>
 * </ul>
 * The setup prints the iteration counts and checks that every solver meets the accuracy.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 3, jvmArgsAppend = {"-Xms4g", "-Xmx4g", "-XX:+AlwaysPreTouch"})
@State(Scope.Benchmark)
public class TimeToAccuracyBenchmark {

    /** Enough for any solver here at any accuracy measured. */
    private static final int MAX_ITERATIONS = 1000;
    /** The reference: solved until every standing is within this relative error. */
    private static final double REFERENCE_TOLERANCE = 1e-10;

    /** The bound on every node's relative error: 10⁻⁵ is Renown's default tolerance. */
    @Param({"1e-5"})
    public double accuracy;

    private InfluencePropagation renown;
    private InfluencePropagation renownOneThread;
    private PlainPageRank textbook;
    private PlainPageRank dropping;
    private int textbookIterations;
    private int droppingIterations;

    @Setup(Level.Trial)
    public void setUp() {
        TransposedCsr g = TransposedCsr.of(RMat.benchmarkGraph());
        float[] weights = new float[g.edgeCount()];
        Arrays.fill(weights, 1f);
        double d = PerIterationBenchmark.DAMPING;
        renown = new InfluencePropagation(g.n(), g.offsets(), g.sources(), weights, d,
                PerIterationBenchmark.THREADS);
        renownOneThread = new InfluencePropagation(g.n(), g.offsets(), g.sources(), weights, d, 1);
        textbook = new PlainPageRank(g, d, true);
        dropping = new PlainPageRank(g, d, false);

        InfluencePropagation.Result reference = renown.run(MAX_ITERATIONS, REFERENCE_TOLERANCE);
        float[] x = reference.standing();
        double sum = 0;
        for (float v : x) {
            sum += v;
        }
        InfluencePropagation.Result result = renown.run(MAX_ITERATIONS, accuracy);
        double renownError = maxRelativeError(result.standing(), x, 1);
        textbookIterations = iterationsTo(textbook, x, 1 / sum);
        droppingIterations = iterationsTo(dropping, x, (1 - d) / g.n());
        System.out.printf("%n%,d nodes, %,d edges; reference after %d iterations (residual %.1e)%n"
                        + "to a relative error of %.0e at every node: Renown %d iterations (residual %.1e, "
                        + "error %.1e), plain textbook %d, plain dropping dangling mass %d%n",
                g.n(), g.edgeCount(), reference.iterations(), reference.residual(), accuracy, result.iterations(),
                result.residual(), renownError, textbookIterations, droppingIterations);
        if (!(renownError <= accuracy + 1e-7)) {
            throw new IllegalStateException("Renown missed the accuracy: " + renownError);
        }
    }

    /** The fewest iterations after which {@code loop}'s ranks are within the accuracy of {@code scale·x}. */
    private int iterationsTo(PlainPageRank loop, float[] x, double scale) {
        int k = loop.iterationsUntil(MAX_ITERATIONS, rank -> maxRelativeError(rank, x, scale) <= accuracy);
        if (k < 0) {
            throw new IllegalStateException("no convergence in " + MAX_ITERATIONS + " iterations");
        }
        return k;
    }

    private static double maxRelativeError(double[] estimate, float[] x, double scale) {
        double worst = 0;
        for (int v = 0; v < x.length; v++) {
            worst = Math.max(worst, Math.abs(estimate[v] - scale * x[v]) / (scale * x[v]));
        }
        return worst;
    }

    private static double maxRelativeError(float[] estimate, float[] x, double scale) {
        double worst = 0;
        for (int v = 0; v < x.length; v++) {
            worst = Math.max(worst, Math.abs(estimate[v] - scale * x[v]) / (scale * x[v]));
        }
        return worst;
    }

    /** Renown's propagation on both cores, stopping by its own rule. */
    @Benchmark
    public float[] renown() {
        return renown.run(MAX_ITERATIONS, accuracy).standing();
    }

    /** The same on one thread. */
    @Benchmark
    public float[] renownOneThread() {
        return renownOneThread.run(MAX_ITERATIONS, accuracy).standing();
    }

    /** The textbook loop, one thread, for exactly the iterations it needs. */
    @Benchmark
    public double[] plainTextbook() {
        return textbook.iterate(textbookIterations);
    }

    /** The loop that drops dangling mass, one thread, for exactly the iterations it needs. */
    @Benchmark
    public double[] plainDropping() {
        return dropping.iterate(droppingIterations);
    }
}
