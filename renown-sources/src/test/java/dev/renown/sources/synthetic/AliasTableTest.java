package dev.renown.sources.synthetic;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AliasTableTest {

    @Test
    void draws_each_index_in_proportion_to_its_weight_and_never_a_weightless_one() {
        double[] weights = {5, 0, 1, 3, 0.5, 0, 0.5};
        AliasTable table = new AliasTable(weights.length);
        table.rebuild(weights);
        Rng rng = new Rng(42);
        int draws = 1_000_000;
        long[] counts = new long[weights.length];
        for (int i = 0; i < draws; i++) {
            counts[table.sample(rng)]++;
        }
        for (int i = 0; i < weights.length; i++) {
            double expected = draws * weights[i] / 10.0;
            // Within 5 binomial standard deviations.
            double sd = Math.sqrt(expected * (1 - weights[i] / 10.0));
            assertTrue(Math.abs(counts[i] - expected) <= 5 * sd + 1e-9, i + ": " + counts[i] + " vs " + expected);
        }
        assertEquals(0, counts[1]);
        assertEquals(0, counts[5]);
    }

    @Test
    void all_zero_weights_give_every_index_the_same_chance() {
        AliasTable table = new AliasTable(4);
        table.rebuild(new double[4]);
        Rng rng = new Rng(1);
        long[] counts = new long[4];
        for (int i = 0; i < 400_000; i++) {
            counts[table.sample(rng)]++;
        }
        for (long c : counts) {
            assertTrue(Math.abs(c - 100_000) < 2_000, String.valueOf(c));
        }
    }
}
