package dev.renown.sources.synthetic;

/**
 * SplitMix64 (Steele, Lea, Flood, "Fast splittable pseudorandom number generators", OOPSLA
 * 2014), with the few distributions the generator needs.
 *
 * <p>Written out rather than taken from {@code java.util} so that the stream of numbers, and so
 * the generated file, is fixed by this source alone: every transcendental function goes through
 * {@link StrictMath}, whose results are specified bit for bit, never through {@link Math}, whose
 * intrinsics may differ in the last place between machines.
 */
final class Rng {

    private static final long GOLDEN = 0x9E3779B97F4A7C15L;

    private long state;

    Rng(long seed) {
        this.state = seed;
    }

    /** A generator for one purpose, independent of those for the other salts of the same seed. */
    static Rng stream(long seed, long salt) {
        return new Rng(mix(seed ^ mix(salt + GOLDEN)));
    }

    /** The SplitMix64 finaliser: a bijection of the 64-bit values that mixes every bit. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** {@code [0, n)} from a hash value, without a division. */
    static int below(long hash, int n) {
        return (int) (((hash >>> 32) * n) >>> 32);
    }

    long nextLong() {
        return mix(state += GOLDEN);
    }

    /** Uniform in {@code [0, 1)}, 53 bits. */
    double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /** Uniform in {@code [0, n)} (Lemire's multiply-shift; the bias is below 2^-32 · n). */
    int nextInt(int n) {
        return below(nextLong(), n);
    }

    boolean chance(double p) {
        return nextDouble() < p;
    }

    /** Exponential with mean 1. */
    double exponential() {
        return -StrictMath.log1p(-nextDouble());
    }

    /**
     * Standard normal, by inversion: Acklam's rational approximation of the normal quantile
     * function (relative error below 1.2·10⁻⁹), which needs no logarithm in the central 95%.
     */
    double gaussian() {
        double p = ((nextLong() >>> 11) + 0.5) * 0x1.0p-53;
        if (p < P_LOW) {
            return tail(p);
        }
        if (p > 1 - P_LOW) {
            return -tail(1 - p);
        }
        double q = p - 0.5;
        double r = q * q;
        return (((((A1 * r + A2) * r + A3) * r + A4) * r + A5) * r + A6) * q
                / (((((B1 * r + B2) * r + B3) * r + B4) * r + B5) * r + 1);
    }

    private static double tail(double p) {
        double q = StrictMath.sqrt(-2 * StrictMath.log(p));
        return (((((C1 * q + C2) * q + C3) * q + C4) * q + C5) * q + C6)
                / ((((D1 * q + D2) * q + D3) * q + D4) * q + 1);
    }

    private static final double P_LOW = 0.02425;
    private static final double A1 = -3.969683028665376e+01;
    private static final double A2 = 2.209460984245205e+02;
    private static final double A3 = -2.759285104469687e+02;
    private static final double A4 = 1.383577518672690e+02;
    private static final double A5 = -3.066479806614716e+01;
    private static final double A6 = 2.506628277459239e+00;
    private static final double B1 = -5.447609879822406e+01;
    private static final double B2 = 1.615858368580409e+02;
    private static final double B3 = -1.556989798598866e+02;
    private static final double B4 = 6.680131188771972e+01;
    private static final double B5 = -1.328068155288572e+01;
    private static final double C1 = -7.784894002430293e-03;
    private static final double C2 = -3.223964580411365e-01;
    private static final double C3 = -2.400758277161838e+00;
    private static final double C4 = -2.549732539343734e+00;
    private static final double C5 = 4.374664141464968e+00;
    private static final double C6 = 2.938163982698783e+00;
    private static final double D1 = 7.784695709041462e-03;
    private static final double D2 = 3.224671290700398e-01;
    private static final double D3 = 2.445134137142996e+00;
    private static final double D4 = 3.754408661907416e+00;

    /**
     * A cheap approximately standard normal: the sum of four uniforms (16 bits each, from one
     * 64-bit number), centred and scaled to variance 1 (Irwin–Hall), so within ±2√3. For the
     * many small random steps of the accounts' drift, where the shape of the far tails does not
     * matter.
     */
    double roughGaussian() {
        long x = nextLong();
        long sum = (x & 0xFFFF) + (x >>> 16 & 0xFFFF) + (x >>> 32 & 0xFFFF) + (x >>> 48);
        return ((sum + 2) * 0x1.0p-16 - 2) * SQRT3;
    }

    /**
     * {@code e^x} to a relative 10⁻¹⁴ for {@code |x| ≤ 700} (clamped there), in
     * plain arithmetic: Cody–Waite reduction by {@code ln 2} and a degree-11 Taylor polynomial.
     * Deterministic like {@link StrictMath#exp} and several times faster; for weights.
     */
    static double exp(double x) {
        double y = Math.max(-700, Math.min(700, x));
        double k = Math.floor(y * LOG2E + 0.5);
        double r = (y - k * LN2_HI) - k * LN2_LO;
        double p = 1 + r * (1 + r * (E2 + r * (E3 + r * (E4 + r * (E5 + r * (E6 + r * (E7 + r * (E8
                + r * (E9 + r * (E10 + r * E11))))))))));
        return p * Double.longBitsToDouble(((long) k + 1023) << 52);
    }

    private static final double SQRT3 = 1.7320508075688772;
    private static final double LOG2E = 1.4426950408889634;
    private static final double LN2_HI = 6.93147180369123816490e-01;
    private static final double LN2_LO = 1.90821492927058770002e-10;
    private static final double E2 = 1.0 / 2;
    private static final double E3 = 1.0 / 6;
    private static final double E4 = 1.0 / 24;
    private static final double E5 = 1.0 / 120;
    private static final double E6 = 1.0 / 720;
    private static final double E7 = 1.0 / 5040;
    private static final double E8 = 1.0 / 40320;
    private static final double E9 = 1.0 / 362880;
    private static final double E10 = 1.0 / 3628800;
    private static final double E11 = 1.0 / 39916800;

    /** Log-normal with the given median and log-scale standard deviation. */
    double logNormal(double median, double sigma) {
        return median * StrictMath.exp(sigma * gaussian());
    }

    /** Pareto with minimum 1 and tail index {@code alpha}: {@code P(X > x) = x^-alpha}. */
    double pareto(double alpha) {
        return StrictMath.exp(exponential() / alpha);
    }

    /** Poisson by inversion of products (Knuth); for the small means used here (below 30). */
    int poisson(double mean) {
        double limit = StrictMath.exp(-mean);
        double product = nextDouble();
        int k = 0;
        while (product > limit) {
            product *= nextDouble();
            k++;
        }
        return k;
    }

    /** Geometric on {0, 1, 2, …} with the given mean. */
    int geometric(double mean) {
        if (mean <= 0) {
            return 0;
        }
        double q = mean / (1 + mean);
        return (int) Math.floor(StrictMath.log1p(-nextDouble()) / StrictMath.log(q));
    }

    /** A uniformly random permutation of {@code [0, n)} (Fisher–Yates). */
    int[] permutation(int n) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }
}
