package dev.renown.core.score;

import dev.renown.core.event.EventTable;
import dev.renown.core.integrity.Defences;
import dev.renown.core.testing.Events;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static dev.renown.core.event.InteractionKind.LIKE;
import static dev.renown.core.event.InteractionKind.MENTION;
import static dev.renown.core.event.InteractionKind.QUOTE;
import static dev.renown.core.event.InteractionKind.REPLY;
import static dev.renown.core.event.InteractionKind.REPOST;
import static dev.renown.core.event.InteractionKind.FOLLOW;
import static dev.renown.core.testing.Events.T0;
import static dev.renown.core.testing.Events.events;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Every signal on graphs small enough to compute by hand. Unless a test says otherwise, all
 * interactions happen at the as-of instant (decay factor 1) and each actor acts once a day
 * (day share 1), so an interaction's credit is its kind weight: repost, quote, reply 1, mention
 * 0.5, like 0.25, follow 0.1. Damping d = 0.85. Signal weights are fixed here — reach 0.30,
 * amplification 0.15, network impact 0.30, conversation 0.15, outreach 0.10 — so that every signal
 * shows in the hand-computed scores whatever the fitted defaults are. The integrity defences are
 * off: here every engager counts in full (the defences have their own tests, DefencesTest), and
 * reach has a single half-life (μ = 0; its two timescales are tested in ReachTimescalesTest).
 */
class SignalsOnTinyGraphsTest {

    private static final double EPS = 1e-6;
    static final ScoringParameters PARAMS = ScoringParameters.defaults().withThreads(1)
            .withSignalWeights(0.30, 0.15, 0.30, 0.15, 0.10).withDefences(Defences.none())
            .withRecentReach(0, ScoringParameters.RECENT_HALF_LIFE_DEFAULT);

    static ScoreBoard score(Events events) {
        return new Scorer(PARAMS).score(events.table(), T0.toEpochMilli());
    }

    static double value(ScoreBoard board, String account, SignalKind signal) {
        return board.value(signal, board.node(account).orElseThrow());
    }

    static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }

    @Test
    void two_nodes_one_repost() {
        ScoreBoard b = score(events().add("a", REPOST, "b"));
        // b: one engager with credit 1.
        assertEquals(1.0, value(b, "b", SignalKind.REACH), EPS);
        // b: log2(1 + 1) / (0 own posts + 1 prior) = 1.
        assertEquals(1.0, value(b, "b", SignalKind.AMPLIFICATION), EPS);
        // x_a = 1 (no engagers); a gives all its engagement to b: impact(b) = p(a,b)·x_a = 1.
        assertEquals(1.0, value(b, "b", SignalKind.NETWORK_IMPACT), EPS);
        assertEquals(0.0, value(b, "b", SignalKind.CONVERSATION), EPS);
        assertEquals(0.0, value(b, "b", SignalKind.OUTREACH), EPS);
        // a engaged one account.
        assertEquals(1.0, value(b, "a", SignalKind.OUTREACH), EPS);
        assertEquals(0.0, value(b, "a", SignalKind.REACH), EPS);
        assertEquals(0.0, value(b, "a", SignalKind.NETWORK_IMPACT), EPS);
        // Scores: bits(b) = 0.30·1 + 0.15·1 + 0.30·1 = 0.75, score = 1 + 99·0.75/20 = 4.7125;
        // bits(a) = 0.10·log2(2) = 0.1, score = 1 + 99·0.1/20 = 1.495.
        assertEquals(4.7125, b.score(b.node("b").orElseThrow()), EPS);
        assertEquals(1.495, b.score(b.node("a").orElseThrow()), EPS);
        assertEquals(1, b.rank(b.node("b").orElseThrow()));
        assertEquals(2, b.rank(b.node("a").orElseThrow()));
    }

    @Test
    void star_of_five_reposters() {
        Events e = events();
        for (int i = 1; i <= 5; i++) {
            e.add("leaf" + i, REPOST, "hub");
        }
        ScoreBoard b = score(e);
        assertEquals(5.0, value(b, "hub", SignalKind.REACH), EPS);
        // Five engagers with log2(2) = 1 each, no own posts: 5 / (0 + 1).
        assertEquals(5.0, value(b, "hub", SignalKind.AMPLIFICATION), EPS);
        // Each leaf stands at 1 and gives the hub all of it: 5 influence-weighted engagers.
        assertEquals(5.0, value(b, "hub", SignalKind.NETWORK_IMPACT), EPS);
        for (int i = 1; i <= 5; i++) {
            assertEquals(1.0, value(b, "leaf" + i, SignalKind.OUTREACH), EPS);
        }
        // bits = 0.30·log2 6 + 0.15·log2 6 + 0.30·log2 6 = 0.75·2.5849625 = 1.9387219
        assertEquals(1 + 99 * 0.75 * log2(6) / 20, b.score(b.node("hub").orElseThrow()), EPS);
    }

    @Test
    void chain_passes_standing_down_the_line() {
        // a -> b -> c: x_a = 1, x_b = 1 + 0.85·1 = 1.85, x_c = 1 + 0.85·1.85 = 2.5725.
        ScoreBoard b = score(events().add("a", REPOST, "b").add("b", REPOST, "c"));
        assertEquals(0.0, value(b, "a", SignalKind.NETWORK_IMPACT), EPS);
        assertEquals(1.0, value(b, "b", SignalKind.NETWORK_IMPACT), EPS);
        // Within the propagation's tolerance, a relative error (the normalised iteration is not
        // exact after three steps on a chain, as plain Jacobi was).
        assertEquals(1.85, value(b, "c", SignalKind.NETWORK_IMPACT), 1.85 * PARAMS.tolerance());
        NetworkImpact impact = (NetworkImpact) b.signal(SignalKind.NETWORK_IMPACT);
        assertEquals(2.5725, impact.standing(b.node("c").orElseThrow()), 1e-5);
        // Reach does not propagate: b and c each have one engager.
        assertEquals(1.0, value(b, "c", SignalKind.REACH), EPS);
    }

    @Test
    void cycle_of_three_stands_at_one_over_one_minus_d() {
        // x = 1 + 0.85·x for every node: x = 1/0.15 = 6.6667, and impact = p·x = x.
        ScoreBoard b = score(events().add("a", REPOST, "b").add("b", REPOST, "c").add("c", REPOST, "a"));
        for (String v : new String[] {"a", "b", "c"}) {
            assertEquals(1 / 0.15, value(b, v, SignalKind.NETWORK_IMPACT), 1e-4);
            assertEquals(1.0, value(b, v, SignalKind.REACH), EPS);
            assertEquals(1.0, value(b, v, SignalKind.OUTREACH), EPS);
        }
        // Symmetric accounts tie: same score, same rank.
        assertEquals(1, b.rank(b.node("a").orElseThrow()));
        assertEquals(1, b.rank(b.node("b").orElseThrow()));
        assertEquals(1, b.rank(b.node("c").orElseThrow()));
    }

    @Test
    void engagement_is_split_in_proportion_to_its_weight() {
        // a reposts b and mentions c, on the same day: n(a, day) = 2, each credit is
        // log2(3)/2 = 0.7924813 times the kind weight. W(a,b) = log2(1 + 0.7924813) = 0.8420540,
        // W(a,c) = log2(1 + 0.3962406) = 0.4815712; impact(b) = W(a,b) / (W(a,b) + W(a,c)).
        ScoreBoard b = score(events().add("a", REPOST, "b").add("a", MENTION, "c"));
        double share = log2(3) / 2;
        double wb = log2(1 + share);
        double wc = log2(1 + 0.5 * share);
        assertEquals(wb / (wb + wc), value(b, "b", SignalKind.NETWORK_IMPACT), 1e-6);
        assertEquals(wc / (wb + wc), value(b, "c", SignalKind.NETWORK_IMPACT), 1e-6);
        // Reach and outreach count people, not credits: one each, whatever the kind and the day.
        assertEquals(1.0, value(b, "b", SignalKind.REACH), 1e-6);
        assertEquals(1.0, value(b, "c", SignalKind.REACH), 1e-6);
        assertEquals(2.0, value(b, "a", SignalKind.OUTREACH), 1e-6);
        // Amplification feels the day share: log2(1 + 0.7924813) / (0 posts + 1).
        assertEquals(wb, value(b, "b", SignalKind.AMPLIFICATION), 1e-6);
        // The mention is conversation: log2(1 + 0.5·share) for c, nothing reciprocated.
        assertEquals(wc, value(b, "c", SignalKind.CONVERSATION), 1e-6);
    }

    @Test
    void decay_halves_an_interaction_one_half_life_old() {
        ScoreBoard b = score(events().add("a", REPOST, "b", Duration.ofDays(30)).add("c", LIKE, "d"));
        assertEquals(0.5, value(b, "b", SignalKind.REACH), EPS);
        assertEquals(log2(1.5), value(b, "b", SignalKind.AMPLIFICATION), EPS);
        // A like makes one engager, and adds nothing to amplification.
        assertEquals(1.0, value(b, "d", SignalKind.REACH), EPS);
        assertEquals(0.0, value(b, "d", SignalKind.AMPLIFICATION), EPS);
    }

    @Test
    void interactions_outside_the_window_and_after_as_of_are_ignored() {
        EventTable table = events()
                .add("a", REPOST, "b", Duration.ofDays(91))      // before the 90-day window
                .add("c", REPOST, "b", Duration.ofDays(-1))      // after as-of
                .add("d", REPOST, "b", Duration.ofDays(0))
                .table();
        ScoreBoard b = new Scorer(PARAMS).score(table, T0.toEpochMilli());
        assertEquals(2, b.size()); // b and d
        assertEquals(1.0, value(b, "b", SignalKind.REACH), EPS);
        assertEquals(true, b.node("a").isEmpty());
        assertEquals(true, b.node("c").isEmpty());
    }

    @Test
    void dialogue_both_ways_counts_twice() {
        // a and b reply to each other once: each gets log2(2) received + log2(1 + min(1,1)) = 2.
        ScoreBoard b = score(events().add("a", REPLY, "b").add("b", REPLY, "a"));
        assertEquals(2.0, value(b, "a", SignalKind.CONVERSATION), EPS);
        assertEquals(2.0, value(b, "b", SignalKind.CONVERSATION), EPS);
        // Replying to someone who never answers earns the replier nothing.
        ScoreBoard oneWay = score(events().add("a", REPLY, "b").add("a", REPLY, "b", Duration.ofDays(1)));
        assertEquals(0.0, value(oneWay, "a", SignalKind.CONVERSATION), EPS);
        // b: two replies from a on two days, credits 1 and 2^(-1/30): log2(1 + 1 + 0.977159).
        assertEquals(log2(2 + Math.pow(2, -1.0 / 30)), value(oneWay, "b", SignalKind.CONVERSATION), EPS);
    }

    @Test
    void reciprocity_is_bounded_by_the_weaker_direction() {
        // a replies to b once; b only mentions a (0.5): received by a = log2(1.5),
        // reciprocated = log2(1 + min(0.5, 1)) = log2(1.5).
        ScoreBoard b = score(events().add("a", REPLY, "b").add("b", MENTION, "a"));
        assertEquals(2 * log2(1.5), value(b, "a", SignalKind.CONVERSATION), EPS);
        assertEquals(log2(2) + log2(1.5), value(b, "b", SignalKind.CONVERSATION), EPS);
    }

    @Test
    void ratios_matter_100_reshares_from_10_posts_beat_100_from_1000() {
        Events few = events();
        Events many = events();
        for (int i = 0; i < 100; i++) {
            few.add("fan" + i, REPOST, "x");
            many.add("fan" + i, REPOST, "x");
        }
        for (int p = 0; p < 1000; p++) {
            // Own posts: mentions of a friend at distinct seconds, spread over days.
            Events target = p < 10 ? few : many;
            target.add("x", MENTION, "friend", Duration.ofSeconds(3600L * p + 1));
            if (p < 10) {
                many.add("x", MENTION, "friend", Duration.ofSeconds(3600L * p + 1));
            }
        }
        ScoreBoard bFew = score(few);
        ScoreBoard bMany = score(many);
        assertEquals(10, bFew.graph().ownPosts(bFew.node("x").orElseThrow()));
        assertEquals(1000, bMany.graph().ownPosts(bMany.node("x").orElseThrow()));
        // 100 engagers with log2(2) each: 100/11 against 100/1001.
        assertEquals(100.0 / 11, value(bFew, "x", SignalKind.AMPLIFICATION), EPS);
        assertEquals(100.0 / 1001, value(bMany, "x", SignalKind.AMPLIFICATION), EPS);
    }

    @Test
    void a_hundred_reshares_from_a_hundred_people_beat_a_hundred_from_one() {
        Events crowd = events();
        Events single = events();
        for (int i = 0; i < 100; i++) {
            crowd.add("fan" + i, REPOST, "x", Duration.ofDays(i % 10).plusMinutes(i));
            single.add("fan", REPOST, "x", Duration.ofDays(i % 10).plusMinutes(i));
        }
        ScoreBoard c = score(crowd);
        ScoreBoard s = score(single);
        // The single fan counts once in reach and for the doublings of its engagement elsewhere.
        assertEquals(1.0, value(s, "x", SignalKind.REACH), EPS);
        double crowdReach = value(c, "x", SignalKind.REACH);
        assertEquals(true, crowdReach > 90, "decayed reach of 100 distinct fans: " + crowdReach);
        assertEquals(true, value(c, "x", SignalKind.AMPLIFICATION) > 10 * value(s, "x", SignalKind.AMPLIFICATION));
        assertEquals(true, c.score(c.node("x").orElseThrow()) > s.score(s.node("x").orElseThrow()) + 10);
    }

    @Test
    void the_more_someone_acts_in_a_day_the_less_each_action_counts() {
        // bot reposts 100 accounts within one day: each credit is log2(101)/100 = 0.0665821 times
        // the decay; person reposts t0 once, a minute before as-of.
        Events e = events();
        for (int i = 0; i < 100; i++) {
            e.add("bot", REPOST, "t" + i, Duration.ofMinutes(i));
        }
        e.add("person", REPOST, "t0", Duration.ofMinutes(1));
        ScoreBoard b = score(e);
        double botCredit = log2(101) / 100;
        double minute = 30 * 24 * 60;
        // Amplification of t5: log2(1 + credit) over one virtual post.
        assertEquals(log2(1 + botCredit * Math.pow(2, -5 / minute)), value(b, "t5", SignalKind.AMPLIFICATION), 1e-6);
        // t0: the bot's repost (age 0) and the person's (age 1 minute).
        assertEquals(log2(1 + botCredit) + log2(1 + Math.pow(2, -1 / minute)),
                value(b, "t0", SignalKind.AMPLIFICATION), 1e-6);
        // The bot's standing of 1 is split over 100 accounts, the person's goes to t0 alone.
        assertEquals(0.01 + 1.0, value(b, "t0", SignalKind.NETWORK_IMPACT), 1e-4);
        assertEquals(0.01, value(b, "t5", SignalKind.NETWORK_IMPACT), 1e-4);
        // Reach still counts the bot as one engager of each account (at its recency).
        assertEquals(Math.pow(2, -5 / minute), value(b, "t5", SignalKind.REACH), 1e-6);
        assertEquals(1 + Math.pow(2, -1 / minute), value(b, "t0", SignalKind.REACH), 1e-6);
    }

    @Test
    void quotes_amplify_and_follows_only_pass_on_influence() {
        ScoreBoard b = score(events().add("a", QUOTE, "b").add("c", FOLLOW, "d"));
        assertEquals(1.0, value(b, "b", SignalKind.AMPLIFICATION), EPS);
        assertEquals(0.0, value(b, "d", SignalKind.REACH), EPS);
        assertEquals(0.0, value(b, "c", SignalKind.OUTREACH), EPS);
        // The follow is the only edge out of c: p(c,d) = 1, impact(d) = x_c = 1.
        assertEquals(1.0, value(b, "d", SignalKind.NETWORK_IMPACT), EPS);
    }
}
