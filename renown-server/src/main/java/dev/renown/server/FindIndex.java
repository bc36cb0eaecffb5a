package dev.renown.server;

import dev.renown.core.find.CampaignSearch;
import dev.renown.core.score.ScoreBoard;
import dev.renown.core.score.Scorer;
import dev.renown.core.score.TopicScoring;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;

/**
 * The campaign search of the served day ({@link CampaignSearch}), built from its view's board and
 * the day's topic boards, with those boards by topic for the profile's fingerprint. Built whole
 * when the view is and swapped in beside it, like {@link PersonView}.
 *
 * @param day    the day searched, or null before any is scored
 * @param search the index, or null before any day is scored
 * @param boards the day's topic boards, by topic name in lower case
 */
record FindIndex(LocalDate day, CampaignSearch search, Map<String, ScoreBoard> boards) {

    static final FindIndex EMPTY = new FindIndex(null, null, Map.of());

    /**
     * Scores the day's topics on {@code view}'s table with {@code scorer} (the board's own
     * parameters), the {@link TopicScoring#MAX_TOPICS_DEFAULT} most used with at least
     * {@link TopicScoring#MIN_INTERACTIONS_DEFAULT} interactions, as the daily snapshots do, and indexes them.
     */
    static FindIndex of(ScoreView view, Scorer scorer) {
        return of(view, scorer, false);
    }

    /**
     * As {@link #of(ScoreView, Scorer)}; with {@code contentTopics} (topics from text or a
     * taxonomy), a topic also needs {@link TopicScoring#MIN_POSTS_CONTENT} distinct posts, so that
     * one viral post's words, repeated on each of its reposts, are no topic.
     */
    static FindIndex of(ScoreView view, Scorer scorer, boolean contentTopics) {
        if (view.isEmpty()) {
            return EMPTY;
        }
        List<TopicScoring.TopicBoard> topics = new TopicScoring(scorer, TopicScoring.MAX_TOPICS_DEFAULT,
                TopicScoring.MIN_INTERACTIONS_DEFAULT, contentTopics ? TopicScoring.MIN_POSTS_CONTENT : TopicScoring.MIN_POSTS_DEFAULT)
                .score(view.table(), view.board().asOfMillis());
        Map<String, ScoreBoard> boards = new LinkedHashMap<>();
        topics.forEach(t -> boards.put(t.topic().toLowerCase(Locale.ROOT), t.board()));
        return new FindIndex(view.day(), new CampaignSearch(view.board(), topics), Map.copyOf(boards));
    }

    boolean isEmpty() {
        return search == null;
    }

    /**
     * Distinct accounts that engaged an account (its index in the view's table) on {@code topic}
     * in the window (the evidence a candidate needs), or empty when the topic is not indexed or the
     * account not on its board.
     */
    OptionalInt engagers(String topic, int account) {
        ScoreBoard board = boards.get(topic.toLowerCase(Locale.ROOT));
        if (board == null) {
            return OptionalInt.empty();
        }
        OptionalInt v = board.nodeOfAccount(account);
        if (v.isEmpty()) {
            return OptionalInt.empty();
        }
        int n = 0;
        for (int e = board.graph().inStart(v.getAsInt()); e < board.graph().inEnd(v.getAsInt()); e++) {
            n += board.graph().hasEngagement(e) ? 1 : 0;
        }
        return OptionalInt.of(n);
    }
}
