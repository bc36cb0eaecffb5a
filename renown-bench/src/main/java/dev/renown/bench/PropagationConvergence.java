package dev.renown.bench;

import dev.renown.core.event.EventTableBuilder;
import dev.renown.core.graph.InfluencePropagation;
import dev.renown.core.graph.InteractionGraph;
import dev.renown.core.score.NetworkImpact;
import dev.renown.core.score.ScoreBoard;
import dev.renown.core.score.Scorer;
import dev.renown.core.score.ScoringParameters;
import dev.renown.core.score.SignalKind;
import dev.renown.sources.Input;
import dev.renown.sources.Rejects;
import dev.renown.sources.SnapActivityReader;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Iterations to tolerance, on the Higgs demo graph exactly as {@code renown score} propagates it
 * (default parameters, every defence on: influence weights and voices) or on the 10M-edge R-MAT
 * graph (unit weights). For each tolerance: the iterations Renown's propagation runs under its
 * stopping rule, the bound it stops at, the largest relative error it actually has against a
 * reference solved to 10⁻¹¹, and the iterations plain Jacobi ({@code x^{k+1} = 1 + d·Pᵀx^k} in
 * doubles, as the propagation ran before) needs for the same actual error, counted by an oracle.
 * <pre>
 *   java -cp renown-bench/target/benchmarks.jar dev.renown.bench.PropagationConvergence higgs [FILE]
 *   java -cp renown-bench/target/benchmarks.jar dev.renown.bench.PropagationConvergence rmat
 * </pre>
 * On R-MAT it then times, alternately and {@value #PAIRS} times each, Renown's propagation to
 * the default tolerance and the plain textbook loop ({@link PlainPageRank}, dangling mass spread,
 * one thread) for the iterations it needs to the same accuracy, and prints the median ratio: on a
 * shared machine, paired runs see the same load, where JMH's benchmarks run one after another.
 */
public final class PropagationConvergence {

    private static final Path HIGGS = Path.of("data/demo/higgs-activity_time.txt.gz");
    private static final double[] TOLERANCES = {1e-3, 1e-4, 1e-5, 1e-6, 1e-7};
    private static final int MAX_ITERATIONS = 5_000;
    private static final int PAIRS = 15;

    private PropagationConvergence() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 1 || !(args[0].equals("higgs") || args[0].equals("rmat"))) {
            System.err.println("usage: PropagationConvergence higgs [FILE] | rmat");
            System.exit(2);
        }
        int threads = Runtime.getRuntime().availableProcessors();
        double d = ScoringParameters.DAMPING_DEFAULT;
        InfluencePropagation p;
        TransposedCsr rmat = null;
        int n;
        int[] offsets;
        int[] sources;
        if (args[0].equals("higgs")) {
            EventTableBuilder builder = new EventTableBuilder();
            new SnapActivityReader().read(new Input(args.length > 1 ? Path.of(args[1]) : HIGGS), builder, new Rejects());
            ScoreBoard board = new Scorer(ScoringParameters.defaults()).score(builder.build());
            InteractionGraph g = board.graph();
            p = InfluencePropagation.over(g, board.voices().defences().any() ? board.voices().voiceArray() : null, d,
                    threads);
            n = g.nodeCount();
            offsets = g.inOffsetsArray();
            sources = g.sourcesArray();
            System.out.printf("Higgs: %,d accounts, %,d edges; renown score ran %d iterations (tolerance %.0e)%n", n,
                    g.edgeCount(), ((NetworkImpact) board.signal(SignalKind.NETWORK_IMPACT)).iterations(),
                    ScoringParameters.TOLERANCE_DEFAULT);
        } else {
            TransposedCsr g = TransposedCsr.of(RMat.benchmarkGraph());
            rmat = g;
            float[] weights = new float[g.edgeCount()];
            Arrays.fill(weights, 1f);
            p = new InfluencePropagation(g.n(), g.offsets(), g.sources(), weights, d, threads);
            n = g.n();
            offsets = g.offsets();
            sources = g.sources();
            System.out.printf("R-MAT: %,d nodes, %,d edges%n", n, g.edgeCount());
        }
        InfluencePropagation.Result reference = p.run(MAX_ITERATIONS, 1e-11);
        float[] x = reference.standing();
        System.out.printf("reference: %d iterations, residual %.1e%n", reference.iterations(), reference.residual());
        double[] jacobi = jacobiErrors(p, n, offsets, sources, x, d);
        System.out.println("tolerance  iterations  bound    actual error  plain Jacobi to that error");
        for (int t = 0; t < TOLERANCES.length; t++) {
            InfluencePropagation.Result r = p.run(MAX_ITERATIONS, TOLERANCES[t]);
            double worst = 0;
            for (int v = 0; v < n; v++) {
                worst = Math.max(worst, Math.abs(r.standing()[v] - x[v]) / x[v]);
            }
            int plain = jacobiTo(jacobi, worst);
            System.out.printf("%8.0e  %10d  %7.1e  %12.1e  %d%n", TOLERANCES[t], r.iterations(), r.residual(), worst,
                    plain);
        }
        System.out.printf("plain Jacobi to a largest relative error of 1e-5: %d iterations, 1e-6: %d%n",
                jacobiTo(jacobi, 1e-5), jacobiTo(jacobi, 1e-6));
        if (rmat != null) {
            paired(p, new PlainPageRank(rmat, d, true), x, ScoringParameters.TOLERANCE_DEFAULT);
        }
    }

    /** Alternate runs of Renown to {@code tolerance} and of the textbook loop to the same accuracy. */
    private static void paired(InfluencePropagation p, PlainPageRank textbook, float[] x, double tolerance) {
        double sum = 0;
        for (float v : x) {
            sum += v;
        }
        double scale = 1 / sum;
        int k = textbook.iterationsUntil(MAX_ITERATIONS, rank -> {
            double worst = 0;
            for (int v = 0; v < x.length; v++) {
                worst = Math.max(worst, Math.abs(rank[v] - scale * x[v]) / (scale * x[v]));
            }
            return worst <= tolerance;
        });
        InfluencePropagation.Result r = p.run(MAX_ITERATIONS, tolerance);
        System.out.printf("to %.0e at every node: Renown %d iterations, plain textbook loop %d%n", tolerance,
                r.iterations(), k);
        double[] renown = new double[PAIRS];
        double[] plain = new double[PAIRS];
        double[] ratio = new double[PAIRS];
        for (int i = -2; i < PAIRS; i++) {
            long t0 = System.nanoTime();
            p.run(MAX_ITERATIONS, tolerance);
            long t1 = System.nanoTime();
            textbook.iterate(k);
            long t2 = System.nanoTime();
            if (i >= 0) {
                renown[i] = (t1 - t0) / 1e6;
                plain[i] = (t2 - t1) / 1e6;
                ratio[i] = renown[i] / plain[i];
            }
        }
        Arrays.sort(renown);
        Arrays.sort(plain);
        Arrays.sort(ratio);
        System.out.printf("paired, %d pairs after 2 warm-up pairs: Renown median %.0f ms (%.0f–%.0f), plain %.0f ms "
                        + "(%.0f–%.0f); Renown / plain median %.2f (quartiles %.2f–%.2f)%n", PAIRS, renown[PAIRS / 2],
                renown[0], renown[PAIRS - 1], plain[PAIRS / 2], plain[0], plain[PAIRS - 1], ratio[PAIRS / 2],
                ratio[PAIRS / 4], ratio[3 * PAIRS / 4]);
    }

    /** {@code errors[k]}: the largest relative error after {@code k} plain Jacobi iterations, until below 1e-8. */
    private static double[] jacobiErrors(InfluencePropagation p, int n, int[] offsets, int[] sources, float[] x,
                                          double damping) {
        double d = (float) damping;
        double[] y = new double[n];
        double[] next = new double[n];
        Arrays.fill(y, 1);
        double[] errors = new double[1_001];
        for (int k = 1; k < errors.length; k++) {
            double worst = 0;
            for (int v = 0; v < n; v++) {
                double sum = 0;
                for (int e = offsets[v]; e < offsets[v + 1]; e++) {
                    sum += p.share(e) * y[sources[e]];
                }
                next[v] = 1 + d * sum;
                worst = Math.max(worst, Math.abs(next[v] - x[v]) / x[v]);
            }
            double[] swap = y;
            y = next;
            next = swap;
            errors[k] = worst;
            if (worst < 1e-8) {
                return Arrays.copyOf(errors, k + 1);
            }
        }
        return errors;
    }

    /** The fewest Jacobi iterations whose largest relative error is at most {@code error}. */
    private static int jacobiTo(double[] errors, double error) {
        for (int k = 1; k < errors.length; k++) {
            if (errors[k] <= error) {
                return k;
            }
        }
        return -1;
    }
}
