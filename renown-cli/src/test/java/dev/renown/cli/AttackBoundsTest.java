package dev.renown.cli;

import dev.renown.core.attack.Attack;
import dev.renown.core.attack.AttackTrial;
import dev.renown.core.event.AccountKey;
import dev.renown.core.event.EventTable;
import dev.renown.core.event.EventTableBuilder;
import dev.renown.core.score.Integrity;
import dev.renown.core.score.ScoreBoard;
import dev.renown.core.score.Scorer;
import dev.renown.core.score.ScoringParameters;
import dev.renown.core.validation.Calibrator;
import dev.renown.sources.Input;
import dev.renown.sources.Rejects;
import dev.renown.sources.SnapActivityReader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The attacks of {@link Attack}, injected into the SNAP Higgs data and scored out of the box: with
 * the weights and timescales calibrated on the clean data (as {@code renown score} and
 * {@code renown attack} do) and every defence on. Each attack targets a modest account (five
 * distinct engagers, drawn with the seed); that the attacks work is checked too, against the same
 * scoring with every defence off, so that a bound cannot pass because an injection did nothing.
 */
class AttackBoundsTest {

    private static final Path DEMO = Path.of("../data/demo/higgs-activity_time.txt.gz");
    private static EventTable table;
    private static ScoringParameters calibrated;
    private static AttackTrial.Prepared prepared;

    @BeforeAll
    static void load() throws IOException {
        EventTableBuilder builder = new EventTableBuilder();
        new SnapActivityReader().read(new Input(DEMO), builder, new Rejects());
        table = builder.build();
        calibrated = Calibrator.calibrate(table, table.lastInteractionMillis(), ScoringParameters.defaults(),
                i -> { }).parameters();
        prepared = AttackTrial.prepare(table, calibrated);
    }

    private static AttackTrial.Result run(Attack.Scenario scenario, int k, long seed) {
        AccountKey target = prepared.defaultTarget(seed);
        return prepared.run(new Attack.Plan(scenario, k, target, seed));
    }

    private static void bounded(AttackTrial.Result r, double bound) {
        String what = r.plan().scenario().wireName() + " k=" + r.plan().size() + " on " + r.plan().target();
        assertTrue(r.defendedGain() <= bound, what + ": +" + r.defendedGain() + " points with the defences");
        assertTrue(r.defendedGain() >= -1e-9, what + ": an attack lowered its target by " + r.defendedGain());
        if (r.plan().size() >= 5) {
            assertTrue(r.flaggedAfter(), what + ": the audit does not flag the target");
        }
    }

    @Test
    void the_audit_flags_under_one_percent_of_the_accounts_and_of_the_top_thousand() {
        ScoreBoard board = new Scorer(calibrated).score(table, table.lastInteractionMillis());
        int n = board.size();
        java.util.List<Integrity> flagged = board.flagged(Integer.MAX_VALUE, 0);
        assertTrue(flagged.size() < n / 100, flagged.size() + " of " + n + " flagged");
        // The thousand accounts with the highest scores without defences.
        long[] keys = new long[n];
        for (int v = 0; v < n; v++) {
            keys[v] = ((long) (Integer.MAX_VALUE - (int) Math.round(board.undefendedScore(v) * 1e6)) << 32) | v;
        }
        java.util.Arrays.sort(keys);
        int flaggedTop = 0;
        for (int i = 0; i < 1000; i++) {
            flaggedTop += board.integrity((int) keys[i], 0).flagged() ? 1 : 0;
        }
        assertTrue(flaggedTop < 10, flaggedTop + " of the top 1,000 flagged");
    }

    @Test
    void a_sybil_ring_of_ten_a_hundred_or_a_thousand_accounts_lifts_its_target_by_at_most_3_points() {
        for (int k : new int[] {10, 100, 1000}) {
            AttackTrial.Result r = run(Attack.Scenario.SYBIL_RING, k, 1);
            bounded(r, 3.0);
            // The same ring buys 7 points or more when nothing defends against it.
            assertTrue(r.openGain() >= 7, "undefended ring k=" + k + ": +" + r.openGain());
        }
        bounded(run(Attack.Scenario.SYBIL_RING, 1000, 2), 3.0);
    }

    @Test
    void a_bought_burst_of_5000_reshares_in_an_hour_lifts_its_target_by_at_most_5_points() {
        for (long seed : new long[] {1, 2}) {
            AttackTrial.Result r = run(Attack.Scenario.BOUGHT_BURST, 5000, seed);
            bounded(r, 5.0);
            assertTrue(r.openGain() >= 30, "undefended burst: +" + r.openGain());
            assertTrue(r.countsAfter().engagers() - r.countsBefore().engagers() == 5000);
        }
    }

    @Test
    void five_sockpuppets_lift_their_target_by_at_most_2_points() {
        for (long seed : new long[] {1, 2}) {
            AttackTrial.Result r = run(Attack.Scenario.SOCKPUPPETS, 5, seed);
            bounded(r, 2.0);
            assertTrue(r.openGain() >= 3, "undefended sockpuppets: +" + r.openGain());
        }
    }

    @Test
    void camouflaged_fans_stay_within_the_aim_of_10_points() {
        AttackTrial.Result r = run(Attack.Scenario.CAMOUFLAGE, 1000, 1);
        bounded(r, 10.0);
        assertTrue(r.openGain() >= 20, "undefended camouflage: +" + r.openGain());
    }
}
