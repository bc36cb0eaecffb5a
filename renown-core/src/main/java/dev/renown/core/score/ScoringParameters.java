package dev.renown.core.score;

import dev.renown.core.event.InteractionKind;
import dev.renown.core.integrity.Defences;

import java.time.Duration;
import java.util.Arrays;

/**
 * Every number the score depends on, in one validated, immutable record.
 *
 * <p>The defaults are named constants. Kind weights say how much one interaction of each kind
 * is worth before decay and diminishing returns; signal weights say how much each signal's
 * doublings count towards the score (they are normalised to sum to one).
 *
 * @param window          only interactions in {@code (asOf - window, asOf]} count
 * @param halfLives       per {@link SignalKind} ordinal: an interaction this old counts half as much as a fresh
 *                        one in that signal
 * @param kindWeights     weight of one interaction per {@link InteractionKind} ordinal
 * @param signalWeights   weight per {@link SignalKind} ordinal; normalised to sum to one
 * @param damping         propagation damping {@code d} of {@link dev.renown.core.graph.InfluencePropagation}
 * @param maxIterations   propagation iteration cap
 * @param tolerance       propagation stops when every account's standing is within this relative error of the
 *                        exact solution ({@link dev.renown.core.graph.InfluencePropagation}: a score moves by at
 *                        most 7.2 times this, in points)
 * @param priorPosts      virtual posts added to every account's post count in amplification
 * @param saturationBits  weighted doublings that map to a score of 100
 * @param threads         threads for propagation
 * @param defences        which integrity defences are on ({@link dev.renown.core.integrity.EngagerVoices})
 * @param recentShare     share {@code μ} of reach counted at the short timescale ({@link Reach})
 * @param recentHalfLife  reach's short half-life {@code h_s}
 */
public record ScoringParameters(
        Duration window,
        Duration[] halfLives,
        double[] kindWeights,
        double[] signalWeights,
        double damping,
        int maxIterations,
        double tolerance,
        double priorPosts,
        double saturationBits,
        int threads,
        Defences defences,
        double recentShare,
        Duration recentHalfLife) {

    public static final Duration WINDOW_DEFAULT = Duration.ofDays(90);
    public static final Duration HALF_LIFE_DEFAULT = Duration.ofDays(30);
    public static final double DAMPING_DEFAULT = 0.85;
    /** Enough for the default tolerance on graphs whose slowest part converges at the rate {@code d}. */
    public static final int MAX_ITERATIONS_DEFAULT = 200;
    /** Scores and points move by at most 7·10⁻⁵ points; see {@link dev.renown.core.graph.InfluencePropagation}. */
    public static final double TOLERANCE_DEFAULT = 1e-5;
    public static final double PRIOR_POSTS_DEFAULT = 1.0;
    public static final double SATURATION_BITS_DEFAULT = 20.0;
    /** Reach's doublings counted at the short half-life, in the priors. */
    public static final double RECENT_SHARE_DEFAULT = 0.5;
    public static final Duration RECENT_HALF_LIFE_DEFAULT = Duration.ofDays(1);

    /** Weights of repost, quote, reply, mention, like, follow. */
    private static final double[] KIND_WEIGHTS_DEFAULT = {1.0, 1.0, 1.0, 0.5, 0.25, 0.1};
    /**
     * Weights of reach, amplification, network impact, conversation, outreach: the documented
     * priors ({@link dev.renown.core.validation.Calibrator}), used when the data has too little
     * history to fit them on. Out of the box, scoring replaces them by weights fitted on the data's
     * own past whenever it can.
     */
    private static final double[] SIGNAL_WEIGHTS_DEFAULT = {0.9, 0.0, 0.0, 0.1, 0.0};

    public ScoringParameters {
        requirePositive(window, "window");
        if (halfLives == null || halfLives.length != SignalKind.count()) {
            throw new IllegalArgumentException("need one half-life per signal");
        }
        halfLives = halfLives.clone();
        for (Duration h : halfLives) {
            requirePositive(h, "half-life");
        }
        if (!(recentShare >= 0 && recentShare <= 1)) {
            throw new IllegalArgumentException("recent share must be in [0, 1]: " + recentShare);
        }
        requirePositive(recentHalfLife, "recent half-life");
        if (defences == null) {
            throw new IllegalArgumentException("defences must be given (Defences.none() for none)");
        }
        kindWeights = checkedWeights(kindWeights, InteractionKind.count(), "kind weights");
        signalWeights = checkedWeights(signalWeights, SignalKind.count(), "signal weights");
        double sum = Arrays.stream(signalWeights).sum();
        if (!(sum > 0)) {
            throw new IllegalArgumentException("signal weights must not all be zero");
        }
        for (int i = 0; i < signalWeights.length; i++) {
            signalWeights[i] /= sum;
        }
        if (!(damping > 0 && damping < 1)) {
            throw new IllegalArgumentException("damping must be in (0, 1): " + damping);
        }
        if (maxIterations < 1) {
            throw new IllegalArgumentException("max iterations must be at least 1: " + maxIterations);
        }
        if (!(tolerance >= 0)) {
            throw new IllegalArgumentException("tolerance must be >= 0: " + tolerance);
        }
        if (!(priorPosts > 0) || Double.isInfinite(priorPosts)) {
            throw new IllegalArgumentException("prior posts must be positive: " + priorPosts);
        }
        if (!(saturationBits > 0) || Double.isInfinite(saturationBits)) {
            throw new IllegalArgumentException("saturation bits must be positive: " + saturationBits);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1: " + threads);
        }
    }

    /**
     * The defaults — the documented priors for weights and timescales, every defence on — using
     * every available processor.
     */
    public static ScoringParameters defaults() {
        return new ScoringParameters(WINDOW_DEFAULT, uniform(HALF_LIFE_DEFAULT), KIND_WEIGHTS_DEFAULT,
                SIGNAL_WEIGHTS_DEFAULT, DAMPING_DEFAULT, MAX_ITERATIONS_DEFAULT, TOLERANCE_DEFAULT,
                PRIOR_POSTS_DEFAULT, SATURATION_BITS_DEFAULT, Runtime.getRuntime().availableProcessors(),
                Defences.all(), RECENT_SHARE_DEFAULT, RECENT_HALF_LIFE_DEFAULT);
    }

    private static Duration[] uniform(Duration d) {
        Duration[] all = new Duration[SignalKind.count()];
        Arrays.fill(all, d);
        return all;
    }

    /** The half-life of one signal. */
    public Duration halfLife(SignalKind signal) {
        return halfLives[signal.ordinal()];
    }

    /**
     * The half-life shared by every signal; when they differ, that of reach, the signal whose
     * recency matters most.
     */
    public Duration halfLife() {
        return halfLives[SignalKind.REACH.ordinal()];
    }

    /** Whether every signal has the same half-life. */
    public boolean uniformHalfLife() {
        for (Duration h : halfLives) {
            if (!h.equals(halfLives[0])) {
                return false;
            }
        }
        return true;
    }

    @Override
    public Duration[] halfLives() {
        return halfLives.clone();
    }

    public double kindWeight(InteractionKind kind) {
        return kindWeights[kind.ordinal()];
    }

    public double signalWeight(SignalKind signal) {
        return signalWeights[signal.ordinal()];
    }

    @Override
    public double[] kindWeights() {
        return kindWeights.clone();
    }

    @Override
    public double[] signalWeights() {
        return signalWeights.clone();
    }

    public ScoringParameters withWindow(Duration value) {
        return new ScoringParameters(value, halfLives, kindWeights, signalWeights, damping, maxIterations,
                tolerance, priorPosts, saturationBits, threads, defences, recentShare, recentHalfLife);
    }

    /** The same half-life for every signal. */
    public ScoringParameters withHalfLife(Duration value) {
        return withHalfLives(uniform(value));
    }

    /** One half-life per signal, in {@link SignalKind} order. */
    public ScoringParameters withHalfLives(Duration... value) {
        return new ScoringParameters(window, value, kindWeights, signalWeights, damping, maxIterations,
                tolerance, priorPosts, saturationBits, threads, defences, recentShare, recentHalfLife);
    }

    public ScoringParameters withKindWeights(double... value) {
        return new ScoringParameters(window, halfLives, value, signalWeights, damping, maxIterations,
                tolerance, priorPosts, saturationBits, threads, defences, recentShare, recentHalfLife);
    }

    public ScoringParameters withSignalWeights(double... value) {
        return new ScoringParameters(window, halfLives, kindWeights, value, damping, maxIterations,
                tolerance, priorPosts, saturationBits, threads, defences, recentShare, recentHalfLife);
    }

    public ScoringParameters withDamping(double value) {
        return new ScoringParameters(window, halfLives, kindWeights, signalWeights, value, maxIterations,
                tolerance, priorPosts, saturationBits, threads, defences, recentShare, recentHalfLife);
    }

    public ScoringParameters withThreads(int value) {
        return new ScoringParameters(window, halfLives, kindWeights, signalWeights, damping, maxIterations,
                tolerance, priorPosts, saturationBits, value, defences, recentShare, recentHalfLife);
    }

    /** Reach counted with a share {@code μ} at the short half-life {@code h_s} ({@link Reach}). */
    public ScoringParameters withRecentReach(double share, Duration halfLife) {
        return new ScoringParameters(window, halfLives, kindWeights, signalWeights, damping, maxIterations,
                tolerance, priorPosts, saturationBits, threads, defences, share, halfLife);
    }

    public ScoringParameters withDefences(Defences value) {
        return new ScoringParameters(window, halfLives, kindWeights, signalWeights, damping, maxIterations,
                tolerance, priorPosts, saturationBits, threads, value, recentShare, recentHalfLife);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ScoringParameters p
                && window.equals(p.window) && Arrays.equals(halfLives, p.halfLives) && defences.equals(p.defences)
                && recentShare == p.recentShare && recentHalfLife.equals(p.recentHalfLife)
                && Arrays.equals(kindWeights, p.kindWeights) && Arrays.equals(signalWeights, p.signalWeights)
                && damping == p.damping && maxIterations == p.maxIterations && tolerance == p.tolerance
                && priorPosts == p.priorPosts && saturationBits == p.saturationBits && threads == p.threads;
    }

    @Override
    public int hashCode() {
        return 31 * (31 * window.hashCode() + Arrays.hashCode(kindWeights)) + Arrays.hashCode(signalWeights);
    }

    @Override
    public String toString() {
        return "ScoringParameters[window=" + window + ", halfLives=" + Arrays.toString(halfLives)
                + ", kindWeights=" + Arrays.toString(kindWeights)
                + ", signalWeights=" + Arrays.toString(signalWeights)
                + ", damping=" + damping + ", maxIterations=" + maxIterations + ", tolerance=" + tolerance
                + ", priorPosts=" + priorPosts + ", saturationBits=" + saturationBits + ", threads=" + threads
                + ", defences=" + defences.describe() + ", recentShare=" + recentShare
                + ", recentHalfLife=" + recentHalfLife + "]";
    }

    private static void requirePositive(Duration d, String what) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(what + " must be a positive duration: " + d);
        }
    }

    private static double[] checkedWeights(double[] weights, int length, String what) {
        if (weights == null || weights.length != length) {
            throw new IllegalArgumentException(what + " must have " + length + " values");
        }
        for (double w : weights) {
            if (!(w >= 0) || Double.isInfinite(w)) {
                throw new IllegalArgumentException(what + " must be finite and >= 0: " + Arrays.toString(weights));
            }
        }
        return weights.clone();
    }
}
