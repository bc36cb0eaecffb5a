package dev.renown.cli;

import dev.renown.core.event.AccountKey;
import dev.renown.core.event.EventTable;
import dev.renown.core.event.EventTableBuilder;
import dev.renown.core.event.Interaction;
import dev.renown.core.people.People;
import dev.renown.core.people.PersonScores;
import dev.renown.core.score.ScoreBoard;
import dev.renown.core.score.Scorer;
import dev.renown.core.score.ScoringParameters;
import dev.renown.core.score.SignalKind;
import dev.renown.sources.GenericCsvReader;
import dev.renown.sources.Input;
import dev.renown.sources.Rejects;
import dev.renown.sources.SnapActivityReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * People on real data, with no public multi-network capture at hand: a two-network fixture built
 * from the Higgs demo events. Every account whose id ends in 0 (a tenth of them) is "split": each
 * second interaction it received (odd position in the file) moves to a second network,
 * {@code mirror}, where both parties get new ids ({@code m} + id). The fixture is written in the
 * generic CSV format and read back through its reader, and a people file-equivalent links every
 * mirror account to its Higgs account. A person's combined score should then tell the same story
 * as the single-network score of the account it was split from: every party of a split account is
 * linked back together, so the contracted graph the persons are scored on is the original graph
 * with new names, and the scores agree but for the interactions' order within a pair.
 */
class TwoNetworkPeopleTest {

    private static final Path DEMO = Path.of("../data/demo/higgs-activity_time.txt.gz");

    @TempDir
    Path dir;

    @Test
    void combined_scores_of_split_accounts_reproduce_the_single_network_ranking() throws Exception {
        List<Interaction> events = new ArrayList<>();
        new SnapActivityReader().read(new Input(DEMO), events::add, new Rejects());
        ScoringParameters parameters = ScoringParameters.defaults();
        EventTableBuilder original = new EventTableBuilder();
        events.forEach(original::accept);
        ScoreBoard single = new Scorer(parameters).score(original.build());

        Path csv = dir.resolve("two-networks.csv");
        People.Builder links = People.builder();
        int moved = 0;
        try (BufferedWriter out = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
            out.write("network,kind,actor,target,time\n");
            for (int i = 0; i < events.size(); i++) {
                Interaction e = events.get(i);
                boolean move = e.targetId().endsWith("0") && i % 2 == 1;
                String network = move ? "mirror" : e.network();
                String actor = move ? "m" + e.actorId() : e.actorId();
                String target = move ? "m" + e.targetId() : e.targetId();
                out.write(network + "," + e.kind().wireName() + "," + actor + "," + target + ","
                        + Instant.ofEpochMilli(e.timeMillis()) + "\n");
                if (move) {
                    moved++;
                    for (String id : List.of(e.actorId(), e.targetId())) {
                        links.link("p" + id, new AccountKey(e.network(), id));
                        links.link("p" + id, new AccountKey("mirror", "m" + id));
                    }
                }
            }
        }
        EventTableBuilder split = new EventTableBuilder();
        Rejects rejects = new Rejects();
        new GenericCsvReader().read(new Input(csv), split, rejects);
        assertEquals(0, rejects.total());
        EventTable table = split.build();
        assertEquals(events.size(), table.size());
        ScoreBoard two = new Scorer(parameters).score(table, single.asOfMillis());
        People people = links.build();
        List<PersonScores.PersonScore> persons = PersonScores.of(two, people);

        // The split targets that were scored before: their person's score against their old score.
        Map<String, PersonScores.PersonScore> byPerson = new HashMap<>();
        persons.forEach(p -> byPerson.put(p.person(), p));
        List<double[]> pairs = new ArrayList<>();
        double maxDifference = 0;
        String farthest = null;
        for (int v = 0; v < single.size(); v++) {
            String id = single.table().accounts().key(single.graph().account(v)).id();
            PersonScores.PersonScore p = byPerson.get("p" + id);
            if (id.endsWith("0") && p != null && p.accounts().get(1).scored()) {
                pairs.add(new double[] {single.score(v), p.score()});
                if (Math.abs(single.score(v) - p.score()) > maxDifference) {
                    maxDifference = Math.abs(single.score(v) - p.score());
                    farthest = id + ": " + single.score(v) + " before, person " + p.score() + " " + p.accounts();
                }
            }
        }
        double rho = spearman(pairs);
        double meanDifference = pairs.stream().mapToDouble(x -> Math.abs(x[0] - x[1])).average().orElse(0);

        // The split account highest before: each of its engagers is one party after the split too
        // (a mirror engager is linked to its Higgs account), and its breakdown adds up.
        int top = -1;
        for (int i = 0; i < single.size() && top < 0; i++) {
            int v = single.nodeAt(i);
            String id = single.table().accounts().key(single.graph().account(v)).id();
            if (id.endsWith("0") && byPerson.containsKey("p" + id)) {
                top = v;
            }
        }
        String topId = single.table().accounts().key(single.graph().account(top)).id();
        PersonScores.PersonScore topPerson = byPerson.get("p" + topId);
        int[] engagers = {0};
        single.signal(SignalKind.REACH).contributions(top, (u, amount) -> engagers[0]++);
        assertEquals(engagers[0], topPerson.parties().get(SignalKind.REACH));
        double networks = topPerson.pointsByNetwork().values().stream().mapToDouble(Double::doubleValue).sum();
        assertEquals(topPerson.score() - 1, networks, 1e-9);
        // Scored as one node, the person is the account it was split from.
        assertEquals(single.score(top), topPerson.score(), 0.01);
        System.out.printf("top split account higgs:%s: score %.2f before; person %.2f = 1 + %s; own scores %s; "
                        + "%d engagers both ways%n", topId, single.score(top), topPerson.score(),
                topPerson.pointsByNetwork(), topPerson.accounts(), engagers[0]);
        // The top 20 of the single network among the split accounts, and where their persons rank.
        pairs.sort((a, b) -> Double.compare(b[0], a[0]));
        List<double[]> byPersonScore = new ArrayList<>(pairs);
        byPersonScore.sort((a, b) -> Double.compare(b[1], a[1]));
        int overlap = 0;
        for (int i = 0; i < 20; i++) {
            for (int j = 0; j < 20; j++) {
                if (pairs.get(i) == byPersonScore.get(j)) {
                    overlap++;
                }
            }
        }
        System.out.printf("two-network fixture: %,d interactions moved, %,d persons, %,d split accounts scored; "
                + "Spearman %.4f, top-20 overlap %d, mean |score difference| %.2f, max %.2f (%s)%n", moved,
                people.size(), pairs.size(), rho, overlap, meanDifference, maxDifference, farthest);
        assertTrue(moved > 20_000, "moved " + moved);
        assertTrue(rho >= 0.995, "Spearman " + rho);
        assertTrue(overlap >= 19, "top-20 overlap " + overlap);
        assertTrue(meanDifference <= 0.05, "mean difference " + meanDifference);
    }

    /** Spearman's rank correlation of the pairs' two columns (average ranks for ties). */
    static double spearman(List<double[]> pairs) {
        double[] a = ranks(pairs, 0);
        double[] b = ranks(pairs, 1);
        double ma = 0;
        double mb = 0;
        for (int i = 0; i < a.length; i++) {
            ma += a[i] / a.length;
            mb += b[i] / b.length;
        }
        double cov = 0;
        double va = 0;
        double vb = 0;
        for (int i = 0; i < a.length; i++) {
            cov += (a[i] - ma) * (b[i] - mb);
            va += (a[i] - ma) * (a[i] - ma);
            vb += (b[i] - mb) * (b[i] - mb);
        }
        return cov / Math.sqrt(va * vb);
    }

    private static double[] ranks(List<double[]> pairs, int column) {
        Integer[] order = new Integer[pairs.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (x, y) -> Double.compare(pairs.get(x)[column], pairs.get(y)[column]));
        double[] rank = new double[order.length];
        for (int i = 0; i < order.length; ) {
            int j = i;
            while (j + 1 < order.length && pairs.get(order[j + 1])[column] == pairs.get(order[i])[column]) {
                j++;
            }
            for (int k = i; k <= j; k++) {
                rank[order[k]] = (i + j) / 2.0 + 1;
            }
            i = j + 1;
        }
        return rank;
    }
}
