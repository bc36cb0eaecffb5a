package dev.renown.core.score;

import dev.renown.core.graph.InteractionGraph;

import java.util.Arrays;
import java.util.Locale;

/**
 * One label per scored account for the kind of influence it has, after Klout's style matrix
 * (2011: sixteen styles on a grid whose axes were listening–participating, sharing–creating,
 * casual–consistent and broad–focused). Renown reads no content, so its labels say instead in
 * which signal an account stands out among the day's accounts:
 * <pre>
 *   partners(v) = engagers(v) + engaged(v)            accounts, once per direction, with engagement
 *   p_s(v)      = 100 · (below + equal/2) / n         percentile of x_s(v) among the n scored accounts
 *   σ(v)        = argmax { p_s(v) : x_s(v) > 0 }      the standout; exact ties go to the earlier signal
 * </pre>
 * and then, first rule that applies:
 * <ol>
 *   <li>{@link Label#QUIET} if {@code partners(v) < }{@link #MIN_PARTNERS}, or no signal is above 0;</li>
 *   <li>{@link Label#BROADCASTER} if {@code σ} is reach or amplification;</li>
 *   <li>{@link Label#SPECIALIST} if {@code σ} is network impact;</li>
 *   <li>{@link Label#CONVERSATIONALIST} if {@code σ} is conversation;</li>
 *   <li>{@link Label#CURATOR} if {@code σ} is outreach and {@code p_reach > }{@link #AUDIENCE_PERCENTILE};</li>
 *   <li>{@link Label#EXPLORER} if {@code σ} is outreach otherwise.</li>
 * </ol>
 * Percentiles, not shares of points: points follow the signal weights, which are calibrated on
 * the data and are 0 for three of the five signals in the priors, so a points rule would label
 * by what the fit rewards rather than by what the account does. A percentile is unit-free and
 * needs no constant fitted to one data set; it is the percentile explanations show. A signal few
 * accounts have at all stands out as soon as an account has some of it: that is the point.
 * Labels are relative to the day's board and do not change any score.
 *
 * <p>{@link #labels(ScoreBoard)} labels a whole board in {@code O(k·n + m)} after the board's
 * sort of each signal's nodes (which explanations share), with no boxing and no strings;
 * {@link #of(ScoreBoard, int)} gives one account's label with the reason.
 */
public final class Style {

    /** Partners (accounts that engaged it plus accounts it engaged) an account needs for a style. */
    public static final int MIN_PARTNERS = 3;
    /** Reach percentile above which an outreach standout has an audience of its own (the median). */
    public static final double AUDIENCE_PERCENTILE = 50.0;

    /** Relative difference within which a value off the board ties with an account's value. */
    public static final double OFF_BOARD_TIE = 1e-9;

    private static final int REACH = SignalKind.REACH.ordinal();

    private Style() {
    }

    /** The labels, with the names they have in JSON. */
    public enum Label {
        /** Reach or amplification stands out: an audience that engages and passes things on. */
        BROADCASTER("its audience stands out: reach or amplification"),
        /** Network impact stands out: engaged by accounts of standing more than by many. */
        SPECIALIST("influential engagers stand out more than their number: network impact"),
        /** Conversation stands out: replies and mentions, dialogue both ways. */
        CONVERSATIONALIST("dialogue stands out: conversation"),
        /** Outreach stands out, with an audience of its own above the day's median. */
        CURATOR("engaging others stands out, with an audience of its own"),
        /** Outreach stands out, with little audience of its own. */
        EXPLORER("engaging others stands out, with little audience of its own"),
        /** Too few accounts on either side to say. */
        QUIET("too few partners to tell a style");

        private final String description;

        Label(String description) {
            this.description = description;
        }

        /** Name in JSON and text: the lower-case enum name. */
        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** One line on what the label means. */
        public String description() {
            return description;
        }
    }

    /**
     * A label and why: the signal that stood out and its percentile, the runner-up, and for
     * outreach the reach percentile against {@link #AUDIENCE_PERCENTILE}; or the partners
     * against {@link #MIN_PARTNERS}.
     */
    public record Verdict(Label label, String reason) {
    }

    /**
     * The rule on plain arrays, in {@link SignalKind} order: what any caller with values and
     * percentiles uses (a person's values judged against a board: {@link #of(ScoreBoard, double[], int)}).
     *
     * @param values      raw signal values, {@code ≥ 0}
     * @param percentiles their percentiles in {@code [0, 100]} among the day's scored accounts
     * @param partners    accounts that engaged it plus accounts it engaged
     */
    public static Verdict classify(double[] values, double[] percentiles, int partners) {
        int k = SignalKind.count();
        if (values.length != k || percentiles.length != k) {
            throw new IllegalArgumentException("need " + k + " values and percentiles, got " + values.length
                    + " and " + percentiles.length);
        }
        int standout = standout(values, percentiles);
        Label label = label(standout, percentiles[REACH], partners);
        return new Verdict(label, reason(label, standout, values, percentiles, partners));
    }

    /** Node {@code v}'s style on its board, with the reason. */
    public static Verdict of(ScoreBoard board, int v) {
        double[] values = new double[SignalKind.count()];
        double[] percentiles = new double[SignalKind.count()];
        for (SignalKind kind : SignalKind.values()) {
            values[kind.ordinal()] = board.value(kind, v);
            percentiles[kind.ordinal()] = board.percentile(kind, values[kind.ordinal()]);
        }
        return classify(values, percentiles, partners(board.graph(), v));
    }

    /**
     * The style of a row of signal values that need not be an account's — a person's
     * ({@code PersonScore.style}) — judged by its percentiles among the board's accounts. Such a
     * value is summed in another order than the accounts' own, so it ties with every account value
     * within a relative {@link #OFF_BOARD_TIE} of it: a person of one account gets the account's
     * percentiles, and its style.
     */
    public static Verdict of(ScoreBoard board, double[] values, int partners) {
        if (values.length != SignalKind.count()) {
            throw new IllegalArgumentException("need " + SignalKind.count() + " values, got " + values.length);
        }
        double[] percentiles = new double[values.length];
        for (SignalKind kind : SignalKind.values()) {
            int s = kind.ordinal();
            int[] nodes = board.nodesByValue(kind);
            Signal signal = board.signal(kind);
            int below = ScoreBoard.lowerBound(nodes, signal::value, values[s] * (1 - OFF_BOARD_TIE));
            int upTo = ScoreBoard.lowerBound(nodes, signal::value, Math.nextUp(values[s] * (1 + OFF_BOARD_TIE)));
            percentiles[s] = nodes.length == 0 ? 0 : 100.0 * (below + 0.5 * (upTo - below)) / nodes.length;
        }
        return classify(values, percentiles, partners);
    }

    /**
     * Every node's label, indexed by node. One sweep per signal over the board's nodes in order
     * of value gives each node's percentile (equal values together, as {@link ScoreBoard#percentile}
     * counts them) and keeps the highest so far; one pass over the edges counts partners.
     */
    public static Label[] labels(ScoreBoard board) {
        int n = board.size();
        double[] best = new double[n];
        byte[] standout = new byte[n];
        double[] reach = new double[n];
        Arrays.fill(standout, (byte) -1);
        for (SignalKind kind : SignalKind.values()) {
            final Signal signal = board.signal(kind);
            final int[] nodes = board.nodesByValue(kind);
            final byte s = (byte) kind.ordinal();
            int i = 0;
            while (i < n) {
                final double x = signal.value(nodes[i]);
                int end = i + 1;
                while (end < n && signal.value(nodes[end]) == x) {
                    end++;
                }
                double p = 100.0 * (i + 0.5 * (end - i)) / n;
                for (; i < end; i++) {
                    int v = nodes[i];
                    if (s == REACH) {
                        reach[v] = p;
                    }
                    // Signals come in SignalKind order and only a higher percentile replaces: ties go to the earlier.
                    if (x > 0 && (standout[v] < 0 || p > best[v])) {
                        best[v] = p;
                        standout[v] = s;
                    }
                }
            }
        }
        InteractionGraph g = board.graph();
        Label[] labels = new Label[n];
        for (int v = 0; v < n; v++) {
            labels[v] = label(standout[v], reach[v], partners(g, v));
        }
        return labels;
    }

    /**
     * Accounts that engaged {@code v} plus accounts {@code v} engaged: its edges with engagement, in
     * and out (follows alone do not count).
     */
    public static int partners(InteractionGraph g, int v) {
        int partners = 0;
        for (int e = g.inStart(v); e < g.inEnd(v); e++) {
            partners += g.hasEngagement(e) ? 1 : 0;
        }
        InteractionGraph.OutEdges out = g.outEdges();
        for (int i = out.start(v); i < out.end(v); i++) {
            partners += g.hasEngagement(out.edge(i)) ? 1 : 0;
        }
        return partners;
    }

    /** {@code σ}: the signal above 0 with the highest percentile, the earlier on ties; -1 if none is above 0. */
    private static int standout(double[] values, double[] percentiles) {
        int best = -1;
        for (int s = 0; s < values.length; s++) {
            if (values[s] > 0 && (best < 0 || percentiles[s] > percentiles[best])) {
                best = s;
            }
        }
        return best;
    }

    private static Label label(int standout, double reachPercentile, int partners) {
        if (partners < MIN_PARTNERS || standout < 0) {
            return Label.QUIET;
        }
        return switch (SignalKind.ofOrdinal(standout)) {
            case REACH, AMPLIFICATION -> Label.BROADCASTER;
            case NETWORK_IMPACT -> Label.SPECIALIST;
            case CONVERSATION -> Label.CONVERSATIONALIST;
            case OUTREACH -> reachPercentile > AUDIENCE_PERCENTILE ? Label.CURATOR : Label.EXPLORER;
        };
    }

    private static String reason(Label label, int standout, double[] values, double[] percentiles, int partners) {
        if (partners < MIN_PARTNERS) {
            return String.format(Locale.ROOT, "%d %s (accounts that engaged it plus accounts it engaged), fewer "
                    + "than the %d a style needs", partners, partners == 1 ? "partner" : "partners", MIN_PARTNERS);
        }
        if (standout < 0) {
            return "no signal above 0";
        }
        int next = -1;
        StringBuilder tied = new StringBuilder();
        for (int s = 0; s < values.length; s++) {
            if (s != standout && values[s] > 0 && (next < 0 || percentiles[s] > percentiles[next])) {
                next = s;
            }
            if (s > standout && values[s] > 0 && percentiles[s] == percentiles[standout]) {
                tied.append(tied.length() == 0 ? "" : ", ").append(name(s));
            }
        }
        StringBuilder why = new StringBuilder(String.format(Locale.ROOT,
                "%s stands out: percentile %.1f among the day's accounts, its highest", name(standout),
                percentiles[standout]));
        if (tied.length() > 0) {
            why.append(" (tied with ").append(tied).append("; ties go to the earlier signal)");
        } else {
            why.append(next < 0 ? " (no other signal above 0)"
                    : String.format(Locale.ROOT, " (next: %s %.1f)", name(next), percentiles[next]));
        }
        if (label == Label.CURATOR || label == Label.EXPLORER) {
            why.append(String.format(Locale.ROOT, "; reach percentile %.1f %s %.0f", percentiles[REACH],
                    label == Label.CURATOR ? ">" : "≤", AUDIENCE_PERCENTILE));
        }
        return why.toString();
    }

    private static String name(int signal) {
        return SignalKind.ofOrdinal(signal).wireName();
    }
}
