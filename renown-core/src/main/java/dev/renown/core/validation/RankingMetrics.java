package dev.renown.core.validation;

import java.util.Arrays;

/**
 * Rank correlation and top-k metrics of predicted rankings against one ground truth, with ties
 * handled exactly and optional integer weights per item, so that bootstrap resamples (a
 * multiset of items) cost {@code O(n)} per metric instead of a new sort.
 *
 * <p>All metrics treat items with equal predicted values as tied, never as ordered by accident:
 * <ul>
 *   <li><b>Spearman ρ</b>: Pearson correlation of mid-ranks (ties share the mean of the ranks
 *       they span).</li>
 *   <li><b>Kendall τ-b</b>: {@code (n_c − n_d) / √((n₀ − n₁)(n₀ − n₂))}, with {@code n₀} all pairs,
 *       {@code n₁}, {@code n₂} the pairs tied in prediction and in truth (Kendall 1945), counted
 *       in {@code O(n log t)} for {@code t} distinct truth values (Knight 1966, with a Fenwick
 *       tree).</li>
 *   <li><b>NDCG@k</b>: {@code DCG@k / IDCG@k}, {@code DCG@k = Σ_{p<k} gain(p)/log₂(p + 2)} with
 *       gain {@code ln(1 + truth)}; a tie group spanning positions {@code [a, b)} contributes its
 *       mean gain at each of its positions below {@code k} — the expected DCG over all orders of
 *       the ties (McSherry and Najork, "Computing information retrieval performance measures
 *       efficiently in the presence of tied scores", ECIR 2008).</li>
 *   <li><b>precision@k</b>: the expected share of the predicted top {@code k} that lies in the true
 *       top {@code k}, ties at either boundary broken uniformly at random: an item in a tie group
 *       straddling position {@code k} is in the top with probability (slots left)/(group size).</li>
 * </ul>
 * With weights {@code c_i}, item {@code i} counts as {@code c_i} copies (0 leaves it out).
 */
public final class RankingMetrics {

    private final int n;
    private final double[] truth;
    private final double[] gain;
    private final Ranking truthRanking;
    /** Dense rank of each item's truth value, 1 for the smallest. */
    private final int[] truthLevel;
    private final int truthLevels;

    /** @param truth the true value per item (here: distinct future engagers), non-negative */
    public RankingMetrics(double[] truth) {
        this.n = truth.length;
        this.truth = truth.clone();
        this.gain = new double[n];
        for (int i = 0; i < n; i++) {
            gain[i] = Math.log1p(truth[i]);
        }
        this.truthRanking = new Ranking(this.truth);
        this.truthLevel = new int[n];
        int level = 0;
        int[] order = truthRanking.order;
        for (int g = truthRanking.groupCount() - 1; g >= 0; g--) {
            level++;
            for (int p = truthRanking.groupStart[g]; p < truthRanking.groupStart[g + 1]; p++) {
                truthLevel[order[p]] = level;
            }
        }
        this.truthLevels = level;
    }

    public int size() {
        return n;
    }

    /** Sorts a prediction once, for any number of evaluations. */
    public Ranking prepare(double[] predicted) {
        if (predicted.length != n) {
            throw new IllegalArgumentException("predicted has " + predicted.length + " items, truth " + n);
        }
        return new Ranking(predicted);
    }

    /** Every metric at cut-offs {@code k1} and {@code k2} (precision at {@code k2}), each item once. */
    public Scores evaluate(Ranking predicted, int k1, int k2) {
        return evaluate(predicted, sample(null, k1, k2));
    }

    /**
     * Every metric under a sample's weights: Spearman, Kendall τ-b, NDCG at both cut-offs,
     * precision at the second.
     */
    public Scores evaluate(Ranking predicted, Sample sample) {
        return new Scores(spearman(predicted, sample), kendallTauB(predicted, sample),
                ndcg(predicted, sample, sample.k1, sample.idcg1), ndcg(predicted, sample, sample.k2, sample.idcg2),
                precision(predicted, sample));
    }

    /**
     * Only Spearman's ρ and NDCG at the sample's second cut-off, as {@code {ρ, NDCG}}: what
     * {@link Fit} compares candidates by, without the cost of Kendall's τ.
     */
    public double[] spearmanAndNdcg(Ranking predicted, Sample sample) {
        return new double[] {spearman(predicted, sample), ndcg(predicted, sample, sample.k2, sample.idcg2)};
    }

    /**
     * Prepares a sample: item weights ({@code null} means every item once) and the truth side of
     * every metric, computed once for any number of rankings. A sample holds scratch space: use
     * one per thread.
     */
    public Sample sample(int[] weights, int k1, int k2) {
        return new Sample(weights, k1, k2);
    }

    /** Spearman's ρ: Pearson correlation of weighted mid-ranks. NaN when either side is constant. */
    double spearman(Ranking predicted, Sample sample) {
        int[] weights = sample.weights;
        double[] rp = sample.predictedRanks;
        midRanks(predicted, weights, rp);
        double[] rt = sample.truthRanks;
        double sp = 0;
        for (int i = 0; i < n; i++) {
            sp += w(weights, i) * rp[i];
        }
        double mp = sp / sample.total;
        double mt = sample.truthRankMean;
        double cov = 0;
        double vp = 0;
        for (int i = 0; i < n; i++) {
            int c = w(weights, i);
            if (c == 0) {
                continue;
            }
            double dp = rp[i] - mp;
            cov += c * dp * (rt[i] - mt);
            vp += c * dp * dp;
        }
        return cov / Math.sqrt(vp * sample.truthRankVariance);
    }

    private static int w(int[] weights, int i) {
        return weights == null ? 1 : weights[i];
    }

    /** Mid-rank per item (1 = lowest value) of the weighted multiset, into {@code ranks}. */
    private void midRanks(Ranking r, int[] weights, double[] ranks) {
        long below = 0;
        for (int g = r.groupCount() - 1; g >= 0; g--) {
            long size = 0;
            for (int p = r.groupStart[g]; p < r.groupStart[g + 1]; p++) {
                size += w(weights, r.order[p]);
            }
            double mid = below + (size + 1) / 2.0;
            for (int p = r.groupStart[g]; p < r.groupStart[g + 1]; p++) {
                ranks[r.order[p]] = mid;
            }
            below += size;
        }
    }

    /** Kendall's τ-b. NaN when either side is constant. */
    double kendallTauB(Ranking predicted, Sample sample) {
        int[] weights = sample.weights;
        double n0 = sample.total * (sample.total - 1) / 2.0;
        double n1 = tiedPairs(predicted, weights);
        double n2 = sample.truthTiedPairs;
        // Joint ties and discordant pairs, walking prediction groups from the top.
        long[] tree = sample.fenwick;
        Arrays.fill(tree, 0);
        long[] levelWeight = sample.levelWeight;
        int[] touched = sample.touched;
        double n3 = 0;
        double discordant = 0;
        int[] order = predicted.order;
        for (int g = 0; g < predicted.groupCount(); g++) {
            int from = predicted.groupStart[g];
            int to = predicted.groupStart[g + 1];
            int touchedCount = 0;
            for (int p = from; p < to; p++) {
                int i = order[p];
                int c = w(weights, i);
                if (c == 0) {
                    continue;
                }
                int level = truthLevel[i];
                // Items above in prediction with a lower truth are discordant with i.
                discordant += (double) c * prefix(tree, level - 1);
                if (levelWeight[level] == 0) {
                    touched[touchedCount++] = level;
                }
                levelWeight[level] += c;
            }
            for (int t = 0; t < touchedCount; t++) {
                int level = touched[t];
                long c = levelWeight[level];
                n3 += c * (c - 1) / 2.0;
                add(tree, level, c);
                levelWeight[level] = 0;
            }
        }
        double numerator = n0 - n1 - n2 + n3 - 2 * discordant;
        return numerator / Math.sqrt((n0 - n1) * (n0 - n2));
    }

    private double tiedPairs(Ranking r, int[] weights) {
        double pairs = 0;
        for (int g = 0; g < r.groupCount(); g++) {
            long size = 0;
            for (int p = r.groupStart[g]; p < r.groupStart[g + 1]; p++) {
                size += w(weights, r.order[p]);
            }
            pairs += size * (size - 1) / 2.0;
        }
        return pairs;
    }

    private static long prefix(long[] tree, int i) {
        long sum = 0;
        for (; i > 0; i -= i & -i) {
            sum += tree[i];
        }
        return sum;
    }

    private static void add(long[] tree, int i, long value) {
        for (; i < tree.length; i += i & -i) {
            tree[i] += value;
        }
    }

    /** NDCG@k with expected DCG over orders of tied predictions. NaN when no item has a gain. */
    private double ndcg(Ranking predicted, Sample sample, int k, double ideal) {
        int[] weights = sample.weights;
        double dcg = 0;
        long position = 0;
        for (int g = 0; g < predicted.groupCount() && position < k; g++) {
            long size = 0;
            double gains = 0;
            for (int p = predicted.groupStart[g]; p < predicted.groupStart[g + 1]; p++) {
                int i = predicted.order[p];
                int c = w(weights, i);
                size += c;
                gains += c * gain[i];
            }
            if (size == 0) {
                continue;
            }
            dcg += gains / size * discountSum(position, Math.min(position + size, k));
            position += size;
        }
        return dcg / ideal;
    }

    private double idealDcg(int[] weights, int k) {
        double ideal = 0;
        long position = 0;
        for (int p = 0; p < n && position < k; p++) {
            int i = truthRanking.order[p];
            int c = w(weights, i);
            if (c == 0) {
                continue;
            }
            ideal += gain[i] * discountSum(position, Math.min(position + c, k));
            position += c;
        }
        return ideal;
    }

    /** {@code Σ_{p ∈ [from, to)} 1/log₂(p + 2)}. */
    private static double discountSum(long from, long to) {
        double sum = 0;
        for (long p = from; p < to; p++) {
            sum += 1.0 / (Math.log(p + 2) / Math.log(2));
        }
        return sum;
    }

    /** Expected precision at the second cut-off, ties broken uniformly at random on both sides. */
    private double precision(Ranking predicted, Sample sample) {
        long top = Math.min(sample.k2, sample.total);
        if (top == 0) {
            return Double.NaN;
        }
        int[] weights = sample.weights;
        double overlap = 0;
        long position = 0;
        for (int g = 0; g < predicted.groupCount() && position < top; g++) {
            long size = 0;
            for (int p = predicted.groupStart[g]; p < predicted.groupStart[g + 1]; p++) {
                size += w(weights, predicted.order[p]);
            }
            if (size == 0) {
                continue;
            }
            double share = (double) Math.min(size, top - position) / size;
            for (int p = predicted.groupStart[g]; p < predicted.groupStart[g + 1]; p++) {
                int i = predicted.order[p];
                overlap += w(weights, i) * share * sample.truthTop[i];
            }
            position += size;
        }
        return overlap / top;
    }

    /** Probability that each copy of an item is among the first {@code top} of a ranking. */
    private double[] membership(Ranking r, int[] weights, long top) {
        double[] member = new double[n];
        long position = 0;
        for (int g = 0; g < r.groupCount() && position < top; g++) {
            long size = 0;
            for (int p = r.groupStart[g]; p < r.groupStart[g + 1]; p++) {
                size += w(weights, r.order[p]);
            }
            if (size == 0) {
                continue;
            }
            double share = (double) Math.min(size, top - position) / size;
            for (int p = r.groupStart[g]; p < r.groupStart[g + 1]; p++) {
                member[r.order[p]] = share;
            }
            position += size;
        }
        return member;
    }

    /**
     * Item weights with everything about the truth that does not depend on the prediction, and
     * scratch space. Not thread-safe: one per thread.
     */
    public final class Sample {
        final int[] weights;
        final int k1;
        final int k2;
        final long total;
        final double[] truthRanks;
        final double truthRankMean;
        final double truthRankVariance;
        final double truthTiedPairs;
        final double idcg1;
        final double idcg2;
        final double[] truthTop;
        final double[] predictedRanks;
        final long[] fenwick;
        final long[] levelWeight;
        final int[] touched;

        Sample(int[] weights, int k1, int k2) {
            if (weights != null && weights.length != n) {
                throw new IllegalArgumentException("weights have " + weights.length + " items, truth " + n);
            }
            this.weights = weights;
            this.k1 = k1;
            this.k2 = k2;
            long t = 0;
            for (int i = 0; i < n; i++) {
                t += w(weights, i);
            }
            this.total = t;
            this.truthRanks = new double[n];
            midRanks(truthRanking, weights, truthRanks);
            double sum = 0;
            for (int i = 0; i < n; i++) {
                sum += w(weights, i) * truthRanks[i];
            }
            this.truthRankMean = sum / t;
            double var = 0;
            for (int i = 0; i < n; i++) {
                double d = truthRanks[i] - truthRankMean;
                var += w(weights, i) * d * d;
            }
            this.truthRankVariance = var;
            this.truthTiedPairs = tiedPairs(truthRanking, weights);
            this.idcg1 = idealDcg(weights, k1);
            this.idcg2 = idealDcg(weights, k2);
            this.truthTop = membership(truthRanking, weights, Math.min(k2, t));
            this.predictedRanks = new double[n];
            this.fenwick = new long[truthLevels + 1];
            this.levelWeight = new long[truthLevels + 1];
            this.touched = new int[truthLevels + 1];
        }
    }

    /**
     * Items sorted by value, highest first, with tie groups: group {@code g} holds
     * {@code order[groupStart[g] .. groupStart[g + 1])}.
     */
    public static final class Ranking {
        final int[] order;
        final int[] groupStart;
        private final int groups;

        Ranking(double[] values) {
            int n = values.length;
            values = values.clone();
            for (int i = 0; i < n; i++) {
                values[i] += 0.0; // -0.0 becomes 0.0, so that the two tie
            }
            // Dense rank of each value among the distinct values, then one sort of packed
            // (descending rank, index) keys: no comparator, no boxing.
            double[] distinct = values.clone();
            Arrays.sort(distinct);
            int d = 0;
            for (int i = 0; i < n; i++) {
                if (Double.isNaN(distinct[i])) {
                    throw new IllegalArgumentException("NaN among the values to rank");
                }
                if (i == 0 || distinct[i] != distinct[i - 1]) {
                    distinct[d++] = distinct[i];
                }
            }
            long[] keys = new long[n];
            for (int i = 0; i < n; i++) {
                int rank = Arrays.binarySearch(distinct, 0, d, values[i]);
                keys[i] = ((long) (d - 1 - rank) << 32) | i;
            }
            Arrays.sort(keys);
            order = new int[n];
            int[] starts = new int[n + 1];
            int g = 0;
            for (int p = 0; p < n; p++) {
                order[p] = (int) keys[p];
                if (p == 0 || (keys[p] >>> 32) != (keys[p - 1] >>> 32)) {
                    starts[g++] = p;
                }
            }
            starts[g] = n;
            groups = g;
            groupStart = Arrays.copyOf(starts, g + 1);
        }

        public int groupCount() {
            return groups;
        }
    }

    /**
     * @param spearman  Spearman's ρ
     * @param kendall   Kendall's τ-b
     * @param ndcgK1    NDCG at the first cut-off
     * @param ndcgK2    NDCG at the second cut-off
     * @param precision precision at the second cut-off
     */
    public record Scores(double spearman, double kendall, double ndcgK1, double ndcgK2, double precision) {
    }
}
