package dev.renown.core.validation;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RankingMetricsTest {

    private static final double EPS = 1e-9;

    private static RankingMetrics.Scores scores(double[] predicted, double[] truth, int k1, int k2) {
        RankingMetrics m = new RankingMetrics(truth);
        return m.evaluate(m.prepare(predicted), k1, k2);
    }

    @Test
    void perfect_and_reversed_rankings() {
        double[] truth = {30, 20, 10};
        RankingMetrics.Scores same = scores(new double[] {3, 2, 1}, truth, 1, 2);
        assertEquals(1, same.spearman(), EPS);
        assertEquals(1, same.kendall(), EPS);
        assertEquals(1, same.ndcgK1(), EPS);
        assertEquals(1, same.ndcgK2(), EPS);
        assertEquals(1, same.precision(), EPS);
        RankingMetrics.Scores reversed = scores(new double[] {1, 2, 3}, truth, 1, 2);
        assertEquals(-1, reversed.spearman(), EPS);
        assertEquals(-1, reversed.kendall(), EPS);
        // Top 1 predicted is the item with truth 10: gain ln 11 against ln 31.
        assertEquals(Math.log(11) / Math.log(31), reversed.ndcgK1(), EPS);
        // Predicted top 2 {10, 20} share one item with the true top 2 {30, 20}.
        assertEquals(0.5, reversed.precision(), EPS);
    }

    @Test
    void ties_on_both_sides_by_hand() {
        // pred = [1, 1, 2, 3], truth = [1, 2, 2, 3].
        // Mid-ranks: pred [1.5, 1.5, 3, 4], truth [1, 2.5, 2.5, 4]; both means 2.5;
        // cov = 1.5 + 2.25 = 3.75, var = 4.5 each: ρ = 0.8333.
        // Pairs: 4 concordant, 0 discordant, 1 tied in pred, 1 tied in truth: τ-b = 4/√(5·5) = 0.8.
        double[] pred = {1, 1, 2, 3};
        double[] truth = {1, 2, 2, 3};
        RankingMetrics.Scores s = scores(pred, truth, 2, 4);
        assertEquals(3.75 / 4.5, s.spearman(), EPS);
        assertEquals(0.8, s.kendall(), EPS);
        // NDCG@2: the first two positions hold truth 3 and 2 in both orders: 1.
        assertEquals(1.0, s.ndcgK1(), EPS);
        // NDCG@4: positions 2 and 3 hold the tie {truth 1, truth 2}: mean gain (ln2 + ln3)/2 at both.
        double log2 = Math.log(2);
        double dcg = Math.log(4) + Math.log(3) / (Math.log(3) / log2)
                + (Math.log(2) + Math.log(3)) / 2 * (1 / (Math.log(4) / log2) + 1 / (Math.log(5) / log2));
        double idcg = Math.log(4) + Math.log(3) / (Math.log(3) / log2) + Math.log(3) / (Math.log(4) / log2)
                + Math.log(2) / (Math.log(5) / log2);
        assertEquals(dcg / idcg, s.ndcgK2(), EPS);
        assertEquals(0.995199, s.ndcgK2(), 1e-6);
        // precision@4 of 4 items is 1 whatever the order.
        assertEquals(1.0, s.precision(), EPS);
        // precision@2: the true top 2 is truth 3 and one of the two truth-2 items (1/2 each);
        // the predicted top 2 is items 3 and 2: overlap 1 + 1/2.
        assertEquals(0.75, scores(pred, truth, 1, 2).precision(), EPS);
    }

    @Test
    void a_prediction_that_ties_everything_has_no_correlation_and_average_ndcg() {
        double[] truth = {0, 0, 5, 1};
        RankingMetrics.Scores s = scores(new double[] {7, 7, 7, 7}, truth, 1, 4);
        assertTrue(Double.isNaN(s.spearman()));
        assertTrue(Double.isNaN(s.kendall()));
        // Expected gain at position 0 is the mean gain: (ln 6 + ln 2)/4 over ln 6.
        assertEquals((Math.log(6) + Math.log(2)) / 4 / Math.log(6), s.ndcgK1(), EPS);
    }

    @Test
    void kendall_and_spearman_match_naive_formulas_on_random_data_with_ties() {
        Random r = new Random(7);
        for (int round = 0; round < 200; round++) {
            int n = 2 + r.nextInt(40);
            double[] pred = new double[n];
            double[] truth = new double[n];
            for (int i = 0; i < n; i++) {
                pred[i] = r.nextInt(1 + r.nextInt(8));
                truth[i] = r.nextInt(1 + r.nextInt(6));
            }
            RankingMetrics.Scores s = scores(pred, truth, 3, 10);
            assertEquals(naiveKendall(pred, truth), s.kendall(), 1e-9, "round " + round);
            assertEquals(naiveSpearman(pred, truth), s.spearman(), 1e-9, "round " + round);
        }
    }

    @Test
    void weights_count_as_copies() {
        Random r = new Random(11);
        for (int round = 0; round < 200; round++) {
            int n = 2 + r.nextInt(30);
            double[] pred = new double[n];
            double[] truth = new double[n];
            int[] weights = new int[n];
            int total = 0;
            for (int i = 0; i < n; i++) {
                pred[i] = r.nextInt(6);
                truth[i] = r.nextInt(5);
                weights[i] = r.nextInt(4);
                total += weights[i];
            }
            if (total < 2) {
                continue;
            }
            double[] ep = new double[total];
            double[] et = new double[total];
            int at = 0;
            for (int i = 0; i < n; i++) {
                for (int c = 0; c < weights[i]; c++) {
                    ep[at] = pred[i];
                    et[at++] = truth[i];
                }
            }
            RankingMetrics m = new RankingMetrics(truth);
            RankingMetrics.Scores weighted = m.evaluate(m.prepare(pred), m.sample(weights, 3, 7));
            RankingMetrics.Scores expanded = scores(ep, et, 3, 7);
            assertEquals(expanded.spearman(), weighted.spearman(), 1e-9, "round " + round);
            assertEquals(expanded.kendall(), weighted.kendall(), 1e-9, "round " + round);
            assertEquals(expanded.ndcgK1(), weighted.ndcgK1(), 1e-9, "round " + round);
            assertEquals(expanded.ndcgK2(), weighted.ndcgK2(), 1e-9, "round " + round);
            assertEquals(expanded.precision(), weighted.precision(), 1e-9, "round " + round);
        }
    }

    /** Kendall's τ-b straight from its definition, O(n²). */
    static double naiveKendall(double[] x, double[] y) {
        double concordant = 0;
        double discordant = 0;
        double tiesX = 0;
        double tiesY = 0;
        double pairs = 0;
        for (int i = 0; i < x.length; i++) {
            for (int j = i + 1; j < x.length; j++) {
                pairs++;
                double a = Math.signum(x[i] - x[j]);
                double b = Math.signum(y[i] - y[j]);
                if (a == 0) {
                    tiesX++;
                }
                if (b == 0) {
                    tiesY++;
                }
                if (a * b > 0) {
                    concordant++;
                } else if (a * b < 0) {
                    discordant++;
                }
            }
        }
        return (concordant - discordant) / Math.sqrt((pairs - tiesX) * (pairs - tiesY));
    }

    /** Spearman's ρ as Pearson correlation of mid-ranks computed by counting, O(n²). */
    static double naiveSpearman(double[] x, double[] y) {
        double[] rx = naiveMidRanks(x);
        double[] ry = naiveMidRanks(y);
        double mx = 0;
        double my = 0;
        for (int i = 0; i < x.length; i++) {
            mx += rx[i] / x.length;
            my += ry[i] / x.length;
        }
        double cov = 0;
        double vx = 0;
        double vy = 0;
        for (int i = 0; i < x.length; i++) {
            cov += (rx[i] - mx) * (ry[i] - my);
            vx += (rx[i] - mx) * (rx[i] - mx);
            vy += (ry[i] - my) * (ry[i] - my);
        }
        return cov / Math.sqrt(vx * vy);
    }

    private static double[] naiveMidRanks(double[] x) {
        double[] r = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            int below = 0;
            int equal = 0;
            for (double v : x) {
                below += v < x[i] ? 1 : 0;
                equal += v == x[i] ? 1 : 0;
            }
            r[i] = below + (equal + 1) / 2.0;
        }
        return r;
    }
}
