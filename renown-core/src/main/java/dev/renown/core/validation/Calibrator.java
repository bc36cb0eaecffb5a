package dev.renown.core.validation;

import dev.renown.core.event.EventTable;
import dev.renown.core.event.InteractionKind;
import dev.renown.core.score.ScoringParameters;
import dev.renown.core.score.SignalKind;
import it.unimi.dsi.fastutil.longs.LongOpenHashSet;

import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * Chooses the signal weights and timescales for the data at hand, out of the box: fitted on the
 * data's own past by rolling folds ({@link Fit}) when it holds enough history, the documented
 * {@link #priors priors} when it does not.
 *
 * <p><b>Enough history.</b> Folds end at the scoring instant and step back by a horizon
 * {@code H}, the shortest of {@link #HORIZONS} (a day, a week, a month) for which at least
 * {@value #MIN_FOLDS} of {@value #FOLDS} folds are usable: a fold is usable when at least
 * {@value #MIN_ENGAGED} accounts that were active before its split were engaged in its test
 * period — fewer, and its metrics are noise. A day suits a stream of tweets; a Q&amp;A site with
 * a few hundred answers a day moves to a week.
 *
 * <p><b>Priors.</b> Without enough history the weights are a judgement, not a fit: reach
 * {@value #PRIOR_REACH} and conversation {@value #PRIOR_CONVERSATION} (people who engage, and
 * whether they talk), the other three signals shown but unweighted, and reach's doublings counted
 * {@value #PRIOR_RECENT_SHARE} at a half-life of one day beside the base half-life. They are what
 * the fits on every data set we could check agree on (docs/validation.md), rounded, and are meant
 * to be replaced by a fit as soon as the data allows.
 */
public final class Calibrator {

    /** Horizons tried, shortest first. */
    public static final List<Duration> HORIZONS = List.of(Duration.ofDays(1), Duration.ofDays(7), Duration.ofDays(30));
    public static final int FOLDS = 3;
    public static final int MIN_FOLDS = 2;
    public static final int MIN_ENGAGED = 100;
    public static final double PRIOR_REACH = 0.9;
    public static final double PRIOR_CONVERSATION = 0.1;
    public static final double PRIOR_RECENT_SHARE = ScoringParameters.RECENT_SHARE_DEFAULT;
    public static final Duration PRIOR_RECENT_HALF_LIFE = ScoringParameters.RECENT_HALF_LIFE_DEFAULT;
    /** Grid step of the fit's weight search. */
    public static final double STEP = 0.2;

    private Calibrator() {
    }

    /**
     * What {@link #calibrate} chose, and why.
     *
     * @param parameters the parameters to score with
     * @param fitted     true when fitted on the data, false for the priors
     * @param reason     one sentence: how the parameters were chosen
     * @param horizon    the folds' horizon (null for the priors)
     * @param fit        the fit (null for the priors)
     */
    public record Calibration(ScoringParameters parameters, boolean fitted, String reason, Duration horizon,
                              Fit.Result fit) {
    }

    /** {@code base} with the prior weights and timescales. */
    public static ScoringParameters priors(ScoringParameters base) {
        double[] weights = new double[SignalKind.count()];
        weights[SignalKind.REACH.ordinal()] = PRIOR_REACH;
        weights[SignalKind.CONVERSATION.ordinal()] = PRIOR_CONVERSATION;
        return base.withSignalWeights(weights).withRecentReach(PRIOR_RECENT_SHARE, PRIOR_RECENT_HALF_LIFE);
    }

    /**
     * Calibrates on the interactions of {@code table} up to {@code asOfMillis} (inclusive): nothing
     * later is read.
     *
     * @param base the parameters whose window, defences, kind weights and half-life are kept
     */
    public static Calibration calibrate(EventTable table, long asOfMillis, ScoringParameters base,
                                        IntConsumer progress) {
        long end = asOfMillis + 1;
        for (Duration horizon : HORIZONS) {
            int usable = usableFolds(table, end, horizon, base.window());
            if (usable >= MIN_FOLDS) {
                Fit.Result fit = new Fit(priors(base), STEP).fit(table, end, horizon, usable, progress);
                String reason = String.format(java.util.Locale.ROOT,
                        "fitted on the data's own past: %d folds of %s before the scoring time, each judged on "
                                + "who got engaged next (lead over the best simple count: Spearman %+.4f, NDCG@100 %+.4f)",
                        fit.folds().size(), describe(horizon), fit.spearmanLead(), fit.ndcgLead());
                return new Calibration(fit.parameters(), true, reason, horizon, fit);
            }
        }
        return new Calibration(priors(base), false, "documented priors: the data has too little history to fit on "
                + "(fewer than " + MIN_FOLDS + " folds of a day, a week or a month with " + MIN_ENGAGED
                + " accounts engaged in each)", null, null);
    }

    private static String describe(Duration d) {
        long days = d.toDays();
        return days == 1 ? "1 day" : days + " days";
    }

    /**
     * Folds {@code j = 1..FOLDS} of {@code horizon} ending at {@code end} whose test period
     * {@code [T_j, T_j + H)} has at least {@link #MIN_ENGAGED} engaged accounts active in the
     * window before {@code T_j}; counted from the most recent back, stopping at the first unusable
     * fold (older ones have less history still).
     */
    static int usableFolds(EventTable table, long end, Duration horizon, Duration window) {
        int usable = 0;
        for (int j = 1; j <= FOLDS; j++) {
            long split = end - j * horizon.toMillis();
            long from = split - window.toMillis();
            BitSet active = new BitSet(table.accounts().size());
            for (int e = 0; e < table.size(); e++) {
                long t = table.timeMillis(e);
                if (t > from && t < split && !table.isSelfInteraction(e)) {
                    active.set(table.actor(e));
                    active.set(table.target(e));
                }
            }
            LongOpenHashSet engaged = new LongOpenHashSet();
            for (int e = 0; e < table.size(); e++) {
                long t = table.timeMillis(e);
                if (t >= split && t < split + horizon.toMillis() && !table.isSelfInteraction(e)
                        && table.kind(e) != InteractionKind.LIKE && table.kind(e) != InteractionKind.FOLLOW
                        && active.get(table.target(e))) {
                    engaged.add(table.target(e));
                }
            }
            if (engaged.size() < MIN_ENGAGED) {
                break;
            }
            usable++;
        }
        return usable;
    }

    /**
     * The weights and timescales of {@code p} as one line:
     * {@code weights=0.9,0,0,0.1,0 half_lives=P30D,P30D,P30D,P30D,P30D recent_share=0.5 recent_half_life=P1D}
     * (signals in {@link SignalKind} order, durations in ISO-8601), read back by {@link #decode}.
     */
    public static String encode(ScoringParameters p) {
        StringBuilder b = new StringBuilder("weights=");
        double[] w = p.signalWeights();
        for (int s = 0; s < w.length; s++) {
            b.append(s == 0 ? "" : ",").append(w[s]);
        }
        b.append(" half_lives=");
        Duration[] h = p.halfLives();
        for (int s = 0; s < h.length; s++) {
            b.append(s == 0 ? "" : ",").append(h[s]);
        }
        return b.append(" recent_share=").append(p.recentShare()).append(" recent_half_life=")
                .append(p.recentHalfLife()).toString();
    }

    /** {@code base} with the weights and timescales {@link #encode} wrote. */
    public static ScoringParameters decode(String text, ScoringParameters base) {
        ScoringParameters p = base;
        for (String field : text.trim().split("\\s+")) {
            int eq = field.indexOf('=');
            if (eq < 0) {
                throw new IllegalArgumentException("not a calibration: " + text);
            }
            String key = field.substring(0, eq);
            String[] values = field.substring(eq + 1).split(",");
            switch (key) {
                case "weights": {
                    double[] w = new double[values.length];
                    for (int i = 0; i < w.length; i++) {
                        w[i] = Double.parseDouble(values[i]);
                    }
                    p = p.withSignalWeights(w);
                    break;
                }
                case "half_lives": {
                    Duration[] h = new Duration[values.length];
                    for (int i = 0; i < h.length; i++) {
                        h[i] = Duration.parse(values[i]);
                    }
                    p = p.withHalfLives(h);
                    break;
                }
                case "recent_share":
                    p = p.withRecentReach(Double.parseDouble(values[0]), p.recentHalfLife());
                    break;
                case "recent_half_life":
                    p = p.withRecentReach(p.recentShare(), Duration.parse(values[0]));
                    break;
                default:
                    throw new IllegalArgumentException("unknown calibration field '" + key + "'");
            }
        }
        return p;
    }

    /** The folds' splits a calibration used, most recent first. */
    public static List<Long> splits(Calibration c) {
        List<Long> splits = new ArrayList<>();
        if (c.fit() != null) {
            for (Fit.FoldResult f : c.fit().folds()) {
                splits.add(f.splitMillis());
            }
        }
        return splits;
    }
}
