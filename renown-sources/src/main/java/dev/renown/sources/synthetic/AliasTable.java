package dev.renown.sources.synthetic;

/**
 * Draws indices in {@code [0, n)} with probabilities proportional to given weights, in
 * {@code O(1)} per draw after an {@code O(n)} build: Walker's alias method as Vose arranged it
 * (Vose, "A linear algorithm for generating random numbers with a given distribution", IEEE TSE
 * 1991). The build is deterministic: the same weights give the same table.
 *
 * <p>The arrays are reused by {@link #rebuild}, so a table rebuilt every simulated day or week
 * allocates nothing.
 */
final class AliasTable {

    private final int n;
    private final double[] threshold;
    private final int[] alias;
    private final int[] small;
    private final int[] large;

    AliasTable(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("an alias table needs at least one index");
        }
        this.n = n;
        this.threshold = new double[n];
        this.alias = new int[n];
        this.small = new int[n];
        this.large = new int[n];
    }

    /**
     * Rebuilds the table for {@code weights} (non-negative, finite, length {@code n}). When they
     * are all zero, every index is equally likely.
     */
    void rebuild(double[] weights) {
        double total = 0;
        for (int i = 0; i < n; i++) {
            total += weights[i];
        }
        if (!(total > 0)) {
            java.util.Arrays.fill(threshold, 1.0);
            for (int i = 0; i < n; i++) {
                alias[i] = i;
            }
            return;
        }
        double scale = n / total;
        int s = 0;
        int l = 0;
        for (int i = 0; i < n; i++) {
            threshold[i] = weights[i] * scale;
            alias[i] = i;
            if (threshold[i] < 1.0) {
                small[s++] = i;
            } else {
                large[l++] = i;
            }
        }
        while (s > 0 && l > 0) {
            int less = small[--s];
            int more = large[l - 1];
            alias[less] = more;
            threshold[more] -= 1.0 - threshold[less];
            if (threshold[more] < 1.0) {
                l--;
                small[s++] = more;
            }
        }
        // What is left is 1 up to rounding.
        while (l > 0) {
            threshold[large[--l]] = 1.0;
        }
        while (s > 0) {
            threshold[small[--s]] = 1.0;
        }
    }

    /** One draw from a single 64-bit number: its high half picks the column, its low half the side. */
    int sample(Rng rng) {
        return pick(rng.nextLong());
    }

    /** The index a 64-bit random or hash value {@code x} stands for. */
    int pick(long x) {
        int i = Rng.below(x, n);
        double u = (x & 0xFFFFFFFFL) * 0x1.0p-32;
        return u < threshold[i] ? i : alias[i];
    }
}
