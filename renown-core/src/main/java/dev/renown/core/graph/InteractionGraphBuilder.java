package dev.renown.core.graph;

import dev.renown.core.event.EventTable;
import dev.renown.core.event.InteractionKind;

import java.time.Duration;
import java.util.Arrays;

/**
 * Folds the interactions of a window of an {@link EventTable} into an {@link InteractionGraph}.
 *
 * <p>Self-interactions and interactions outside {@code (asOf − window, asOf]} are left out.
 * The build is two stable counting sorts of the window's {@code E} events — by actor, where each
 * actor's day counts and own posts are found, then by target, which yields the CSR rows with
 * their sources ascending — so it costs {@code O(E + n)} time for time-ordered input (plus a sort
 * of each actor's days or posts otherwise) and {@code O(E)} scratch memory that dies with the
 * call; no hash map, no comparison sort of the edges.
 */
public final class InteractionGraphBuilder {

    private static final long DAY_MILLIS = 86_400_000L;
    private static final double LN2 = Math.log(2);

    private final EventTable table;
    private final long asOfMillis;
    private final long windowMillis;
    private final double halfLifeMillis;
    private final double[] kindWeights;

    /**
     * @param table       the events
     * @param asOfMillis  end of the window, inclusive
     * @param window      length of the window
     * @param halfLife    decay half-life
     * @param kindWeights weight {@code κ} per {@link InteractionKind} ordinal
     */
    public InteractionGraphBuilder(EventTable table, long asOfMillis, Duration window, Duration halfLife,
                                   double[] kindWeights) {
        if (kindWeights.length != InteractionKind.count()) {
            throw new IllegalArgumentException("need one weight per interaction kind");
        }
        this.table = table;
        this.asOfMillis = asOfMillis;
        this.windowMillis = window.toMillis();
        this.halfLifeMillis = halfLife.toMillis();
        this.kindWeights = kindWeights.clone();
    }

    public InteractionGraph build() {
        long windowStart = asOfMillis - windowMillis;
        if (windowStart > asOfMillis) {
            windowStart = Long.MIN_VALUE;
        }
        int[] selected = selectEvents(windowStart);
        int s = selected.length;

        // Dense local ids in order of first appearance; per selected event its endpoints, time, kind.
        int[] local = new int[table.accounts().size()];
        Arrays.fill(local, -1);
        int[] accountOf = new int[Math.min(2 * s, table.accounts().size())];
        int n = 0;
        int[] src = new int[s];
        int[] dst = new int[s];
        long[] time = new long[s];
        byte[] kind = new byte[s];
        for (int i = 0; i < s; i++) {
            int e = selected[i];
            int a = table.actor(e);
            int b = table.target(e);
            if (local[a] < 0) {
                local[a] = n;
                accountOf[n++] = a;
            }
            if (local[b] < 0) {
                local[b] = n;
                accountOf[n++] = b;
            }
            src[i] = local[a];
            dst[i] = local[b];
            time[i] = table.timeMillis(e);
            kind[i] = (byte) table.kindOrdinal(e);
        }
        accountOf = Arrays.copyOf(accountOf, n);

        // Pass 1: events grouped by actor (stable counting sort). Per actor: day shares, own posts.
        int[] byActor = countingSort(src, identity(s), n);
        int[] actorStart = starts(src, n);
        double[] credit = new double[s];
        double[] decay = new double[s];
        int[] ownPosts = new int[n];
        long[] scratch = new long[16];
        for (int u = 0; u < n; u++) {
            int from = actorStart[u];
            int to = actorStart[u + 1];
            scratch = ensure(scratch, to - from);
            dayShares(byActor, from, to, time, credit, scratch);
            ownPosts[u] = countOwnPosts(byActor, from, to, selected, time, kind, scratch);
        }
        for (int i = 0; i < s; i++) {
            decay[i] = Math.exp(-LN2 * (asOfMillis - time[i]) / halfLifeMillis);
            credit[i] *= decay[i];
        }

        // Pass 2: stable counting sort of the actor-ordered events by target: each target's
        // events come grouped by actor, actors ascending — the CSR rows, with no comparison sort.
        int[] byTarget = countingSort(dst, byActor, n);
        int[] rowStart = starts(dst, n);
        int[] inOffsets = new int[n + 1];
        int[] sources = new int[s];
        float[] engagement = new float[s];
        float[] influence = new float[s];
        float[] amplification = new float[s];
        float[] conversation = new float[s];
        int m = 0;
        for (int v = 0; v < n; v++) {
            inOffsets[v] = m;
            int k = rowStart[v];
            int to = rowStart[v + 1];
            while (k < to) {
                int u = src[byTarget[k]];
                double eng = 0;
                double inf = 0;
                double amp = 0;
                double conv = 0;
                for (; k < to && src[byTarget[k]] == u; k++) {
                    int i = byTarget[k];
                    int kd = kind[i];
                    double c = credit[i] * kindWeights[kd];
                    inf += c;
                    if (InteractionGraph.isEngagement(kd)) {
                        eng = Math.max(eng, decay[i]);
                    }
                    if (InteractionGraph.isAmplification(kd)) {
                        amp += c;
                    }
                    if (InteractionGraph.isConversation(kd)) {
                        conv += c;
                    }
                }
                sources[m] = u;
                engagement[m] = (float) eng;
                influence[m] = (float) inf;
                amplification[m] = (float) amp;
                conversation[m] = (float) conv;
                m++;
            }
        }
        inOffsets[n] = m;

        return new InteractionGraph(accountOf, inOffsets, Arrays.copyOf(sources, m),
                Arrays.copyOf(engagement, m), Arrays.copyOf(influence, m), Arrays.copyOf(amplification, m),
                Arrays.copyOf(conversation, m), ownPosts, windowStart, asOfMillis, s);
    }

    private int[] selectEvents(long windowStart) {
        int size = table.size();
        int[] selected = new int[size];
        int s = 0;
        for (int e = 0; e < size; e++) {
            long t = table.timeMillis(e);
            if (t > windowStart && t <= asOfMillis && !table.isSelfInteraction(e)) {
                selected[s++] = e;
            }
        }
        return Arrays.copyOf(selected, s);
    }

    /**
     * Writes into {@code share} the actor-day share {@code log₂(1 + n)/n} of each of one actor's
     * events {@code order[from..to)}, where {@code n} counts the actor's events on the same UTC
     * day. Events usually arrive in time order, so the days are found by one scan; otherwise the
     * actor's days are sorted first, in {@code keys} (at least {@code to − from} long).
     */
    private static void dayShares(int[] order, int from, int to, long[] time, double[] share, long[] keys) {
        boolean sorted = true;
        for (int k = from + 1; k < to && sorted; k++) {
            sorted = Math.floorDiv(time[order[k]], DAY_MILLIS) >= Math.floorDiv(time[order[k - 1]], DAY_MILLIS);
        }
        if (sorted) {
            int k = from;
            while (k < to) {
                long day = Math.floorDiv(time[order[k]], DAY_MILLIS);
                int end = k + 1;
                while (end < to && Math.floorDiv(time[order[end]], DAY_MILLIS) == day) {
                    end++;
                }
                double value = daily(end - k);
                for (int j = k; j < end; j++) {
                    share[order[j]] = value;
                }
                k = end;
            }
            return;
        }
        long firstDay = Long.MAX_VALUE;
        for (int k = from; k < to; k++) {
            firstDay = Math.min(firstDay, Math.floorDiv(time[order[k]], DAY_MILLIS));
        }
        for (int k = from; k < to; k++) {
            keys[k - from] = ((Math.floorDiv(time[order[k]], DAY_MILLIS) - firstDay) << 32) | order[k];
        }
        Arrays.sort(keys, 0, to - from);
        int k = 0;
        while (k < to - from) {
            long day = keys[k] >>> 32;
            int end = k + 1;
            while (end < to - from && (keys[end] >>> 32) == day) {
                end++;
            }
            double value = daily(end - k);
            for (int j = k; j < end; j++) {
                share[(int) keys[j]] = value;
            }
            k = end;
        }
    }

    /** {@code log₂(1 + n)/n}: an actor's day of {@code n} interactions is worth {@code log₂(1 + n)}. */
    private static double daily(int n) {
        return n == 1 ? 1.0 : Math.log1p(n) / LN2 / n;
    }

    /** Distinct own posts of one actor; see {@link InteractionGraph#ownPosts(int)}. */
    private int countOwnPosts(int[] order, int from, int to, int[] selected, long[] time, byte[] kind,
                              long[] scratch) {
        int k = 0;
        for (int j = from; j < to; j++) {
            int i = order[j];
            if (InteractionGraph.authorsPost(kind[i])) {
                int post = table.post(selected[i]);
                scratch[k++] = post >= 0 ? post
                        : 0x8000_0000L | (Math.floorDiv(time[i], 1000L) & 0x7fff_ffffL);
            }
        }
        if (k == 0) {
            return 0;
        }
        Arrays.sort(scratch, 0, k);
        int distinct = 1;
        for (int j = 1; j < k; j++) {
            distinct += scratch[j] != scratch[j - 1] ? 1 : 0;
        }
        return distinct;
    }

    private static long[] ensure(long[] buffer, int size) {
        return buffer.length >= size ? buffer : new long[Math.max(size, 2 * buffer.length)];
    }

    private static int[] identity(int s) {
        int[] id = new int[s];
        for (int i = 0; i < s; i++) {
            id[i] = i;
        }
        return id;
    }

    /** Where each key's run starts in a counting sort by {@code key}: {@code n + 1} offsets. */
    private static int[] starts(int[] key, int n) {
        int[] start = new int[n + 1];
        for (int k : key) {
            start[k + 1]++;
        }
        for (int v = 0; v < n; v++) {
            start[v + 1] += start[v];
        }
        return start;
    }

    /** Stable counting sort of the items {@code order} by {@code key[item]} in {@code [0, n)}. */
    private static int[] countingSort(int[] key, int[] order, int n) {
        int[] next = starts(key, n);
        int[] sorted = new int[order.length];
        for (int i : order) {
            sorted[next[key[i]]++] = i;
        }
        return sorted;
    }
}
