package dev.renown.core.validation;

import dev.renown.core.event.EventTable;
import dev.renown.core.graph.InfluencePropagation;
import dev.renown.core.score.Outreach;
import dev.renown.core.score.Reach;
import dev.renown.core.score.ScoreBoard;
import dev.renown.core.score.Scorer;
import dev.renown.core.score.ScoringParameters;
import dev.renown.core.score.SignalKind;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;

/**
 * Fits the signal weights and timescales on the past only, by rolling-origin validation inside a
 * training period that ends at {@code end}.
 *
 * <p><b>Folds.</b> Fold {@code j = 1..folds} trains on interactions before {@code T_j = end − j·H}
 * and is judged on what happened in {@code [T_j, T_j + H)}, so every fold ends at or before
 * {@code end}: data at or after {@code end} is never read. Each fold is scored once per timescale
 * option below, with the base parameters otherwise (defences included), and its
 * {@link Baselines} once.
 *
 * <p><b>What is fitted.</b> A candidate is a weight vector {@code w} on the simplex and one
 * timescale option per signal; it ranks accounts by {@code Σ_s w_s·log₂(1 + signal_s)} — the
 * quantity the score is a monotone function of. The options, relative to the fold horizon
 * {@code H} so that the same rule fits a week of tweets and years of questions and answers:
 * reach's recent share {@code μ ∈ {0, ¼, ½, ¾}} at a short half-life {@code h_s ∈ {H/4, H/2, H, 2H}}
 * (its long half-life stays the base one); for amplification, network impact and conversation a
 * half-life in {@code {H, 4H}} or the base one; for outreach the same three.
 *
 * <p><b>Judged by the lead over the counts.</b> For each of the two criteria, Spearman ρ and
 * NDCG@100, a candidate's lead is its metric minus the best baseline's, averaged over the folds,
 * each fold weighted by the accounts {@code n_f} it ranks — the usual cross-validation estimate,
 * pooling the folds' evidence so that a small fold counts for what it holds. Each lead is then
 * expressed in units of its own sampling error, {@code z = lead / σ}, with
 * {@code σ = √(Σ_f (n_f σ_f)²) / Σ_f n_f} and {@code σ_f} the standard deviation, over
 * {@value #BOOTSTRAP} bootstrap resamples of the fold's accounts, of the difference between the base
 * parameters' ranking and the best baseline — NDCG@100 is decided by a hundred accounts and is some
 * thirty times noisier than Spearman's ρ over all of them, so raw leads are not comparable.
 * Candidates whose Spearman lead is at least {@value #SPEARMAN_Z} standard errors — that keep up with
 * the counts on the whole ranking, with confidence — are compared by their NDCG@100 {@code z}: among
 * them, the one that leads most at the top wins. They all beat every candidate that does not; among
 * those, the larger of the smaller {@code z} (the <em>margin</em>) wins. Ties are broken by the pooled
 * mean of Spearman ρ + NDCG@100.
 *
 * <p><b>Search.</b> Coordinate ascent: the weights for the current timescales (a grid of step
 * {@code step} over the simplex, then a pattern search that moves weight between two signals by
 * {@code step/2}, {@code step/4}, … down to 0.0125 while that helps), then each signal's best option
 * for those weights, and again, until nothing changes (at most {@value #ROUNDS} rounds). Kind
 * weights, damping, the window, the defences and the calibration keep their values.
 */
public final class Fit {

    /** Rounds of the coordinate ascent. */
    static final int ROUNDS = 3;
    /** Bootstrap resamples behind each fold's standard errors. */
    static final int BOOTSTRAP = 100;
    /** Standard errors by which a candidate's Spearman lead must clear zero to be judged by its NDCG lead. */
    static final double SPEARMAN_Z = 2.0;
    /** Puts every candidate that clears {@link #SPEARMAN_Z} above every one that does not. */
    private static final double FEASIBLE = 1_000;
    /** Accounts above which the search compares candidates on a weighted sample of a fold. */
    static final int SEARCH_ACCOUNTS = 40_000;
    private static final double[] RECENT_SHARES = {0.25, 0.5, 0.75};
    private static final double[] RECENT_HALF_LIVES = {0.25, 0.5, 1, 2};
    private static final double[] CREDIT_HALF_LIVES = {1, 4};

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
     * One signal's timescale: a half-life and, for reach, the recent share at a short half-life.
     *
     * @param halfLife       the signal's half-life
     * @param recentShare    reach's {@code μ}, 0 for the other signals
     * @param recentHalfLife reach's {@code h_s}, or null when {@code μ = 0}
     */
    public record Timescale(Duration halfLife, double recentShare, Duration recentHalfLife) {
    }

    /**
     * @param weights    the fitted signal weights, summing to one, in {@link SignalKind} order
     * @param timescales the fitted timescale of each signal, in {@link SignalKind} order
     * @param parameters the base parameters with those weights and timescales
     * @param margin     the criterion: {@code 1000 + z_N} when {@code z_ρ ≥ 2}, else {@code min(z_ρ, z_N)},
     *                   with {@code z} each lead over the best baseline averaged over the folds weighted by
     *                   accounts and divided by its standard error
     * @param spearmanLead the pooled Spearman lead over the best baseline
     * @param ndcgLead     the pooled NDCG@100 lead over the best baseline
     * @param objective  the same weighted mean over folds of Spearman ρ + NDCG@100 with those weights
     * @param baseline   the same mean with the base parameters' weights and timescales
     * @param folds      each fold's split, population and metrics with the fitted parameters
     * @param evaluated  candidates judged
     */
    public record Result(double[] weights, List<Timescale> timescales, ScoringParameters parameters, double margin,
                         double spearmanLead, double ndcgLead, double objective, double baseline,
                         List<FoldResult> folds, int evaluated) {
    }

    /**
     * @param splitMillis the fold's split
     * @param accounts    accounts ranked
     * @param engaged     of those, accounts engaged in the fold's test period
     * @param scores      metrics of the fitted parameters on this fold
     * @param bestBaselineSpearman the best baseline's Spearman ρ on this fold
     * @param bestBaselineNdcg     the best baseline's NDCG@100 on this fold
     */
    public record FoldResult(long splitMillis, int accounts, int engaged, RankingMetrics.Scores scores,
                             double bestBaselineSpearman, double bestBaselineNdcg) {
    }

    /** A fold: its metrics, and {@code bits[signal][option][account]} for every timescale option. */
    record Fold(long split, int engaged, RankingMetrics metrics, double[][][] bits, Search search,
                double bestSpearman, double bestNdcg, double sigmaSpearman, double sigmaNdcg) {
        int accounts() {
            return bits[0][0].length;
        }
    }

    /**
     * What the search compares candidates on: every engaged account of the fold and a one-in-{@code k}
     * sample of the others, each sampled one weighing {@code k}, so that the metrics estimate the
     * full fold's at a fraction of the cost (Horvitz–Thompson weighting); {@code k = 1} below
     * {@value #SEARCH_ACCOUNTS} accounts.
     */
    record Search(RankingMetrics metrics, double[][][] bits, ThreadLocal<RankingMetrics.Sample> sample) {
    }

    public Result fit(EventTable table, long end, Duration horizon, int folds) {
        return fit(table, end, horizon, folds, i -> { });
    }

    /**
     * @param progress told the index of each fold as its preparation starts, then {@code folds}
     *                 when the search starts
     */
    public Result fit(EventTable table, long end, Duration horizon, int folds, IntConsumer progress) {
        if (folds < 1) {
            throw new IllegalArgumentException("need at least one fold");
        }
        List<Timescale[]> options = options(horizon);
        List<Fold> prepared = new ArrayList<>();
        for (int j = 1; j <= folds; j++) {
            progress.accept(j - 1);
            Fold f = prepare(table, end - j * horizon.toMillis(), end, horizon, options);
            if (f != null) {
                prepared.add(f);
            }
        }
        progress.accept(folds);
        if (prepared.isEmpty()) {
            throw new IllegalArgumentException("no fold has any account: the data before the split is too short "
                    + "for " + folds + " folds of " + horizon);
        }
        int[] choice = new int[SignalKind.count()]; // option 0 of each signal: the base timescale
        int[] evaluated = new int[1];
        double[] weights = searchWeights(prepared, choice, evaluated);
        for (int round = 0; round < ROUNDS; round++) {
            boolean changed = false;
            for (int s = 0; s < choice.length; s++) {
                if (weights[s] == 0) {
                    continue;
                }
                int best = choice[s];
                double[] bestJudged = judge(weights, choice, prepared);
                for (int o = 0; o < options.get(s).length; o++) {
                    int[] trial = choice.clone();
                    trial[s] = o;
                    double[] judged = judge(weights, trial, prepared);
                    evaluated[0]++;
                    if (better(judged, bestJudged)) {
                        best = o;
                        bestJudged = judged;
                    }
                }
                changed |= best != choice[s];
                choice[s] = best;
            }
            if (!changed) {
                break;
            }
            weights = searchWeights(prepared, choice, evaluated);
        }
        List<Timescale> timescales = new ArrayList<>();
        for (int s = 0; s < choice.length; s++) {
            timescales.add(options.get(s)[choice[s]]);
        }
        ScoringParameters fitted = apply(base, weights, timescales);
        List<FoldResult> results = new ArrayList<>();
        for (Fold f : prepared) {
            results.add(new FoldResult(f.split, f.accounts(), f.engaged, f.metrics.evaluate(
                    f.metrics.prepare(combine(weights, choice, f.bits)), Evaluation.K_SMALL, Evaluation.K_LARGE),
                    f.bestSpearman, f.bestNdcg));
        }
        double[] judged = judge(weights, choice, prepared);
        return new Result(weights, List.copyOf(timescales), fitted, judged[0], judged[2], judged[3], judged[1],
                judge(base.signalWeights(), new int[choice.length], prepared)[1], results, evaluated[0]);
    }

    /** The base parameters with the given weights and timescales. */
    static ScoringParameters apply(ScoringParameters base, double[] weights, List<Timescale> timescales) {
        Duration[] halfLives = new Duration[SignalKind.count()];
        for (int s = 0; s < halfLives.length; s++) {
            halfLives[s] = timescales.get(s).halfLife();
        }
        Timescale reach = timescales.get(SignalKind.REACH.ordinal());
        return base.withSignalWeights(weights).withHalfLives(halfLives).withRecentReach(reach.recentShare(),
                reach.recentHalfLife() == null ? base.recentHalfLife() : reach.recentHalfLife());
    }

    /**
     * The timescale options of each signal; option 0 is the base parameters' own. Reach: the base
     * half-life with {@code μ = 0}, then {@code μ × h_s}; the others: the base half-life, {@code H},
     * {@code 4H}.
     */
    List<Timescale[]> options(Duration horizon) {
        List<Timescale[]> options = new ArrayList<>();
        for (SignalKind kind : SignalKind.values()) {
            Duration own = base.halfLife(kind);
            List<Timescale> list = new ArrayList<>();
            if (kind == SignalKind.REACH) {
                list.add(new Timescale(own, base.recentShare(), base.recentShare() > 0 ? base.recentHalfLife() : null));
                for (double share : RECENT_SHARES) {
                    for (double h : RECENT_HALF_LIVES) {
                        list.add(new Timescale(own, share, scale(horizon, h)));
                    }
                }
            } else {
                list.add(new Timescale(own, 0, null));
                for (double h : CREDIT_HALF_LIVES) {
                    list.add(new Timescale(scale(horizon, h), 0, null));
                }
            }
            options.add(list.toArray(new Timescale[0]));
        }
        return options;
    }

    private static Duration scale(Duration d, double factor) {
        return Duration.ofMillis(Math.max(1, Math.round(d.toMillis() * factor)));
    }

    /** Scores one fold under every option; null when nobody is active before its split. */
    private Fold prepare(EventTable table, long split, long end, Duration horizon, List<Timescale[]> options) {
        EventTable training = table.before(split);
        ScoreBoard board = new Scorer(base).score(training, split - 1);
        int n = board.size();
        if (n == 0) {
            return null;
        }
        GroundTruth truth = GroundTruth.measure(table.before(end), board.graph(), split, split + horizon.toMillis());
        double[][][] bits = new double[SignalKind.count()][][];
        for (SignalKind kind : SignalKind.values()) {
            bits[kind.ordinal()] = new double[options.get(kind.ordinal()).length][];
        }
        // The credit signals need a graph per half-life; the same events give the same edges, and
        // every such board is scored as of the same instant.
        for (int o = 0; o < options.get(SignalKind.AMPLIFICATION.ordinal()).length; o++) {
            Duration h = options.get(SignalKind.AMPLIFICATION.ordinal())[o].halfLife();
            ScoreBoard b = o == 0 ? board : new Scorer(base.withHalfLives(halfLivesFor(h))).score(training, split - 1);
            for (SignalKind kind : new SignalKind[] {SignalKind.AMPLIFICATION, SignalKind.NETWORK_IMPACT,
                    SignalKind.CONVERSATION}) {
                bits[kind.ordinal()][o] = bitsOf(b, kind);
            }
        }
        Timescale[] reach = options.get(SignalKind.REACH.ordinal());
        for (int o = 0; o < reach.length; o++) {
            Reach r = new Reach(board.graph(), board.voices(), seconds(reach[o].halfLife()), reach[o].recentShare(),
                    reach[o].recentHalfLife() == null ? 1 : seconds(reach[o].recentHalfLife()));
            bits[SignalKind.REACH.ordinal()][o] = bitsOf(r::value, n);
        }
        Timescale[] outreach = options.get(SignalKind.OUTREACH.ordinal());
        for (int o = 0; o < outreach.length; o++) {
            Outreach r = new Outreach(board.graph(), seconds(outreach[o].halfLife()));
            bits[SignalKind.OUTREACH.ordinal()][o] = bitsOf(r::value, n);
        }
        RankingMetrics metrics = new RankingMetrics(truth.engagers());
        RankingMetrics.Sample all = metrics.sample(null, Evaluation.K_SMALL, Evaluation.K_LARGE);
        double bestSpearman = Double.NEGATIVE_INFINITY;
        double bestNdcg = Double.NEGATIVE_INFINITY;
        RankingMetrics.Ranking bySpearman = null;
        RankingMetrics.Ranking byNdcg = null;
        for (Baselines.Ranker r : Baselines.compute(training, board.graph(), base.threads())) {
            RankingMetrics.Ranking ranking = metrics.prepare(r.values());
            double[] s = metrics.spearmanAndNdcg(ranking, all);
            if (bySpearman == null || nanToZero(s[0]) > bestSpearman) {
                bestSpearman = nanToZero(s[0]);
                bySpearman = ranking;
            }
            if (byNdcg == null || nanToZero(s[1]) > bestNdcg) {
                bestNdcg = nanToZero(s[1]);
                byNdcg = ranking;
            }
        }
        // Standard errors of the base ranking's lead over the best baselines, by bootstrap.
        double[][] baseBits = new double[SignalKind.count()][];
        for (int s = 0; s < baseBits.length; s++) {
            baseBits[s] = bits[s][0];
        }
        RankingMetrics.Ranking own = metrics.prepare(combine(base.signalWeights(), baseBits));
        java.util.SplittableRandom random = new java.util.SplittableRandom(split);
        double[] dSpearman = new double[BOOTSTRAP];
        double[] dNdcg = new double[BOOTSTRAP];
        for (int b = 0; b < BOOTSTRAP; b++) {
            int[] weights = new int[n];
            for (int i = 0; i < n; i++) {
                weights[random.nextInt(n)]++;
            }
            RankingMetrics.Sample sample = metrics.sample(weights, Evaluation.K_SMALL, Evaluation.K_LARGE);
            double[] mine = metrics.spearmanAndNdcg(own, sample);
            dSpearman[b] = nanToZero(mine[0]) - nanToZero(metrics.spearmanAndNdcg(bySpearman, sample)[0]);
            dNdcg[b] = nanToZero(mine[1]) - nanToZero(metrics.spearmanAndNdcg(byNdcg, sample)[1]);
        }
        return new Fold(split, truth.engagedAccounts(), metrics, bits, search(truth.engagers(), bits, split),
                bestSpearman, bestNdcg,
                standardDeviation(dSpearman), standardDeviation(dNdcg));
    }

    /** The weighted sample the search compares candidates on; see {@link Search}. */
    private static Search search(double[] truth, double[][][] bits, long seed) {
        int n = truth.length;
        int engaged = 0;
        for (double t : truth) {
            engaged += t > 0 ? 1 : 0;
        }
        int others = n - engaged;
        int budget = Math.max(SEARCH_ACCOUNTS - engaged, SEARCH_ACCOUNTS / 2);
        int k = n <= SEARCH_ACCOUNTS ? 1 : Math.max(1, (others + budget - 1) / budget);
        java.util.SplittableRandom random = new java.util.SplittableRandom(seed);
        int[] kept = new int[n];
        int[] weight = new int[n];
        int m = 0;
        for (int v = 0; v < n; v++) {
            if (truth[v] > 0 || k == 1) {
                kept[m] = v;
                weight[m++] = 1;
            } else if (random.nextInt(k) == 0) {
                kept[m] = v;
                weight[m++] = k;
            }
        }
        double[] keptTruth = new double[m];
        for (int i = 0; i < m; i++) {
            keptTruth[i] = truth[kept[i]];
        }
        double[][][] keptBits = new double[bits.length][][];
        for (int s = 0; s < bits.length; s++) {
            keptBits[s] = new double[bits[s].length][m];
            for (int o = 0; o < bits[s].length; o++) {
                for (int i = 0; i < m; i++) {
                    keptBits[s][o][i] = bits[s][o][kept[i]];
                }
            }
        }
        RankingMetrics metrics = new RankingMetrics(keptTruth);
        int[] weights = k == 1 ? null : Arrays.copyOf(weight, m);
        // A sample holds scratch space: one per thread.
        return new Search(metrics, keptBits, ThreadLocal.withInitial(
                () -> metrics.sample(weights, Evaluation.K_SMALL, Evaluation.K_LARGE)));
    }

    private static double standardDeviation(double[] x) {
        double mean = Arrays.stream(x).average().orElse(0);
        double sum = 0;
        for (double v : x) {
            sum += (v - mean) * (v - mean);
        }
        return Math.sqrt(sum / Math.max(1, x.length - 1));
    }

    /** The base half-lives with {@code h} for the three credit signals. */
    private Duration[] halfLivesFor(Duration h) {
        Duration[] halfLives = base.halfLives();
        halfLives[SignalKind.AMPLIFICATION.ordinal()] = h;
        halfLives[SignalKind.NETWORK_IMPACT.ordinal()] = h;
        halfLives[SignalKind.CONVERSATION.ordinal()] = h;
        return halfLives;
    }

    private static double seconds(Duration d) {
        return d.toMillis() / 1000.0;
    }

    private static double[] bitsOf(ScoreBoard b, SignalKind kind) {
        return bitsOf(v -> b.value(kind, v), b.size());
    }

    private static double[] bitsOf(java.util.function.IntToDoubleFunction value, int n) {
        double[] bits = new double[n];
        for (int v = 0; v < n; v++) {
            bits[v] = InfluencePropagation.log2p1(value.applyAsDouble(v));
        }
        return bits;
    }

    /** The best weights for fixed timescale options: a grid, then a pattern search around its best. */
    private double[] searchWeights(List<Fold> folds, int[] choice, int[] evaluated) {
        List<double[]> grid = simplex(step, null, 1.0);
        double[][] judged = new double[grid.size()][];
        IntStream.range(0, grid.size()).parallel().forEach(i -> judged[i] = judge(grid.get(i), choice, folds));
        evaluated[0] += grid.size();
        int at = 0;
        for (int i = 1; i < judged.length; i++) {
            if (better(judged[i], judged[at])) {
                at = i;
            }
        }
        double[] best = grid.get(at);
        double[] bestJudged = judged[at];
        int k = best.length;
        for (double delta = step / 2; delta >= 0.0125 - 1e-12; delta /= 2) {
            while (true) {
                List<double[]> moves = new ArrayList<>();
                for (int from = 0; from < k; from++) {
                    for (int to = 0; to < k; to++) {
                        if (from != to && best[from] >= delta - 1e-12) {
                            double[] w = best.clone();
                            w[from] = Math.max(0, w[from] - delta);
                            w[to] += delta;
                            moves.add(w);
                        }
                    }
                }
                double[][] tried = new double[moves.size()][];
                IntStream.range(0, moves.size()).parallel().forEach(i -> tried[i] = judge(moves.get(i), choice, folds));
                evaluated[0] += moves.size();
                int m = -1;
                for (int i = 0; i < tried.length; i++) {
                    if (better(tried[i], m < 0 ? bestJudged : tried[m])) {
                        m = i;
                    }
                }
                if (m < 0) {
                    break;
                }
                best = moves.get(m);
                bestJudged = tried[m];
            }
        }
        return best;
    }

    private static boolean better(double[] a, double[] b) {
        return a[0] > b[0] + 1e-12 || (Math.abs(a[0] - b[0]) <= 1e-12 && a[1] > b[1] + 1e-12);
    }

    /**
     * {margin, mean of Spearman + NDCG@100, Spearman lead, NDCG lead} of a candidate over the
     * folds, pooled by the accounts each fold ranks.
     */
    static double[] judge(double[] weights, int[] choice, List<Fold> folds) {
        int k = folds.size();
        double[] spearman = new double[k];
        double[] ndcg = new double[k];
        double[] bestSpearman = new double[k];
        double[] bestNdcg = new double[k];
        double[] sigmaSpearman = new double[k];
        double[] sigmaNdcg = new double[k];
        int[] accounts = new int[k];
        for (int i = 0; i < k; i++) {
            Fold f = folds.get(i);
            double[] s = f.search.metrics().spearmanAndNdcg(
                    f.search.metrics().prepare(combine(weights, choice, f.search.bits())), f.search.sample().get());
            spearman[i] = nanToZero(s[0]);
            ndcg[i] = nanToZero(s[1]);
            bestSpearman[i] = f.bestSpearman;
            bestNdcg[i] = f.bestNdcg;
            sigmaSpearman[i] = f.sigmaSpearman;
            sigmaNdcg[i] = f.sigmaNdcg;
            accounts[i] = f.accounts();
        }
        return judge(spearman, ndcg, bestSpearman, bestNdcg, sigmaSpearman, sigmaNdcg, accounts);
    }

    /**
     * {criterion, objective, Spearman lead, NDCG lead} from each fold's metrics: with {@code n_f} the
     * accounts of fold {@code f}, the pooled leads {@code L = Σ n_f (m_f − m*_f) / Σ n_f} and errors
     * {@code σ = √(Σ (n_f σ_f)²) / Σ n_f} of Spearman's ρ and NDCG@100 ({@code m*} the best baseline's),
     * {@code z = L / σ}, {@code criterion = 1000 + z_N} when {@code z_ρ ≥ 2} and {@code min(z_ρ, z_N)}
     * otherwise, and {@code objective = Σ n_f (ρ_f + N_f) / Σ n_f}. A zero error counts as a tiny one,
     * so that the lead's sign still decides.
     */
    static double[] judge(double[] spearman, double[] ndcg, double[] bestSpearman, double[] bestNdcg,
                          double[] sigmaSpearman, double[] sigmaNdcg, int[] accounts) {
        double spearmanLead = 0;
        double ndcgLead = 0;
        double varianceSpearman = 0;
        double varianceNdcg = 0;
        double sum = 0;
        double n = 0;
        for (int f = 0; f < accounts.length; f++) {
            spearmanLead += accounts[f] * (spearman[f] - bestSpearman[f]);
            ndcgLead += accounts[f] * (ndcg[f] - bestNdcg[f]);
            varianceSpearman += Math.pow(accounts[f] * sigmaSpearman[f], 2);
            varianceNdcg += Math.pow(accounts[f] * sigmaNdcg[f], 2);
            sum += accounts[f] * (spearman[f] + ndcg[f]);
            n += accounts[f];
        }
        spearmanLead /= n;
        ndcgLead /= n;
        double zSpearman = spearmanLead / Math.max(1e-9, Math.sqrt(varianceSpearman) / n);
        double zNdcg = ndcgLead / Math.max(1e-9, Math.sqrt(varianceNdcg) / n);
        // Keep up with the counts on the whole ranking with confidence, then lead at the top; without
        // such a candidate, the weaker of the two leads decides.
        double rank = zSpearman >= SPEARMAN_Z ? FEASIBLE + zNdcg : Math.min(zSpearman, zNdcg);
        return new double[] {rank, sum / n, spearmanLead, ndcgLead};
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

    private static double[] combine(double[] weights, int[] choice, double[][][] bits) {
        double[] c = new double[bits[0][0].length];
        for (int s = 0; s < bits.length; s++) {
            if (weights[s] == 0) {
                continue;
            }
            double[] b = bits[s][choice[s]];
            for (int v = 0; v < c.length; v++) {
                c[v] += weights[s] * b[v];
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
