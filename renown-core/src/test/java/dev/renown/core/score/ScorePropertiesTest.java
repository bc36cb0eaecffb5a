package dev.renown.core.score;

import dev.renown.core.event.EventTable;
import dev.renown.core.event.Interaction;
import dev.renown.core.event.InteractionKind;
import dev.renown.core.testing.Events;
import dev.renown.core.testing.RandomEvents;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Invariants of the score, checked on {@value #CASES} seeded random interaction sets each. A
 * failure names the seed, so the case can be replayed with {@link RandomEvents#generate(long)}.
 */
class ScorePropertiesTest {

    private static final int CASES = 500;
    private static final ScoringParameters PARAMS = ScoringParameters.defaults().withThreads(1);
    private static final long AS_OF = Events.T0.toEpochMilli();

    private static ScoreBoard score(List<Interaction> events) {
        return new Scorer(PARAMS).score(Events.table(events), AS_OF);
    }

    private static Map<String, Double> scoresById(ScoreBoard board) {
        Map<String, Double> scores = new HashMap<>();
        for (int v = 0; v < board.size(); v++) {
            scores.put(board.table().accounts().id(board.graph().account(v)), board.score(v));
        }
        return scores;
    }

    @Test
    void every_score_is_between_1_and_100_and_points_add_up() {
        // A low saturation makes the cap at 100 reachable on small graphs too.
        for (ScoringParameters p : List.of(PARAMS, PARAMS.withSignalWeights(1, 1, 1, 1, 1)
                .withDamping(0.5), new ScoringParameters(PARAMS.window(), PARAMS.halfLives(),
                PARAMS.kindWeights(), PARAMS.signalWeights(), 0.85, 100, 1e-7, 1, 0.5, 1, PARAMS.defences(),
                PARAMS.recentShare(), PARAMS.recentHalfLife()))) {
            for (long seed = 0; seed < CASES; seed++) {
                ScoreBoard b = new Scorer(p).score(Events.table(RandomEvents.generate(seed)), AS_OF);
                for (int v = 0; v < b.size(); v++) {
                    double s = b.score(v);
                    double sum = 1;
                    for (SignalKind k : SignalKind.values()) {
                        sum += b.points(k, v);
                    }
                    if (!(s >= 1 && s <= 100) || Math.abs(sum - s) > 1e-9) {
                        fail("seed " + seed + ": score " + s + ", 1 + points = " + sum);
                    }
                }
            }
        }
    }

    @Test
    void relabelling_accounts_and_reordering_input_changes_nothing() {
        for (long seed = 0; seed < CASES; seed++) {
            List<Interaction> events = RandomEvents.generate(seed);
            Random r = new Random(seed);
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                ids.add("u" + i);
            }
            List<String> shuffled = new ArrayList<>(ids);
            Collections.shuffle(shuffled, r);
            Map<String, String> rename = new HashMap<>();
            for (int i = 0; i < ids.size(); i++) {
                rename.put(ids.get(i), "renamed-" + shuffled.get(i));
            }
            List<Interaction> relabelled = new ArrayList<>();
            for (Interaction e : events) {
                relabelled.add(new Interaction("x" + e.eventId(), e.network(), e.kind(), rename.get(e.actorId()),
                        rename.get(e.targetId()), e.timeMillis(), e.postId(), e.targetPostId(), null, List.of()));
            }
            Collections.shuffle(relabelled, r);
            Map<String, Double> before = scoresById(score(events));
            Map<String, Double> after = scoresById(score(relabelled));
            assertEquals(before.size(), after.size(), "seed " + seed);
            for (Map.Entry<String, Double> e : before.entrySet()) {
                double moved = after.get(rename.get(e.getKey()));
                if (Math.abs(moved - e.getValue()) > 1e-4) {
                    fail("seed " + seed + ": " + e.getKey() + " scored " + e.getValue() + ", relabelled " + moved);
                }
            }
        }
    }

    @Test
    void a_reshare_by_a_new_account_never_lowers_reach_amplification_or_score() {
        for (long seed = 0; seed < CASES; seed++) {
            List<Interaction> events = RandomEvents.generate(seed);
            ScoreBoard before = score(events);
            if (before.size() == 0) {
                continue;
            }
            Random r = new Random(seed);
            int x = r.nextInt(before.size());
            String target = before.table().accounts().id(before.graph().account(x));
            long time = AS_OF - (long) (r.nextDouble() * 89 * 86_400_000L);
            List<Interaction> more = new ArrayList<>(events);
            more.add(new Interaction("newcomer-" + seed, "test", r.nextBoolean() ? InteractionKind.REPOST
                    : InteractionKind.QUOTE, "newcomer", target, time, null, null, null, List.of()));
            ScoreBoard after = score(more);
            int y = after.node(target).orElseThrow();
            for (SignalKind k : new SignalKind[] {SignalKind.REACH, SignalKind.AMPLIFICATION,
                    SignalKind.NETWORK_IMPACT}) {
                assertTrue(after.value(k, y) > before.value(k, x),
                        "seed " + seed + ": " + k + " of " + target + " " + before.value(k, x) + " -> "
                                + after.value(k, y));
            }
            assertTrue(after.score(y) >= before.score(x) - 1e-9,
                    "seed " + seed + ": score of " + target + " " + before.score(x) + " -> " + after.score(y));
        }
    }

    @Test
    void self_interactions_change_nothing() {
        for (long seed = 0; seed < CASES; seed++) {
            List<Interaction> events = RandomEvents.generate(seed);
            Random r = new Random(~seed);
            List<Interaction> more = new ArrayList<>(events);
            for (int i = 0; i < 1 + r.nextInt(10); i++) {
                // Existing and unknown accounts, any kind, even after every other interaction.
                String who = "u" + r.nextInt(20);
                long time = Events.T0.toEpochMilli() + (long) ((r.nextDouble() - 0.8) * 100 * 86_400_000L);
                more.add(r.nextInt(more.size() + 1), new Interaction("self-" + i, "test",
                        InteractionKind.ofOrdinal(r.nextInt(InteractionKind.count())), who, who, time,
                        "p" + r.nextInt(20), null, null, List.of()));
            }
            // Default as-of: the last interaction between two different accounts.
            EventTable plain = Events.table(events);
            EventTable withSelf = Events.table(more);
            ScoreBoard a = new Scorer(PARAMS).score(plain);
            ScoreBoard b = new Scorer(PARAMS).score(withSelf);
            assertEquals(a.asOfMillis(), b.asOfMillis(), "seed " + seed);
            Map<String, Double> sa = scoresById(a);
            Map<String, Double> sb = scoresById(b);
            assertEquals(sa, sb, "seed " + seed);
        }
    }

    @Test
    void equal_scores_share_a_rank_and_ranks_follow_scores() {
        for (long seed = 0; seed < CASES; seed++) {
            ScoreBoard b = score(RandomEvents.generate(seed));
            for (int i = 1; i < b.size(); i++) {
                int prev = b.nodeAt(i - 1);
                int v = b.nodeAt(i);
                assertTrue(b.score(prev) >= b.score(v) - 1e-6, "seed " + seed);
                if (Math.abs(b.score(prev) - b.score(v)) < 5e-7) {
                    assertEquals(b.rank(prev), b.rank(v), "seed " + seed);
                } else {
                    assertEquals(i + 1, b.rank(v), "seed " + seed);
                }
            }
        }
    }
}
