package dev.renown.core.graph;

import dev.renown.core.event.EventTable;
import dev.renown.core.event.InteractionKind;

import java.util.Arrays;

/**
 * The interactions of one scoring window folded into a weighted directed graph in compressed
 * sparse row form, indexed by target: the engagers of node {@code v} are
 * {@code source(e)} for {@code e} in {@code [inStart(v), inEnd(v))}, in increasing order.
 *
 * <p>Nodes are the accounts that take part in at least one interaction between two different
 * accounts inside the window, numbered densely in {@code [0, nodeCount())} in order of first
 * appearance; {@link #account(int)} maps a node back to the {@link EventTable}'s account index.
 * Each edge is one (engager, engaged) pair, however many interactions it stands for, and carries
 * two ages and three weights:
 * <ul>
 *   <li>{@link #lastEngagementAge(int)}: the age in seconds of the pair's latest repost, quote,
 *       reply, mention or like (-1 if there is none: the pair only follows), from which
 *       {@link #recency(int, double)} gives {@code 2^(−age/halfLife)} at any half-life;</li>
 *   <li>{@link #firstAge(int)}: the age in seconds of the pair's first interaction of any kind;</li>
 *   <li>{@link #influence(int)}: the credits of all the pair's interactions, follows included;</li>
 *   <li>{@link #amplification(int)}: the credits of its reposts, quotes and replies;</li>
 *   <li>{@link #conversation(int)}: the credits of its replies and mentions.</li>
 * </ul>
 * The credit of an interaction {@code i} is
 * <pre>
 *   credit(i) = κ(kind(i)) · 2^(−age(i)/halfLife) · log₂(1 + n(actor, day)) / n(actor, day)
 * </pre>
 * where {@code κ} is the kind weight, {@code age = asOf − time} and {@code n(actor, day)} is how
 * many interactions the actor made that UTC day inside the window. The last factor is Klout's
 * "the more someone acts in a day the less each action counts": an actor's whole day is worth
 * {@code log₂(1 + n)} actions, shared equally.
 *
 * Ages are whole seconds before the as-of instant, capped at {@code Integer.MAX_VALUE}.
 *
 * <p>Memory is {@code 4n + 24m} bytes for {@code n} nodes and {@code m} pairs; there is no object
 * per node or edge. Built by {@link InteractionGraphBuilder}.
 */
public final class InteractionGraph {

    private static final double LN2 = Math.log(2);

    private final int[] account;
    private final int[] inOffsets;
    private final int[] sources;
    private final int[] lastEngagementAge;
    private final int[] firstAge;
    private final float[] influence;
    private final float[] amplification;
    private final float[] conversation;
    private final int[] ownPosts;
    private final long asOfMillis;
    private final long windowStartMillis;
    private final int interactions;
    private volatile OutEdges outEdges;

    InteractionGraph(int[] account, int[] inOffsets, int[] sources, int[] lastEngagementAge, int[] firstAge,
                     float[] influence,
                     float[] amplification, float[] conversation, int[] ownPosts,
                     long windowStartMillis, long asOfMillis, int interactions) {
        this.account = account;
        this.inOffsets = inOffsets;
        this.sources = sources;
        this.lastEngagementAge = lastEngagementAge;
        this.firstAge = firstAge;
        this.influence = influence;
        this.amplification = amplification;
        this.conversation = conversation;
        this.ownPosts = ownPosts;
        this.windowStartMillis = windowStartMillis;
        this.asOfMillis = asOfMillis;
        this.interactions = interactions;
    }

    public int nodeCount() {
        return account.length;
    }

    public int edgeCount() {
        return sources.length;
    }

    /** Interactions between different accounts inside the window that the graph folds. */
    public int interactionCount() {
        return interactions;
    }

    /** The event table's account index of node {@code v}. */
    public int account(int v) {
        return account[v];
    }

    public int inStart(int v) {
        return inOffsets[v];
    }

    public int inEnd(int v) {
        return inOffsets[v + 1];
    }

    public int inDegree(int v) {
        return inOffsets[v + 1] - inOffsets[v];
    }

    /** The engager of edge {@code e}. */
    public int source(int e) {
        return sources[e];
    }

    /** Whether edge {@code e} carries any engagement (any kind but follow). */
    public boolean hasEngagement(int e) {
        return lastEngagementAge[e] >= 0;
    }

    /** Age in seconds of the latest engagement (any kind but follow) along edge {@code e}, or -1 if none. */
    public int lastEngagementAge(int e) {
        return lastEngagementAge[e];
    }

    /** Age in seconds of the first interaction (any kind) along edge {@code e}. */
    public int firstAge(int e) {
        return firstAge[e];
    }

    /** Time of the first interaction along edge {@code e}, to the second. */
    public long firstMillis(int e) {
        return asOfMillis - 1000L * firstAge[e];
    }

    /**
     * Recency {@code 2^(−age/halfLife)} of the latest engagement along edge {@code e}, in [0, 1]; 0
     * when the pair only follows.
     *
     * @param halfLifeSeconds the half-life, in seconds
     */
    public double recency(int e, double halfLifeSeconds) {
        int age = lastEngagementAge[e];
        return age < 0 ? 0 : Math.exp(-LN2 * age / halfLifeSeconds);
    }

    public float influence(int e) {
        return influence[e];
    }

    public float amplification(int e) {
        return amplification[e];
    }

    public float conversation(int e) {
        return conversation[e];
    }

    /**
     * Posts node {@code v} authored in the window: distinct post ids of its replies, quotes and
     * mentions, or, for interactions without a post id, distinct seconds at which it made them
     * (one post can reply to and mention several accounts at once).
     */
    public int ownPosts(int v) {
        return ownPosts[v];
    }

    /** The edge from {@code source} to {@code target}, or -1 when there is none. O(log indegree). */
    public int edge(int source, int target) {
        int e = Arrays.binarySearch(sources, inOffsets[target], inOffsets[target + 1], source);
        return e >= 0 ? e : -1;
    }

    public long asOfMillis() {
        return asOfMillis;
    }

    /** Start of the window, exclusive. */
    public long windowStartMillis() {
        return windowStartMillis;
    }

    /** The raw CSR offsets; callers must not modify them. */
    public int[] inOffsetsArray() {
        return inOffsets;
    }

    /** The raw CSR sources; callers must not modify them. */
    public int[] sourcesArray() {
        return sources;
    }

    /** The influence weights as an array; callers must not modify it. */
    public float[] influenceArray() {
        return influence;
    }

    /** Edges grouped by source, built on first use. */
    public OutEdges outEdges() {
        OutEdges result = outEdges;
        if (result == null) {
            synchronized (this) {
                result = outEdges;
                if (result == null) {
                    result = new OutEdges(this);
                    outEdges = result;
                }
            }
        }
        return result;
    }

    /**
     * The transpose index: for node {@code u}, the in-edge ids whose source is {@code u}, in
     * {@code [start(u), end(u))}, in increasing order of target.
     */
    public static final class OutEdges {
        private final int[] offsets;
        private final int[] edges;
        private final int[] targets;

        OutEdges(InteractionGraph g) {
            int n = g.nodeCount();
            offsets = new int[n + 1];
            for (int s : g.sources) {
                offsets[s + 1]++;
            }
            for (int v = 0; v < n; v++) {
                offsets[v + 1] += offsets[v];
            }
            int[] next = Arrays.copyOf(offsets, n);
            edges = new int[g.edgeCount()];
            targets = new int[g.edgeCount()];
            for (int v = 0; v < n; v++) {
                for (int e = g.inOffsets[v]; e < g.inOffsets[v + 1]; e++) {
                    int slot = next[g.sources[e]]++;
                    edges[slot] = e;
                    targets[slot] = v;
                }
            }
        }

        public int start(int u) {
            return offsets[u];
        }

        public int end(int u) {
            return offsets[u + 1];
        }

        /** The in-edge id at slot {@code i}. */
        public int edge(int i) {
            return edges[i];
        }

        /** The target of the edge at slot {@code i}. */
        public int target(int i) {
            return targets[i];
        }
    }

    /** Kinds whose interactions count as engagement (every kind but follow). */
    static boolean isEngagement(int kind) {
        return PairFold.isEngagement(kind);
    }

    static boolean isAmplification(int kind) {
        return PairFold.isAmplification(kind);
    }

    static boolean isConversation(int kind) {
        return PairFold.isConversation(kind);
    }

    /** Kinds that author a post of the actor's own (counted by {@link #ownPosts(int)}). */
    static boolean authorsPost(int kind) {
        return PairFold.authorsPost(kind);
    }
}
