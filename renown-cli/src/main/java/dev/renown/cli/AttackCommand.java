package dev.renown.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.renown.core.attack.Attack;
import dev.renown.core.attack.AttackTrial;
import dev.renown.core.event.AccountKey;
import dev.renown.core.event.EventTable;
import dev.renown.core.score.ScoringParameters;
import dev.renown.core.score.SignalKind;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.concurrent.Callable;

/** {@code renown attack}: injects a synthetic attack into real data and shows what it buys. */
@Command(name = "attack", mixinStandardHelpOptions = true,
        description = "Inject a synthetic attack on one account into the input, score with and without the "
                + "integrity defences, and show the target's score, rank and signals before and after, beside the "
                + "gain in raw engagement count, distinct engagers and plain PageRank.")
final class AttackCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.ArgGroup(exclusive = false, multiplicity = "1")
    InputOptions input = new InputOptions();

    @Mixin
    ScoringOptions scoring = new ScoringOptions();

    @Option(names = "--scenario", required = true, paramLabel = "NAME", split = ",",
            description = "sybil-ring, bought-burst, camouflage, reciprocal-ring, compromised, sockpuppets, "
                    + "or all; several separated by commas.")
    List<String> scenarios;

    @Option(names = "--k", paramLabel = "N", split = ",",
            description = "Size of the attack (accounts; pod members; boosts for compromised); several separated "
                    + "by commas. Default: each scenario's own (1000, 5000, 1000, 50, 50, 5).")
    List<Integer> sizes;

    @Option(names = "--target", paramLabel = "ACCOUNT",
            description = "The account attacked. Default: a modest account, one with 5 distinct engagers, "
                    + "drawn with the seed.")
    String target;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1",
            description = "Seed of every random choice (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--json", description = "Print JSON, one object per attack.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        List<Attack.Scenario> chosen = new ArrayList<>();
        for (String s : scenarios) {
            if (s.trim().equalsIgnoreCase("all")) {
                chosen.addAll(List.of(Attack.Scenario.values()));
            } else {
                chosen.add(Attack.Scenario.parse(s));
            }
        }
        if (sizes != null) {
            for (int k : sizes) {
                if (k < 1) {
                    throw new CommandLine.ParameterException(spec.commandLine(), "--k must be at least 1, got " + k);
                }
            }
        }
        if (scoring.asOf != null) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--as-of does not apply to attack: it attacks at the end of the data");
        }
        PrintWriter err = spec.commandLine().getErr();
        InputOptions.Loaded loaded = input.load(err);
        InputOptions.reportRejects(loaded.rejects(), err);
        EventTable table = loaded.table();
        if (table.lastInteractionMillis() == Long.MIN_VALUE) {
            throw new Renown.UserError("no interactions between two different accounts to attack", 1);
        }
        // Calibrated on the clean data, as score would; the attack does not get to move the weights.
        ScoringParameters parameters = scoring.calibrated(table, table.lastInteractionMillis(),
                CalibrationCache.key(input.inputs, input.format, input.network, null), err).parameters();
        AttackTrial.Prepared prepared;
        try (Progress progress = new Progress(err, () -> "scoring the data before the attacks")) {
            prepared = AttackTrial.prepare(table, parameters);
        }
        AccountKey victim;
        if (target != null) {
            OptionalInt a = table.accounts().lookup(target);
            if (a.isEmpty()) {
                throw new Renown.UserError("no account " + target + " in the input", 1);
            }
            victim = table.accounts().key(a.getAsInt());
        } else {
            victim = prepared.defaultTarget(seed);
        }
        List<AttackTrial.Result> results = new ArrayList<>();
        for (Attack.Scenario scenario : chosen) {
            for (int k : sizes == null ? List.of(scenario.defaultSize()) : sizes) {
                Attack.Plan plan = new Attack.Plan(scenario, k, victim, seed);
                try (Progress progress = new Progress(err, () -> "attack " + scenario.wireName() + ", k = " + k)) {
                    results.add(prepared.run(plan));
                }
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            json(results, out);
        } else {
            for (AttackTrial.Result r : results) {
                text(r, out);
            }
        }
        out.flush();
        return loaded.rejects().total() > 0 ? Renown.EXIT_REJECTS : 0;
    }

    private static void text(AttackTrial.Result r, PrintWriter out) {
        out.printf(Locale.ROOT, "%s, k = %,d, on %s: %,d interactions injected, %,d fresh accounts (defences: %s)%n",
                r.plan().scenario().wireName(), r.plan().size(), r.plan().target(), r.interactions(), r.freshAccounts(),
                r.defences().describe());
        out.printf(Locale.ROOT, "  %-26s %12s %12s %10s%n", "", "before", "after", "gain");
        row(out, "score, defences on", r.defendedBefore().score(), r.defendedAfter().score());
        out.printf(Locale.ROOT, "  %-26s %12s %12s   of %,d%n", "rank, defences on", fmt(r.defendedBefore().rank()),
                fmt(r.defendedAfter().rank()), r.accountsAfter());
        row(out, "score, defences off", r.openBefore().score(), r.openAfter().score());
        out.printf(Locale.ROOT, "  %-26s %12s %12s%n", "rank, defences off", fmt(r.openBefore().rank()),
                fmt(r.openAfter().rank()));
        for (SignalKind kind : SignalKind.values()) {
            int s = kind.ordinal();
            out.printf(Locale.ROOT, "  %-26s %12s %12s %10s   (%+.1f points)%n", kind.wireName() + ", defences on",
                    num(r.defendedBefore().signals()[s]), num(r.defendedAfter().signals()[s]),
                    signed(r.defendedAfter().signals()[s] - r.defendedBefore().signals()[s]),
                    r.defendedAfter().points()[s] - r.defendedBefore().points()[s]);
        }
        out.printf(Locale.ROOT, "  %-26s %12s %12s %10s%n", "engagement count", fmt(r.countsBefore().engagements()),
                fmt(r.countsAfter().engagements()), "+" + fmt(r.countsAfter().engagements() - r.countsBefore().engagements()));
        out.printf(Locale.ROOT, "  %-26s %12s %12s %10s%n", "distinct engagers", fmt(r.countsBefore().engagers()),
                fmt(r.countsAfter().engagers()), "+" + fmt(r.countsAfter().engagers() - r.countsBefore().engagers()));
        out.printf(Locale.ROOT, "  %-26s %12s %12s %10s%n", "PageRank (x accounts)", num(r.countsBefore().pageRank()),
                num(r.countsAfter().pageRank()), signed(r.countsAfter().pageRank() - r.countsBefore().pageRank()));
        out.printf(Locale.ROOT, "  %-26s %12s %12s%n", "PageRank position", fmt(r.countsBefore().pageRankPosition()),
                fmt(r.countsAfter().pageRankPosition()));
        out.printf(Locale.ROOT, "  %-26s %s%n%n", "flagged by the audit", r.flaggedAfter() ? "yes" : "no");
    }

    private static void row(PrintWriter out, String label, double before, double after) {
        out.printf(Locale.ROOT, "  %-26s %12.1f %12.1f %+10.1f%n", label, before, after, after - before);
    }

    private static String fmt(long x) {
        return String.format(Locale.ROOT, "%,d", x);
    }

    private static String num(double x) {
        return String.format(Locale.ROOT, Math.abs(x) >= 100 ? "%,.1f" : "%.3f", x);
    }

    private static String signed(double x) {
        return (x >= 0 ? "+" : "") + num(x);
    }

    private static void json(List<AttackTrial.Result> results, PrintWriter out) throws IOException {
        try (JsonGenerator g = new JsonFactory().createGenerator(out)) {
            g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            g.useDefaultPrettyPrinter();
            g.writeStartArray();
            for (AttackTrial.Result r : results) {
                g.writeStartObject();
                g.writeStringField("scenario", r.plan().scenario().wireName());
                g.writeNumberField("k", r.plan().size());
                g.writeStringField("target", r.plan().target().toString());
                g.writeNumberField("seed", r.plan().seed());
                g.writeStringField("defences", r.defences().describe());
                g.writeNumberField("interactions_injected", r.interactions());
                g.writeNumberField("fresh_accounts", r.freshAccounts());
                g.writeNumberField("accounts_before", r.accountsBefore());
                g.writeNumberField("accounts_after", r.accountsAfter());
                g.writeBooleanField("flagged_after", r.flaggedAfter());
                standing(g, "defences_on", r.defendedBefore(), r.defendedAfter());
                standing(g, "defences_off", r.openBefore(), r.openAfter());
                g.writeObjectFieldStart("plain");
                g.writeNumberField("engagements_before", r.countsBefore().engagements());
                g.writeNumberField("engagements_after", r.countsAfter().engagements());
                g.writeNumberField("engagers_before", r.countsBefore().engagers());
                g.writeNumberField("engagers_after", r.countsAfter().engagers());
                g.writeNumberField("pagerank_before", r.countsBefore().pageRank());
                g.writeNumberField("pagerank_after", r.countsAfter().pageRank());
                g.writeNumberField("pagerank_position_before", r.countsBefore().pageRankPosition());
                g.writeNumberField("pagerank_position_after", r.countsAfter().pageRankPosition());
                g.writeEndObject();
                g.writeEndObject();
            }
            g.writeEndArray();
        }
        out.println();
    }

    private static void standing(JsonGenerator g, String name, AttackTrial.Standing before, AttackTrial.Standing after)
            throws IOException {
        g.writeObjectFieldStart(name);
        g.writeNumberField("score_before", before.score());
        g.writeNumberField("score_after", after.score());
        g.writeNumberField("gain", after.score() - before.score());
        g.writeNumberField("rank_before", before.rank());
        g.writeNumberField("rank_after", after.rank());
        g.writeObjectFieldStart("signals");
        for (SignalKind kind : SignalKind.values()) {
            g.writeObjectFieldStart(kind.wireName());
            g.writeNumberField("before", before.signals()[kind.ordinal()]);
            g.writeNumberField("after", after.signals()[kind.ordinal()]);
            g.writeNumberField("points_before", before.points()[kind.ordinal()]);
            g.writeNumberField("points_after", after.points()[kind.ordinal()]);
            g.writeEndObject();
        }
        g.writeEndObject();
        g.writeEndObject();
    }
}
