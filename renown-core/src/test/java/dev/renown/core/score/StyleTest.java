package dev.renown.core.score;

import dev.renown.core.event.AccountKey;
import dev.renown.core.event.EventTableBuilder;
import dev.renown.core.event.Interaction;
import dev.renown.core.event.InteractionKind;
import dev.renown.core.integrity.Defences;
import dev.renown.core.people.People;
import dev.renown.core.people.PersonScores;
import dev.renown.core.score.Style.Label;
import dev.renown.core.testing.Events;
import dev.renown.core.testing.RandomEvents;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import static dev.renown.core.event.InteractionKind.MENTION;
import static dev.renown.core.event.InteractionKind.REPOST;
import static dev.renown.core.testing.Events.T0;
import static dev.renown.core.testing.Events.events;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Style labels: the rule on hand-chosen percentiles, on tiny boards whose percentiles are counted
 * by hand, the board-wide pass against the one-account path, and the labels of a real board.
 *
 * <p>On the boards every interaction is at {@link Events#T0}, with no defences and reach at one
 * timescale, so a signal's value is a count or a sum of equal terms and only its order matters:
 * a percentile is {@code 100 · (below + equal/2) / n}.
 */
class StyleTest {

    private static final ScoringParameters PLAIN = ScoringParameters.defaults().withThreads(1)
            .withDefences(Defences.none()).withRecentReach(0, ScoringParameters.RECENT_HALF_LIFE_DEFAULT);

    /** Signals in SignalKind order: reach, amplification, network impact, conversation, outreach. */
    private static double[] row(double reach, double amplification, double impact, double conversation,
                                double outreach) {
        return new double[] {reach, amplification, impact, conversation, outreach};
    }

    private static Label label(double[] values, double[] percentiles, int partners) {
        return Style.classify(values, percentiles, partners).label();
    }

    // --- The rule on plain arrays --------------------------------------------------------------

    @Test
    void each_label_is_reached_by_the_signal_that_stands_out() {
        double[] all = row(5, 2, 3, 1, 4);
        assertEquals(Label.BROADCASTER, label(all, row(97, 80, 85, 91, 60), 10));
        assertEquals(Label.BROADCASTER, label(all, row(80, 97, 85, 91, 60), 10));
        assertEquals(Label.SPECIALIST, label(all, row(80, 85, 97, 91, 60), 10));
        assertEquals(Label.CONVERSATIONALIST, label(all, row(80, 85, 90, 97, 60), 10));
        assertEquals(Label.CURATOR, label(all, row(80, 85, 90, 91, 97), 10));
        assertEquals(Label.EXPLORER, label(row(0, 0, 0, 0, 4), row(40, 41, 40, 45, 97), 4));
        assertEquals(Label.QUIET, label(all, row(97, 80, 85, 91, 60), 2));
    }

    @Test
    void the_reason_names_the_standout_the_runner_up_and_the_thresholds() {
        Style.Verdict v = Style.classify(row(5, 2, 3, 1, 4), row(80, 85, 90, 91, 97), 10);
        assertEquals("outreach stands out: percentile 97.0 among the day's accounts, its highest "
                + "(next: conversation 91.0); reach percentile 80.0 > 50", v.reason());
        Style.Verdict explorer = Style.classify(row(0, 0, 0, 0, 4), row(40, 41, 40, 45, 97), 4);
        assertEquals("outreach stands out: percentile 97.0 among the day's accounts, its highest "
                + "(no other signal above 0); reach percentile 40.0 ≤ 50", explorer.reason());
        Style.Verdict quiet = Style.classify(row(1, 0, 1, 0, 1), row(90, 40, 90, 45, 60), 2);
        assertEquals("2 partners (accounts that engaged it plus accounts it engaged), fewer than the 3 a style "
                + "needs", quiet.reason());
    }

    @Test
    void three_partners_are_enough_and_two_are_not() {
        double[] values = row(1, 1, 1, 0, 1);
        double[] percentiles = row(90, 80, 70, 45, 60);
        assertEquals(Label.QUIET, label(values, percentiles, Style.MIN_PARTNERS - 1));
        assertEquals(Label.BROADCASTER, label(values, percentiles, Style.MIN_PARTNERS));
    }

    @Test
    void reach_at_the_median_is_no_audience_and_just_above_it_is() {
        double[] values = row(1, 0, 0, 0, 5);
        assertEquals(Label.EXPLORER, label(values, row(50, 40, 40, 45, 99), 6));
        assertEquals(Label.CURATOR, label(values, row(Math.nextUp(50.0), 40, 40, 45, 99), 6));
    }

    @Test
    void exact_ties_go_to_the_earlier_signal_and_the_least_lead_decides() {
        double[] values = row(1, 1, 1, 1, 1);
        assertEquals(Label.BROADCASTER, label(values, row(90, 80, 80, 90, 90), 5));
        assertEquals(Label.SPECIALIST, label(values, row(80, 80, 90, 90, 90), 5));
        assertEquals(Label.CONVERSATIONALIST, label(values, row(90, 80, 80, Math.nextUp(90.0), 90), 5));
        assertEquals(Label.CURATOR, label(values, row(90, 80, 80, 90, Math.nextUp(90.0)), 5));
    }

    @Test
    void a_signal_at_0_never_stands_out_however_high_its_percentile() {
        // Outreach, the only signal above 0, sits low; conversation's percentile is that of the many zeros.
        assertEquals(Label.EXPLORER, label(row(0, 0, 0, 0, 0.2), row(40, 41, 40, 45, 10), 3));
        Style.Verdict none = Style.classify(row(0, 0, 0, 0, 0), row(50, 50, 50, 50, 50), 3);
        assertEquals(Label.QUIET, none.label());
        assertEquals("no signal above 0", none.reason());
    }

    @Test
    void rows_of_the_wrong_length_are_refused() {
        assertThrows(IllegalArgumentException.class, () -> Style.classify(new double[4], new double[5], 3));
        assertThrows(IllegalArgumentException.class, () -> Style.classify(new double[5], new double[6], 3));
    }

    // --- Tiny boards, percentiles counted by hand -----------------------------------------------

    @Test
    void mentions_make_a_conversationalist_and_reposts_a_broadcaster() {
        // x1..x3 mention talker, y1..y3 repost caster: n = 8. Both have reach 3 and impact 3 (one
        // out-edge each from engagers of standing 1), so p = 100·(6 + 2/2)/8 = 87.5 for both. Only
        // talker has conversation: 100·(7 + 1/2)/8 = 93.75; only caster amplification: 93.75.
        Events e = events();
        for (String x : List.of("x1", "x2", "x3")) {
            e.add(x, MENTION, "talker");
        }
        for (String y : List.of("y1", "y2", "y3")) {
            e.add(y, REPOST, "caster");
        }
        ScoreBoard b = new Scorer(PLAIN).score(e.table(), T0.toEpochMilli());
        int talker = b.node("talker").orElseThrow();
        int caster = b.node("caster").orElseThrow();
        assertEquals(87.5, b.percentile(SignalKind.REACH, b.value(SignalKind.REACH, talker)), 1e-9);

        Style.Verdict t = Style.of(b, talker);
        assertEquals(Label.CONVERSATIONALIST, t.label());
        assertTrue(t.reason().startsWith("conversation stands out: percentile 93.8"), t.reason());
        Style.Verdict c = Style.of(b, caster);
        assertEquals(Label.BROADCASTER, c.label());
        assertTrue(c.reason().startsWith("amplification stands out: percentile 93.8"), c.reason());
        // Each engager has one partner.
        assertEquals(Label.QUIET, Style.of(b, b.node("x1").orElseThrow()).label());
        assertEquals(Label.QUIET, Style.of(b, b.node("y1").orElseThrow()).label());
    }

    @Test
    void few_engagers_of_standing_make_a_specialist() {
        // caster is reposted by f1..f4; specialist by h1..h3, each of which g1..g6 repost twice over
        // (h_i by g_{2i-1}, g_{2i}). n = 15. Reach: ten zeros, h 2 (x3), specialist 3, caster 4, so
        // specialist's percentile is 100·13.5/15 = 90. Impact: h's standing is 1 + 0.85·2 = 2.7 and
        // each h engages specialist only, so impact(specialist) = 8.1 > caster's 4 > h's 2:
        // 100·14.5/15 = 96.67 for specialist; caster's reach is 96.67, tied with its amplification.
        Events e = events();
        for (String f : List.of("f1", "f2", "f3", "f4")) {
            e.add(f, REPOST, "caster");
        }
        for (int i = 1; i <= 3; i++) {
            e.add("g" + (2 * i - 1), REPOST, "h" + i).add("g" + 2 * i, REPOST, "h" + i)
                    .add("h" + i, REPOST, "specialist");
        }
        ScoreBoard b = new Scorer(PLAIN).score(e.table(), T0.toEpochMilli());
        Style.Verdict s = Style.of(b, b.node("specialist").orElseThrow());
        assertEquals(Label.SPECIALIST, s.label());
        assertTrue(s.reason().startsWith("network_impact stands out: percentile 96.7"), s.reason());
        Style.Verdict c = Style.of(b, b.node("caster").orElseThrow());
        assertEquals(Label.BROADCASTER, c.label());
        assertEquals("reach stands out: percentile 96.7 among the day's accounts, its highest (tied with "
                + "amplification; ties go to the earlier signal)", c.reason());
        // h1 has g1, g2 and specialist: 3 partners. Reach, amplification and impact tie at
        // 100·(10 + 3/2)/15 = 76.67, above its outreach (13 accounts at 1: 100·(2 + 13/2)/15 = 56.67).
        Style.Verdict h = Style.of(b, b.node("h1").orElseThrow());
        assertEquals(Label.BROADCASTER, h.label());
        assertEquals("reach stands out: percentile 76.7 among the day's accounts, its highest (tied with "
                + "amplification, network_impact; ties go to the earlier signal)", h.reason());
        assertEquals(Label.QUIET, Style.of(b, b.node("g1").orElseThrow()).label());
    }

    @Test
    void engaging_others_makes_a_curator_with_an_audience_and_an_explorer_without() {
        // curator reposts a, b, c, d and z reposts curator; explorer reposts a, b, c; q1..q3 repost d.
        // n = 10. Reach: five zeros (z, explorer, q1..q3), curator 1, a, b, c 2, d 4: curator at
        // 100·5.5/10 = 55 > 50, explorer at 100·2.5/10 = 25. Outreach: a..d 0, z and q's 1,
        // explorer 3, curator 4: 95 and 85. Curator's other signals stay at 55 (amplification)
        // and 85 (impact: z passes its standing 1, above a, b, c's 0.80, below d's 3.46).
        Events e = events();
        for (String t : List.of("a", "b", "c", "d")) {
            e.add("curator", REPOST, t);
        }
        e.add("z", REPOST, "curator");
        for (String t : List.of("a", "b", "c")) {
            e.add("explorer", REPOST, t);
        }
        for (String q : List.of("q1", "q2", "q3")) {
            e.add(q, REPOST, "d");
        }
        ScoreBoard b = new Scorer(PLAIN).score(e.table(), T0.toEpochMilli());
        Style.Verdict c = Style.of(b, b.node("curator").orElseThrow());
        assertEquals(Label.CURATOR, c.label());
        assertEquals("outreach stands out: percentile 95.0 among the day's accounts, its highest "
                + "(next: network_impact 85.0); reach percentile 55.0 > 50", c.reason());
        Style.Verdict x = Style.of(b, b.node("explorer").orElseThrow());
        assertEquals(Label.EXPLORER, x.label());
        assertEquals("outreach stands out: percentile 85.0 among the day's accounts, its highest "
                + "(no other signal above 0); reach percentile 25.0 ≤ 50", x.reason());
        assertEquals(Label.BROADCASTER, Style.of(b, b.node("d").orElseThrow()).label());
        assertEquals(Label.QUIET, Style.of(b, b.node("a").orElseThrow()).label()); // curator and explorer only
    }

    // --- The board-wide pass, persons, and a real board -----------------------------------------

    @Test
    void the_board_wide_pass_agrees_with_each_account_judged_alone() {
        for (long seed = 0; seed < 300; seed++) {
            ScoreBoard b = new Scorer(ScoringParameters.defaults().withThreads(1))
                    .score(Events.table(RandomEvents.generate(seed)), T0.toEpochMilli());
            Label[] labels = Style.labels(b);
            assertEquals(b.size(), labels.length);
            for (int v = 0; v < b.size(); v++) {
                // The naive reference: the percentiles explanations show, through the rule on plain arrays.
                AccountScore s = b.accountScore(v);
                double[] values = new double[SignalKind.count()];
                double[] percentiles = new double[SignalKind.count()];
                for (AccountScore.SignalScore p : s.signals()) {
                    values[p.kind().ordinal()] = p.value();
                    percentiles[p.kind().ordinal()] = p.percentile();
                }
                Style.Verdict reference = Style.classify(values, percentiles, Style.partners(b.graph(), v));
                assertEquals(reference.label(), labels[v], "seed " + seed + " node " + v);
                assertEquals(reference, Style.of(b, v), "seed " + seed + " node " + v);
            }
        }
    }

    @Test
    void a_person_of_one_account_has_the_accounts_style() {
        for (long seed = 0; seed < 50; seed++) {
            ScoreBoard b = new Scorer(ScoringParameters.defaults().withThreads(1))
                    .score(Events.table(RandomEvents.generate(seed)), T0.toEpochMilli());
            People.Builder people = People.builder();
            for (int v = 0; v < b.size(); v++) {
                AccountKey key = b.table().accounts().key(b.graph().account(v));
                people.link("p-" + key.id(), key);
            }
            for (PersonScores.PersonScore p : PersonScores.of(b, people.build())) {
                int v = b.node(p.accounts().get(0).account().id()).orElseThrow();
                assertEquals(Style.of(b, v), p.style(b), "seed " + seed + " " + p.person());
            }
        }
    }

    @Test
    void labels_do_not_depend_on_the_signal_weights() {
        for (long seed = 0; seed < 50; seed++) {
            List<Interaction> events = RandomEvents.generate(seed);
            ScoringParameters priors = ScoringParameters.defaults().withThreads(1);
            Label[] a = Style.labels(new Scorer(priors).score(Events.table(events), T0.toEpochMilli()));
            Label[] b = Style.labels(new Scorer(priors.withSignalWeights(0, 1, 1, 0, 1))
                    .score(Events.table(events), T0.toEpochMilli()));
            assertEquals(List.of(a), List.of(b), "seed " + seed);
        }
    }

    /** Higgs' first 2,000 lines (the first 15 hours of 1 July 2012), the fixture of renown-sources. */
    private static final Path HIGGS_SLICE =
            Path.of("../renown-sources/src/test/resources/higgs/higgs-activity-first2000.txt");

    @Test
    void a_real_board_gets_every_label_and_no_label_dominates() throws IOException {
        EventTableBuilder builder = new EventTableBuilder();
        for (String line : Files.readAllLines(HIGGS_SLICE)) {
            // userA userB unix_seconds RT|MT|RE, as renown-sources' SnapActivityReader reads it.
            String[] f = line.trim().split("\\s+");
            InteractionKind kind = switch (f[3]) {
                case "RT" -> REPOST;
                case "MT" -> MENTION;
                case "RE" -> InteractionKind.REPLY;
                default -> throw new AssertionError(line);
            };
            builder.accept(Interaction.of("snap", kind, f[0], f[1], Long.parseLong(f[2]) * 1000));
        }
        ScoreBoard b = new Scorer(ScoringParameters.defaults().withThreads(1)).score(builder.build());
        Label[] labels = Style.labels(b);
        Map<Label, Integer> counts = new EnumMap<>(Label.class);
        for (int v = 0; v < b.size(); v++) {
            counts.merge(labels[v], 1, Integer::sum);
            assertEquals(Style.partners(b.graph(), v) < Style.MIN_PARTNERS, labels[v] == Label.QUIET, "node " + v);
        }
        assertEquals(Label.values().length, counts.size(), counts.toString());
        int styled = b.size() - counts.get(Label.QUIET);
        for (Label l : Label.values()) {
            if (l != Label.QUIET) {
                assertTrue(counts.get(l) < 2 * styled / 3, l + " dominates: " + counts);
            }
        }
        // The top of the ranking is not all one style either.
        java.util.Set<Label> top = java.util.EnumSet.noneOf(Label.class);
        for (int i = 0; i < 20; i++) {
            top.add(labels[b.nodeAt(i)]);
        }
        assertTrue(top.size() >= 2, top.toString());
    }
}
