package dev.renown.core.people;

import dev.renown.core.event.AccountKey;
import dev.renown.core.event.Interaction;
import dev.renown.core.event.InteractionKind;
import dev.renown.core.integrity.Defences;
import dev.renown.core.score.ScoreBoard;
import dev.renown.core.score.Scorer;
import dev.renown.core.score.ScoringParameters;
import dev.renown.core.score.SignalKind;
import dev.renown.core.testing.Events;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static dev.renown.core.testing.Events.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The combination rule's properties on hand-built data. With only reach weighted, no defences and
 * no recent part, every engagement at the as-of instant is worth exactly one engager, so the
 * expected values are counts of distinct people, and a score is
 * {@code 1 + 99·log₂(1 + engagers)/20}.
 */
class PersonScoresTest {

    private static final ScoringParameters REACH_ONLY = ScoringParameters.defaults().withThreads(1)
            .withSignalWeights(1, 0, 0, 0, 0).withDefences(Defences.none()).withRecentReach(0, Duration.ofDays(1));

    @TempDir
    Path dir;

    private static int next;

    /** {@code actor} likes {@code target}, both on {@code network}, at T0. */
    private static Interaction like(String network, String actor, String target) {
        return new Interaction("e" + next++, network, InteractionKind.LIKE, actor, target, T0.toEpochMilli(), null,
                null, null, List.of());
    }

    private static double scoreOf(double engagers) {
        return 1 + 99 * (Math.log(1 + engagers) / Math.log(2)) / 20;
    }

    private static ScoreBoard board(Events events) {
        return new Scorer(REACH_ONLY).score(events.table(), T0.toEpochMilli());
    }

    private static Events twoNetworks() {
        Events e = Events.events();
        for (String u : List.of("u1", "u2", "u3")) {
            e.add(like("twitter", u, "ana"));
            e.add(like("twitter", u, "bo"));
        }
        for (String v : List.of("v1", "v2", "v3")) {
            e.add(like("bluesky", v, "ana.bsky.social"));
        }
        return e;
    }

    private static PersonScores.PersonScore find(List<PersonScores.PersonScore> scores, String person) {
        return scores.stream().filter(s -> s.person().equals(person)).findFirst().orElseThrow();
    }

    @Test
    void a_person_strong_on_two_networks_ranks_above_one_equally_strong_on_one() {
        ScoreBoard board = board(twoNetworks());
        People.Builder b = People.builder();
        b.link("ana", new AccountKey("twitter", "ana"));
        b.link("ana", new AccountKey("bluesky", "ana.bsky.social"));
        b.link("bo", new AccountKey("twitter", "bo"));
        People people = b.build();
        List<PersonScores.PersonScore> scores = PersonScores.of(board, people);

        PersonScores.PersonScore ana = find(scores, "ana");
        PersonScores.PersonScore bo = find(scores, "bo");
        // bo: 3 engagers, as its one account scores on its own.
        assertEquals(3, bo.value(SignalKind.REACH), 1e-12);
        assertEquals(scoreOf(3), bo.score(), 1e-9); // 10.9
        assertEquals(board.score(board.node("twitter:bo").orElseThrow()), bo.score(), 1e-9);
        // ana: 3 on each network, 6 different people.
        assertEquals(6, ana.value(SignalKind.REACH), 1e-12);
        assertEquals(scoreOf(6), ana.score(), 1e-9); // 1 + 99·log₂7/20 = 14.897
        assertEquals(1, ana.rank());
        assertEquals(2, bo.rank());
        // Each network won half of the reach terms, so half of the points.
        assertEquals((scoreOf(6) - 1) / 2, ana.pointsByNetwork().get("twitter"), 1e-9);
        assertEquals((scoreOf(6) - 1) / 2, ana.pointsByNetwork().get("bluesky"), 1e-9);
        assertEquals(ana.score() - 1, ana.pointsByNetwork().values().stream().mapToDouble(Double::doubleValue).sum(),
                1e-9);
        // The linked accounts keep their own scores.
        assertEquals(scoreOf(3), ana.accounts().get(0).score(), 1e-9);
        assertEquals(scoreOf(3), ana.accounts().get(1).score(), 1e-9);
    }

    @Test
    void the_same_engager_reaching_two_of_a_persons_accounts_counts_once() {
        Events e = twoNetworks();
        // u1 also likes ana's second Twitter account; and uma is u1 on Twitter and v1 on Bluesky.
        e.add(like("twitter", "u1", "ana_work"));
        ScoreBoard board = board(e);
        People.Builder b = People.builder();
        b.link("ana", new AccountKey("twitter", "ana"));
        b.link("ana", new AccountKey("bluesky", "ana.bsky.social"));
        b.link("ana", new AccountKey("twitter", "ana_work"));
        PersonScores.PersonScore ana = find(PersonScores.of(board, b.build()), "ana");
        assertEquals(6, ana.value(SignalKind.REACH), 1e-12); // u1 once, not twice

        b.link("uma", new AccountKey("twitter", "u1"));
        b.link("uma", new AccountKey("bluesky", "v1"));
        List<PersonScores.PersonScore> scores = PersonScores.of(board, b.build());
        assertEquals(5, find(scores, "ana").value(SignalKind.REACH), 1e-12); // u1 and v1 are one person
        assertEquals(scoreOf(5), find(scores, "ana").score(), 1e-9);
    }

    @Test
    void a_weak_extra_account_never_lowers_a_persons_score_and_engagement_among_its_own_accounts_is_not_counted() {
        Events e = twoNetworks();
        e.add(like("mastodon", "m1", "ana@mastodon.social")); // a weak account: one engager
        e.add(like("bluesky", "ana.bsky.social", "v2"));        // ana engages others: reach of v2, not ana
        ScoreBoard board = board(e);
        People.Builder b = People.builder();
        b.link("ana", new AccountKey("twitter", "ana"));
        b.link("ana", new AccountKey("bluesky", "ana.bsky.social"));
        double before = find(PersonScores.of(board, b.build()), "ana").score();
        b.link("ana", new AccountKey("mastodon", "ana@mastodon.social"));
        b.link("ana", new AccountKey("reddit", "never_seen")); // not in the data at all
        PersonScores.PersonScore after = find(PersonScores.of(board, b.build()), "ana");
        assertEquals(scoreOf(6), before, 1e-9);
        assertEquals(7, after.value(SignalKind.REACH), 1e-12);
        assertTrue(after.score() > before);
        assertEquals(0.0, after.pointsByNetwork().get("reddit"), 0.0);
        assertTrue(!after.accounts().get(3).scored());

        // A second account whose only engager already engages the first adds nothing, and takes nothing.
        Events f = twoNetworks();
        f.add(like("twitter", "u2", "ana_alt"));
        f.add(like("twitter", "ana_alt", "ana")); // her own account liking her: not influence
        ScoreBoard g = board(f);
        People.Builder c = People.builder();
        c.link("ana", new AccountKey("twitter", "ana"));
        c.link("ana", new AccountKey("bluesky", "ana.bsky.social"));
        double without = find(PersonScores.of(g, c.build()), "ana").value(SignalKind.REACH);
        c.link("ana", new AccountKey("twitter", "ana_alt"));
        double with = find(PersonScores.of(g, c.build()), "ana").value(SignalKind.REACH);
        assertEquals(7, without, 1e-12); // ana_alt counted as an engager of ana while not linked
        assertEquals(6, with, 1e-12);    // linked: her own account, and u2 once
    }

    /**
     * A ring of 20 accounts that like both of a person's Twitter accounts and each other. Each
     * account alone cannot see it: with one of them removed, the ring still reaches the network
     * through the other, so every ring member is anchored and counts in full (section 4a of
     * docs/scoring.md). The person, scored as one node, is what the ring hangs on: removed, the ring
     * is a closed part of its own, and its 20 members share one voice.
     */
    @Test
    void the_integrity_defences_see_a_ring_spread_over_a_persons_accounts() {
        Events e = Events.events();
        for (int i = 1; i <= 30; i++) { // the honest network: a chain of 30, half liking each account
            e.add(like("twitter", "h" + i, i <= 15 ? "main" : "side"));
            if (i < 30) {
                e.add(like("twitter", "h" + i, "h" + (i + 1)));
            }
        }
        for (int i = 1; i <= 20; i++) {
            e.add(like("twitter", "s" + i, "main"));
            e.add(like("twitter", "s" + i, "side"));
            e.add(like("twitter", "s" + i, "s" + (i % 20 + 1)));
        }
        ScoringParameters clusters = REACH_ONLY.withDefences(Defences.parse("closed-clusters"));
        ScoreBoard board = new Scorer(clusters).score(e.table(), T0.toEpochMilli());
        // On its own, each account counts its 15 honest engagers and all 20 of the ring.
        assertEquals(35, board.value(SignalKind.REACH, board.node("twitter:main").orElseThrow()), 1e-12);
        assertEquals(35, board.value(SignalKind.REACH, board.node("twitter:side").orElseThrow()), 1e-12);

        People.Builder b = People.builder();
        b.link("pat", new AccountKey("twitter", "main"));
        b.link("pat", new AccountKey("twitter", "side"));
        PersonScores.Result result = PersonScores.score(board, b.build());
        PersonScores.PersonScore pat = result.persons().get(0);
        // 30 honest engagers, and the ring as one voice.
        assertEquals(31, pat.value(SignalKind.REACH), 1e-6); // voices are kept in single precision
        assertEquals(scoreOf(31), pat.score(), 1e-6); // 1 + 99·5/20 = 25.75
        assertEquals(50, pat.parties().get(SignalKind.REACH));
        int node = result.node("pat").orElseThrow();
        assertEquals(1, result.board().integrity(node, 10).groups().size());
        assertEquals(20, result.board().integrity(node, 10).groups().get(0).members());
        // Without defences, the same person counts 50.
        ScoreBoard open = new Scorer(REACH_ONLY).score(e.table(), T0.toEpochMilli());
        assertEquals(50, PersonScores.of(open, b.build()).get(0).value(SignalKind.REACH), 1e-12);
    }

    @Test
    void a_mapping_file_keeps_good_lines_and_names_the_bad_ones() throws Exception {
        Path file = dir.resolve("people.csv");
        Files.writeString(file, String.join("\n",
                "person,network,account",
                "ana,twitter,ana",
                "ana,bluesky,ana.bsky.social",
                "",
                "# a comment",
                "bo,twitter",
                "bo,twitter,ana",
                "bo,a:b,x",
                "bo,twitter,bo") + "\n");
        People.Read read = People.read(file);
        assertEquals(List.of("ana", "bo"), read.people().persons());
        assertEquals(List.of(new AccountKey("twitter", "ana"), new AccountKey("bluesky", "ana.bsky.social")),
                read.people().accounts("ana"));
        assertEquals(List.of(new AccountKey("twitter", "bo")), read.people().accounts("bo"));
        assertEquals(3, read.problems().size());
        assertTrue(read.problems().get(0).startsWith(file + ":6: expected 3 fields"), read.problems().get(0));
        assertTrue(read.problems().get(1).startsWith(file + ":7: account twitter:ana is linked to person 'ana'"),
                read.problems().get(1));
        assertTrue(read.problems().get(2).startsWith(file + ":8: "), read.problems().get(2));
    }
}
