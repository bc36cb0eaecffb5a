package dev.renown.core.integrity;

import dev.renown.core.graph.InteractionGraph;

import java.util.Arrays;
import java.util.function.IntUnaryOperator;

/**
 * How much each engager's voice counts: a weight {@code ω(e) ∈ (0, 1]} per in-edge {@code e} of
 * the {@link InteractionGraph}, by which every signal multiplies that engager's contribution.
 *
 * <p><b>Established engagers count in full.</b> An engager {@code u} of {@code v} is established,
 * {@code ω = 1}, when it is anchored ({@link Anchoring}: tied to the network other than through
 * {@code v}) and, with {@link Defences#hubOnly()}, that anchoring rests on more than its own
 * engagement of hubs: someone other than {@code v} engaged {@code u}, or {@code u} interacted with
 * an account other than {@code v} that is not a hub. The hubs of a network are its accounts with
 * the most distinct engagers, taken in that order until they hold
 * {@link Defences#hubShare() half} of all (engager, engaged) pairs.
 *
 * <p><b>The others form groups.</b> With {@link Defences#closedClusters()}, the unanchored
 * engagers lying in one closed part of {@code G − v} form one group (an engager alone in its part
 * is a group of one; without the defence, each is its own group); an engager anchored only through
 * hubs is a group of one. With {@link Defences#devoted()}, every group of one whose engagement of
 * {@code v} spans at least one {@link Defences#bucket() bucket} (its first interaction and latest
 * engagement that far apart: it came back) joins a single <em>devoted</em> group instead. A group
 * <em>arrives</em> at the first interaction of any of its members with {@code v}.
 *
 * <p><b>Groups count as far as established engagers vouch for them.</b> With
 * {@link Defences#bursts()}, each established engager of {@code v} vouches for at most
 * {@code ρ} ({@link Defences#supportRatio()}) groups arriving within {@code Δ}
 * ({@link Defences#supportWindow()}) of its own first interaction with {@code v}; groups are
 * matched to vouchers in order of arrival, each to the available voucher whose window ends first
 * (the greedy matching, maximal for intervals of equal length). A vouched group has credit 1.
 * The {@code F} buckets in which unvouched groups arrived share {@code A(F)} voices equally, and a
 * bucket's share is split equally among its groups:
 * <pre>
 *   A(F)     = F                              if F ≤ c,   c + log₂(1 + F − c) otherwise
 *   c(group) = 1                              if vouched,
 *   c(group) = A(F) / (F · U(h))              otherwise, U(h) unvouched groups in its bucket h,
 * </pre>
 * with {@code c} the {@link Defences#freeBuckets() free buckets}: a fan or two arriving at
 * different hours is not a burst.
 * Without the defence every group has credit 1. A group's members share its credit:
 * {@code ω(e) = c(group) / members}. So each group adds at most one voice; what accounts with no
 * established tie can add to {@code v} is bounded by {@code ρ} per established engager around
 * them, plus {@code A(F)}: a bought burst of 5,000 accounts in one hour counts as one voice,
 * and a thousand accounts arriving over three days (72 hours) as about eight, while a viral hour in
 * which established accounts take part counts in full.
 *
 * <p>Ideas from: SybilRank's bound on what reaches a region through few attack edges (Q. Cao,
 * M. Sirivianos, X. Yang, T. Pregueiro, "Aiding the detection of fake accounts in large scale
 * social online services", NSDI 2012); lockstep groups acting on the same target in the same
 * window (A. Beutel et al., "CopyCatch", WWW 2013; Q. Cao et al., "Uncovering large groups of
 * active malicious accounts in online social networks", CCS 2014 — SynchroTrap); burst damping
 * relative to an account's own established audience, as PeerIndex described it.
 *
 * <p>Cost: {@link Anchoring}'s {@code O(n + m)} plus sorts of each account's groups and vouchers,
 * {@code O(m log d)} in all.
 */
public final class EngagerVoices {

    /** What a group is, for explanations. */
    public enum GroupKind {
        /** One account tied to the network only through the target. */
        ALONE,
        /** Several accounts tied to each other and to the network only through the target. */
        CLOSED_CLUSTER,
        /** One account tied to the network only by its own engagement of hubs. */
        HUB_ONLY,
        /** Accounts that came back to the target repeatedly and engaged nothing else. */
        DEVOTED
    }

    private final Defences defences;
    private final Anchoring anchoring;
    private final float[] voice;
    /** Group of each in-edge, or -1 for established engagers. */
    private final int[] group;
    private final int[] groupTarget;
    private final int[] groupMembers;
    private final byte[] groupKind;
    private final long[] groupArrival;
    private final double[] groupCredit;
    private final boolean[] groupVouched;
    /** Buckets with unvouched arrivals at the group's target: {@code F}. */
    private final int[] groupUnvouchedBuckets;

    private EngagerVoices(Defences defences, Anchoring anchoring, float[] voice, int[] group, Groups groups) {
        this.defences = defences;
        this.anchoring = anchoring;
        this.voice = voice;
        this.group = group;
        this.groupTarget = Arrays.copyOf(groups.target, groups.size);
        this.groupMembers = Arrays.copyOf(groups.members, groups.size);
        this.groupKind = Arrays.copyOf(groups.kind, groups.size);
        this.groupArrival = Arrays.copyOf(groups.arrival, groups.size);
        this.groupCredit = Arrays.copyOf(groups.credit, groups.size);
        this.groupVouched = Arrays.copyOf(groups.vouched, groups.size);
        this.groupUnvouchedBuckets = Arrays.copyOf(groups.unvouchedBuckets, groups.size);
    }

    /** Every voice 1: no defence. */
    public static EngagerVoices full(InteractionGraph g) {
        float[] voice = new float[g.edgeCount()];
        Arrays.fill(voice, 1f);
        int[] group = new int[g.edgeCount()];
        Arrays.fill(group, -1);
        return new EngagerVoices(Defences.none(), null, voice, group, new Groups());
    }

    /**
     * @param g       the window's interaction graph
     * @param network the network of each node
     */
    public static EngagerVoices compute(InteractionGraph g, IntUnaryOperator network, Defences defences) {
        if (!defences.any()) {
            return full(g);
        }
        Anchoring anchoring = Anchoring.of(g, network);
        int n = g.nodeCount();
        int m = g.edgeCount();
        long bucketMillis = defences.bucket().toMillis();
        long windowMillis = defences.supportWindow().toMillis();
        double ratio = defences.supportRatio();

        // Hubs, and each node's ties that count towards being established.
        boolean[] hub = defences.hubOnly() ? hubs(g, network, defences.hubShare()) : new boolean[n];
        int[] engagedBy = new int[n];
        int[] nonHubOut = new int[n];
        for (int v = 0; v < n; v++) {
            engagedBy[v] = g.inDegree(v);
            for (int e = g.inStart(v); e < g.inEnd(v); e++) {
                nonHubOut[g.source(e)] += hub[v] ? 0 : 1;
            }
        }

        // Established: anchored, and (with hub-only) engaged by someone else or tied to a non-hub.
        boolean[] isEstablished = new boolean[m];
        for (int v = 0; v < n; v++) {
            for (int e = g.inStart(v); e < g.inEnd(v); e++) {
                int u = g.source(e);
                if (anchoring.part(e) < 0) {
                    boolean engagedByOthers = engagedBy[u] - (g.edge(v, u) >= 0 ? 1 : 0) > 0;
                    boolean otherTies = nonHubOut[u] - (hub[v] ? 0 : 1) > 0;
                    isEstablished[e] = !defences.hubOnly() || engagedByOthers || otherTies;
                }
            }
        }

        float[] voice = new float[m];
        int[] group = new int[m];
        Arrays.fill(group, -1);
        Groups groups = new Groups();
        int[] partGroup = new int[Math.max(1, anchoring.partCount())];
        Arrays.fill(partGroup, -1);
        long[] vouchers = new long[16];
        double[] slots = new double[16];
        int[] order = new int[16];
        long[] bucketKeys = new long[16];
        for (int v = 0; v < n; v++) {
            int from = g.inStart(v);
            int to = g.inEnd(v);
            if (from == to) {
                continue;
            }
            int firstGroup = groups.size;
            int devoted = -1;
            int established = 0;
            if (vouchers.length < to - from) {
                vouchers = new long[2 * (to - from)];
                slots = new double[2 * (to - from)];
            }
            for (int e = from; e < to; e++) {
                int u = g.source(e);
                int p = anchoring.part(e);
                GroupKind kind;
                if (p < 0) {
                    if (isEstablished[e]) {
                        voice[e] = 1f;
                        if (g.hasEngagement(e)) {
                            vouchers[established++] = g.firstMillis(e);
                        }
                        continue;
                    }
                    kind = GroupKind.HUB_ONLY;
                } else {
                    kind = anchoring.partSize(p) == 1 ? GroupKind.ALONE : GroupKind.CLOSED_CLUSTER;
                }
                boolean returning = g.hasEngagement(e)
                        && 1000L * (g.firstAge(e) - g.lastEngagementAge(e)) >= bucketMillis;
                int id;
                if (defences.devoted() && kind != GroupKind.CLOSED_CLUSTER && returning) {
                    if (devoted < 0) {
                        devoted = groups.add(v, GroupKind.DEVOTED);
                    }
                    id = devoted;
                } else if (p >= 0 && defences.closedClusters()) {
                    if (partGroup[p] < 0) {
                        partGroup[p] = groups.add(v, kind);
                    }
                    id = partGroup[p];
                } else {
                    id = groups.add(v, kind);
                }
                group[e] = id;
                groups.join(id, g.firstMillis(e));
            }
            for (int e = from; e < to; e++) {
                int p = anchoring.part(e);
                if (p >= 0) {
                    partGroup[p] = -1; // parts belong to this target alone
                }
            }
            int count = groups.size - firstGroup;
            if (count == 0) {
                continue;
            }
            if (!defences.bursts()) {
                for (int i = firstGroup; i < groups.size; i++) {
                    groups.credit[i] = 1.0;
                    groups.vouched[i] = true;
                }
            } else {
                if (order.length < count) {
                    order = new int[2 * count];
                    bucketKeys = new long[2 * count];
                }
                groups.sortByArrival(firstGroup, count, order, bucketKeys);
                Arrays.sort(vouchers, 0, established);
                Arrays.fill(slots, 0, established, ratio);
                // Greedy matching: vouchers join in time order, and since every window has the same
                // length they also expire in that order, so the earliest-ending one is the first still open.
                int joined = 0;
                int head = 0;
                int unvouched = 0;
                for (int i = 0; i < count; i++) {
                    int id = order[i];
                    long arrival = groups.arrival[id];
                    while (joined < established && vouchers[joined] - windowMillis <= arrival) {
                        joined++;
                    }
                    while (head < joined && (vouchers[head] + windowMillis < arrival || slots[head] < 1)) {
                        head++;
                    }
                    if (head < joined) {
                        slots[head] -= 1;
                        groups.credit[id] = 1.0;
                        groups.vouched[id] = true;
                    } else {
                        order[unvouched++] = id; // unvouched groups, still in order of arrival
                    }
                }
                int buckets = 0;
                for (int i = 0; i < unvouched; i++) {
                    long b = Math.floorDiv(groups.arrival[order[i]], bucketMillis);
                    buckets += i == 0 || b != Math.floorDiv(groups.arrival[order[i - 1]], bucketMillis) ? 1 : 0;
                }
                double perBucket = buckets == 0 ? 0 : unvouchedVoices(buckets, defences.freeBuckets()) / buckets;
                int i = 0;
                while (i < unvouched) {
                    long b = Math.floorDiv(groups.arrival[order[i]], bucketMillis);
                    int j = i + 1;
                    while (j < unvouched && Math.floorDiv(groups.arrival[order[j]], bucketMillis) == b) {
                        j++;
                    }
                    for (int x = i; x < j; x++) {
                        groups.credit[order[x]] = perBucket / (j - i);
                        groups.unvouchedBuckets[order[x]] = buckets;
                    }
                    i = j;
                }
            }
            for (int e = from; e < to; e++) {
                if (group[e] >= 0) {
                    voice[e] = (float) (groups.credit[group[e]] / groups.members[group[e]]);
                }
            }
        }
        return new EngagerVoices(defences, anchoring, voice, group, groups);
    }

    /**
     * Voices that unvouched groups arriving in {@code buckets} distinct buckets count for together:
     * {@code F} for {@code F ≤ c}, then {@code c + log₂(1 + F − c)}.
     */
    public static double unvouchedVoices(int buckets, int free) {
        return buckets <= free ? buckets : free + Math.log1p(buckets - free) / Math.log(2);
    }

    /**
     * The hubs of each network: its nodes by decreasing distinct engagers, taken until they hold
     * {@code share} of the network's engaging pairs; every node with as many engagers as the last
     * one taken is a hub too.
     */
    static boolean[] hubs(InteractionGraph g, IntUnaryOperator network, double share) {
        int n = g.nodeCount();
        boolean[] hub = new boolean[n];
        if (share <= 0) {
            return hub;
        }
        int networks = 0;
        int[] engagers = new int[n];
        int[] net = new int[n];
        for (int v = 0; v < n; v++) {
            net[v] = network.applyAsInt(v);
            networks = Math.max(networks, net[v] + 1);
            for (int e = g.inStart(v); e < g.inEnd(v); e++) {
                engagers[v] += g.hasEngagement(e) ? 1 : 0;
            }
        }
        int[] members = new int[n];
        for (int k = 0; k < networks; k++) {
            long total = 0;
            int count = 0;
            for (int v = 0; v < n; v++) {
                if (net[v] == k) {
                    total += engagers[v];
                    members[count++] = v;
                }
            }
            int[] sorted = byDecreasing(engagers, members, count);
            long sum = 0;
            int threshold = Integer.MAX_VALUE;
            for (int i = 0; i < count && sum < share * total; i++) {
                sum += engagers[sorted[i]];
                threshold = engagers[sorted[i]];
            }
            for (int i = 0; i < count && engagers[sorted[i]] >= threshold && engagers[sorted[i]] > 0; i++) {
                hub[sorted[i]] = true;
            }
        }
        return hub;
    }

    /** {@code members[0..count)} by decreasing {@code value}, ties by node: a primitive sort of packed keys. */
    private static int[] byDecreasing(int[] value, int[] members, int count) {
        long[] keys = new long[count];
        for (int i = 0; i < count; i++) {
            keys[i] = ((long) (Integer.MAX_VALUE - value[members[i]]) << 32) | members[i];
        }
        Arrays.sort(keys);
        int[] sorted = new int[count];
        for (int i = 0; i < count; i++) {
            sorted[i] = (int) keys[i];
        }
        return sorted;
    }

    public Defences defences() {
        return defences;
    }

    /** The weight {@code ω(e)} of in-edge {@code e}'s engager. */
    public float voice(int e) {
        return voice[e];
    }

    /** All weights, by in-edge; callers must not modify them. */
    public float[] voiceArray() {
        return voice;
    }

    /** Whether in-edge {@code e}'s engager is established (always true with every defence off). */
    public boolean isEstablished(int e) {
        return group[e] < 0;
    }

    /**
     * Whether in-edge {@code e}'s engager is established or in a group an established engager
     * vouched for (always true without the bursts defence).
     */
    public boolean isVouched(int e) {
        return group[e] < 0 || groupVouched[group[e]];
    }

    /** The group of in-edge {@code e}'s engager, or -1 when it is established. */
    public int group(int e) {
        return group[e];
    }

    public int groupCount() {
        return groupTarget.length;
    }

    /** The node a group engaged. */
    public int groupTarget(int id) {
        return groupTarget[id];
    }

    /** Engagers in a group. */
    public int groupMembers(int id) {
        return groupMembers[id];
    }

    public GroupKind groupKind(int id) {
        return GroupKind.values()[groupKind[id]];
    }

    /** When the group arrived: the first interaction of any member with the target. */
    public long groupArrivalMillis(int id) {
        return groupArrival[id];
    }

    /** The group's credit: the voices all its members together count for, at most 1. */
    public double groupCredit(int id) {
        return groupCredit[id];
    }

    /** Whether an established engager vouched for the group (always, without the bursts defence). */
    public boolean groupVouched(int id) {
        return groupVouched[id];
    }

    /** For an unvouched group: the buckets in which its target's unvouched groups arrived, {@code F}. */
    public int groupUnvouchedBuckets(int id) {
        return groupUnvouchedBuckets[id];
    }

    /** The anchoring behind the groups, or null when every defence is off. */
    public Anchoring anchoring() {
        return anchoring;
    }

    /** Growable columns of groups. */
    private static final class Groups {
        int size;
        int[] target = new int[64];
        int[] members = new int[64];
        byte[] kind = new byte[64];
        long[] arrival = new long[64];
        double[] credit = new double[64];
        boolean[] vouched = new boolean[64];
        int[] unvouchedBuckets = new int[64];

        int add(int v, GroupKind k) {
            if (size == target.length) {
                int c = 2 * size;
                target = Arrays.copyOf(target, c);
                members = Arrays.copyOf(members, c);
                kind = Arrays.copyOf(kind, c);
                arrival = Arrays.copyOf(arrival, c);
                credit = Arrays.copyOf(credit, c);
                vouched = Arrays.copyOf(vouched, c);
                unvouchedBuckets = Arrays.copyOf(unvouchedBuckets, c);
            }
            target[size] = v;
            kind[size] = (byte) k.ordinal();
            arrival[size] = Long.MAX_VALUE;
            return size++;
        }

        void join(int id, long firstMillis) {
            members[id]++;
            arrival[id] = Math.min(arrival[id], firstMillis);
        }

        /**
         * Writes into {@code order[0..count)} the groups {@code first..first+count) by arrival, ties
         * by id: one primitive sort of keys packing the arrival's offset from the earliest, in
         * seconds, above the position.
         */
        void sortByArrival(int first, int count, int[] order, long[] keys) {
            long earliest = Long.MAX_VALUE;
            for (int i = 0; i < count; i++) {
                earliest = Math.min(earliest, arrival[first + i]);
            }
            for (int i = 0; i < count; i++) {
                long offset = Math.min((1L << 31) - 1, (arrival[first + i] - earliest) / 1000L);
                keys[i] = (offset << 32) | i;
            }
            Arrays.sort(keys, 0, count);
            for (int i = 0; i < count; i++) {
                order[i] = first + (int) keys[i];
            }
        }
    }
}
