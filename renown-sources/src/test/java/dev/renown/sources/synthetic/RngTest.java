package dev.renown.sources.synthetic;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RngTest {

    @Test
    void the_same_seed_gives_the_same_numbers_and_streams_differ() {
        Rng a = Rng.stream(5, 1);
        Rng b = Rng.stream(5, 1);
        Rng c = Rng.stream(5, 2);
        int same = 0;
        for (int i = 0; i < 1000; i++) {
            long x = a.nextLong();
            assertEquals(x, b.nextLong());
            same += x == c.nextLong() ? 1 : 0;
        }
        assertEquals(0, same);
    }

    @Test
    void exp_agrees_with_strict_math_to_a_relative_1e_14() {
        Rng rng = new Rng(1);
        for (int i = 0; i < 100_000; i++) {
            double x = (rng.nextDouble() - 0.5) * 1000;
            double expected = StrictMath.exp(x);
            assertEquals(expected, Rng.exp(x), 1e-14 * expected, "exp(" + x + ")");
        }
        assertEquals(1.0, Rng.exp(0), 0);
    }

    @Test
    void the_normals_have_mean_0_and_variance_1() {
        Rng rng = new Rng(2);
        int n = 1_000_000;
        double[] sum = new double[2];
        double[] squares = new double[2];
        for (int i = 0; i < n; i++) {
            double g = rng.gaussian();
            double r = rng.roughGaussian();
            sum[0] += g;
            squares[0] += g * g;
            sum[1] += r;
            squares[1] += r * r;
            assertTrue(Math.abs(r) <= 2 * Math.sqrt(3));
        }
        for (int k = 0; k < 2; k++) {
            assertEquals(0, sum[k] / n, 0.005);
            assertEquals(1, squares[k] / n, 0.005);
        }
    }

    @Test
    void the_counts_have_their_means() {
        Rng rng = new Rng(3);
        int n = 200_000;
        long poisson = 0;
        long geometric = 0;
        double exponential = 0;
        for (int i = 0; i < n; i++) {
            poisson += rng.poisson(0.7);
            geometric += rng.geometric(0.7);
            exponential += rng.exponential();
        }
        assertEquals(0.7, (double) poisson / n, 0.01);
        assertEquals(0.7, (double) geometric / n, 0.015);
        assertEquals(1.0, exponential / n, 0.01);
    }
}
