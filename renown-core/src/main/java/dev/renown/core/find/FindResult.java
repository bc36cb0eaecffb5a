package dev.renown.core.find;

import java.util.List;
import java.util.Map;

/**
 * What a campaign search found.
 *
 * @param topic      the topic candidates were ranked on, or null when ranked on the overall score
 * @param fallback   true when a topic was asked for but the data carries no topics at all, so the overall
 *                   score stood in for it
 * @param ranked     accounts on the board searched (the topic's, or the overall one)
 * @param examined   of those, how many were looked at before the limit was reached
 * @param excluded   of those examined, how many each filter dropped; an account counts for the first filter
 *                   it fails, in the order of {@link Filter}
 * @param candidates the candidates, best first
 */
public record FindResult(String topic, boolean fallback, int ranked, int examined, Map<Filter, Integer> excluded,
                         List<Candidate> candidates) {

    /** The filters, in the order they are applied. */
    public enum Filter {
        /** Score below the minimum (the board is in score order, so all the rest fail too). */
        MIN_SCORE,
        /** Too little evidence on the topic: {@link CampaignSearch#minEngagers()}, {@link CampaignSearch#minPosts()}. */
        EVIDENCE,
        NETWORK,
        AUDIENCE,
        CONVERSATION,
        FLAGGED,
        /** One of the seed accounts itself. */
        SEED,
        /** No engager shared with the seeds, or an overlap below the minimum. */
        OVERLAP
    }

    public FindResult {
        excluded = Map.copyOf(excluded);
        candidates = List.copyOf(candidates);
    }

    /** How many accounts {@code filter} dropped. */
    public int excluded(Filter filter) {
        return excluded.getOrDefault(filter, 0);
    }
}
