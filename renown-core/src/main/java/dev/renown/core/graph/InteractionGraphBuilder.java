package dev.renown.core.graph;

import dev.renown.core.event.EventTable;
import dev.renown.core.event.InteractionKind;

import java.time.Duration;
import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * Folds the interactions of a window of an {@link EventTable} into an {@link InteractionGraph}.
 *
 * <p>Self-interactions and interactions outside {@code (asOf − window, asOf]} are left out.
 * The build is two stable counting sorts of the window's {@code E} events — by actor, where each
 * actor's day counts and own posts are found, then by target, which yields the CSR rows with
 * their sources ascending — so it costs {@code O(E + n)} time for time-ordered input (plus a sort
 * of each actor's days or posts otherwise) and {@code O(E)} scratch memory that dies with the
 * call; no hash map, no comparison sort of the edges. Each pass moves the fields later steps
 * read along with the events, so those steps scan arrays in order instead of gathering.
 */
public final class InteractionGraphBuilder {

    /** Events per task in the parallel per-event loops. */
    private static final int CHUNK = 1 << 16;

    private final EventTable table;
    private final long asOfMillis;
    private final long windowMillis;
    /** Half-lives of the influence, amplification and conversation credits, in milliseconds. */
    private final double[] creditHalfLifeMillis;
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
        this(table, asOfMillis, window, halfLife, halfLife, halfLife, kindWeights);
    }

    /**
     * @param influenceHalfLife     decay half-life of the {@link InteractionGraph#influence(int) influence} credits
     * @param amplificationHalfLife decay half-life of the {@link InteractionGraph#amplification(int) amplification}
     *                              credits
     * @param conversationHalfLife  decay half-life of the {@link InteractionGraph#conversation(int) conversation}
     *                              credits
     */
    public InteractionGraphBuilder(EventTable table, long asOfMillis, Duration window, Duration influenceHalfLife,
                                   Duration amplificationHalfLife, Duration conversationHalfLife,
                                   double[] kindWeights) {
        if (kindWeights.length != InteractionKind.count()) {
            throw new IllegalArgumentException("need one weight per interaction kind");
        }
        this.table = table;
        this.asOfMillis = asOfMillis;
        this.windowMillis = window.toMillis();
        this.creditHalfLifeMillis = new double[] {influenceHalfLife.toMillis(), amplificationHalfLife.toMillis(),
                conversationHalfLife.toMillis()};
        this.kindWeights = kindWeights.clone();
    }

    public InteractionGraph build() {
        long windowStart = PairFold.windowStart(asOfMillis, windowMillis);
        int[] selected = selectEvents(windowStart);
        int s = selected.length;

        // Dense local ids in order of first appearance.
        int[] local = new int[table.accounts().size()];
        Arrays.fill(local, -1);
        int[] accountOf = new int[Math.min(2 * s, table.accounts().size())];
        int n = 0;
        int[] src = new int[s];
        int[] dst = new int[s];
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
        }
        accountOf = Arrays.copyOf(accountOf, n);
        local = null;

        // Pass 1: a stable counting sort by actor that moves what the later steps read into
        // actor order, so that they scan memory instead of gathering from it.
        int[] actorStart = starts(src, n);
        int[] next = Arrays.copyOf(actorStart, n);
        int[] dstA = new int[s];
        long[] timeA = new long[s];
        byte[] kindA = new byte[s];
        long[] postA = new long[s];
        for (int i = 0; i < s; i++) {
            int e = selected[i];
            int p = next[src[i]]++;
            long t = table.timeMillis(e);
            dstA[p] = dst[i];
            timeA[p] = t;
            kindA[p] = (byte) table.kindOrdinal(e);
            long post = table.post(e);
            postA[p] = post >= 0 ? post : PairFold.secondKey(t);
        }
        src = null;
        dst = null;
        selected = null;

        // Per actor: day shares and own posts; then decay and credit, in parallel.
        double[] credit = new double[s];
        int[] ownPosts = new int[n];
        long[] scratch = new long[16];
        for (int u = 0; u < n; u++) {
            int from = actorStart[u];
            int to = actorStart[u + 1];
            scratch = ensure(scratch, to - from);
            dayShares(timeA, from, to, credit, scratch);
            ownPosts[u] = countOwnPosts(kindA, postA, from, to, scratch);
        }
        postA = null;
        // One decay factor per event and distinct credit half-life (usually one for all three credits).
        int[] family = new int[3];
        double[] distinct = new double[3];
        int families = 0;
        for (int f = 0; f < 3; f++) {
            int found = -1;
            for (int g = 0; g < families; g++) {
                found = distinct[g] == creditHalfLifeMillis[f] ? g : found;
            }
            if (found < 0) {
                distinct[families] = creditHalfLifeMillis[f];
                found = families++;
            }
            family[f] = found;
        }
        double[][] credits = new double[families][];
        for (int g = families - 1; g >= 0; g--) {
            credits[g] = g == 0 ? credit : credit.clone(); // day shares, before any is scaled
        }
        for (int g = 0; g < families; g++) {
            double rate = PairFold.decayRate(distinct[g]);
            double[] c = credits[g];
            long[] times = timeA;
            IntStream.range(0, (s + CHUNK - 1) / CHUNK).parallel().forEach(k -> {
                for (int p = k * CHUNK, end = Math.min(s, p + CHUNK); p < end; p++) {
                    c[p] *= PairFold.decay(rate, asOfMillis - times[p]);
                }
            });
        }

        // Pass 2: a stable counting sort of the actor-ordered events by target: each target's
        // events come grouped by actor, actors ascending — the CSR rows, with no comparison sort.
        int[] rowStart = starts(dstA, n);
        next = Arrays.copyOf(rowStart, n);
        int[] srcT = new int[s];
        byte[] kindT = new byte[s];
        double[][] creditT = new double[families][s];
        int[] ageT = new int[s];
        for (int u = 0; u < n; u++) {
            for (int p = actorStart[u]; p < actorStart[u + 1]; p++) {
                int q = next[dstA[p]]++;
                srcT[q] = u;
                kindT[q] = kindA[p];
                for (int g = 0; g < families; g++) {
                    creditT[g][q] = credits[g][p];
                }
                ageT[q] = PairFold.ageSeconds(asOfMillis - timeA[p]);
            }
        }
        // What the passes above read is dead from here: dropped, so that the edges fit beside the rows.
        timeA = null;
        dstA = null;
        kindA = null;
        credit = null;
        credits = null;
        double[] influenceCredit = creditT[family[0]];
        double[] amplificationCredit = creditT[family[1]];
        double[] conversationCredit = creditT[family[2]];
        creditT = null;

        // Fold each row's runs of one engager into an edge; the edges are counted first, so that
        // their arrays are allocated once at their size instead of at s and copied.
        int edges = 0;
        for (int v = 0; v < n; v++) {
            for (int q = rowStart[v], to = rowStart[v + 1]; q < to; q++) {
                edges += q == rowStart[v] || srcT[q] != srcT[q - 1] ? 1 : 0;
            }
        }
        int[] inOffsets = new int[n + 1];
        int[] sources = new int[edges];
        int[] lastEngagement = new int[edges];
        int[] firstAge = new int[edges];
        float[] influence = new float[edges];
        float[] amplification = new float[edges];
        float[] conversation = new float[edges];
        int m = 0;
        for (int v = 0; v < n; v++) {
            inOffsets[v] = m;
            int q = rowStart[v];
            int to = rowStart[v + 1];
            while (q < to) {
                int u = srcT[q];
                int last = -1;
                int first = 0;
                double inf = 0;
                double amp = 0;
                double conv = 0;
                for (; q < to && srcT[q] == u; q++) {
                    int kd = kindT[q];
                    double w = kindWeights[kd];
                    inf += influenceCredit[q] * w;
                    first = Math.max(first, ageT[q]);
                    if (PairFold.isEngagement(kd)) {
                        last = last < 0 ? ageT[q] : Math.min(last, ageT[q]);
                    }
                    if (PairFold.isAmplification(kd)) {
                        amp += amplificationCredit[q] * w;
                    }
                    if (PairFold.isConversation(kd)) {
                        conv += conversationCredit[q] * w;
                    }
                }
                sources[m] = u;
                lastEngagement[m] = last;
                firstAge[m] = first;
                influence[m] = (float) inf;
                amplification[m] = (float) amp;
                conversation[m] = (float) conv;
                m++;
            }
        }
        inOffsets[n] = m;

        return new InteractionGraph(accountOf, inOffsets, sources, lastEngagement, firstAge, influence, amplification,
                conversation, ownPosts, windowStart, asOfMillis, s);
    }

    private int[] selectEvents(long windowStart) {
        int size = table.size();
        int[] selected = new int[size];
        int s = 0;
        for (int e = 0; e < size; e++) {
            long t = table.timeMillis(e);
            if (PairFold.inWindow(t, windowStart, asOfMillis) && !table.isSelfInteraction(e)) {
                selected[s++] = e;
            }
        }
        return Arrays.copyOf(selected, s);
    }

    /**
     * Writes into {@code share[from..to)} the actor-day share {@code log₂(1 + n)/n} of one actor's
     * events, whose times are {@code time[from..to)}, where {@code n} counts the actor's events
     * on the same UTC day. Events usually arrive in time order, so the days are found by one scan;
     * otherwise the actor's days are sorted first, in {@code keys} (at least {@code to − from} long).
     */
    private static void dayShares(long[] time, int from, int to, double[] share, long[] keys) {
        boolean sorted = true;
        long previous = Long.MIN_VALUE;
        for (int p = from; p < to && sorted; p++) {
            long day = PairFold.day(time[p]);
            sorted = day >= previous;
            previous = day;
        }
        if (sorted) {
            int p = from;
            while (p < to) {
                long day = PairFold.day(time[p]);
                long dayEnd = (day + 1) * PairFold.DAY_MILLIS;
                int end = p + 1;
                while (end < to && time[end] < dayEnd) {
                    end++;
                }
                Arrays.fill(share, p, end, PairFold.dayShare(end - p));
                p = end;
            }
            return;
        }
        long firstDay = Long.MAX_VALUE;
        for (int p = from; p < to; p++) {
            firstDay = Math.min(firstDay, PairFold.day(time[p]));
        }
        for (int p = from; p < to; p++) {
            keys[p - from] = ((PairFold.day(time[p]) - firstDay) << 32) | (p - from);
        }
        Arrays.sort(keys, 0, to - from);
        int k = 0;
        while (k < to - from) {
            long day = keys[k] >>> 32;
            int end = k + 1;
            while (end < to - from && (keys[end] >>> 32) == day) {
                end++;
            }
            double value = PairFold.dayShare(end - k);
            for (int j = k; j < end; j++) {
                share[from + (int) keys[j]] = value;
            }
            k = end;
        }
    }

    /** Distinct own posts of one actor; see {@link InteractionGraph#ownPosts(int)}. */
    private static int countOwnPosts(byte[] kind, long[] post, int from, int to, long[] scratch) {
        int k = 0;
        for (int p = from; p < to; p++) {
            if (PairFold.authorsPost(kind[p])) {
                scratch[k++] = post[p];
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

}
