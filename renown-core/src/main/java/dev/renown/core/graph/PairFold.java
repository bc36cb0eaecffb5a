package dev.renown.core.graph;

import dev.renown.core.event.InteractionKind;

/**
 * The per-interaction and per-pair arithmetic of the {@link InteractionGraph}, as small pure
 * functions, so that every runner folds interactions the same way: {@link InteractionGraphBuilder}
 * in one process, and the Spark job ({@code renown-spark}) over a cluster, which calls these very
 * functions and then hands its folded pairs to {@link #assemble}.
 *
 * <p>The credit of one interaction {@code i} of an actor that made {@code n} interactions that UTC
 * day, feeding a signal of half-life {@code h} (milliseconds), is
 * <pre>
 *   credit(i) = κ(kind) · dayShare(n) · decay(rate(h), asOf − time)
 *             = κ(kind) · log₂(1 + n)/n · e^(−ln 2 · (asOf − time)/h)
 * </pre>
 * computed in exactly this order ({@code (dayShare · decay) · κ}), summed per pair in double
 * precision and stored as a float. See docs/scoring.md, sections 2 and 3.
 */
public final class PairFold {

    /** Milliseconds in a UTC day. */
    public static final long DAY_MILLIS = 86_400_000L;
    private static final double LN2 = Math.log(2);

    private PairFold() {
    }

    /** Start of the window {@code (windowStart, asOf]}, or {@code Long.MIN_VALUE} if it would overflow. */
    public static long windowStart(long asOfMillis, long windowMillis) {
        long start = asOfMillis - windowMillis;
        return start > asOfMillis ? Long.MIN_VALUE : start;
    }

    /** Whether an interaction at {@code timeMillis} falls in {@code (windowStart, asOf]}. */
    public static boolean inWindow(long timeMillis, long windowStart, long asOfMillis) {
        return timeMillis > windowStart && timeMillis <= asOfMillis;
    }

    /** The UTC calendar day of an instant: {@code floor(time / 86 400 000)}. */
    public static long day(long timeMillis) {
        return Math.floorDiv(timeMillis, DAY_MILLIS);
    }

    /** {@code log₂(1 + n)/n}: an actor's day of {@code n} interactions is worth {@code log₂(1 + n)}. */
    public static double dayShare(long n) {
        return n == 1 ? 1.0 : Math.log1p(n) / LN2 / n;
    }

    /** The decay rate {@code ln 2 / h} of a half-life {@code h} in milliseconds. */
    public static double decayRate(double halfLifeMillis) {
        return LN2 / halfLifeMillis;
    }

    /** {@code e^(−rate · age)}: the decay of an interaction {@code ageMillis} old. */
    public static double decay(double rate, long ageMillis) {
        return Math.exp(-rate * ageMillis);
    }

    /** The credit of one interaction before its kind weight: {@code dayShare(n) · decay(rate, age)}. */
    public static double credit(long dayCount, double rate, long ageMillis) {
        return dayShare(dayCount) * decay(rate, ageMillis);
    }

    /** An age in whole seconds, capped at {@code Integer.MAX_VALUE} (68 years). */
    public static int ageSeconds(long ageMillis) {
        return (int) Math.min(Integer.MAX_VALUE, Math.floorDiv(ageMillis, 1000L));
    }

    /**
     * The own-post key of an interaction without a post id: its whole second, made negative so
     * that it never equals a {@linkplain dev.renown.core.event.EventTable#post post key}, which is
     * never negative (see {@link InteractionGraph#ownPosts(int)}).
     */
    public static long secondKey(long timeMillis) {
        return -1 - (Math.floorDiv(timeMillis, 1000L) & 0x7fff_ffffL);
    }

    /** Kinds whose interactions count as engagement (every kind but follow). */
    public static boolean isEngagement(int kind) {
        return kind != InteractionKind.FOLLOW.ordinal();
    }

    /** Kinds whose credits feed amplification: repost, quote, reply. */
    public static boolean isAmplification(int kind) {
        return kind == InteractionKind.REPOST.ordinal() || kind == InteractionKind.QUOTE.ordinal()
                || kind == InteractionKind.REPLY.ordinal();
    }

    /** Kinds whose credits feed conversation: reply, mention. */
    public static boolean isConversation(int kind) {
        return kind == InteractionKind.REPLY.ordinal() || kind == InteractionKind.MENTION.ordinal();
    }

    /** Kinds that author a post of the actor's own (counted by {@link InteractionGraph#ownPosts(int)}). */
    public static boolean authorsPost(int kind) {
        return kind == InteractionKind.REPLY.ordinal() || kind == InteractionKind.QUOTE.ordinal()
                || kind == InteractionKind.MENTION.ordinal();
    }

    /**
     * An {@link InteractionGraph} from pairs folded elsewhere, given in any order: two stable
     * counting sorts, by source then by target, give the CSR rows with their sources ascending,
     * in {@code O(n + m)}.
     *
     * @param account      the account index of each node, nodes numbered in order of first appearance
     * @param source       per pair, the engager's node
     * @param target       per pair, the engaged node
     * @param lastAge      per pair, {@link InteractionGraph#lastEngagementAge(int)} (-1: follows only)
     * @param firstAge     per pair, {@link InteractionGraph#firstAge(int)}
     * @param influence    per pair, summed influence credits
     * @param amplification per pair, summed amplification credits
     * @param conversation per pair, summed conversation credits
     * @param ownPosts     per node, its distinct own posts
     * @param interactions interactions folded
     */
    public static InteractionGraph assemble(int[] account, int[] source, int[] target, int[] lastAge, int[] firstAge,
                                            float[] influence, float[] amplification, float[] conversation,
                                            int[] ownPosts, long windowStartMillis, long asOfMillis,
                                            int interactions) {
        int n = account.length;
        int m = source.length;
        if (target.length != m || lastAge.length != m || firstAge.length != m || influence.length != m
                || amplification.length != m || conversation.length != m || ownPosts.length != n) {
            throw new IllegalArgumentException("pair and node arrays of different lengths");
        }
        int[] inOffsets = new int[n + 1];
        for (int e = 0; e < m; e++) {
            if (source[e] == target[e] || source[e] < 0 || source[e] >= n || target[e] < 0 || target[e] >= n) {
                throw new IllegalArgumentException("pair " + e + " is not between two different nodes");
            }
            inOffsets[target[e] + 1]++;
        }
        int[] bySource = countingOrder(source, null, n);
        int[] order = countingOrder(target, bySource, n);
        for (int v = 0; v < n; v++) {
            inOffsets[v + 1] += inOffsets[v];
        }
        int[] src = new int[m];
        int[] last = new int[m];
        int[] first = new int[m];
        float[] inf = new float[m];
        float[] amp = new float[m];
        float[] conv = new float[m];
        for (int i = 0; i < m; i++) {
            int e = order[i];
            if (i > 0 && source[e] == source[order[i - 1]] && target[e] == target[order[i - 1]]) {
                throw new IllegalArgumentException("pair " + source[e] + " -> " + target[e] + " given twice");
            }
            src[i] = source[e];
            last[i] = lastAge[e];
            first[i] = firstAge[e];
            inf[i] = influence[e];
            amp[i] = amplification[e];
            conv[i] = conversation[e];
        }
        return new InteractionGraph(account.clone(), inOffsets, src, last, first, inf, amp, conv, ownPosts.clone(),
                windowStartMillis, asOfMillis, interactions);
    }

    /** The positions of {@code key} sorted stably by key, taking them in {@code within}'s order (or 0, 1, …). */
    private static int[] countingOrder(int[] key, int[] within, int n) {
        int[] start = new int[n + 1];
        for (int k : key) {
            start[k + 1]++;
        }
        for (int v = 0; v < n; v++) {
            start[v + 1] += start[v];
        }
        int[] order = new int[key.length];
        for (int i = 0; i < key.length; i++) {
            int e = within == null ? i : within[i];
            order[start[key[e]]++] = e;
        }
        return order;
    }
}
