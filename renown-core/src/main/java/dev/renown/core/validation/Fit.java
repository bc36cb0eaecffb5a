package dev.renown.core.validation;

import dev.renown.core.event.EventTable;
import dev.renown.core.graph.InfluencePropagation;
import dev.renown.core.score.ScoreBoard;
import dev.renown.core.score.Scorer;
import dev.renown.core.score.ScoringParameters;
import dev.renown.core.score.SignalKind;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Fits the signal weights on the past only, by rolling-origin validation inside a training
 * period that ends at {@code end}.
 *
 * <p>Fold {@code j = 1..folds} trains on interactions before {@code T_j = end − j·h} and is judged
 * on what happened in {@code [T_j, T_j + h)}, so every fold ends at or before {@code end}: data at
 * or after {@code end} is never read. Each fold's five signals and {@link Baselines} are computed
 * once with the base parameters. A weight vector {@code w} ranks accounts by
 * {@code Σ_s w_s·log₂(1 + signal_s)} — the quantity the score is a monotone function of — and is
 * judged by its <em>margin</em>: the smaller, over the two criteria Spearman ρ and NDCG@100, of its
 * lead over the best baseline (its metric minus the best baseline's) averaged over the folds,
 * each fold weighted by the accounts it ranks — the usual cross-validation estimate, pooling the
 * folds' evidence so that a small fold counts for what it holds. The fit maximises the margin,
 * ties broken by the same weighted mean of Spearman ρ + NDCG@100: it looks for weights that beat
 * every simple measure on both criteria, rather than excel at one. (An earlier version took the
 * smallest lead over the folds; with folds of very different sizes that lets the smallest,
 * noisiest fold choose the weights alone.) The search covers the simplex of weights on a
 * grid of step {@code step}, then again at a quarter of the step around the best point. Kind
 * weights, half-life, damping and the calibration keep their documented values.
 */
public final class Fit {

    private final ScoringParameters base;
    private final double step;

    public Fit(ScoringParameters base, double step) {
        if (!(step > 0 && step <= 0.5)) {
            throw new IllegalArgumentException("grid step must be in (0, 0.5]: " + step);
        }
        this.base = base;
        this.step = step;
    }

    /**
     * @param weights   the fitted signal weights, summing to one, in {@link SignalKind} order
     * @param margin    the smaller of the two leads over the best baseline (Spearman ρ, NDCG@100),
     *                  each averaged over the folds weighted by accounts
     * @param objective the same weighted mean over folds of Spearman ρ + NDCG@100 with those weights
     * @param baseline  the same mean with the base parameters' weights
     * @param folds     each fold's split, population and metrics with the fitted weights
     * @param evaluated weight vectors tried
     */
    public record Result(double[] weights, double margin, double objective, double baseline,
                         List<FoldResult> folds, int evaluated) {
    }

    /**
     * @param splitMillis the fold's split
     * @param accounts    accounts ranked
     * @param scores      metrics of the fitted weights on this fold
     * @param bestBaselineSpearman the best baseline's Spearman ρ on this fold
     * @param bestBaselineNdcg     the best baseline's NDCG@100 on this fold
     */
    public record FoldResult(long splitMillis, int accounts, RankingMetrics.Scores scores,
                             double bestBaselineSpearman, double bestBaselineNdcg) {
    }

    private record Fold(long split, RankingMetrics metrics, double[][] bits, double bestSpearman, double bestNdcg) {
    }

    public Result fit(EventTable table, long end, Duration horizon, int folds) {
        if (folds < 1) {
            throw new IllegalArgumentException("need at least one fold");
        }
        List<Fold> prepared = new ArrayList<>();
        for (int j = 1; j <= folds; j++) {
            long split = end - j * horizon.toMillis();
            EventTable training = table.before(split);
            ScoreBoard board = new Scorer(base).score(training, split - 1);
            if (board.size() == 0) {
                continue;
            }
            GroundTruth truth = GroundTruth.measure(table.before(end), board.graph(), split,
                    split + horizon.toMillis());
            double[][] bits = new double[SignalKind.count()][board.size()];
            for (SignalKind kind : SignalKind.values()) {
                for (int v = 0; v < board.size(); v++) {
                    bits[kind.ordinal()][v] = InfluencePropagation.log2p1(board.value(kind, v));
                }
            }
            RankingMetrics metrics = new RankingMetrics(truth.engagers());
            double bestSpearman = Double.NEGATIVE_INFINITY;
            double bestNdcg = Double.NEGATIVE_INFINITY;
            for (Baselines.Ranker r : Baselines.compute(training, board.graph(), base.threads())) {
                RankingMetrics.Scores s = metrics.evaluate(metrics.prepare(r.values()), Evaluation.K_SMALL,
                        Evaluation.K_LARGE);
                bestSpearman = Math.max(bestSpearman, nanToZero(s.spearman()));
                bestNdcg = Math.max(bestNdcg, nanToZero(s.ndcgK2()));
            }
            prepared.add(new Fold(split, metrics, bits, bestSpearman, bestNdcg));
        }
        if (prepared.isEmpty()) {
            throw new IllegalArgumentException("no fold has any account: the data before the split is too short "
                    + "for " + folds + " folds of " + horizon);
        }
        List<double[]> grid = simplex(step, null, 1.0);
        double[] best = bestOf(grid, prepared);
        List<double[]> fine = simplex(step / 4, best, step);
        double[] refined = bestOf(fine, prepared);
        if (better(judge(refined, prepared), judge(best, prepared))) {
            best = refined;
        }
        List<FoldResult> results = new ArrayList<>();
        for (Fold f : prepared) {
            results.add(new FoldResult(f.split, f.bits[0].length, f.metrics.evaluate(
                    f.metrics.prepare(combine(best, f.bits)), Evaluation.K_SMALL, Evaluation.K_LARGE),
                    f.bestSpearman, f.bestNdcg));
        }
        double[] judged = judge(best, prepared);
        return new Result(best, judged[0], judged[1], judge(base.signalWeights(), prepared)[1], results,
                grid.size() + fine.size());
    }

    private static double[] bestOf(List<double[]> candidates, List<Fold> folds) {
        double[][] judged = new double[candidates.size()][];
        IntStream.range(0, candidates.size()).parallel().forEach(i -> judged[i] = judge(candidates.get(i), folds));
        int best = 0;
        for (int i = 1; i < judged.length; i++) {
            if (better(judged[i], judged[best])) {
                best = i;
            }
        }
        return candidates.get(best);
    }

    private static boolean better(double[] a, double[] b) {
        return a[0] > b[0] || (a[0] == b[0] && a[1] > b[1]);
    }

    /**
     * {margin, mean of Spearman + NDCG@100} of a weight vector over the folds, both means weighted
     * by the accounts each fold ranks.
     */
    static double[] judge(double[] weights, List<Fold> folds) {
        int k = folds.size();
        double[] spearman = new double[k];
        double[] ndcg = new double[k];
        double[] bestSpearman = new double[k];
        double[] bestNdcg = new double[k];
        int[] accounts = new int[k];
        for (int i = 0; i < k; i++) {
            Fold f = folds.get(i);
            RankingMetrics.Scores s = f.metrics.evaluate(f.metrics.prepare(combine(weights, f.bits)),
                    Evaluation.K_SMALL, Evaluation.K_LARGE);
            spearman[i] = nanToZero(s.spearman());
            ndcg[i] = nanToZero(s.ndcgK2());
            bestSpearman[i] = f.bestSpearman;
            bestNdcg[i] = f.bestNdcg;
            accounts[i] = f.bits[0].length;
        }
        return judge(spearman, ndcg, bestSpearman, bestNdcg, accounts);
    }

    /**
     * {margin, objective} from each fold's metrics: with {@code n_f} the accounts of fold
     * {@code f}, {@code margin = min(Σ n_f (ρ_f − ρ*_f), Σ n_f (N_f − N*_f)) / Σ n_f} and
     * {@code objective = Σ n_f (ρ_f + N_f) / Σ n_f}, where {@code ρ} is Spearman's ρ, {@code N}
     * NDCG@100 and a star the best baseline's.
     */
    static double[] judge(double[] spearman, double[] ndcg, double[] bestSpearman, double[] bestNdcg, int[] accounts) {
        double spearmanLead = 0;
        double ndcgLead = 0;
        double sum = 0;
        double n = 0;
        for (int f = 0; f < accounts.length; f++) {
            spearmanLead += accounts[f] * (spearman[f] - bestSpearman[f]);
            ndcgLead += accounts[f] * (ndcg[f] - bestNdcg[f]);
            sum += accounts[f] * (spearman[f] + ndcg[f]);
            n += accounts[f];
        }
        return new double[] {Math.min(spearmanLead, ndcgLead) / n, sum / n};
    }

    private static double nanToZero(double x) {
        return Double.isNaN(x) ? 0 : x;
    }

    private static double[] combine(double[] weights, double[][] bits) {
        double[] c = new double[bits[0].length];
        for (int s = 0; s < bits.length; s++) {
            if (weights[s] == 0) {
                continue;
            }
            for (int v = 0; v < c.length; v++) {
                c[v] += weights[s] * bits[s][v];
            }
        }
        return c;
    }

    /**
     * Points of the probability simplex in five dimensions on a grid of the given step; with a
     * centre, only those within {@code radius} of it in every coordinate.
     */
    static List<double[]> simplex(double step, double[] centre, double radius) {
        int units = (int) Math.round(1 / step);
        List<double[]> points = new ArrayList<>();
        int[] a = new int[5];
        for (a[0] = 0; a[0] <= units; a[0]++) {
            for (a[1] = 0; a[0] + a[1] <= units; a[1]++) {
                for (a[2] = 0; a[0] + a[1] + a[2] <= units; a[2]++) {
                    for (a[3] = 0; a[0] + a[1] + a[2] + a[3] <= units; a[3]++) {
                        a[4] = units - a[0] - a[1] - a[2] - a[3];
                        double[] w = new double[5];
                        boolean near = true;
                        for (int s = 0; s < 5; s++) {
                            w[s] = (double) a[s] / units;
                            near &= centre == null || Math.abs(w[s] - centre[s]) <= radius + 1e-12;
                        }
                        if (near) {
                            points.add(w);
                        }
                    }
                }
            }
        }
        return points;
    }

    @Override
    public String toString() {
        return "Fit[step=" + step + ", base=" + Arrays.toString(base.signalWeights()) + "]";
    }
}
