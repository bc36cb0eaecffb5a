package dev.renown.core.validation;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FitTest {

    private static final double EPS = 1e-12;

    @Test
    void the_leads_pool_the_folds_by_accounts_and_the_margin_takes_the_weaker_in_standard_errors() {
        // Fold A, 3,000 accounts: Spearman 0.40 against a best baseline of 0.43 (−0.03), NDCG 0.70
        // against 0.60 (+0.10). Fold B, 15,000 accounts: Spearman 0.38 against 0.37 (+0.01), NDCG
        // 0.75 against 0.74 (+0.01).
        // Spearman lead: (3000·−0.03 + 15000·0.01) / 18000 = 60 / 18000 = 0.0033…;
        // NDCG lead: (3000·0.10 + 15000·0.01) / 18000 = 450 / 18000 = 0.025.
        // Errors: σ_ρ = 0.001 and 0.002 → √((3000·0.001)² + (15000·0.002)²) / 18000 = √909 / 18000;
        // σ_N = 0.03 and 0.02 → √(90² + 300²) / 18000 = √98100 / 18000.
        // z_ρ = 60 / √909 = 1.99007… < 2: not yet feasible, so the criterion is min(z_ρ, z_N), and
        // z_N = 450 / √98100 = 1.43674… is the smaller.
        // Objective: (3000·1.10 + 15000·1.13) / 18000 = 20250 / 18000 = 1.125.
        double[] judged = Fit.judge(new double[] {0.40, 0.38}, new double[] {0.70, 0.75},
                new double[] {0.43, 0.37}, new double[] {0.60, 0.74}, new double[] {0.001, 0.002},
                new double[] {0.03, 0.02}, new int[] {3_000, 15_000});
        assertEquals(450 / Math.sqrt(98_100), judged[0], 1e-9);
        assertEquals(1.125, judged[1], 1e-9);
        assertEquals(60.0 / 18_000, judged[2], 1e-9);
        assertEquals(450.0 / 18_000, judged[3], 1e-9);
        assertTrue(60 / Math.sqrt(909) > judged[0]);
    }

    @Test
    void a_spearman_lead_of_two_standard_errors_makes_the_ndcg_lead_decide() {
        // As above with fold B's Spearman error halved: σ_ρ = √((3000·0.001)² + (15000·0.001)²) / 18000
        // = √234 / 18000, z_ρ = 60 / √234 = 3.922… ≥ 2, so the criterion is 1000 + z_N.
        double[] judged = Fit.judge(new double[] {0.40, 0.38}, new double[] {0.70, 0.75},
                new double[] {0.43, 0.37}, new double[] {0.60, 0.74}, new double[] {0.001, 0.001},
                new double[] {0.03, 0.02}, new int[] {3_000, 15_000});
        assertEquals(1000 + 450 / Math.sqrt(98_100), judged[0], 1e-9);
    }

    @Test
    void a_small_fold_does_not_decide_alone() {
        // The smallest Spearman lead over the folds is −0.03 (fold A); pooled by accounts the
        // candidate is ahead, and behind only when the large fold is too.
        double[] ahead = Fit.judge(new double[] {0.40, 0.38}, new double[] {0.70, 0.75},
                new double[] {0.43, 0.37}, new double[] {0.60, 0.74}, new double[] {0.001, 0.001},
                new double[] {0.01, 0.01}, new int[] {3_000, 15_000});
        double[] behind = Fit.judge(new double[] {0.40, 0.36}, new double[] {0.70, 0.75},
                new double[] {0.43, 0.37}, new double[] {0.60, 0.74}, new double[] {0.001, 0.001},
                new double[] {0.01, 0.01}, new int[] {3_000, 15_000});
        assertTrue(ahead[0] > 0);
        assertEquals((3_000 * -0.03 + 15_000 * -0.01) / 18_000, behind[2], EPS);
        assertTrue(behind[0] < 0);
    }

    @Test
    void equal_folds_weigh_equally() {
        double[] judged = Fit.judge(new double[] {0.5, 0.3}, new double[] {0.9, 0.8},
                new double[] {0.4, 0.4}, new double[] {0.7, 0.7}, new double[] {0.01, 0.01},
                new double[] {0.01, 0.01}, new int[] {10, 10});
        assertEquals(0.0, judged[0], EPS); // Spearman leads +0.1 and −0.1 average to 0; NDCG +0.15
        assertEquals((1.4 + 1.1) / 2, judged[1], EPS);
    }

    @Test
    void the_grid_covers_the_simplex() {
        List<double[]> grid = Fit.simplex(0.25, null, 1.0);
        assertEquals(70, grid.size()); // C(4 + 4, 4) compositions of 4 quarters into 5 weights
        for (double[] w : grid) {
            double sum = 0;
            for (double x : w) {
                assertTrue(x >= 0);
                sum += x;
            }
            assertEquals(1.0, sum, EPS);
        }
        assertArrayEquals(new double[] {1, 0, 0, 0, 0}, grid.get(grid.size() - 1), EPS);
    }
}
