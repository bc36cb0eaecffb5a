package dev.renown.core.find;

import java.util.List;
import java.util.Locale;

/**
 * One campaign search: whom to rank ({@code topic}, or the overall score without one) and the
 * filters a candidate must pass. Every parameter is validated here, once.
 *
 * @param topic           the topic to rank by (a hashtag today, with or without '#', any case), or null
 *                        for the overall score
 * @param network         keep only accounts of this network, or null for every network
 * @param minScore        keep only candidates whose score (on the topic, or overall) is at least this, in [0, 100]
 * @param audienceMin     smallest audience kept, at least 0 (see {@link Candidate#audience()})
 * @param audienceMax     largest audience kept, at least {@code audienceMin}
 * @param minConversation smallest conversation rate kept, in [0, 1] (see {@link Candidate#conversationRate()})
 * @param excludeFlagged  drop accounts whose integrity is flagged
 * @param similarTo       seed accounts ({@code network:id}, bare id or handle); when not empty, keep only
 *                        candidates whose audience overlaps theirs (see {@link Candidate#overlap()}), seeds excluded
 * @param minOverlap      with seeds, the smallest overlap kept, in [0, 1]; a candidate must share at least one
 *                        engager with the seeds in any case
 * @param limit           how many candidates to return, at least 1
 */
public record FindQuery(String topic, String network, double minScore, long audienceMin, long audienceMax,
                        double minConversation, boolean excludeFlagged, List<String> similarTo, double minOverlap,
                        int limit) {

    public static final int LIMIT_DEFAULT = 20;

    public FindQuery {
        topic = topic == null || topic.isBlank() ? null : normalise(topic);
        if (network != null && network.isBlank()) {
            network = null;
        }
        require(minScore >= 0 && minScore <= 100, "minScore must be in [0, 100], got " + minScore);
        require(audienceMin >= 0, "audience minimum must be >= 0, got " + audienceMin);
        require(audienceMax >= audienceMin, "audience maximum " + audienceMax + " is below the minimum " + audienceMin);
        require(minConversation >= 0 && minConversation <= 1, "minConversation must be in [0, 1], got "
                + minConversation);
        require(minOverlap >= 0 && minOverlap <= 1, "minOverlap must be in [0, 1], got " + minOverlap);
        require(limit >= 1, "limit must be >= 1, got " + limit);
        similarTo = similarTo == null ? List.of() : List.copyOf(similarTo);
    }

    /** Every account, ranked by its score on {@code topic} (or overall when null), no filter, {@link #LIMIT_DEFAULT}. */
    public static FindQuery of(String topic) {
        return new FindQuery(topic, null, 0, 0, Long.MAX_VALUE, 0, false, List.of(), 0, LIMIT_DEFAULT);
    }

    /** A topic name as topics are indexed: lower-case, without a leading '#'. */
    static String normalise(String topic) {
        String t = topic.strip();
        return (t.startsWith("#") ? t.substring(1) : t).toLowerCase(Locale.ROOT);
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    public FindQuery withNetwork(String value) {
        return new FindQuery(topic, value, minScore, audienceMin, audienceMax, minConversation, excludeFlagged,
                similarTo, minOverlap, limit);
    }

    public FindQuery withMinScore(double value) {
        return new FindQuery(topic, network, value, audienceMin, audienceMax, minConversation, excludeFlagged,
                similarTo, minOverlap, limit);
    }

    public FindQuery withAudience(long min, long max) {
        return new FindQuery(topic, network, minScore, min, max, minConversation, excludeFlagged, similarTo,
                minOverlap, limit);
    }

    public FindQuery withMinConversation(double value) {
        return new FindQuery(topic, network, minScore, audienceMin, audienceMax, value, excludeFlagged, similarTo,
                minOverlap, limit);
    }

    public FindQuery withExcludeFlagged(boolean value) {
        return new FindQuery(topic, network, minScore, audienceMin, audienceMax, minConversation, value, similarTo,
                minOverlap, limit);
    }

    public FindQuery withSimilarTo(List<String> seeds) {
        return new FindQuery(topic, network, minScore, audienceMin, audienceMax, minConversation, excludeFlagged,
                seeds, minOverlap, limit);
    }

    public FindQuery withMinOverlap(double value) {
        return new FindQuery(topic, network, minScore, audienceMin, audienceMax, minConversation, excludeFlagged,
                similarTo, value, limit);
    }

    public FindQuery withLimit(int value) {
        return new FindQuery(topic, network, minScore, audienceMin, audienceMax, minConversation, excludeFlagged,
                similarTo, minOverlap, value);
    }
}
