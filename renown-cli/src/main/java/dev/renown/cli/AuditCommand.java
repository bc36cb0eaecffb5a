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

    @Option(names = "--cost-list", paramLabel = "N", defaultValue = "10",
            description = "List the N accounts of the --cost-top that lose most, with why (default: ${DEFAULT-VALUE}).")
    int costList;

    @Option(names = "--json", description = "Print JSON instead of text.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        if (top < 0 || costTop < 0 || costList < 0) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--top, --cost-top and --cost-list must be >= 0");
        }
        ScoringSetup.Scored scored = setup.load(input, spec.commandLine().getErr());
        ScoreBoard board = scored.board();
        List<Integrity> flagged = board.flagged(Integer.MAX_VALUE, 50);
        Cost cost = topCost(board, costTop);
        List<Integrity> losers = cost.losing().subList(0, Math.min(costList, cost.losing().size()));
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            try (JsonOutput o = new JsonOutput(out)) {
                o.audit(board, flagged.subList(0, Math.min(top, flagged.size())), cost.accounts(), cost.losing().size());
            }
        } else {
            out.printf(Locale.ROOT, "%,d of %,d accounts flagged (%.3f%%): the defences discounted at least %d of their "
                            + "engagers and took at least %.0f points.%n", flagged.size(), board.size(),
                    100.0 * flagged.size() / Math.max(1, board.size()), Integrity.FLAG_ENGAGERS, Integrity.FLAG_POINTS);
            out.printf(Locale.ROOT, "Of the %,d accounts with the highest scores without defences, %,d lose more than "
                    + "1 point to them; %,d of them are flagged.%n", cost.accounts(), cost.losing().size(), cost.flagged());
            if (!losers.isEmpty()) {
                out.printf(Locale.ROOT, "The %d of them that lose most:%n", losers.size());
                for (Integrity i : losers) {
                    out.printf(Locale.ROOT, "  %-22s %5.1f → %5.1f (−%.1f)%s: %,d engagers, %,d established, %,d "
                                    + "discounted%s%n", i.account(), i.undefended(), i.score(), i.pointsLost(),
                            i.flagged() ? " [FLAGGED]" : "", i.engagers(), i.established(), i.discounted(), reasons(i));
                }
            }
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

    /** The kinds of discounted groups, largest first, as ": 40 alone, 12 hub-only". */
    private static String reasons(Integrity i) {
        java.util.Map<String, Integer> members = new java.util.LinkedHashMap<>();
        for (Integrity.Group g : i.groups()) {
            members.merge(g.kind().name().toLowerCase(Locale.ROOT).replace('_', '-'), g.members(), Integer::sum);
        }
        StringBuilder b = new StringBuilder();
        members.entrySet().stream().sorted((a, c) -> c.getValue() - a.getValue()).forEach(e ->
                b.append(b.length() == 0 ? " (" : ", ").append(String.format(Locale.ROOT, "%,d", e.getValue()))
                        .append(' ').append(e.getKey()));
        if (b.length() > 0) {
            b.append(')');
        }
        if (i.discounted() == 0 && i.pointsLost() > 0) {
            b.append(" (no engager discounted: its recent engagers were not vouched for, so momentum does not count them)");
        }
        return b.toString();
    }

    /**
     * What the defences cost the {@code top} accounts with the highest scores without them:
     * how many were looked at, and those that lose more than a point, most lost first.
     */
    record Cost(int accounts, List<Integrity> losing) {
        long flagged() {
            return losing.stream().filter(Integrity::flagged).count();
        }
    }

    static Cost topCost(ScoreBoard board, int top) {
        int n = board.size();
        double[] undefended = new double[n];
        long[] keys = new long[n];
        for (int v = 0; v < n; v++) {
            undefended[v] = board.undefendedScore(v);
            keys[v] = ((long) (Integer.MAX_VALUE - (int) Math.round(undefended[v] * 1e6)) << 32) | v;
        }
        java.util.Arrays.sort(keys);
        int k = Math.min(top, n);
        List<Integrity> losing = new java.util.ArrayList<>();
        for (int i = 0; i < k; i++) {
            int v = (int) keys[i];
            if (undefended[v] - board.score(v) > 1.0) {
                losing.add(board.integrity(v, 1_000));
            }
        }
        losing.sort((a, b) -> Double.compare(b.pointsLost(), a.pointsLost()));
        return new Cost(k, losing);
    }
}
