package dev.renown.sources.synthetic;

/**
 * The times of the {@code n} lines of a generated file: {@code n} points of a Poisson process
 * with a daily and weekly rhythm on {@code [start, end)}, conditioned on there being exactly
 * {@code n}, handed out in increasing order one at a time in {@code O(1)} memory.
 *
 * <p>The rhythm is an intensity {@code r(t)} constant over each minute of the week (UTC):
 * {@code r = (1 + a·cos(2π(h − peak)/24)) · (weekend ? w : 1)} with {@code h} the hour of the
 * day at the middle of the minute. With {@code Λ} its integral, the points are
 * {@code Λ⁻¹(Λ(start) + u_k·(Λ(end) − Λ(start)))} for the order statistics {@code u_1 ≤ … ≤ u_n}
 * of {@code n} uniform variables, drawn in increasing order by
 * {@code 1 − u_k = (1 − u_{k−1}) · exp(−E_k/(n − k + 1))} with {@code E_k} exponential (the
 * minimum of the {@code n − k + 1} uniforms still above {@code u_{k−1}}). Each point costs a
 * logarithm, an exponential and a binary search over the 10,080 minutes of a week.
 */
final class SlotClock {

    static final int MINUTES_PER_WEEK = 7 * 24 * 60;
    private static final long SECONDS_PER_WEEK = MINUTES_PER_WEEK * 60L;
    /** Monday 1969-12-29T00:00:00Z, in seconds since the epoch: weeks start on Mondays. */
    private static final long WEEK_ORIGIN = -3 * 86_400L;

    private final double[] rate = new double[MINUTES_PER_WEEK];
    /** {@code cumulative[m]}: integral of the rate from the start of the week to minute {@code m}. */
    private final double[] cumulative = new double[MINUTES_PER_WEEK + 1];
    private final long startSecond;
    private final long endSecond;
    private final double from;
    private final double width;
    private final long n;
    private final Rng rng;
    private long drawn;
    private int hint;
    /** {@code 1 − u_k}. */
    private double remaining = 1;

    /**
     * @param amplitude     daily swing {@code a} in {@code [0, 1)}: the busiest hour has
     *                      {@code (1 + a)/(1 − a)} times the rate of the quietest
     * @param peakHour      hour of the day (UTC) with the highest rate
     * @param weekendFactor rate on Saturdays and Sundays relative to weekdays
     */
    SlotClock(long startSecond, long endSecond, long n, double amplitude, double peakHour, double weekendFactor,
              Rng rng) {
        this.startSecond = startSecond;
        this.endSecond = endSecond;
        this.n = n;
        this.rng = rng;
        for (int m = 0; m < MINUTES_PER_WEEK; m++) {
            double hour = (m % (24 * 60) + 0.5) / 60.0;
            int day = m / (24 * 60);
            double daily = 1 + amplitude * StrictMath.cos(2 * StrictMath.PI * (hour - peakHour) / 24.0);
            rate[m] = daily * (day >= 5 ? weekendFactor : 1.0);
            cumulative[m + 1] = cumulative[m] + rate[m];
        }
        this.from = integral(startSecond);
        this.width = integral(endSecond) - from;
    }

    /** Points handed out so far. */
    long drawn() {
        return drawn;
    }

    /**
     * The next point, as a whole second in {@code [start, end)}.
     *
     * @throws IllegalStateException after {@code n} points
     */
    long next() {
        if (drawn >= n) {
            throw new IllegalStateException("all " + n + " points were drawn");
        }
        remaining *= Rng.exp(-rng.exponential() / (n - drawn));
        drawn++;
        double u = 1 - remaining;
        long second = (long) Math.floor(inverse(from + u * width));
        return Math.max(startSecond, Math.min(endSecond - 1, second));
    }

    /** {@code Λ(t)} in rate-minutes from the week origin. */
    double integral(double second) {
        double x = second - WEEK_ORIGIN;
        double weeks = Math.floor(x / SECONDS_PER_WEEK);
        double within = (x - weeks * SECONDS_PER_WEEK) / 60.0;
        int m = Math.min(MINUTES_PER_WEEK - 1, (int) within);
        return weeks * cumulative[MINUTES_PER_WEEK] + cumulative[m] + rate[m] * (within - m);
    }

    /** The second {@code t} with {@code Λ(t) = y}. */
    double inverse(double y) {
        double perWeek = cumulative[MINUTES_PER_WEEK];
        double weeks = Math.floor(y / perWeek);
        double rest = y - weeks * perWeek;
        int m = hint;
        // Points come in increasing order: the minute is usually the last one or just after it.
        for (int step = 0; step < 4 && !(cumulative[m] <= rest && rest < cumulative[m + 1]); step++) {
            m = m + 1 < MINUTES_PER_WEEK ? m + 1 : 0;
        }
        if (!(cumulative[m] <= rest && rest < cumulative[m + 1])) {
            int lo = 0;
            int hi = MINUTES_PER_WEEK - 1;
            while (lo < hi) {
                int mid = (lo + hi + 1) >>> 1;
                if (cumulative[mid] <= rest) {
                    lo = mid;
                } else {
                    hi = mid - 1;
                }
            }
            m = lo;
        }
        hint = m;
        double minutes = m + Math.min(1.0, (rest - cumulative[m]) / rate[m]);
        return WEEK_ORIGIN + weeks * SECONDS_PER_WEEK + minutes * 60.0;
    }
}
