package dev.renown.core.integrity;

import dev.renown.core.score.ScoreBoard;
import dev.renown.core.score.Scorer;
import dev.renown.core.score.ScoringParameters;
import dev.renown.core.score.SignalKind;
import dev.renown.core.testing.Events;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static dev.renown.core.event.InteractionKind.MENTION;
import static dev.renown.core.event.InteractionKind.REPOST;
import static dev.renown.core.testing.Events.T0;
import static dev.renown.core.testing.Events.events;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The defences on graphs small enough to follow by hand. The as-of instant is 12:00 UTC; unless a
 * test says otherwise every interaction is in the clock hour before it (11:00 to 11:59, one bucket),
 * so recencies are 1 to within 2·10⁻⁴ (half-life 30 days) and reach counts voices to within 10⁻³ per voice. Defaults: a
 * clock hour per bucket, vouching within six hours, eight groups per established engager, two free
 * buckets.
 */
class DefencesTest {

    private static final double EPS = 5e-3;
    /** The default defences; reach at one half-life (μ = 0) so that its value counts voices. */
    private static final ScoringParameters ON = ScoringParameters.defaults().withThreads(1)
            .withRecentReach(0, ScoringParameters.RECENT_HALF_LIFE_DEFAULT);
    private static final ScoringParameters OFF = ON.withDefences(Defences.none());

    private static ScoreBoard score(Events e, ScoringParameters p) {
        return new Scorer(p).score(e.table(), T0.toEpochMilli());
    }

    private static double reach(ScoreBoard b, String account) {
        return b.value(SignalKind.REACH, b.node(account).orElseThrow());
    }

    /** {@code s} seconds before 11:50, inside the clock hour before the as-of instant. */
    private static Duration seconds(long s) {
        return Duration.ofSeconds(600 + s);
    }

    /**
     * A world: ten accounts in a ring where each reposts the next two, so that removing any one
     * leaves the rest connected and each is engaged by two others (established).
     */
    private static Events world() {
        Events e = events();
        for (int i = 0; i < 10; i++) {
            e.add("w" + i, REPOST, "w" + ((i + 1) % 10), seconds(30));
            e.add("w" + i, REPOST, "w" + ((i + 2) % 10), seconds(30));
        }
        return e;
    }

    @Test
    void five_accounts_that_only_engaged_the_target_in_one_hour_count_as_one_voice() {
        Events e = world().add("w0", REPOST, "t", seconds(20));
        for (int i = 0; i < 5; i++) {
            e.add("b" + i, REPOST, "t", seconds(i));
        }
        // w0 is established and vouches for eight groups: all five count.
        assertEquals(6.0, reach(score(e, ON), "t"), EPS);
        // Without w0 nobody vouches: five groups in one hour, A(1) = 1, plus nothing else.
        Events alone = world();
        for (int i = 0; i < 5; i++) {
            alone.add("b" + i, REPOST, "t", seconds(i));
        }
        ScoreBoard b = score(alone, ON);
        assertEquals(1.0, reach(b, "t"), EPS);
        assertEquals(5.0, reach(score(alone, OFF), "t"), EPS);
        // Each of the five has a fifth of a voice.
        int t = b.node("t").orElseThrow();
        for (int edge = b.graph().inStart(t); edge < b.graph().inEnd(t); edge++) {
            assertEquals(0.2, b.voices().voice(edge), 1e-6);
            assertEquals(EngagerVoices.GroupKind.ALONE, b.voices().groupKind(b.voices().group(edge)));
        }
    }

    @Test
    void unvouched_arrivals_count_in_full_for_two_hours_then_in_doublings() {
        // One newcomer in each of F distinct hours: A(F) = F up to 2, then 2 + log2(1 + F - 2).
        int[] hours = {1, 2, 3, 5, 9};
        double[] expected = {1, 2, 3, 4, 5};
        for (int k = 0; k < hours.length; k++) {
            Events e = world();
            for (int i = 0; i < hours[k]; i++) {
                e.add("b" + i, REPOST, "t", Duration.ofHours(i).plusSeconds(1));
            }
            double a = hours[k] <= 2 ? hours[k] : 2 + Math.log(1 + hours[k] - 2) / Math.log(2);
            ScoreBoard b = score(e, ON);
            // Recency of an engager i hours old at a 30-day half-life.
            double sum = 0;
            for (int i = 0; i < hours[k]; i++) {
                sum += Math.pow(2, -(i * 3600.0 + 1) / (30 * 86400.0));
            }
            assertEquals(a * sum / hours[k], reach(b, "t"), 1e-6, hours[k] + " hours");
            assertTrue(expected[k] >= a - 1e-9);
        }
    }

    @Test
    void each_established_engager_vouches_for_eight_groups_within_six_hours() {
        Events e = world().add("w0", REPOST, "t", seconds(50));
        for (int i = 0; i < 20; i++) {
            e.add("b" + i, REPOST, "t", seconds(i));
        }
        // w0 vouches for 8 of the 20; the other 12 arrived in one hour: A(1) = 1. Reach 1 + 8 + 1.
        assertEquals(10.0, reach(score(e, ON), "t"), EPS);
        // Three established engagers vouch for 24 >= 20: everyone counts.
        e.add("w1", REPOST, "t", seconds(51)).add("w2", REPOST, "t", seconds(52));
        assertEquals(23.0, reach(score(e, ON), "t"), EPS);
        // An established engager seven hours earlier vouches for nobody arriving now.
        Events late = world().add("w0", REPOST, "t", Duration.ofHours(7));
        for (int i = 0; i < 20; i++) {
            late.add("b" + i, REPOST, "t", seconds(i));
        }
        double w0 = Math.pow(2, -7.0 / (30 * 24));
        assertEquals(w0 + 1.0, reach(score(late, ON), "t"), EPS);
    }

    @Test
    void a_sybil_ring_that_only_engages_the_target_and_itself_is_one_voice() {
        // The ring (eight accounts) is smaller than the world (ten): what remains of the component
        // once t is removed is the world part, the larger.
        Events e = world().add("w0", REPOST, "t", Duration.ofDays(2));
        for (int i = 0; i < 8; i++) {
            e.add("s" + i, REPOST, "t", seconds(i));
            e.add("s" + i, MENTION, "s" + ((i + 1) % 8), seconds(i));
        }
        ScoreBoard b = score(e, ON);
        double w0 = Math.pow(2, -2.0 / 30);
        // w0 (two days earlier, vouching for nobody now) and one voice for the ring.
        assertEquals(w0 + 1.0, reach(b, "t"), EPS);
        int t = b.node("t").orElseThrow();
        int ringEdges = 0;
        for (int edge = b.graph().inStart(t); edge < b.graph().inEnd(t); edge++) {
            if (!b.voices().isEstablished(edge)) {
                ringEdges++;
                assertEquals(EngagerVoices.GroupKind.CLOSED_CLUSTER, b.voices().groupKind(b.voices().group(edge)));
                assertEquals(8, b.voices().groupMembers(b.voices().group(edge)));
            }
        }
        assertEquals(8, ringEdges);
        // Without the closed-cluster defence each ring member is a group of its own: 8 groups in
        // one hour, still one voice by the bursts defence.
        assertEquals(w0 + 1.0, reach(score(e, ON.withDefences(Defences.parse("hub-only,bursts,devoted"))), "t"), EPS);
        // With neither, eight.
        assertEquals(w0 + 8.0, reach(score(e, ON.withDefences(Defences.parse("hub-only,devoted"))), "t"), EPS);
    }

    @Test
    void accounts_that_keep_coming_back_and_engage_nothing_else_pool_into_one_voice() {
        Events e = world();
        for (int i = 0; i < 3; i++) {
            // Each puppet engages t three times, the first 5 hours ago and the latest now.
            for (int j = 0; j < 3; j++) {
                e.add("p" + i, MENTION, "t", Duration.ofHours(5 - 2 * j).plusSeconds(i));
            }
        }
        ScoreBoard b = score(e, ON);
        int t = b.node("t").orElseThrow();
        int group = -1;
        for (int edge = b.graph().inStart(t); edge < b.graph().inEnd(t); edge++) {
            assertEquals(EngagerVoices.GroupKind.DEVOTED, b.voices().groupKind(b.voices().group(edge)));
            group = group < 0 ? b.voices().group(edge) : group;
            assertEquals(group, b.voices().group(edge));
        }
        assertEquals(3, b.voices().groupMembers(group));
        // One group, unvouched, in one bucket: one voice, shared by three engagers whose latest
        // engagement is an hour old.
        double recency = Math.pow(2, -1.0 / (30 * 24));
        assertEquals(recency, reach(b, "t"), 1e-5);
        assertEquals(3 * recency, reach(score(e, ON.withDefences(Defences.parse("closed-clusters,hub-only"))), "t"),
                1e-5);
    }

    @Test
    void engaging_the_hubs_is_not_enough_to_be_established() {
        Events e = world();
        // The hub: engaged by every world account besides those of the ring.
        for (int i = 0; i < 10; i++) {
            e.add("w" + i, REPOST, "hub", seconds(40));
        }
        // Twelve camouflaged accounts each repost the hub and t.
        for (int i = 0; i < 12; i++) {
            e.add("c" + i, REPOST, "hub", seconds(i));
            e.add("c" + i, REPOST, "t", seconds(i));
        }
        ScoreBoard b = score(e, ON);
        // The hub holds 22 of the 54 engaging pairs, w1..w9 with two each 18; the hub alone holds less
        // than half, so it and every account with as many engagers as the last one needed are hubs.
        int t = b.node("t").orElseThrow();
        for (int edge = b.graph().inStart(t); edge < b.graph().inEnd(t); edge++) {
            assertEquals(EngagerVoices.GroupKind.HUB_ONLY, b.voices().groupKind(b.voices().group(edge)));
        }
        // Twelve groups of one, in one hour, unvouched: one voice.
        assertEquals(1.0, reach(b, "t"), EPS);
        // Without the hub-only defence they are established.
        assertEquals(12.0, reach(score(e, ON.withDefences(Defences.parse("closed-clusters,bursts,devoted"))), "t"),
                EPS);
    }

    @Test
    void momentum_counts_only_vouched_engagers() {
        // Reach at two timescales, half its doublings at a one-day half-life: a burst of twenty
        // unvouched accounts adds one voice to the lasting audience and nothing to the recent one.
        ScoringParameters twoTimescales = ON.withRecentReach(0.5, Duration.ofDays(1));
        Events e = world();
        for (int i = 0; i < 20; i++) {
            e.add("b" + i, REPOST, "t", seconds(i));
        }
        ScoreBoard b = score(e, twoTimescales);
        int t = b.node("t").orElseThrow();
        dev.renown.core.score.Reach reach = (dev.renown.core.score.Reach) b.signal(SignalKind.REACH);
        assertEquals(1.0, reach.lasting(t), EPS);
        assertEquals(0.0, reach.recent(t), 1e-12);
        // reach = (1 + 1)^0.5 · (1 + 0)^0.5 − 1 = √2 − 1.
        assertEquals(Math.sqrt(2) - 1, reach(b, "t"), EPS);
        // With an established engager among them, eight are vouched: lasting 1 + 8 + 1 = 10 voices, recent
        // counts w0 and the eight vouched ones, each at a recency of 2^(−10 min / 1 day) ≈ 0.9952.
        e.add("w0", REPOST, "t", seconds(30));
        b = score(e, twoTimescales);
        t = b.node("t").orElseThrow();
        reach = (dev.renown.core.score.Reach) b.signal(SignalKind.REACH);
        assertEquals(10.0, reach.lasting(t), EPS);
        assertEquals(9 * Math.pow(2, -11.0 / (24 * 60)), reach.recent(t), 0.02);
    }

    @Test
    void every_voice_is_in_zero_one_and_off_means_one() {
        Events e = world();
        for (int i = 0; i < 30; i++) {
            e.add("b" + i, REPOST, "t", Duration.ofMinutes(17L * i));
            e.add("b" + i, MENTION, "w" + (i % 3), Duration.ofMinutes(5L * i));
        }
        ScoreBoard on = score(e, ON);
        for (int edge = 0; edge < on.graph().edgeCount(); edge++) {
            float v = on.voices().voice(edge);
            assertTrue(v > 0 && v <= 1, "voice " + v);
        }
        ScoreBoard off = score(e, OFF);
        for (int edge = 0; edge < off.graph().edgeCount(); edge++) {
            assertEquals(1f, off.voices().voice(edge));
        }
    }
}
