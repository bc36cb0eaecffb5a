package dev.renown.core.score;

import dev.renown.core.event.EventTable;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What accounts are influential about: the same score, computed on the interactions tagged with
 * one topic only — the event table's topics: hashtags, or the topics of a
 * {@link dev.renown.core.event.TopicSource} such as a taxonomy. An account's score on a topic
 * explains itself exactly like its overall score — its reach, amplification and conversation
 * among the interactions about that topic.
 *
 * <p>Topics are scored when the window holds at least {@code minInteractions} interactions
 * between two different accounts tagged with them, on at least {@code minPosts} distinct posts;
 * at most the {@code maxTopics} most frequent (by interactions), ties broken by name.
 *
 * <p><b>Posts.</b> Every act on one post carries the post's text, so a topic taken from the text
 * of one viral post is on each of its hundreds of reposts. The post an event's topics come from is
 * the target's post for a repost or like (the text is the original's), else the actor's own post
 * (a reply, quote or mention says something of its own); an event naming no such post counts as a
 * post of its own. With {@code minPosts} 1 (the default) posts are not counted.
 */
public final class TopicScoring {

    public static final int MAX_TOPICS_DEFAULT = 20;
    public static final int MIN_INTERACTIONS_DEFAULT = 20;
    /** Distinct posts a topic needs by default: 1, posts are not counted. */
    public static final int MIN_POSTS_DEFAULT = 1;
    /**
     * Distinct posts suggested for topics taken from text ({@link dev.renown.core.event.TopicSource}):
     * 3, so that the words of one viral post, repeated on each of its reposts, are not a topic.
     */
    public static final int MIN_POSTS_CONTENT = 3;

    private final Scorer scorer;
    private final int maxTopics;
    private final int minInteractions;
    private final int minPosts;

    public TopicScoring(Scorer scorer, int maxTopics, int minInteractions) {
        this(scorer, maxTopics, minInteractions, MIN_POSTS_DEFAULT);
    }

    /**
     * @param minPosts fewest distinct posts (see the class comment) a scored topic is about, at least 1
     */
    public TopicScoring(Scorer scorer, int maxTopics, int minInteractions, int minPosts) {
        if (maxTopics < 0 || minInteractions < 1 || minPosts < 1) {
            throw new IllegalArgumentException("need maxTopics >= 0, minInteractions >= 1 and minPosts >= 1");
        }
        this.scorer = scorer;
        this.maxTopics = maxTopics;
        this.minInteractions = minInteractions;
        this.minPosts = minPosts;
    }

    /**
     * @param topic        the topic's name
     * @param interactions interactions between different accounts tagged with it, in the window
     * @param board        the scores on that topic
     */
    public record TopicBoard(String topic, int interactions, ScoreBoard board) {
    }

    /** Scores the window's most frequent topics, most frequent first. */
    public List<TopicBoard> score(EventTable table, long asOfMillis) {
        table.requireEvents();
        long windowStart = asOfMillis - scorer.parameters().window().toMillis();
        int[] counts = new int[table.topicCount()];
        for (int e = 0; e < table.size(); e++) {
            long t = table.timeMillis(e);
            if (t > windowStart && t <= asOfMillis && !table.isSelfInteraction(e)) {
                for (int x = table.topicStart(e); x < table.topicEnd(e); x++) {
                    counts[table.topic(x)]++;
                }
            }
        }
        Integer[] order = new Integer[counts.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> counts[a] != counts[b] ? Integer.compare(counts[b], counts[a])
                : table.topicName(a).compareTo(table.topicName(b)));
        int[] posts = minPosts > 1 ? distinctPosts(table, windowStart, asOfMillis) : null;
        List<TopicBoard> boards = new ArrayList<>();
        for (int i = 0; i < order.length && boards.size() < maxTopics; i++) {
            int topic = order[i];
            if (counts[topic] < minInteractions) {
                break;
            }
            if (posts != null && posts[topic] < minPosts) {
                continue;
            }
            boards.add(new TopicBoard(table.topicName(topic), counts[topic],
                    scorer.score(table.withTopic(topic), asOfMillis)));
        }
        return boards;
    }

    /**
     * Distinct posts per topic in the window: (topic, post) pairs packed and sorted, {@code O(k log k)}
     * for {@code k} topic tags of the window's events, 8 bytes each.
     */
    private static int[] distinctPosts(EventTable table, long windowStart, long asOfMillis) {
        it.unimi.dsi.fastutil.longs.LongArrayList pairs = new it.unimi.dsi.fastutil.longs.LongArrayList();
        it.unimi.dsi.fastutil.longs.Long2IntOpenHashMap postIndex =
                new it.unimi.dsi.fastutil.longs.Long2IntOpenHashMap();
        for (int e = 0; e < table.size(); e++) {
            long t = table.timeMillis(e);
            if (t <= windowStart || t > asOfMillis || table.isSelfInteraction(e)
                    || table.topicStart(e) == table.topicEnd(e)) {
                continue;
            }
            dev.renown.core.event.InteractionKind kind = table.kind(e);
            long p = (kind == dev.renown.core.event.InteractionKind.REPOST
                    || kind == dev.renown.core.event.InteractionKind.LIKE) && table.targetPost(e) != EventTable.NO_POST
                    ? table.targetPost(e) : table.post(e);
            // Posts as small ints (an event without one is a post of its own), paired with topics in a long.
            int post = p == EventTable.NO_POST ? -1 - e : postIndex.computeIfAbsent(p, x -> postIndex.size());
            for (int x = table.topicStart(e); x < table.topicEnd(e); x++) {
                pairs.add(((long) table.topic(x) << 32) | (post & 0xffffffffL));
            }
        }
        long[] a = pairs.toLongArray();
        java.util.Arrays.sort(a);
        int[] posts = new int[table.topicCount()];
        for (int i = 0; i < a.length; i++) {
            if (i == 0 || a[i] != a[i - 1]) {
                posts[(int) (a[i] >>> 32)]++;
            }
        }
        return posts;
    }
}
