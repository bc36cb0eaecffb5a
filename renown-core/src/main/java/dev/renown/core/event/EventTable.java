package dev.renown.core.event;

import java.util.function.IntPredicate;

/**
 * Interactions loaded into columns: event {@code e} in {@code [0, size())} has actor
 * {@link #actor(int)}, target {@link #target(int)}, time {@link #timeMillis(int)} and kind
 * {@link #kind(int)}; accounts are indices into {@link #accounts()}, posts are
 * {@linkplain #post(int) keys} (the id itself when it is a number), so a table of millions of
 * events holds a handful of primitive arrays and no object per event.
 *
 * <p>Built by {@link EventTableBuilder}, which also drops exact duplicates. The table is
 * immutable once built and safe to share between threads.
 */
public final class EventTable {

    /** Post key meaning "no post id known". */
    public static final long NO_POST = -1;

    /**
     * Post keys from here up stand for post ids that are not plain numbers: key
     * {@code STRING_POSTS + i} is the {@code i}-th such id. Keys below are the ids themselves,
     * which {@link AccountIndex#intern(String, long, String) as for accounts} are at most 18
     * decimal digits, below 10¹⁸ &lt; 2⁶².
     */
    public static final long STRING_POSTS = 1L << 62;

    private final AccountIndex accounts;
    private final int size;
    private final int[] actor;
    private final int[] target;
    private final long[] time;
    private final byte[] kind;
    private final long[] post;
    private final long[] targetPost;
    /** The post ids that are not plain numbers, by {@code key - STRING_POSTS}. */
    private final String[] postIds;
    /** Where each event's topics start in {@link #topics}; null when no event has a topic (4 bytes an event saved). */
    private final int[] topicStart;
    private final int[] topics;
    private final String[] topicNames;
    private final long duplicates;
    /** Whether the events were left behind by {@link #accountsOnly()}. */
    private final boolean eventsReleased;

    EventTable(AccountIndex accounts, int size, int[] actor, int[] target, long[] time, byte[] kind,
               long[] post, long[] targetPost, String[] postIds, int[] topicStart, int[] topics, String[] topicNames,
               long duplicates) {
        this.accounts = accounts;
        this.size = size;
        this.actor = actor;
        this.target = target;
        this.time = time;
        this.kind = kind;
        this.post = post;
        this.targetPost = targetPost;
        this.postIds = postIds;
        this.topicStart = topics.length == 0 ? null : topicStart;
        this.topics = topics;
        this.topicNames = topicNames;
        this.duplicates = duplicates;
        this.eventsReleased = false;
    }

    private EventTable(EventTable full) {
        this.accounts = full.accounts;
        this.size = 0;
        this.actor = new int[0];
        this.target = new int[0];
        this.time = new long[0];
        this.kind = new byte[0];
        this.post = new long[0];
        this.targetPost = new long[0];
        this.postIds = full.postIds;
        this.topicStart = null;
        this.topics = new int[0];
        this.topicNames = full.topicNames;
        this.duplicates = full.duplicates;
        this.eventsReleased = true;
    }

    /**
     * This table's accounts, post and topic indices without its events (33 bytes an event): for
     * a caller that has folded the events into an {@link dev.renown.core.graph.InteractionGraph}
     * and needs only rankings from here on, so that the events need not stay in memory while the
     * signals are computed. What reads events from the result ({@link #requireEvents()}) fails
     * instead of finding none.
     */
    public EventTable accountsOnly() {
        return eventsReleased ? this : new EventTable(this);
    }

    /** Whether the events were left behind by {@link #accountsOnly()}. */
    public boolean eventsReleased() {
        return eventsReleased;
    }

    /**
     * This table, if it still holds its events; for explanations that read them.
     *
     * @throws IllegalStateException if they were left behind by {@link #accountsOnly()}
     */
    public EventTable requireEvents() {
        if (eventsReleased) {
            throw new IllegalStateException("the events behind these scores were not kept (accountsOnly); "
                    + "score the full table to explain them");
        }
        return this;
    }

    public AccountIndex accounts() {
        return accounts;
    }

    /** Number of distinct events. */
    public int size() {
        return size;
    }

    public int actor(int e) {
        return actor[e];
    }

    public int target(int e) {
        return target[e];
    }

    public long timeMillis(int e) {
        return time[e];
    }

    public InteractionKind kind(int e) {
        return InteractionKind.ofOrdinal(kind[e]);
    }

    /** The kind's ordinal, for loops that avoid enum lookups. */
    public int kindOrdinal(int e) {
        return kind[e];
    }

    /**
     * Key of the actor's post carrying the interaction, or {@link #NO_POST}: a non-negative long
     * that identifies the post within its network (an account's posts and the posts it acts
     * upon are on its network, so two keys compared for one account never mix networks).
     */
    public long post(int e) {
        return post[e];
    }

    /** Key of the target's post acted upon, or {@link #NO_POST}; see {@link #post(int)}. */
    public long targetPost(int e) {
        return targetPost[e];
    }

    /** The post id behind a post key. */
    public String postId(long postKey) {
        return postKey >= STRING_POSTS ? postIds[(int) (postKey - STRING_POSTS)] : Long.toString(postKey);
    }

    public boolean isSelfInteraction(int e) {
        return actor[e] == target[e];
    }

    /** Records skipped while building because their event id had been seen before. */
    public long duplicatesSkipped() {
        return duplicates;
    }

    /** Number of self-interactions, which are kept but never counted by scoring. */
    public int selfInteractions() {
        int count = 0;
        for (int e = 0; e < size; e++) {
            if (actor[e] == target[e]) {
                count++;
            }
        }
        return count;
    }

    /**
     * Time of the latest interaction between two different accounts, or {@code Long.MIN_VALUE}
     * when there is none. Scoring measures its window back from here by default, so the result
     * never depends on the wall clock.
     */
    public long lastInteractionMillis() {
        long last = Long.MIN_VALUE;
        for (int e = 0; e < size; e++) {
            if (actor[e] != target[e] && time[e] > last) {
                last = time[e];
            }
        }
        return last;
    }

    /**
     * The events strictly before {@code timeMillis}, as a new table sharing this one's account,
     * post and topic indices. Scoring the result cannot see anything at or after that instant.
     */
    public EventTable before(long timeMillis) {
        return filter(e -> time[e] < timeMillis);
    }

    /** The events tagged with a topic, as a new table sharing this one's indices. */
    public EventTable withTopic(int topic) {
        return filter(e -> hasTopic(e, topic));
    }

    /** The events that pass a test, in order, as a new table sharing this one's indices. */
    public EventTable filter(IntPredicate keep) {
        int count = 0;
        int topicCount = 0;
        for (int e = 0; e < size; e++) {
            if (keep.test(e)) {
                count++;
                topicCount += topicEnd(e) - topicStart(e);
            }
        }
        int[] a = new int[count];
        int[] b = new int[count];
        long[] t = new long[count];
        byte[] k = new byte[count];
        long[] p = new long[count];
        long[] tp = new long[count];
        int[] ts = topicCount == 0 ? null : new int[count + 1];
        int[] tt = new int[topicCount];
        int j = 0;
        int m = 0;
        for (int e = 0; e < size; e++) {
            if (keep.test(e)) {
                a[j] = actor[e];
                b[j] = target[e];
                t[j] = time[e];
                k[j] = kind[e];
                p[j] = post[e];
                tp[j] = targetPost[e];
                for (int x = topicStart(e); x < topicEnd(e); x++) {
                    tt[m++] = topics[x];
                }
                if (ts != null) {
                    ts[j + 1] = m;
                }
                j++;
            }
        }
        return new EventTable(accounts, count, a, b, t, k, p, tp, postIds, ts, tt, topicNames, 0);
    }

    /**
     * The same events with every actor and target {@code a} replaced by {@code to[a]}, as a new
     * table sharing this one's indices: contracts accounts into one (a person's accounts into a
     * representative), so that what they did to one another becomes self-interaction, which no
     * signal counts.
     *
     * @param to for each account index of {@link #accounts()}, the index it stands as
     */
    public EventTable remap(int[] to) {
        requireEvents();
        if (to.length != accounts.size()) {
            throw new IllegalArgumentException("a remap names " + to.length + " accounts, the index has "
                    + accounts.size());
        }
        int[] a = new int[size];
        int[] b = new int[size];
        for (int e = 0; e < size; e++) {
            a[e] = to[actor[e]];
            b[e] = to[target[e]];
        }
        return new EventTable(accounts, size, a, b, time, kind, post, targetPost, postIds,
                topicStart, topics, topicNames, duplicates);
    }

    /** Number of distinct topics (hashtags) in the table's index. */
    public int topicCount() {
        return topicNames.length;
    }

    /** The name of a topic. */
    public String topicName(int topic) {
        return topicNames[topic];
    }

    /** The index of a topic by name (lower-case, without '#'), or -1. */
    public int topicIndex(String name) {
        String n = name.startsWith("#") ? name.substring(1) : name;
        for (int i = 0; i < topicNames.length; i++) {
            if (topicNames[i].equalsIgnoreCase(n)) {
                return i;
            }
        }
        return -1;
    }

    /** Topics of event {@code e}: {@link #topic(int)} for indices in {@code [topicStart(e), topicEnd(e))}. */
    public int topicStart(int e) {
        return topicStart == null ? 0 : topicStart[e];
    }

    public int topicEnd(int e) {
        return topicStart == null ? 0 : topicStart[e + 1];
    }

    public int topic(int i) {
        return topics[i];
    }

    /** Whether event {@code e} is tagged with {@code topic}. */
    public boolean hasTopic(int e, int topic) {
        for (int x = topicStart(e); x < topicEnd(e); x++) {
            if (topics[x] == topic) {
                return true;
            }
        }
        return false;
    }

    /** Counts of events per kind, indexed by ordinal. */
    public long[] countsByKind() {
        long[] counts = new long[InteractionKind.count()];
        for (int e = 0; e < size; e++) {
            counts[kind[e]]++;
        }
        return counts;
    }
}
