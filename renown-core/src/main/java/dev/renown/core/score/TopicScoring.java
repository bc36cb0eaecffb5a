package dev.renown.core.score;

import dev.renown.core.event.EventTable;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What accounts are influential about: the same score, computed on the interactions tagged with
 * one topic only — the event table's topics: hashtags, or the topics of a
 * {@link dev.renown.core.event.TopicSource} such as a taxonomy. An account's score on a topic explains itself exactly like its
 * overall score — its reach, amplification and conversation among the interactions about that
 * topic.
 *
 * <p>Topics are scored when the window holds at least {@code minInteractions} interactions
 * between two different accounts tagged with them; at most the {@code maxTopics} most frequent,
 * ties broken by name.
 */
public final class TopicScoring {

    public static final int MAX_TOPICS_DEFAULT = 20;
    public static final int MIN_INTERACTIONS_DEFAULT = 20;

    private final Scorer scorer;
    private final int maxTopics;
    private final int minInteractions;

    public TopicScoring(Scorer scorer, int maxTopics, int minInteractions) {
        if (maxTopics < 0 || minInteractions < 1) {
            throw new IllegalArgumentException("need maxTopics >= 0 and minInteractions >= 1");
        }
        this.scorer = scorer;
        this.maxTopics = maxTopics;
        this.minInteractions = minInteractions;
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
        List<TopicBoard> boards = new ArrayList<>();
        for (int i = 0; i < order.length && boards.size() < maxTopics; i++) {
            int topic = order[i];
            if (counts[topic] < minInteractions) {
                break;
            }
            boards.add(new TopicBoard(table.topicName(topic), counts[topic],
                    scorer.score(table.withTopic(topic), asOfMillis)));
        }
        return boards;
    }
}
