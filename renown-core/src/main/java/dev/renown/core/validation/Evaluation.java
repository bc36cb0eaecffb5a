package dev.renown.core.validation;

import dev.renown.core.event.EventTable;
import dev.renown.core.integrity.Defences;
import dev.renown.core.score.ScoreBoard;
import dev.renown.core.score.Scorer;
import dev.renown.core.score.ScoringParameters;
import dev.renown.core.score.SignalKind;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;

/**
 * Measures whether a score computed from the past predicts what happens next, against the
 * simple measures of {@link Baselines}.
 *
 * <ol>
 *   <li>The training table holds only interactions strictly before the split {@code T}
 *       ({@link EventTable#before(long)}); Renown scores it as of {@code T − 1 ms}. Nothing at or
 *       after {@code T} can reach the scorer, the baselines, or the population.</li>
 *   <li>The population is every account active in the training window (the scored accounts).</li>
 *   <li>The truth is measured over {@code [T, T + horizon)} ({@link GroundTruth}): distinct
 *       future engagers, and reshares received.</li>
 *   <li>Each ranking — Renown's score, each of its five signals alone, each baseline — is scored
 *       by Spearman's ρ, Kendall's τ-b, NDCG@10, NDCG@100 (gain {@code ln(1 + engagers)}) and
 *       precision@100 ({@link RankingMetrics}).</li>
 *   <li>Confidence intervals: {@code rounds} bootstrap resamples of the accounts (drawn with
 *       replacement, the same resample for every ranking), 2.5th and 97.5th percentiles — for
 *       each metric, and for the paired difference between Renown and each other ranking.</li>
 * </ol>
 */
public final class Evaluation {

    public static final int K_SMALL = 10;
    public static final int K_LARGE = 100;
    public static final int ROUNDS_DEFAULT = 200;
    public static final long SEED_DEFAULT = 20120704L;

    private final ScoringParameters parameters;
    private final int rounds;
    private final long seed;

    public Evaluation(ScoringParameters parameters, int rounds, long seed) {
        if (rounds < 0) {
            throw new IllegalArgumentException("bootstrap rounds must be >= 0: " + rounds);
        }
        this.parameters = parameters;
        this.rounds = rounds;
        this.seed = seed;
    }

    /** Evaluates with the parameters as given. */
    public EvaluationReport run(EventTable table, long splitMillis, Duration horizon) {
        return run(table, splitMillis, horizon, parameters, "given");
    }

    /**
     * Evaluates exactly what scoring does out of the box on the training data: the parameters
     * {@link Calibrator#calibrate calibrated} on the interactions before the split (a fit on their
     * own past, or the priors), then scored with. Only interactions before the split are read by
     * the calibration.
     */
    public EvaluationReport runCalibrated(EventTable table, long splitMillis, Duration horizon, IntConsumer progress) {
        Calibrator.Calibration c = Calibrator.calibrate(table.before(splitMillis), splitMillis - 1, parameters,
                progress);
        return run(table, splitMillis, horizon, c.parameters(), c.reason());
    }

    /**
     * Fits the signal weights on the training period first ({@link Fit}, {@code folds} rolling
     * folds ending at the split, each as long as the horizon but at most a {@code (folds + 1)}-th
     * of the training period), then evaluates with them. Only interactions before the split are
     * read by the fit.
     *
     * @return the report, and the fitted weights
     */
    public FittedReport fitAndRun(EventTable table, long splitMillis, Duration horizon, int folds, double step) {
        long first = Long.MAX_VALUE;
        for (int e = 0; e < table.size(); e++) {
            first = Math.min(first, table.timeMillis(e));
        }
        long span = Math.max(0, splitMillis - first);
        long inner = Math.min(horizon.toMillis(), span / (folds + 1));
        if (inner <= 0) {
            throw new IllegalArgumentException("no interactions before the split to fit on");
        }
        Fit.Result fit = new Fit(parameters, step).fit(table, splitMillis, Duration.ofMillis(inner), folds);
        ScoringParameters fitted = fit.parameters();
        return new FittedReport(run(table, splitMillis, horizon, fitted, "fitted on the training period: "
                + fit.folds().size() + " folds of " + Duration.ofMillis(inner)), fit);
    }

    /** An evaluation whose weights were fitted on its own training period. */
    public record FittedReport(EvaluationReport report, Fit.Result fit) {
    }

    private EvaluationReport run(EventTable table, long splitMillis, Duration horizon, ScoringParameters parameters,
                                 String chosen) {
        if (horizon.isNegative() || horizon.isZero()) {
            throw new IllegalArgumentException("horizon must be positive: " + horizon);
        }
        EventTable training = table.before(splitMillis);
        ScoreBoard board = new Scorer(parameters).score(training, splitMillis - 1);
        long end = splitMillis + horizon.toMillis();
        GroundTruth truth = GroundTruth.measure(table, board.graph(), splitMillis, end);
        long testInteractions = 0;
        for (int e = 0; e < table.size(); e++) {
            long t = table.timeMillis(e);
            if (t >= splitMillis && t < end && !table.isSelfInteraction(e)) {
                testInteractions++;
            }
        }

        List<Baselines.Ranker> rankers = new ArrayList<>();
        int n = board.size();
        double[] bits = new double[n];
        for (int v = 0; v < n; v++) {
            bits[v] = board.bits(v);
        }
        rankers.add(new Baselines.Ranker("renown", "Renown score", bits));
        if (parameters.defences().any()) {
            ScoreBoard open = new Scorer(parameters.withDefences(Defences.none())).score(training, splitMillis - 1);
            double[] openBits = new double[n];
            for (int v = 0; v < n; v++) {
                openBits[v] = open.bits(v);
            }
            rankers.add(new Baselines.Ranker("renown_defences_off", "Renown score with every defence off", openBits));
        }
        int variantsEnd = rankers.size();
        for (SignalKind kind : SignalKind.values()) {
            double[] values = new double[n];
            for (int v = 0; v < n; v++) {
                values[v] = board.value(kind, v);
            }
            rankers.add(new Baselines.Ranker(kind.wireName(), "Renown signal: " + kind.unit(), values));
        }
        int signalsEnd = rankers.size();
        rankers.addAll(Baselines.compute(training, board.graph(), parameters.threads()));

        RankingMetrics metrics = new RankingMetrics(truth.engagers());
        RankingMetrics resharesMetrics = new RankingMetrics(truth.reshares());
        List<RankingMetrics.Ranking> prepared = new ArrayList<>();
        for (Baselines.Ranker r : rankers) {
            prepared.add(metrics.prepare(r.values()));
        }
        int k = rankers.size();
        RankingMetrics.Scores[] point = new RankingMetrics.Scores[k];
        RankingMetrics.Sample all = metrics.sample(null, K_SMALL, K_LARGE);
        RankingMetrics.Sample allReshares = resharesMetrics.sample(null, K_SMALL, K_LARGE);
        RankingMetrics.Scores[] reshares = new RankingMetrics.Scores[k];
        for (int r = 0; r < k; r++) {
            point[r] = metrics.evaluate(prepared.get(r), all);
            reshares[r] = resharesMetrics.evaluate(resharesMetrics.prepare(rankers.get(r).values()), allReshares);
        }

        // Bootstrap: [round][ranker] metrics, the same resample for every ranker.
        double[][][] boot = new double[rounds][k][];
        SplittableRandom root = new SplittableRandom(seed);
        long[] seeds = new long[rounds];
        for (int b = 0; b < rounds; b++) {
            seeds[b] = root.nextLong();
        }
        IntStream.range(0, rounds).parallel().forEach(b -> {
            SplittableRandom random = new SplittableRandom(seeds[b]);
            int[] weights = new int[n];
            for (int i = 0; i < n; i++) {
                weights[random.nextInt(n)]++;
            }
            RankingMetrics.Sample sample = metrics.sample(weights, K_SMALL, K_LARGE);
            for (int r = 0; r < k; r++) {
                boot[b][r] = asArray(metrics.evaluate(prepared.get(r), sample));
            }
        });

        List<EvaluationReport.RankerResult> results = new ArrayList<>();
        for (int r = 0; r < k; r++) {
            String kind = r == 0 ? "renown" : r < variantsEnd ? "variant" : r < signalsEnd ? "signal" : "baseline";
            double[][] values = new double[5][rounds];
            double[][] deltas = new double[5][rounds];
            for (int b = 0; b < rounds; b++) {
                for (int m = 0; m < 5; m++) {
                    values[m][b] = boot[b][r][m];
                    deltas[m][b] = boot[b][0][m] - boot[b][r][m];
                }
            }
            results.add(new EvaluationReport.RankerResult(rankers.get(r).name(), kind, rankers.get(r).description(),
                    point[r], percentiles(values, 0.025), percentiles(values, 0.975), percentiles(deltas, 0.025),
                    percentiles(deltas, 0.975), reshares[r]));
        }
        return new EvaluationReport(splitMillis, horizon, n, truth.engagedAccounts(),
                board.graph().interactionCount(), testInteractions, rounds, parameters, chosen, results);
    }

    private static double[] asArray(RankingMetrics.Scores s) {
        return new double[] {s.spearman(), s.kendall(), s.ndcgK1(), s.ndcgK2(), s.precision()};
    }

    /** The {@code q}-quantile of each metric's bootstrap values (NaN without rounds). */
    private static RankingMetrics.Scores percentiles(double[][] values, double q) {
        double[] result = new double[5];
        for (int m = 0; m < 5; m++) {
            double[] sorted = Arrays.stream(values[m]).filter(x -> !Double.isNaN(x)).sorted().toArray();
            if (sorted.length == 0) {
                result[m] = Double.NaN;
                continue;
            }
            double position = q * (sorted.length - 1);
            int lo = (int) Math.floor(position);
            int hi = Math.min(sorted.length - 1, lo + 1);
            result[m] = sorted[lo] + (position - lo) * (sorted[hi] - sorted[lo]);
        }
        return new RankingMetrics.Scores(result[0], result[1], result[2], result[3], result[4]);
    }
}
