package dev.renown.core.find;

import dev.renown.core.event.EventTable;
import dev.renown.core.event.Interaction;
import dev.renown.core.event.InteractionKind;
import dev.renown.core.integrity.Defences;
import dev.renown.core.score.ScoreBoard;
import dev.renown.core.score.Scorer;
import dev.renown.core.score.ScoringParameters;
import dev.renown.core.score.TopicScoring;
import dev.renown.core.testing.Events;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static dev.renown.core.event.InteractionKind.REPLY;
import static dev.renown.core.event.InteractionKind.REPOST;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Campaign search on hand-built data whose answers are counted by hand. */
class CampaignSearchTest {

    /** Defences off: the fans here are accounts with no other tie, which the defences would discount. */
    private static final ScoringParameters PARAMS = ScoringParameters.defaults().withThreads(1)
            .withDefences(Defences.none());
    private static final long T0 = Events.T0.toEpochMilli();

    private final List<Interaction> events = new ArrayList<>();

    /** {@code count} fans {@code prefix0…} each do {@code kind} to {@code target}'s post {@code post}, {@code hours} before T0. */
    private void fans(String network, String prefix, int from, int count, InteractionKind kind, String target,
                      String post, int hours, String... tags) {
        for (int f = from; f < from + count; f++) {
            events.add(new Interaction("e" + events.size(), network, kind, prefix + f, target,
                    T0 - hours * 3_600_000L - events.size() * 1000L, null, post, null, List.of(tags)));
        }
    }

    private CampaignSearch search(boolean withTopics) {
        EventTable table = Events.table(events);
        ScoreBoard overall = new Scorer(PARAMS).score(table, T0);
        List<TopicScoring.TopicBoard> topics = withTopics
                ? new TopicScoring(new Scorer(PARAMS), 20, 1).score(table, T0) : List.of();
        return new CampaignSearch(overall, topics);
    }

    private static List<String> ids(FindResult r) {
        return r.candidates().stream().map(c -> c.account().id()).toList();
    }

    @Test
    void an_account_engaged_strongly_on_one_topic_leads_it_and_is_absent_from_the_others() {
        // alice: 10 fans repost 2 of her #ev posts. carol: 6 fans on 3 #ev posts, 3 of them reply.
        // dave: 20 fans repost ONE #ev post (a lucky post). bob: 8 fans on 2 #cooking posts.
        fans("t", "a", 0, 5, REPOST, "alice", "a1", 2, "ev");
        fans("t", "a", 5, 5, REPOST, "alice", "a2", 30, "ev");
        fans("t", "c", 0, 2, REPOST, "carol", "c1", 2, "ev");
        fans("t", "c", 2, 2, REPLY, "carol", "c2", 3, "ev");
        fans("t", "c", 4, 2, REPOST, "carol", "c3", 4, "ev");
        events.set(events.size() - 1, new Interaction("e-reply", "t", REPLY, "c5", "carol", T0 - 5_000_000L,
                null, "c3", null, List.of("ev")));
        fans("t", "d", 0, 20, REPOST, "dave", "d1", 1, "ev");
        fans("t", "b", 0, 4, REPOST, "bob", "b1", 2, "cooking");
        fans("t", "b", 4, 4, REPOST, "bob", "b2", 30, "cooking");
        CampaignSearch search = search(true);
        assertEquals(List.of("ev", "cooking"), search.topics());

        FindResult ev = search.find(FindQuery.of("#EV").withLimit(100));
        assertEquals("ev", ev.topic());
        assertFalse(ev.fallback());
        assertEquals(List.of("alice", "carol"), ids(ev));
        Candidate alice = ev.candidates().get(0);
        assertEquals(10, alice.topicEngagers());
        assertEquals(10, alice.topicInteractions());
        assertEquals(2, alice.topicPosts());
        assertEquals(10, alice.audience()); // no follower counts: distinct engagers
        assertFalse(alice.audienceFollowers());
        assertEquals("10–99", alice.audienceBand());
        assertEquals(0.0, alice.conversationRate());
        assertTrue(Double.isNaN(alice.overlap()));
        Candidate carol = ev.candidates().get(1);
        assertEquals(3, carol.topicPosts());
        assertEquals(3.0 / 6, carol.conversationRate(), 1e-6);
        // dave's 20 engagers outscore alice, but on one post: the evidence rule keeps him out.
        assertEquals(1, ev.excluded().keySet().size());
        assertEquals(ev.ranked() - 2, ev.excluded(FindResult.Filter.EVIDENCE));
        assertEquals(1, search.overall().rank(search.overall().node("dave").orElseThrow()));

        assertEquals(List.of("bob"), ids(search.find(FindQuery.of("cooking"))));
        assertThrows(IllegalArgumentException.class, () -> search.find(FindQuery.of("knitting")));
        // With a weaker rule, dave's one post is enough.
        EventTable table = search.overall().table();
        CampaignSearch lax = new CampaignSearch(search.overall(),
                new TopicScoring(new Scorer(PARAMS), 20, 1).score(table, T0), 5, 1);
        assertEquals("dave", ids(lax.find(FindQuery.of("ev"))).get(0));
    }

    @Test
    void the_fingerprint_lists_the_accounts_evident_topics_best_first_with_their_evidence() {
        // alice: 10 fans on 2 #ev posts, 6 fans on 2 #cooking posts, 6 fans on ONE #knitting post.
        fans("t", "a", 0, 5, REPOST, "alice", "a1", 2, "ev");
        fans("t", "a", 5, 5, REPOST, "alice", "a2", 30, "ev");
        fans("t", "k", 0, 3, REPOST, "alice", "a3", 2, "cooking");
        fans("t", "k", 3, 3, REPOST, "alice", "a4", 30, "cooking");
        fans("t", "n", 0, 6, REPOST, "alice", "a5", 2, "knitting");
        fans("t", "b", 0, 4, REPOST, "bob", "b1", 2, "cooking");
        CampaignSearch search = search(true);
        List<Candidate> alice = search.fingerprint("alice", 10);
        assertEquals(List.of("ev", "cooking"), alice.stream().map(Candidate::topic).toList()); // knitting: one post
        assertEquals(1, alice.get(0).position());
        assertEquals(10, alice.get(0).topicEngagers());
        assertEquals(2, alice.get(0).topicPosts());
        assertEquals(1, alice.get(0).rank());
        assertTrue(alice.get(0).score() >= alice.get(1).score());
        assertEquals(1, search.fingerprint("alice", 1).size());
        assertTrue(search.fingerprint("bob", 10).isEmpty()); // 4 engagers on one post
        assertThrows(IllegalArgumentException.class, () -> search.fingerprint("nobody", 10));
        assertThrows(IllegalArgumentException.class, () -> search.fingerprint("alice", 0));
    }

    /**
     * Network x: big (12 engagers), talker (6: 3 replies, 3 reposts), quiet (6 reposts), lucky (8 on
     * one day); network y: yonder (6 reposts). 38 fans, 43 accounts; no topics, so the overall score.
     */
    private CampaignSearch fiveAccounts() {
        fans("x", "g", 0, 6, REPOST, "big", null, 2);
        fans("x", "g", 6, 6, REPOST, "big", null, 30);
        fans("x", "t", 0, 3, REPLY, "talker", null, 2);
        fans("x", "t", 3, 3, REPOST, "talker", null, 30);
        fans("x", "q", 0, 3, REPOST, "quiet", null, 2);
        fans("x", "q", 3, 3, REPOST, "quiet", null, 30);
        fans("x", "l", 0, 8, REPOST, "lucky", null, 2);
        fans("y", "y", 0, 3, REPOST, "yonder", null, 2);
        fans("y", "y", 3, 3, REPOST, "yonder", null, 30);
        return search(false);
    }

    @Test
    void without_topics_in_the_data_a_topic_falls_back_to_the_overall_score() {
        CampaignSearch search = fiveAccounts();
        FindResult r = search.find(FindQuery.of("ev").withLimit(100));
        assertTrue(r.fallback());
        assertNull(r.topic());
        assertEquals(43, r.ranked());
        assertEquals(java.util.Set.of("big", "talker", "quiet", "yonder"), java.util.Set.copyOf(ids(r)));
        assertEquals("big", ids(r).get(0));
        assertEquals(4, r.candidates().size());
        assertEquals(39, r.excluded(FindResult.Filter.EVIDENCE)); // 38 fans with no engager, and lucky's one day
        assertEquals(2, r.candidates().get(0).topicPosts()); // SNAP-like data: two days stand for posts
        assertFalse(search.find(FindQuery.of(null)).fallback());
    }

    @Test
    void each_filter_drops_exactly_the_accounts_it_should() {
        CampaignSearch search = fiveAccounts();
        FindQuery all = FindQuery.of(null).withLimit(100);

        FindResult y = search.find(all.withNetwork("y"));
        assertEquals(List.of("yonder"), ids(y));
        assertEquals(3, y.excluded(FindResult.Filter.NETWORK));
        assertEquals(List.of(), ids(search.find(all.withNetwork("nowhere"))));

        FindResult small = search.find(all.withAudience(0, 10));
        assertEquals(List.of("big"), ids(search.find(all.withAudience(11, 12))));
        assertEquals(1, small.excluded(FindResult.Filter.AUDIENCE));
        assertEquals(3, small.candidates().size());
        assertFalse(ids(small).contains("big"));

        FindResult talk = search.find(all.withMinConversation(0.5));
        assertEquals(List.of("talker"), ids(talk));
        assertEquals(3, talk.excluded(FindResult.Filter.CONVERSATION));
        assertEquals(0.5, talk.candidates().get(0).conversationRate(), 1e-6);

        double second = search.find(all).candidates().get(1).score();
        FindResult top = search.find(all.withMinScore(second));
        assertEquals(2, top.candidates().size());
        assertEquals(search.overall().size() - top.examined(), 0);

        FindResult one = search.find(all.withLimit(1));
        assertEquals(List.of("big"), ids(one));
        // Defences off: nothing is flagged, so excluding the flagged drops nothing.
        assertEquals(4, search.find(all.withExcludeFlagged(true)).candidates().size());
        assertEquals(0, search.find(all.withExcludeFlagged(true)).excluded(FindResult.Filter.FLAGGED));
    }

    @Test
    void audience_overlap_is_the_share_of_the_candidates_engagers_who_also_engaged_a_seed() {
        // seed: s0..s5. p: s0, s1, s2 and p0..p2 (3 of 6 shared). q: s3 and q0..q3 (1 of 5). r: r0..r4 (none).
        fans("t", "s", 0, 3, REPOST, "seed", null, 2);
        fans("t", "s", 3, 3, REPOST, "seed", null, 30);
        fans("t", "s", 0, 3, REPOST, "p", null, 2);
        fans("t", "p", 0, 3, REPOST, "p", null, 30);
        fans("t", "s", 3, 1, REPOST, "q", null, 2);
        fans("t", "q", 0, 4, REPOST, "q", null, 30);
        fans("t", "r", 0, 3, REPOST, "r", null, 2);
        fans("t", "r", 3, 2, REPOST, "r", null, 30);
        CampaignSearch search = search(false);
        FindQuery similar = FindQuery.of(null).withLimit(100).withSimilarTo(List.of("seed"));
        FindResult r = search.find(similar);
        assertEquals(List.of("p", "q"), ids(r));
        assertEquals(3, r.candidates().get(0).sharedEngagers());
        assertEquals(0.5, r.candidates().get(0).overlap(), 1e-12);
        assertEquals(1, r.candidates().get(1).sharedEngagers());
        assertEquals(0.2, r.candidates().get(1).overlap(), 1e-12);
        assertEquals(1, r.excluded(FindResult.Filter.SEED));
        assertEquals(1, r.excluded(FindResult.Filter.OVERLAP));
        assertEquals(List.of("p"), ids(search.find(similar.withMinOverlap(0.3))));
        assertThrows(IllegalArgumentException.class, () -> search.find(similar.withSimilarTo(List.of("nobody"))));
    }

    @Test
    void bad_queries_are_rejected_naming_the_parameter() {
        FindQuery q = FindQuery.of("ev");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> q.withMinScore(101)).getMessage()
                .contains("minScore"));
        assertThrows(IllegalArgumentException.class, () -> q.withAudience(10, 5));
        assertThrows(IllegalArgumentException.class, () -> q.withAudience(-1, 5));
        assertThrows(IllegalArgumentException.class, () -> q.withMinConversation(1.5));
        assertThrows(IllegalArgumentException.class, () -> q.withMinOverlap(-0.1));
        assertThrows(IllegalArgumentException.class, () -> q.withLimit(0));
        assertEquals("ev", FindQuery.of(" #Ev ").topic());
    }

    @Test
    void audience_bands_are_decades() {
        assertEquals("<10", Candidate.band(9));
        assertEquals("10–99", Candidate.band(10));
        assertEquals("100–999", Candidate.band(999));
        assertEquals("1k–9.9k", Candidate.band(1000));
        assertEquals("10k–99.9k", Candidate.band(12_345));
        assertEquals("1M+", Candidate.band(3_000_000));
    }
}
