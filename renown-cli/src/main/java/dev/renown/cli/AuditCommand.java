package dev.renown.cli;

import dev.renown.core.score.Integrity;
import dev.renown.core.score.ScoreBoard;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code renown audit}: the suspicious structures the defences found, and what they changed. */
@Command(name = "audit", mixinStandardHelpOptions = true,
        description = "List the accounts the integrity defences flagged — those whose engagers include a discounted "
                + "structure (a closed cluster, an unvouched burst, devoted repeat engagers, accounts tied to the "
                + "network only by engaging its hubs) large enough to take points — with the evidence and the points "
                + "taken, and how many of the top accounts lost more than a point.")
final class AuditCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.ArgGroup(exclusive = false, multiplicity = "0..1",
            heading = "Input (without --input, the interactions in the database are scored):%n")
    InputOptions input;

    @Mixin
    ScoringSetup setup = new ScoringSetup();

    @Option(names = {"-n", "--top"}, paramLabel = "N", defaultValue = "20",
            description = "Flagged accounts to list, most points lost first (default: ${DEFAULT-VALUE}).")
    int top;

    @Option(names = "--cost-top", paramLabel = "N", defaultValue = "1000",
            description = "Report how many of the N highest-scored accounts without defences lose more than a point "
                    + "to them (default: ${DEFAULT-VALUE}).")
    int costTop;

    @Option(names = "--json", description = "Print JSON instead of text.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        if (top < 0 || costTop < 0) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--top and --cost-top must be >= 0");
        }
        ScoringSetup.Scored scored = setup.load(input, spec.commandLine().getErr());
        ScoreBoard board = scored.board();
        List<Integrity> flagged = board.flagged(Integer.MAX_VALUE, 50);
        int[] cost = topCost(board, costTop);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            try (JsonOutput o = new JsonOutput(out)) {
                o.audit(board, flagged.subList(0, Math.min(top, flagged.size())), cost[0], cost[1]);
            }
        } else {
            out.printf(Locale.ROOT, "%,d of %,d accounts flagged (%.3f%%): the defences discounted at least %d of their "
                            + "engagers and took at least %.0f points.%n", flagged.size(), board.size(),
                    100.0 * flagged.size() / Math.max(1, board.size()), Integrity.FLAG_ENGAGERS, Integrity.FLAG_POINTS);
            out.printf(Locale.ROOT, "Of the %,d accounts with the highest scores without defences, %,d lose more than "
                    + "1 point to them.%n", cost[0], cost[1]);
            TextOutput text = new TextOutput(out);
            for (Integrity i : flagged.subList(0, Math.min(top, flagged.size()))) {
                out.printf(Locale.ROOT, "%n%s: score %.1f, %.1f without the defences (−%.1f)%n", i.account(), i.score(),
                        i.undefended(), i.pointsLost());
                text.integrity(i);
            }
        }
        out.flush();
        return scored.exitCode();
    }

    /** {how many accounts were looked at, how many of them lose more than a point}: the top by undefended score. */
    static int[] topCost(ScoreBoard board, int top) {
        int n = board.size();
        long[] keys = new long[n];
        double[] undefended = new double[n];
        for (int v = 0; v < n; v++) {
            undefended[v] = board.undefendedScore(v);
            keys[v] = ((long) (Integer.MAX_VALUE - (int) Math.round(undefended[v] * 1e6)) << 32) | v;
        }
        java.util.Arrays.sort(keys);
        int k = Math.min(top, n);
        int losing = 0;
        for (int i = 0; i < k; i++) {
            int v = (int) keys[i];
            losing += undefended[v] - board.score(v) > 1.0 ? 1 : 0;
        }
        return new int[] {k, losing};
    }
}
