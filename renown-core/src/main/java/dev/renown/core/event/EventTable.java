package dev.renown.core.event;

import java.util.function.IntPredicate;

/**
 * Interactions loaded into columns: event {@code e} in {@code [0, size())} has actor
 * {@link #actor(int)}, target {@link #target(int)}, time {@link #timeMillis(int)} and kind
 * {@link #kind(int)}; accounts are indices into {@link #accounts()}. Posts are interned too, so
 * a table of millions of events holds a handful of primitive arrays and no object per event.
 *
 * <p>Built by {@link EventTableBuilder}, which also drops exact duplicates. The table is
 * immutable once built and safe to share between threads.
 */
public final class EventTable {

    /** Post index meaning "no post id known". */
    public static final int NO_POST = -1;

    private final AccountIndex accounts;
    private final int size;
    private final int[] actor;
    private final int[] target;
    private final long[] time;
    private final byte[] kind;
    private final int[] post;
    private final int[] targetPost;
    /** Post ids, null where the id is numeric and in {@link #postNumbers}. */
    private final String[] postIds;
    private final long[] postNumbers;
    private final int[] topicStart;
    private final int[] topics;
    private final String[] topicNames;
    private final long duplicates;

    EventTable(AccountIndex accounts, int size, int[] actor, int[] target, long[] time, byte[] kind,
               int[] post, int[] targetPost, String[] postIds, long[] postNumbers, int[] topicStart, int[] topics, String[] topicNames,
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
        this.postNumbers = postNumbers;
        this.topicStart = topicStart;
        this.topics = topics;
        this.topicNames = topicNames;
        this.duplicates = duplicates;
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

    /** Index of the actor's post carrying the interaction, or {@link #NO_POST}. */
    public int post(int e) {
        return post[e];
    }

    /** Index of the target's post acted upon, or {@link #NO_POST}. */
    public int targetPost(int e) {
        return targetPost[e];
    }

    /** The post id behind a post index. */
    public String postId(int postIndex) {
        String id = postIds[postIndex];
        return id != null ? id : Long.toString(postNumbers[postIndex]);
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
                topicCount += topicStart[e + 1] - topicStart[e];
            }
        }
        int[] a = new int[count];
        int[] b = new int[count];
        long[] t = new long[count];
        byte[] k = new byte[count];
        int[] p = new int[count];
        int[] tp = new int[count];
        int[] ts = new int[count + 1];
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
                for (int x = topicStart[e]; x < topicStart[e + 1]; x++) {
                    tt[m++] = topics[x];
                }
                ts[++j] = m;
            }
        }
        return new EventTable(accounts, count, a, b, t, k, p, tp, postIds, postNumbers, ts, tt, topicNames, 0);
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
        return topicStart[e];
    }

    public int topicEnd(int e) {
        return topicStart[e + 1];
    }

    public int topic(int i) {
        return topics[i];
    }

    /** Whether event {@code e} is tagged with {@code topic}. */
    public boolean hasTopic(int e, int topic) {
        for (int x = topicStart[e]; x < topicStart[e + 1]; x++) {
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
