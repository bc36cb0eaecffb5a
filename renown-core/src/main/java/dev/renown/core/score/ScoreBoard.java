package dev.renown.core.score;

import dev.renown.core.event.AccountIndex;
import dev.renown.core.event.EventTable;
import dev.renown.core.event.InteractionKind;
import dev.renown.core.graph.InteractionGraph;
import dev.renown.core.integrity.EngagerVoices;
import it.unimi.dsi.fastutil.longs.Long2IntOpenHashMap;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;

/**
 * The scores of every account active in one window, ranked, with their breakdowns and the
 * evidence behind them. Accounts are the nodes of the window's {@link InteractionGraph}.
 *
 * <p>Ranks are competition ranks ("1224") over scores compared to six decimals, so accounts
 * whose scores differ only by floating-point noise tie. Tied accounts are listed in order of
 * first appearance in the window.
 */
public final class ScoreBoard {

    private static final double TIE_RESOLUTION = 1e6;

    private final EventTable table;
    private final InteractionGraph graph;
    private final ScoringParameters parameters;
    private final EngagerVoices voices;
    private final Calibration calibration;
    private final List<Signal> signals;
    /** The signals by {@link SignalKind#ordinal()}: their values are read from them, not copied. */
    private final Signal[] byKind;
    private final double[] bits;
    private final double[] score;
    private final int[] order;
    private final int[] rank;
    /** Per signal, the nodes in increasing order of its value (4 bytes a node, not a copy of the 8-byte values). */
    private volatile int[][] nodesByValue;
    private volatile double[] sortedScores;

    ScoreBoard(EventTable table, InteractionGraph graph, ScoringParameters parameters, EngagerVoices voices,
               List<Signal> signals) {
        this.table = table;
        this.graph = graph;
        this.parameters = parameters;
        this.voices = voices;
        this.calibration = new Calibration(parameters);
        this.signals = List.copyOf(signals);
        int n = graph.nodeCount();
        int k = SignalKind.count();
        this.byKind = new Signal[k];
        for (Signal signal : this.signals) {
            byKind[signal.kind().ordinal()] = signal;
        }
        this.bits = new double[n];
        this.score = new double[n];
        double[] row = new double[k];
        for (int v = 0; v < n; v++) {
            for (Signal signal : signals) {
                row[signal.kind().ordinal()] = signal.value(v);
            }
            bits[v] = calibration.bits(row);
            score[v] = calibration.score(bits[v]);
        }
        this.order = rankingOrder();
        this.rank = new int[n];
        for (int i = 0; i < n; i++) {
            int v = order[i];
            rank[v] = i > 0 && tieKey(v) == tieKey(order[i - 1]) ? rank[order[i - 1]] : i + 1;
        }
    }

    /** The score compared to six decimals; {@code v = -1} gives the key of the highest score. */
    private long tieKey(int v) {
        return Math.round((v < 0 ? Calibration.BASE + Calibration.SPAN : score[v]) * TIE_RESOLUTION);
    }

    /**
     * Nodes by descending score; tied nodes in node order, which is the order of first
     * appearance in the window. One primitive sort of packed keys: no comparator, no boxing.
     */
    private int[] rankingOrder() {
        int n = graph.nodeCount();
        long top = tieKey(-1);
        long[] keys = new long[n];
        for (int v = 0; v < n; v++) {
            keys[v] = ((top - tieKey(v)) << 32) | v;
        }
        Arrays.parallelSort(keys);
        int[] nodes = new int[n];
        for (int i = 0; i < n; i++) {
            nodes[i] = (int) keys[i];
        }
        return nodes;
    }

    /** Number of accounts scored. */
    public int size() {
        return graph.nodeCount();
    }

    public EventTable table() {
        return table;
    }

    public InteractionGraph graph() {
        return graph;
    }

    public ScoringParameters parameters() {
        return parameters;
    }

    /** How much each engager's voice counted, and why. */
    public EngagerVoices voices() {
        return voices;
    }

    public long asOfMillis() {
        return graph.asOfMillis();
    }

    /** The node of an account given as {@code network:id}, bare id, or handle, if it was scored. */
    public OptionalInt node(String account) {
        OptionalInt index = table.accounts().lookup(account);
        return index.isPresent() ? nodeOfAccount(index.getAsInt()) : OptionalInt.empty();
    }

    /** The node of an event-table account index, if that account was scored. */
    public OptionalInt nodeOfAccount(int accountIndex) {
        // Nodes are few compared to lookups only in explain paths; a linear scan keeps no extra map.
        for (int v = 0; v < graph.nodeCount(); v++) {
            if (graph.account(v) == accountIndex) {
                return OptionalInt.of(v);
            }
        }
        return OptionalInt.empty();
    }

    public double score(int v) {
        return score[v];
    }

    public int rank(int v) {
        return rank[v];
    }

    /** Raw value of a signal for node {@code v}. */
    public double value(SignalKind signal, int v) {
        return byKind[signal.ordinal()].value(v);
    }

    public double points(SignalKind signal, int v) {
        return calibration.points(signal.ordinal(), value(signal, v), bits[v]);
    }

    /** Weighted doublings of node {@code v}, the quantity the score is a function of. */
    public double bits(int v) {
        return bits[v];
    }

    /** Node at position {@code i} of the ranking (0 is the top). */
    public int nodeAt(int i) {
        return order[i];
    }

    public Signal signal(SignalKind kind) {
        for (Signal signal : signals) {
            if (signal.kind() == kind) {
                return signal;
            }
        }
        throw new IllegalArgumentException("no signal " + kind);
    }

    /** The first {@code limit} accounts of the ranking. */
    public List<AccountScore> top(int limit) {
        int k = Math.min(limit, size());
        List<AccountScore> top = new ArrayList<>(k);
        for (int i = 0; i < k; i++) {
            top.add(accountScore(order[i]));
        }
        return top;
    }

    public AccountScore accountScore(int v) {
        List<AccountScore.SignalScore> parts = new ArrayList<>(SignalKind.count());
        for (SignalKind kind : SignalKind.values()) {
            parts.add(new AccountScore.SignalScore(kind, value(kind, v), percentile(kind, value(kind, v)),
                    points(kind, v)));
        }
        int a = graph.account(v);
        return new AccountScore(table.accounts().key(a), table.accounts().label(a), rank[v], score[v],
                percentile(sortedScores(), score[v]), parts);
    }

    /**
     * Percent of scored accounts whose value of {@code kind} is below {@code value}, ties counting
     * half: the percentile of {@link AccountScore.SignalScore}, also for a value no account has.
     * {@code O(log n)} after the first call, which sorts each signal's nodes once.
     */
    public double percentile(SignalKind kind, double value) {
        return percentile(nodesByValue()[kind.ordinal()], byKind[kind.ordinal()]::value, value);
    }

    /** The nodes in increasing order of their value of {@code kind}; shared, not to be written. */
    int[] nodesByValue(SignalKind kind) {
        return nodesByValue()[kind.ordinal()];
    }

    /**
     * The score node {@code v} would have if each of its own engagers counted in full: every signal
     * at its {@link Signal#undefended undefended} value, all else equal.
     */
    public double undefendedScore(int v) {
        double[] row = new double[SignalKind.count()];
        for (Signal signal : signals) {
            row[signal.kind().ordinal()] = signal.undefended(v);
        }
        return calibration.score(calibration.bits(row));
    }

    /**
     * What the integrity defences found around node {@code v} and what they changed: its
     * discounted groups (the {@code limit} with the largest discount, each with up to ten members)
     * and the points they took.
     */
    public Integrity integrity(int v, int limit) {
        AccountIndex accounts = table.accounts();
        int engagers = 0;
        int established = 0;
        int discounted = 0;
        double sum = 0;
        java.util.Map<Integer, List<Integer>> members = new java.util.LinkedHashMap<>();
        for (int e = graph.inStart(v); e < graph.inEnd(v); e++) {
            if (!graph.hasEngagement(e)) {
                continue;
            }
            engagers++;
            sum += voices.voice(e);
            if (voices.isEstablished(e)) {
                established++;
            } else if (voices.voice(e) < 1f) {
                discounted++;
                members.computeIfAbsent(voices.group(e), k -> new ArrayList<>()).add(graph.source(e));
            }
        }
        List<Integrity.Group> groups = new ArrayList<>();
        for (java.util.Map.Entry<Integer, List<Integer>> m : members.entrySet()) {
            int id = m.getKey();
            List<dev.renown.core.event.AccountKey> sample = new ArrayList<>();
            for (int u : m.getValue().subList(0, Math.min(10, m.getValue().size()))) {
                sample.add(accounts.key(graph.account(u)));
            }
            groups.add(new Integrity.Group(voices.groupKind(id), voices.groupMembers(id), voices.groupArrivalMillis(id),
                    voices.groupVouched(id), voices.groupCredit(id), voices.groupUnvouchedBuckets(id), sample,
                    why(id)));
        }
        groups.sort((a, b) -> Double.compare(b.discount(), a.discount()));
        double undefended = undefendedScore(v);
        boolean flagged = undefended - score[v] >= Integrity.FLAG_POINTS && discounted >= Integrity.FLAG_ENGAGERS;
        return new Integrity(accounts.key(graph.account(v)), score[v], undefended, engagers, established, discounted,
                sum, flagged, groups.subList(0, Math.min(limit, groups.size())));
    }

    /** Why a group's voices were discounted, in one sentence. */
    private String why(int id) {
        dev.renown.core.integrity.Defences d = voices.defences();
        String what;
        switch (voices.groupKind(id)) {
            case ALONE:
                what = "an account whose only tie to the network is this account";
                break;
            case CLOSED_CLUSTER:
                what = String.format(Locale.ROOT, "%,d accounts tied to each other and to the network only through "
                        + "this account (a closed cluster), counted as one voice", voices.groupMembers(id));
                break;
            case HUB_ONLY:
                what = "an account tied to the network only by its own engagement of its most engaged accounts, "
                        + "and engaged by nobody";
                break;
            case DEVOTED:
                what = String.format(Locale.ROOT, "%,d accounts that engaged this account again and again and "
                        + "nothing else, counted as one voice", voices.groupMembers(id));
                break;
            default:
                throw new AssertionError(voices.groupKind(id));
        }
        if (voices.groupVouched(id)) {
            return what + "; vouched for by an established engager arriving within "
                    + d.supportWindow().toHours() + " h, so it counts as one voice";
        }
        int hours = voices.groupUnvouchedBuckets(id);
        return String.format(Locale.ROOT, "%s; no established engager arrived within %d h to vouch for it, and "
                        + "the account's unvouched arrivals fall in %,d distinct %s, which together count as "
                        + "%.2f voices", what, d.supportWindow().toHours(), hours, hours == 1 ? "hour" : "hours",
                dev.renown.core.integrity.EngagerVoices.unvouchedVoices(hours, d.freeBuckets()));
    }

    /**
     * Whether node {@code v}'s {@link #integrity} is flagged, without gathering its groups: one pass
     * over its in-edges, plus its undefended score when enough of its engagers were discounted.
     */
    public boolean isFlagged(int v) {
        int discounted = 0;
        for (int e = graph.inStart(v); e < graph.inEnd(v); e++) {
            discounted += graph.hasEngagement(e) && !voices.isEstablished(e) && voices.voice(e) < 1f ? 1 : 0;
        }
        return discounted >= Integrity.FLAG_ENGAGERS && undefendedScore(v) - score[v] >= Integrity.FLAG_POINTS;
    }

    /**
     * The flagged accounts, by decreasing points lost: those whose {@link #integrity} is flagged.
     * Costs one pass over the in-edges plus the undefended score of each candidate.
     */
    public List<Integrity> flagged(int limit, int groupsEach) {
        List<Integrity> found = new ArrayList<>();
        for (int v = 0; v < size(); v++) {
            if (isFlagged(v)) {
                found.add(integrity(v, groupsEach));
            }
        }
        found.sort((a, b) -> Double.compare(b.pointsLost(), a.pointsLost()));
        return found.subList(0, Math.min(limit, found.size()));
    }

    /**
     * Percent of values below {@code x}, ties counting half:
     * {@code 100 · (below + equal / 2) / n}.
     */
    static double percentile(double[] sorted, double x) {
        if (sorted.length == 0) {
            return 0;
        }
        int below = lowerBound(sorted, x);
        int upTo = lowerBound(sorted, Math.nextUp(x));
        return 100.0 * (below + 0.5 * (upTo - below)) / sorted.length;
    }

    /** As {@link #percentile(double[], double)}, over {@code values} of {@code nodes} sorted by value. */
    static double percentile(int[] nodes, java.util.function.IntToDoubleFunction values, double x) {
        if (nodes.length == 0) {
            return 0;
        }
        int below = lowerBound(nodes, values, x);
        int upTo = lowerBound(nodes, values, Math.nextUp(x));
        return 100.0 * (below + 0.5 * (upTo - below)) / nodes.length;
    }

    /** The first position in {@code nodes}, sorted by value, whose value is not below {@code x}. */
    static int lowerBound(int[] nodes, java.util.function.IntToDoubleFunction values, double x) {
        int lo = 0;
        int hi = nodes.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (values.applyAsDouble(nodes[mid]) < x) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private static int lowerBound(double[] sorted, double x) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] < x) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private int[][] nodesByValue() {
        int[][] result = nodesByValue;
        if (result == null) {
            result = new int[byKind.length][];
            for (int s = 0; s < byKind.length; s++) {
                Signal signal = byKind[s];
                int[] nodes = new int[score.length];
                for (int v = 0; v < nodes.length; v++) {
                    nodes[v] = v;
                }
                it.unimi.dsi.fastutil.ints.IntArrays.parallelQuickSort(nodes,
                        (a, b) -> Double.compare(signal.value(a), signal.value(b)));
                result[s] = nodes;
            }
            nodesByValue = result;
        }
        return result;
    }

    private double[] sortedScores() {
        double[] result = sortedScores;
        if (result == null) {
            result = score.clone();
            Arrays.parallelSort(result);
            sortedScores = result;
        }
        return result;
    }

    /**
     * Explains node {@code v}'s score: its breakdown and, per signal, the {@code limit} largest
     * contributions with the interactions behind them.
     */
    public Explanation explain(int v, int limit) {
        AccountIndex accounts = table.accounts();
        List<int[]> topNodes = new ArrayList<>();
        List<double[]> topAmounts = new ArrayList<>();
        NetworkImpact impact = (NetworkImpact) signal(SignalKind.NETWORK_IMPACT);
        for (SignalKind kind : SignalKind.values()) {
            TopContributions top = new TopContributions(limit);
            signal(kind).contributions(v, (u, amount) -> top.offer(u, amount, impact.standing(u)));
            topNodes.add(top.nodes());
            topAmounts.add(top.amounts());
        }
        PairInteractions pairs = new PairInteractions();
        int self = graph.account(v);
        for (SignalKind kind : SignalKind.values()) {
            for (int u : topNodes.get(kind.ordinal())) {
                pairs.watch(kind == SignalKind.OUTREACH ? self : graph.account(u),
                        kind == SignalKind.OUTREACH ? graph.account(u) : self);
            }
        }
        pairs.scan(table.requireEvents(), graph.windowStartMillis(), graph.asOfMillis());

        List<Explanation.SignalEvidence> evidence = new ArrayList<>();
        for (SignalKind kind : SignalKind.values()) {
            int[] nodes = topNodes.get(kind.ordinal());
            double[] amounts = topAmounts.get(kind.ordinal());
            List<Explanation.Contribution> contributions = new ArrayList<>();
            for (int i = 0; i < nodes.length; i++) {
                int other = graph.account(nodes[i]);
                int actor = kind == SignalKind.OUTREACH ? self : other;
                int target = kind == SignalKind.OUTREACH ? other : self;
                contributions.add(new Explanation.Contribution(accounts.key(other), accounts.label(other),
                        amounts[i], pairs.counts(actor, target, kind), pairs.last(actor, target)));
            }
            evidence.add(new Explanation.SignalEvidence(kind, summary(kind, v), contributions));
        }
        return new Explanation(accountScore(v), size(), graph.asOfMillis(), graph.windowStartMillis(), evidence);
    }

    private String summary(SignalKind kind, int v) {
        double value = value(kind, v);
        switch (kind) {
            case REACH: {
                int engagers = 0;
                double voiced = 0;
                for (int e = graph.inStart(v); e < graph.inEnd(v); e++) {
                    engagers += graph.hasEngagement(e) ? 1 : 0;
                    voiced += graph.hasEngagement(e) ? voices.voice(e) : 0;
                }
                Reach reach = (Reach) signal(kind);
                String voicesPart = voiced < engagers - 1e-9
                        ? String.format(Locale.ROOT, ", counting as %,.1f voices", voiced) : "";
                if (parameters.recentShare() == 0) {
                    return String.format(Locale.ROOT, "%,d distinct accounts engaged%s; %,.1f after weighting each "
                            + "by the recency of its latest engagement", engagers, voicesPart, value);
                }
                return String.format(Locale.ROOT, "%,d distinct accounts engaged%s; %,.1f of them at a %s half-life "
                        + "and %,.1f at %s, whose doublings count %.0f%% and %.0f%%", engagers, voicesPart,
                        reach.lasting(v), duration(parameters.halfLife(SignalKind.REACH)), reach.recent(v),
                        duration(parameters.recentHalfLife()), 100 * (1 - parameters.recentShare()),
                        100 * parameters.recentShare());
            }
            case AMPLIFICATION: {
                int amplifiers = 0;
                for (int e = graph.inStart(v); e < graph.inEnd(v); e++) {
                    amplifiers += graph.amplification(e) > 0 ? 1 : 0;
                }
                Amplification amplification = (Amplification) signal(kind);
                double denominator = amplification.postsWithPrior(v);
                return String.format(Locale.ROOT, "%,.1f engager-weighted reshares and replies from %,d accounts, "
                        + "over %,d own posts + %s prior = %,.2f per post", value * denominator, amplifiers,
                        graph.ownPosts(v), trim(parameters.priorPosts()), value);
            }
            case NETWORK_IMPACT: {
                NetworkImpact impact = (NetworkImpact) signal(kind);
                return String.format(Locale.ROOT, "%,d engagers pass on %,.1f influence-weighted engagers; "
                        + "standing %,.2f (an account nobody engages with stands at 1)",
                        graph.inDegree(v), value, impact.standing(v));
            }
            case CONVERSATION: {
                Conversation conversation = (Conversation) signal(kind);
                int partners = 0;
                int twoWay = 0;
                for (int e = graph.inStart(v); e < graph.inEnd(v); e++) {
                    partners += graph.conversation(e) > 0 ? 1 : 0;
                    twoWay += conversation.reciprocated(v, e) ? 1 : 0;
                }
                return String.format(Locale.ROOT, "%,d accounts replied or mentioned, %,d of them in two-way "
                        + "dialogue", partners, twoWay);
            }
            case OUTREACH: {
                InteractionGraph.OutEdges out = graph.outEdges();
                int engaged = 0;
                for (int i = out.start(v); i < out.end(v); i++) {
                    engaged += graph.hasEngagement(out.edge(i)) ? 1 : 0;
                }
                return String.format(Locale.ROOT, "engaged %,d distinct accounts; %,.1f after weighting each by the "
                        + "recency of the latest engagement", engaged, value);
            }
            default:
                throw new AssertionError(kind);
        }
    }

    /** {@code 30d}, {@code 6h}, or ISO-8601 for anything else. */
    static String duration(java.time.Duration d) {
        if (d.toMillis() % 86_400_000L == 0) {
            return d.toDays() + "d";
        }
        return d.toMillis() % 3_600_000L == 0 ? d.toHours() + "h" : d.toString();
    }

    private static String trim(double x) {
        return x == Math.rint(x) ? String.valueOf((long) x) : String.valueOf(x);
    }

    /**
     * Keeps the {@code limit} largest amounts offered; among equal amounts (reach counts each
     * recent engager as 1) the contributor with the higher standing — the more influential one — first.
     */
    private static final class TopContributions {
        private final int limit;
        private int[] nodes = new int[0];
        private double[] amounts = new double[0];
        private double[] standings = new double[0];

        TopContributions(int limit) {
            this.limit = limit;
        }

        private static boolean before(double amount, double standing, double otherAmount, double otherStanding) {
            return amount > otherAmount || (amount == otherAmount && standing > otherStanding);
        }

        void offer(int node, double amount, double standing) {
            if (limit <= 0) {
                return;
            }
            int size = nodes.length;
            if (size == limit && !before(amount, standing, amounts[size - 1], standings[size - 1])) {
                return;
            }
            int at = size;
            while (at > 0 && before(amount, standing, amounts[at - 1], standings[at - 1])) {
                at--;
            }
            int newSize = Math.min(limit, size + 1);
            nodes = insert(nodes, at, node, newSize);
            amounts = insert(amounts, at, amount, newSize);
            standings = insert(standings, at, standing, newSize);
        }

        private static int[] insert(int[] a, int at, int value, int newSize) {
            int[] r = new int[newSize];
            System.arraycopy(a, 0, r, 0, at);
            r[at] = value;
            System.arraycopy(a, at, r, at + 1, newSize - at - 1);
            return r;
        }

        private static double[] insert(double[] a, int at, double value, int newSize) {
            double[] r = new double[newSize];
            System.arraycopy(a, 0, r, 0, at);
            r[at] = value;
            System.arraycopy(a, at, r, at + 1, newSize - at - 1);
            return r;
        }

        int[] nodes() {
            return nodes;
        }

        double[] amounts() {
            return amounts;
        }
    }

    /** Interaction counts per kind for a few (actor, target) pairs, gathered in one table scan. */
    private static final class PairInteractions {
        private final Long2IntOpenHashMap slots = new Long2IntOpenHashMap();
        private final List<int[]> counts = new ArrayList<>();
        private final List<long[]> last = new ArrayList<>();

        PairInteractions() {
            slots.defaultReturnValue(-1);
        }

        private static long key(int actor, int target) {
            return ((long) actor << 32) | (target & 0xffff_ffffL);
        }

        void watch(int actor, int target) {
            long key = key(actor, target);
            if (slots.get(key) < 0) {
                slots.put(key, counts.size());
                counts.add(new int[InteractionKind.count()]);
                last.add(new long[] {Long.MIN_VALUE});
            }
        }

        void scan(EventTable table, long windowStart, long asOf) {
            for (int e = 0; e < table.size(); e++) {
                int slot = slots.get(key(table.actor(e), table.target(e)));
                long t = table.timeMillis(e);
                if (slot >= 0 && t > windowStart && t <= asOf) {
                    counts.get(slot)[table.kindOrdinal(e)]++;
                    last.get(slot)[0] = Math.max(last.get(slot)[0], t);
                }
            }
        }

        Map<InteractionKind, Integer> counts(int actor, int target, SignalKind signal) {
            int[] c = counts.get(slots.get(key(actor, target)));
            Map<InteractionKind, Integer> result = new EnumMap<>(InteractionKind.class);
            for (InteractionKind kind : InteractionKind.values()) {
                if (c[kind.ordinal()] > 0 && counts(signal, kind)) {
                    result.put(kind, c[kind.ordinal()]);
                }
            }
            return result;
        }

        long last(int actor, int target) {
            return last.get(slots.get(key(actor, target)))[0];
        }

        /** Whether a kind of interaction feeds a signal. */
        private static boolean counts(SignalKind signal, InteractionKind kind) {
            switch (signal) {
                case AMPLIFICATION:
                    return kind == InteractionKind.REPOST || kind == InteractionKind.QUOTE
                            || kind == InteractionKind.REPLY;
                case CONVERSATION:
                    return kind == InteractionKind.REPLY || kind == InteractionKind.MENTION;
                case NETWORK_IMPACT:
                    return true;
                default:
                    return kind != InteractionKind.FOLLOW;
            }
        }
    }
}
