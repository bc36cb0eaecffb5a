package dev.renown.core.find;

import dev.renown.core.event.AccountKey;

import java.util.Locale;

/**
 * One account a campaign search returned, with why it matched.
 *
 * @param position           1-based position in the results
 * @param account            the account
 * @param label              its handle or display name when known, else its id
 * @param topic              the topic it was ranked on, or null when ranked on the overall score
 * @param score              its score (1–100) on that topic, or overall
 * @param rank               its rank on that topic's (or the overall) board, before any filter
 * @param topicEngagers      evidence: distinct accounts that engaged it on the topic (or at all) in the window
 * @param topicInteractions  evidence: engagements (every kind but follow) it received on the topic (or at all)
 * @param topicPosts         evidence: distinct posts of its that were engaged on the topic (or at all); where the
 *                           data names no post, distinct UTC days with engagement
 * @param overallScore       its overall score
 * @param audience           followers when the data gives a count, else distinct engagers in the window
 * @param audienceFollowers  whether {@code audience} is a follower count
 * @param conversationRate   replies, quotes and mentions it received over all engagement it received, in [0, 1]
 * @param flagged            whether its integrity is flagged (the defences took at least 7 points from
 *                           at least 5 discounted engagers)
 * @param sharedEngagers     with seeds, its engagers who also engaged a seed; else 0
 * @param overlap            with seeds, {@code sharedEngagers} over its engagers, in [0, 1]; else NaN
 */
public record Candidate(int position, AccountKey account, String label, String topic, double score, int rank,
                        int topicEngagers, int topicInteractions, int topicPosts, double overallScore,
                        long audience, boolean audienceFollowers, double conversationRate, boolean flagged,
                        int sharedEngagers, double overlap) {

    /** The decade {@code audience} falls in: "<10", "10–99", "100–999", "1k–9.9k", … "1M+". */
    public String audienceBand() {
        return band(audience);
    }

    static String band(long audience) {
        if (audience < 10) {
            return "<10";
        }
        if (audience >= 1_000_000) {
            return "1M+";
        }
        long low = 10;
        while (low * 10 <= audience) {
            low *= 10;
        }
        return compact(low) + "–" + compact(low * 10 - 1);
    }

    private static String compact(long x) {
        if (x >= 1000) {
            double k = x / 1000.0;
            return (k == Math.rint(k) ? String.valueOf((long) k) : String.format(Locale.ROOT, "%.1f",
                    Math.floor(k * 10) / 10)) + "k";
        }
        return String.valueOf(x);
    }
}
