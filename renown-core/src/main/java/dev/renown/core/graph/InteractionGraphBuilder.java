package dev.renown.core.graph;

import dev.renown.core.event.EventTable;
import dev.renown.core.event.InteractionKind;
import it.unimi.dsi.fastutil.longs.Long2IntOpenHashMap;

import java.time.Duration;
import java.util.Arrays;

/**
 * Folds the interactions of a window of an {@link EventTable} into an {@link InteractionGraph}.
 *
 * <p>Self-interactions and interactions outside {@code (asOf − window, asOf]} are left out.
 * The build sorts events by target with a counting sort and each target's events by source, so
 * it costs {@code O(E log d)} time for {@code E} events and maximum in-degree {@code d}, and
 * {@code O(E)} scratch memory that dies with the call.
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

        double[] decay = decays(selected);
        double[] credit = credits(selected, src, decay);

        // Counting sort by target, then each row by source.
        int[] rowStart = new int[n + 1];
        for (int i = 0; i < s; i++) {
            rowStart[dst[i] + 1]++;
        }
        for (int v = 0; v < n; v++) {
            rowStart[v + 1] += rowStart[v];
        }
        int[] next = Arrays.copyOf(rowStart, n);
        long[] keys = new long[s];
        for (int i = 0; i < s; i++) {
            keys[next[dst[i]]++] = ((long) src[i] << 32) | i;
        }
        int[] inOffsets = new int[n + 1];
        int[] sources = new int[s];
        float[] engagement = new float[s];
        float[] influence = new float[s];
        float[] amplification = new float[s];
        float[] conversation = new float[s];
        int m = 0;
        for (int v = 0; v < n; v++) {
            inOffsets[v] = m;
            int from = rowStart[v];
            int to = rowStart[v + 1];
            Arrays.sort(keys, from, to);
            int k = from;
            while (k < to) {
                int u = (int) (keys[k] >>> 32);
                double eng = 0;
                double inf = 0;
                double amp = 0;
                double conv = 0;
                for (; k < to && (int) (keys[k] >>> 32) == u; k++) {
                    int i = (int) keys[k];
                    int kind = table.kindOrdinal(selected[i]);
                    double c = credit[i] * kindWeights[kind];
                    inf += c;
                    if (InteractionGraph.isEngagement(kind)) {
                        eng = Math.max(eng, decay[i]);
                    }
                    if (InteractionGraph.isAmplification(kind)) {
                        amp += c;
                    }
                    if (InteractionGraph.isConversation(kind)) {
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
                Arrays.copyOf(conversation, m), ownPosts(selected, src, n), windowStart, asOfMillis, s);
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

    /** {@code 2^(−age/halfLife)} per selected event. */
    private double[] decays(int[] selected) {
        double[] decay = new double[selected.length];
        for (int i = 0; i < selected.length; i++) {
            double age = asOfMillis - table.timeMillis(selected[i]);
            decay[i] = Math.exp(-LN2 * age / halfLifeMillis);
        }
        return decay;
    }

    /** Decay times the actor-day share, per selected event; see {@link InteractionGraph}. */
    private double[] credits(int[] selected, int[] src, double[] decay) {
        int s = selected.length;
        Long2IntOpenHashMap perActorDay = new Long2IntOpenHashMap(Math.max(16, s / 4));
        long[] actorDay = new long[s];
        for (int i = 0; i < s; i++) {
            long day = Math.floorDiv(table.timeMillis(selected[i]), DAY_MILLIS);
            actorDay[i] = ((long) src[i] << 32) | (day & 0xffff_ffffL);
            perActorDay.addTo(actorDay[i], 1);
        }
        double[] credit = new double[s];
        for (int i = 0; i < s; i++) {
            int perDay = perActorDay.get(actorDay[i]);
            double share = perDay == 1 ? 1.0 : Math.log1p(perDay) / LN2 / perDay;
            credit[i] = share * decay[i];
        }
        return credit;
    }

    /** Distinct own posts per node; see {@link InteractionGraph#ownPosts(int)}. */
    private int[] ownPosts(int[] selected, int[] src, int n) {
        long[] keys = new long[selected.length];
        int k = 0;
        for (int i = 0; i < selected.length; i++) {
            int e = selected[i];
            if (InteractionGraph.authorsPost(table.kindOrdinal(e))) {
                int post = table.post(e);
                long low = post >= 0 ? post
                        : 0x8000_0000L | (Math.floorDiv(table.timeMillis(e), 1000L) & 0x7fff_ffffL);
                keys[k++] = ((long) src[i] << 32) | low;
            }
        }
        Arrays.sort(keys, 0, k);
        int[] posts = new int[n];
        for (int j = 0; j < k; j++) {
            if (j == 0 || keys[j] != keys[j - 1]) {
                posts[(int) (keys[j] >>> 32)]++;
            }
        }
        return posts;
    }
}
