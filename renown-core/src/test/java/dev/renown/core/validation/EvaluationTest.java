package dev.renown.core.validation;

import dev.renown.core.event.EventTable;
import dev.renown.core.event.Interaction;
import dev.renown.core.event.InteractionKind;
import dev.renown.core.score.ScoringParameters;
import dev.renown.core.testing.Events;
import dev.renown.core.testing.RandomEvents;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static dev.renown.core.event.InteractionKind.LIKE;
import static dev.renown.core.event.InteractionKind.MENTION;
import static dev.renown.core.event.InteractionKind.QUOTE;
import static dev.renown.core.event.InteractionKind.REPLY;
import static dev.renown.core.event.InteractionKind.REPOST;
import static dev.renown.core.testing.Events.T0;
import static dev.renown.core.testing.Events.events;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EvaluationTest {

    private static final ScoringParameters PARAMS = ScoringParameters.defaults().withThreads(1);
    private static final long SPLIT = T0.toEpochMilli();

    @Test
    void ground_truth_counts_distinct_engagers_and_reshares_in_the_test_period_only() {
        EventTable table = events()
                .add("a", REPOST, "x", Duration.ofDays(2))    // training: makes x and a active
                .add("b", MENTION, "y", Duration.ofDays(1))   // training: y and b active
                .add("a", REPOST, "x", Duration.ofDays(-1))   // test: a reshares x twice
                .add("a", QUOTE, "x", Duration.ofDays(-2))
                .add("c", REPLY, "x", Duration.ofDays(-3))    // c engages x
                .add("d", LIKE, "x", Duration.ofDays(-1))     // likes are not engagement here
                .add("x", REPLY, "x", Duration.ofDays(-1))    // self
                .add("b", MENTION, "y", Duration.ofDays(-9))  // after the horizon
                .add("e", REPOST, "z", Duration.ofDays(-1))   // z was not active before the split
                .table();
        var board = new dev.renown.core.score.Scorer(PARAMS).score(table.before(SPLIT), SPLIT - 1);
        GroundTruth truth = GroundTruth.measure(table, board.graph(), SPLIT, SPLIT + Duration.ofDays(7).toMillis());
        int x = board.node("x").orElseThrow();
        int y = board.node("y").orElseThrow();
        assertEquals(2, truth.engagers()[x]);
        assertEquals(2, truth.reshares()[x]);
        assertEquals(0, truth.engagers()[y]);
        assertEquals(1, truth.engagedAccounts());
        assertEquals(4, board.size()); // a, x, b, y
    }

    @Test
    void nothing_at_or_after_the_split_reaches_the_scores() {
        for (long seed = 0; seed < 50; seed++) {
            List<Interaction> before = new ArrayList<>();
            for (Interaction i : RandomEvents.generate(seed)) {
                if (i.timeMillis() < SPLIT) {
                    before.add(i);
                }
            }
            // Plant a storm after the split, exactly at it and later, involving the same accounts.
            List<Interaction> planted = new ArrayList<>(before);
            Random r = new Random(seed);
            for (int i = 0; i < 200; i++) {
                long t = i == 0 ? SPLIT : SPLIT + (long) (r.nextDouble() * 5 * 86_400_000L);
                planted.add(new Interaction("p" + i, "test", InteractionKind.ofOrdinal(r.nextInt(6)),
                        "u" + r.nextInt(16), "u" + r.nextInt(3), t, "q" + i, null, null, List.of()));
            }
            Evaluation evaluation = new Evaluation(PARAMS, 0, 1);
            EvaluationReport clean = evaluation.run(Events.table(before), SPLIT, Duration.ofDays(3));
            EvaluationReport storm = evaluation.run(Events.table(planted), SPLIT, Duration.ofDays(3));
            assertEquals(clean.accounts(), storm.accounts(), "seed " + seed);
            assertEquals(clean.trainingInteractions(), storm.trainingInteractions(), "seed " + seed);
            // Same scores and signals: the training rankings are identical.
            var a = new dev.renown.core.score.Scorer(PARAMS).score(Events.table(before).before(SPLIT), SPLIT - 1);
            var b = new dev.renown.core.score.Scorer(PARAMS).score(Events.table(planted).before(SPLIT), SPLIT - 1);
            assertEquals(a.size(), b.size());
            for (int v = 0; v < a.size(); v++) {
                String id = a.table().accounts().id(a.graph().account(v));
                int w = b.node(id).orElseThrow();
                assertEquals(a.score(v), b.score(w), 0.0, "seed " + seed + " account " + id);
            }
        }
    }

    @Test
    void the_report_ranks_renown_signals_and_baselines_on_the_same_accounts() {
        // Popular accounts stay popular: the past predicts the future here.
        Events e = events();
        Random r = new Random(3);
        for (int i = 0; i < 400; i++) {
            int target = (int) (20 * Math.pow(r.nextDouble(), 3));
            long age = (long) (r.nextDouble() * 10 * 86_400_000L) - 5 * 86_400_000L; // 5 days each side
            e.add("fan" + r.nextInt(200), REPOST, "star" + target, Duration.ofMillis(age));
        }
        EvaluationReport report = new Evaluation(PARAMS, 30, 7).run(e.table(), SPLIT, Duration.ofDays(5));
        assertEquals("renown", report.rankers().get(0).name());
        assertEquals(List.of("renown", "renown_defences_off", "reach", "amplification", "network_impact",
                "conversation", "outreach",
                "engagement_count", "distinct_engagers", "reshares", "pagerank", "tweepcred"),
                report.rankers().stream().map(EvaluationReport.RankerResult::name).toList());
        EvaluationReport.RankerResult renown = report.ranker("renown");
        assertTrue(renown.point().spearman() > 0.3, "spearman " + renown.point().spearman());
        assertTrue(renown.low().ndcgK2() <= renown.point().ndcgK2() && renown.point().ndcgK2() <= renown.high().ndcgK2()
                + 1e-12);
        // Paired difference with itself would be 0; with a baseline its interval contains the point difference
        // for most resamples — check the bounds are ordered.
        EvaluationReport.RankerResult distinct = report.ranker("distinct_engagers");
        assertTrue(distinct.deltaLow().spearman() <= distinct.deltaHigh().spearman());
    }

    @Test
    void baselines_on_a_hand_made_graph() {
        // a and b repost x; a mentions y twice; c follows y.
        EventTable table = events().add("a", REPOST, "x").add("b", REPOST, "x").add("a", MENTION, "y")
                .add("a", MENTION, "y", Duration.ofHours(1)).add("c", InteractionKind.FOLLOW, "y").table();
        var board = new dev.renown.core.score.Scorer(PARAMS).score(table, SPLIT);
        var rankers = Baselines.compute(table, board.graph(), 1);
        int x = board.node("x").orElseThrow();
        int y = board.node("y").orElseThrow();
        double[] count = rankers.get(0).values();
        double[] distinct = rankers.get(1).values();
        double[] reshares = rankers.get(2).values();
        double[] followers = rankers.get(3).values();
        assertEquals("followers", rankers.get(3).name());
        assertArrayEquals(new double[] {2, 2, 2, 0, 1}, new double[] {count[x], count[y], distinct[x], reshares[y],
            followers[y]});
        assertEquals(1, distinct[y]);
        // Unweighted PageRank: x has two engagers, y one (a, whose standing is split over x and y).
        double[] pr = rankers.get(4).values();
        assertTrue(pr[x] > pr[y]);
        assertEquals(1.0, java.util.Arrays.stream(pr).sum(), 1e-6);
        // Tweepcred maps ln PageRank linearly onto 15..95, whole numbers.
        double[] tc = rankers.get(5).values();
        assertEquals(95, tc[x]);
        for (double v : tc) {
            assertEquals(Math.rint(v), v);
        }
    }

    @Test
    void tweepcred_divides_accounts_that_follow_far_more_than_they_are_followed() {
        double[] pr = {0.5, 0.5};
        double[] scaled = Baselines.tweepcred(pr, new double[] {10, 10}, new double[] {3000, 10});
        // Account 0 follows 3,000 and has 10 followers: divided by min(50, e^(3·(3001/11 − 1)·ln ln 3000)) = 50.
        assertEquals(15, scaled[0]);
        assertEquals(95, scaled[1]);
    }

    @Test
    void fit_uses_only_data_before_the_split_and_finds_weights_on_the_simplex() {
        Events e = events();
        Random r = new Random(5);
        for (int i = 0; i < 600; i++) {
            int target = (int) (30 * Math.pow(r.nextDouble(), 3));
            long age = (long) (r.nextDouble() * 6 * 86_400_000L);
            e.add("fan" + r.nextInt(300), r.nextBoolean() ? REPOST : MENTION, "star" + target, Duration.ofMillis(age));
        }
        List<Interaction> base = e.list();
        List<Interaction> withFuture = new ArrayList<>(base);
        for (int i = 0; i < 300; i++) {
            withFuture.add(new Interaction("f" + i, "test", REPOST, "fan" + i, "star29", SPLIT + i * 1000L,
                    null, null, null, List.of()));
        }
        Fit fit = new Fit(PARAMS, 0.25);
        Fit.Result a = fit.fit(Events.table(base), SPLIT, Duration.ofDays(1), 2);
        Fit.Result b = fit.fit(Events.table(withFuture), SPLIT, Duration.ofDays(1), 2);
        assertArrayEquals(a.weights(), b.weights());
        assertEquals(a.objective(), b.objective(), 0.0);
        assertEquals(1.0, java.util.Arrays.stream(a.weights()).sum(), 1e-9);
        assertEquals(2, a.folds().size());
        assertEquals(SPLIT - 86_400_000L, a.folds().get(0).splitMillis());
    }

    @Test
    void the_simplex_grid_has_every_composition() {
        // Compositions of 4 units into 5 parts: C(8, 4) = 70.
        assertEquals(70, Fit.simplex(0.25, null, 1.0).size());
        assertEquals(10626, Fit.simplex(0.05, null, 1.0).size());
    }
}
