package dev.renown.core.find;

import dev.renown.core.event.AccountIndex;
import dev.renown.core.event.EventTable;
import dev.renown.core.event.InteractionKind;
import dev.renown.core.graph.InteractionGraph;
import dev.renown.core.score.ScoreBoard;
import dev.renown.core.score.TopicScoring;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * Campaign search: who to work with on a topic. Built once from the overall {@link ScoreBoard}
 * and any per-topic boards ({@link TopicScoring}) into primitive arrays indexed by the overall
 * board's nodes; then each {@link #find(FindQuery) query} walks one board in rank order, applies
 * the filters in O(1) per account (O(in-degree) for audience overlap) and stops at the limit.
 *
 * <p>Definitions (docs/find.md gives them with examples):
 * <ul>
 *   <li><b>Ranking.</b> By score on the topic's board: the same signals and defences as the
 *       overall score, on the interactions tagged with the topic only. Without a topic, or when
 *       the data carries no topics at all (SNAP), the overall score stands in ("fallback").</li>
 *   <li><b>Minimum evidence.</b> A candidate needs at least {@link #MIN_ENGAGERS_DEFAULT}
 *       distinct engagers and engagement on at least {@link #MIN_POSTS_DEFAULT} distinct posts of
 *       its own, on the board it is ranked on, so one lucky post does not make an expert. Where the
 *       data names no post (SNAP), distinct UTC days with engagement stand for posts.</li>
 *   <li><b>Audience.</b> Followers when the source gives a count, else distinct engagers (accounts
 *       that reposted, quoted, replied to, mentioned or liked it) in the window, overall.</li>
 *   <li><b>Conversation rate.</b> Replies, quotes and mentions received over all engagement
 *       received, counting interactions, in the window, overall.</li>
 *   <li><b>Integrity.</b> {@link ScoreBoard#isFlagged(int)} on the overall board.</li>
 *   <li><b>Audience overlap with seeds.</b> Of the candidate's distinct engagers (overall), the share
 *       that also engaged at least one seed: {@code |E(c) ∩ ⋃E(s)| / |E(c)|}. Asymmetric on purpose:
 *       a small account whose whole audience follows the seeds overlaps fully.</li>
 * </ul>
 *
 * <p>Building costs one pass over each board's events plus a sort of its engagements,
 * {@code O(m log m)}; memory is about 40 bytes per account plus 28 per account per topic.
 * Instances are immutable and safe to query from several threads.
 */
public final class CampaignSearch {

    /** Fewest distinct engagers on the topic for a candidate. */
    public static final int MIN_ENGAGERS_DEFAULT = 5;
    /** Fewest distinct own posts (or days, without post ids) engaged on the topic for a candidate. */
    public static final int MIN_POSTS_DEFAULT = 2;

    private static final long DAY_MILLIS = 86_400_000L;

    private final ScoreBoard overall;
    private final int minEngagers;
    private final int minPosts;
    private final boolean dataHasTopics;
    private final byte[] network;
    private final long[] audience;
    private final boolean[] audienceFollowers;
    private final int[] engagers;
    private final float[] conversation;
    private final boolean[] flagged;
    private final Ranking overallRanking;
    private final Map<String, Ranking> topics;

    /** As {@link #CampaignSearch(ScoreBoard, List, int, int)} with the default evidence rule. */
    public CampaignSearch(ScoreBoard overall, List<TopicScoring.TopicBoard> topicBoards) {
        this(overall, topicBoards, MIN_ENGAGERS_DEFAULT, MIN_POSTS_DEFAULT);
    }

    /**
     * Indexes the boards. They must keep their events (not {@link EventTable#accountsOnly()}), and
     * the topic boards must be scored from the overall board's table (its account index) as of the
     * same instant, as {@link TopicScoring#score} does.
     *
     * @param minEngagers fewest distinct engagers on the board a candidate is ranked on, at least 1
     * @param minPosts    fewest distinct engaged posts (or days) on that board, at least 1
     */
    public CampaignSearch(ScoreBoard overall, List<TopicScoring.TopicBoard> topicBoards, int minEngagers,
                          int minPosts) {
        if (minEngagers < 1 || minPosts < 1) {
            throw new IllegalArgumentException("need minEngagers >= 1 and minPosts >= 1");
        }
        overall.table().requireEvents();
        this.overall = overall;
        this.minEngagers = minEngagers;
        this.minPosts = minPosts;
        this.dataHasTopics = overall.table().topicCount() > 0;
        AccountIndex accounts = overall.table().accounts();
        InteractionGraph graph = overall.graph();
        int n = graph.nodeCount();
        if (accounts.networks().size() > Byte.MAX_VALUE) {
            throw new IllegalArgumentException("more than " + Byte.MAX_VALUE + " networks");
        }
        int[] nodeOfAccount = nodeOfAccount(graph, accounts.size());
        Evidence evidence = new Evidence(overall, nodeOfAccount);
        this.network = new byte[n];
        this.audience = new long[n];
        this.audienceFollowers = new boolean[n];
        this.engagers = evidence.engagers;
        this.conversation = new float[n];
        this.flagged = new boolean[n];
        for (int v = 0; v < n; v++) {
            int a = graph.account(v);
            network[v] = (byte) accounts.networkOrdinal(a);
            long followers = accounts.followers(a);
            audienceFollowers[v] = followers >= 0;
            audience[v] = followers >= 0 ? followers : engagers[v];
            conversation[v] = evidence.interactions[v] == 0 ? 0f
                    : (float) evidence.conversational[v] / evidence.interactions[v];
            flagged[v] = overall.isFlagged(v);
        }
        this.overallRanking = new Ranking(null, overall, evidence, nodeOfAccount, minEngagers, minPosts);
        Map<String, Ranking> byTopic = new LinkedHashMap<>();
        for (TopicScoring.TopicBoard t : topicBoards) {
            ScoreBoard board = t.board();
            if (board.table().accounts() != accounts || board.asOfMillis() != overall.asOfMillis()) {
                throw new IllegalArgumentException("topic " + t.topic() + " was not scored from the overall board's "
                        + "table as of the same instant");
            }
            board.table().requireEvents();
            Evidence e = new Evidence(board, nodeOfAccount(board.graph(), accounts.size()));
            byTopic.put(FindQuery.normalise(t.topic()),
                    new Ranking(t.topic(), board, e, nodeOfAccount, minEngagers, minPosts));
        }
        this.topics = Collections.unmodifiableMap(byTopic);
    }

    public int minEngagers() {
        return minEngagers;
    }

    public int minPosts() {
        return minPosts;
    }

    /** The topics indexed, in the order given. */
    public List<String> topics() {
        List<String> names = new ArrayList<>();
        for (Ranking r : topics.values()) {
            names.add(r.topic);
        }
        return names;
    }

    /** Whether the data carries topics at all; when it does not, any topic falls back to the overall score. */
    public boolean dataHasTopics() {
        return dataHasTopics;
    }

    public ScoreBoard overall() {
        return overall;
    }

    /**
     * Runs one query.
     *
     * @throws IllegalArgumentException when the data carries topics but {@code query.topic()} was not
     *                                  indexed, or a seed account is not on the overall board
     */
    public FindResult find(FindQuery query) {
        Ranking ranking = overallRanking;
        boolean fallback = false;
        if (query.topic() != null) {
            ranking = topics.get(query.topic());
            if (ranking == null) {
                if (dataHasTopics) {
                    throw new IllegalArgumentException("no scores on topic #" + query.topic() + "; indexed: "
                            + (topics.isEmpty() ? "none" : String.join(", ", topics())));
                }
                ranking = overallRanking;
                fallback = true;
            }
        }
        return new Worker(ranking, query).run(fallback);
    }

    /**
     * An account's topic fingerprint: its scores on the indexed topic boards where it meets the
     * minimum-evidence rule (at least {@link #minEngagers()} engagers on {@link #minPosts()} posts
     * on that topic), best score first, ties by topic name; at most {@code limit}. Each is a
     * {@link Candidate} whose {@code position} is its place in the fingerprint and whose
     * {@code topic}, score, rank and evidence are the topic board's. Cost: one pass over each board.
     *
     * @throws IllegalArgumentException when the account is not on the overall board, or {@code limit < 1}
     */
    public List<Candidate> fingerprint(String account, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be >= 1: " + limit);
        }
        OptionalInt node = overall.node(account);
        if (node.isEmpty()) {
            throw new IllegalArgumentException("account '" + account + "' is not among the scored accounts");
        }
        int v = node.getAsInt();
        List<int[]> hits = new ArrayList<>(); // {topic ordinal, position on its ranking}
        List<Ranking> rankings = new ArrayList<>(topics.values());
        for (int t = 0; t < rankings.size(); t++) {
            Ranking r = rankings.get(t);
            for (int i = 0; i < r.nodes.length; i++) {
                if (r.nodes[i] == v) {
                    if (r.evident[i]) {
                        hits.add(new int[] {t, i});
                    }
                    break;
                }
            }
        }
        hits.sort((x, y) -> {
            int c = Double.compare(rankings.get(y[0]).score[y[1]], rankings.get(x[0]).score[x[1]]);
            return c != 0 ? c : rankings.get(x[0]).topic.compareTo(rankings.get(y[0]).topic);
        });
        List<Candidate> result = new ArrayList<>();
        AccountIndex accounts = overall.table().accounts();
        int a = overall.graph().account(v);
        for (int[] h : hits.subList(0, Math.min(limit, hits.size()))) {
            Ranking r = rankings.get(h[0]);
            int i = h[1];
            result.add(new Candidate(result.size() + 1, accounts.key(a), accounts.label(a), r.topic, r.score[i],
                    r.rank[i], r.engagers[i], r.interactions[i], r.posts[i], overall.score(v), audience[v],
                    audienceFollowers[v], conversation[v], flagged[v], 0, Double.NaN));
        }
        return result;
    }

    /** The overall board's node of each account index, -1 for accounts not on it. */
    private static int[] nodeOfAccount(InteractionGraph graph, int accounts) {
        int[] node = new int[accounts];
        java.util.Arrays.fill(node, -1);
        for (int v = 0; v < graph.nodeCount(); v++) {
            node[graph.account(v)] = v;
        }
        return node;
    }

    /** One query's scan; its scratch (the seeds' engagers) dies with it. */
    private final class Worker {
        private final Ranking ranking;
        private final FindQuery q;
        private final Map<FindResult.Filter, Integer> excluded = new EnumMap<>(FindResult.Filter.class);

        Worker(Ranking ranking, FindQuery q) {
            this.ranking = ranking;
            this.q = q;
        }

        FindResult run(boolean fallback) {
            InteractionGraph graph = overall.graph();
            int n = graph.nodeCount();
            long[] seedEngagers = null;
            long[] seeds = null;
            if (!q.similarTo().isEmpty()) {
                seedEngagers = new long[(n + 63) >>> 6];
                seeds = new long[(n + 63) >>> 6];
                for (String s : q.similarTo()) {
                    OptionalInt node = overall.node(s);
                    if (node.isEmpty()) {
                        throw new IllegalArgumentException("seed account '" + s + "' is not among the scored accounts");
                    }
                    int v = node.getAsInt();
                    seeds[v >>> 6] |= 1L << v;
                    for (int e = graph.inStart(v); e < graph.inEnd(v); e++) {
                        if (graph.hasEngagement(e)) {
                            int u = graph.source(e);
                            seedEngagers[u >>> 6] |= 1L << u;
                        }
                    }
                }
            }
            int net = -1;
            if (q.network() != null) {
                net = overall.table().accounts().networks().indexOf(q.network());
                if (net < 0) {
                    return new FindResult(ranking.topic, fallback, ranking.nodes.length, ranking.nodes.length,
                            Map.of(FindResult.Filter.NETWORK, ranking.nodes.length), List.of());
                }
            }
            // We cache frequently used fields.
            final int[] nodes = ranking.nodes;
            final double[] score = ranking.score;
            final boolean[] evident = ranking.evident;
            final byte[] network = CampaignSearch.this.network;
            final long[] audience = CampaignSearch.this.audience;
            final float[] conversation = CampaignSearch.this.conversation;
            final boolean[] flagged = CampaignSearch.this.flagged;
            List<Candidate> found = new ArrayList<>(Math.min(q.limit(), nodes.length));
            int i = 0;
            for (; i < nodes.length && found.size() < q.limit(); i++) {
                int v = nodes[i];
                if (score[i] < q.minScore()) {
                    exclude(FindResult.Filter.MIN_SCORE, nodes.length - i); // in score order: the rest fail too
                    i = nodes.length;
                    break;
                }
                if (!evident[i]) {
                    exclude(FindResult.Filter.EVIDENCE, 1);
                } else if (net >= 0 && network[v] != net) {
                    exclude(FindResult.Filter.NETWORK, 1);
                } else if (audience[v] < q.audienceMin() || audience[v] > q.audienceMax()) {
                    exclude(FindResult.Filter.AUDIENCE, 1);
                } else if (conversation[v] < q.minConversation()) {
                    exclude(FindResult.Filter.CONVERSATION, 1);
                } else if (q.excludeFlagged() && flagged[v]) {
                    exclude(FindResult.Filter.FLAGGED, 1);
                } else if (seeds != null && (seeds[v >>> 6] & (1L << v)) != 0) {
                    exclude(FindResult.Filter.SEED, 1);
                } else {
                    int shared = 0;
                    double overlap = Double.NaN;
                    if (seedEngagers != null) {
                        for (int e = graph.inStart(v); e < graph.inEnd(v); e++) {
                            int u = graph.source(e);
                            shared += graph.hasEngagement(e) && (seedEngagers[u >>> 6] & (1L << u)) != 0 ? 1 : 0;
                        }
                        overlap = engagers[v] == 0 ? 0 : (double) shared / engagers[v];
                        if (shared == 0 || overlap < q.minOverlap()) {
                            exclude(FindResult.Filter.OVERLAP, 1);
                            continue;
                        }
                    }
                    found.add(candidate(found.size() + 1, i, v, shared, overlap));
                }
            }
            return new FindResult(ranking.topic, fallback, nodes.length, i, excluded, found);
        }

        private void exclude(FindResult.Filter filter, int count) {
            excluded.merge(filter, count, Integer::sum);
        }

        private Candidate candidate(int position, int i, int v, int shared, double overlap) {
            AccountIndex accounts = overall.table().accounts();
            int a = overall.graph().account(v);
            return new Candidate(position, accounts.key(a), accounts.label(a), ranking.topic, ranking.score[i],
                    ranking.rank[i], ranking.engagers[i], ranking.interactions[i], ranking.posts[i],
                    overall.score(v), audience[v], audienceFollowers[v], conversation[v], flagged[v], shared, overlap);
        }
    }

    /**
     * One board's accounts in rank order, as overall nodes, with their scores and evidence by
     * position. Accounts of a topic board missing from the overall board (scored over another
     * window) are left out.
     */
    private static final class Ranking {
        final String topic;
        final int[] nodes;
        final double[] score;
        final int[] rank;
        final int[] engagers;
        final int[] interactions;
        final int[] posts;
        final boolean[] evident;

        Ranking(String topic, ScoreBoard board, Evidence evidence, int[] overallNodeOfAccount, int minEngagers,
                int minPosts) {
            this.topic = topic;
            int size = board.size();
            int[] nodes = new int[size];
            int k = 0;
            for (int i = 0; i < size; i++) {
                int b = board.nodeAt(i);
                int v = overallNodeOfAccount[board.graph().account(b)];
                if (v >= 0) {
                    nodes[k++] = i;
                }
            }
            this.nodes = new int[k];
            this.score = new double[k];
            this.rank = new int[k];
            this.engagers = new int[k];
            this.interactions = new int[k];
            this.posts = new int[k];
            this.evident = new boolean[k];
            for (int j = 0; j < k; j++) {
                int b = board.nodeAt(nodes[j]);
                this.nodes[j] = overallNodeOfAccount[board.graph().account(b)];
                score[j] = board.score(b);
                rank[j] = board.rank(b);
                engagers[j] = evidence.engagers[b];
                interactions[j] = evidence.interactions[b];
                posts[j] = evidence.posts[b];
                evident[j] = engagers[j] >= minEngagers && posts[j] >= minPosts;
            }
        }
    }

    /**
     * Per node of one board: distinct engagers (in-edges with engagement), engagements received and
     * how many of them are conversation (reply, quote, mention), and distinct own posts engaged —
     * or distinct UTC days of engagement for interactions naming no post.
     */
    private static final class Evidence {
        final int[] engagers;
        final int[] interactions;
        final int[] conversational;
        final int[] posts;

        Evidence(ScoreBoard board, int[] nodeOfAccount) {
            EventTable table = board.table();
            InteractionGraph g = board.graph();
            int n = g.nodeCount();
            engagers = new int[n];
            for (int v = 0; v < n; v++) {
                for (int e = g.inStart(v); e < g.inEnd(v); e++) {
                    engagers[v] += g.hasEngagement(e) ? 1 : 0;
                }
            }
            interactions = new int[n];
            conversational = new int[n];
            long windowStart = g.windowStartMillis();
            long asOf = g.asOfMillis();
            int count = 0;
            for (int e = 0; e < table.size(); e++) {
                if (counts(table, e, windowStart, asOf) && nodeOfAccount[table.target(e)] >= 0) {
                    count++;
                }
            }
            int[] target = new int[count];
            long[] post = new long[count];
            int k = 0;
            for (int e = 0; e < table.size(); e++) {
                int v;
                if (!counts(table, e, windowStart, asOf) || (v = nodeOfAccount[table.target(e)]) < 0) {
                    continue;
                }
                interactions[v]++;
                InteractionKind kind = table.kind(e);
                if (kind == InteractionKind.REPLY || kind == InteractionKind.QUOTE || kind == InteractionKind.MENTION) {
                    conversational[v]++;
                }
                long p = table.targetPost(e);
                target[k] = v;
                post[k] = p != EventTable.NO_POST ? p : -2 - Math.floorDiv(table.timeMillis(e), DAY_MILLIS);
                k++;
            }
            it.unimi.dsi.fastutil.Arrays.quickSort(0, count, (x, y) -> target[x] != target[y]
                    ? Integer.compare(target[x], target[y]) : Long.compare(post[x], post[y]), (x, y) -> {
                        int t = target[x];
                        target[x] = target[y];
                        target[y] = t;
                        long p = post[x];
                        post[x] = post[y];
                        post[y] = p;
                    });
            posts = new int[n];
            for (int j = 0; j < count; j++) {
                if (j == 0 || target[j] != target[j - 1] || post[j] != post[j - 1]) {
                    posts[target[j]]++;
                }
            }
        }

        /** An engagement between two different accounts inside the window. */
        private static boolean counts(EventTable table, int e, long windowStart, long asOf) {
            long t = table.timeMillis(e);
            return t > windowStart && t <= asOf && !table.isSelfInteraction(e)
                    && table.kind(e) != InteractionKind.FOLLOW;
        }
    }
}
