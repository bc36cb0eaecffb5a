package dev.renown.cli;

import dev.renown.sources.ParameterFile;
import dev.renown.core.score.SignalKind;
import dev.renown.core.validation.Fit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code renown fit}: fits the weights and timescales on the data before a split, by rolling-origin validation. */
@Command(name = "fit", mixinStandardHelpOptions = true,
        description = "Fit the signal weights and timescales on interactions before --split only: each fold trains "
                + "before split - k*horizon and is judged on the next horizon against the best simple count; among the "
                + "candidates whose Spearman lead is at least two standard errors, the one with the largest NDCG@100 "
                + "lead wins (docs/scoring.md section 6). Scoring does this by itself on the data's own past; use fit "
                + "to choose the split, horizon and folds yourself and keep the result (--out, then --params).")
final class FitCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.ArgGroup(exclusive = false, multiplicity = "1")
    InputOptions input = new InputOptions();

    @Mixin
    ScoringOptions scoring = new ScoringOptions();

    @Option(names = "--split", required = true, paramLabel = "TIME", converter = TimeArguments.InstantConverter.class,
            description = "End of the data the fit may see (exclusive).")
    Instant split;

    @Option(names = "--horizon", paramLabel = "DURATION", defaultValue = "1d",
            converter = TimeArguments.DurationConverter.class,
            description = "Length of each fold's test period (default: ${DEFAULT-VALUE}).")
    Duration horizon;

    @Option(names = "--folds", paramLabel = "N", defaultValue = "2",
            description = "Folds, ending at split, split - horizon, … (default: ${DEFAULT-VALUE}).")
    int folds;

    @Option(names = "--step", paramLabel = "X", defaultValue = "0.1",
            description = "Grid step over the weight simplex (default: ${DEFAULT-VALUE}).")
    double step;

    @Option(names = "--out", paramLabel = "FILE", description = "Write the weights as JSON, for --params.")
    Path out;

    @Override
    public Integer call() throws Exception {
        if (scoring.asOf != null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--as-of does not apply to fit; use --split");
        }
        if (folds < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--folds must be >= 1");
        }
        if (!(step > 0 && step <= 0.5)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--step must be in (0, 0.5]");
        }
        InputOptions.Loaded loaded = input.load(spec.commandLine().getErr());
        InputOptions.reportRejects(loaded.rejects(), spec.commandLine().getErr());
        Fit.Result fit;
        try (Progress progress = new Progress(spec.commandLine().getErr(), () -> "fitting signal weights")) {
            fit = new Fit(scoring.parameters(), step).fit(loaded.table(), split.toEpochMilli(), horizon, folds);
        }
        PrintWriter o = spec.commandLine().getOut();
        o.printf(Locale.ROOT, "Signal weights and timescales fitted on data before %s (%d folds of %s, %,d candidates):%n",
                TextOutput.time(split.toEpochMilli()), fit.folds().size(), TimeArguments.describe(horizon),
                fit.evaluated());
        for (SignalKind kind : SignalKind.values()) {
            Fit.Timescale t = fit.timescales().get(kind.ordinal());
            o.printf(Locale.ROOT, "  %-15s %.4f   half-life %s%s%n", kind.wireName(), fit.weights()[kind.ordinal()],
                    TimeArguments.describe(t.halfLife()), t.recentShare() > 0 ? String.format(Locale.ROOT,
                            ", %.0f%% at %s", 100 * t.recentShare(), TimeArguments.describe(t.recentHalfLife())) : "");
        }
        o.printf(Locale.ROOT, "lead over the best baseline, fold mean by accounts: Spearman %+.4f, NDCG@100 %+.4f; "
                + "margin (the smaller, in standard errors) %+.2f; mean Spearman + NDCG@100: %.4f "
                + "(with the current parameters %.4f)%n", fit.spearmanLead(), fit.ndcgLead(), fit.margin(),
                fit.objective(), fit.baseline());
        for (Fit.FoldResult f : fit.folds()) {
            o.printf(Locale.ROOT, "  fold %s: %,d accounts, Spearman %.4f (best baseline %.4f), NDCG@100 %.4f "
                    + "(best baseline %.4f)%n", TextOutput.time(f.splitMillis()), f.accounts(), f.scores().spearman(),
                    f.bestBaselineSpearman(), f.scores().ndcgK2(), f.bestBaselineNdcg());
        }
        String how = "renown fit --split " + TextOutput.time(split.toEpochMilli()) + " --horizon "
                + TimeArguments.describe(horizon) + " --folds " + folds + " --step " + step + " --input "
                + input.inputs;
        if (out != null) {
            try (Writer w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
                writeParameters(fit, how, w);
            }
        } else {
            StringWriter w = new StringWriter();
            writeParameters(fit, how, w);
            o.print(w);
        }
        o.flush();
        return loaded.rejects().total() > 0 ? Renown.EXIT_REJECTS : 0;
    }

    /** Writes what {@link ParameterFile#read} reads, with how the weights were fitted. */
    static void writeParameters(Fit.Result fit, String how, Writer out) throws java.io.IOException {
        try (com.fasterxml.jackson.core.JsonGenerator json = new com.fasterxml.jackson.core.JsonFactory().createGenerator(out)) {
            json.disable(com.fasterxml.jackson.core.JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            json.useDefaultPrettyPrinter();
            json.writeStartObject();
            json.writeObjectFieldStart("signal_weights");
            for (SignalKind kind : SignalKind.values()) {
                json.writeNumberField(kind.wireName(), fit.weights()[kind.ordinal()]);
            }
            json.writeEndObject();
            json.writeObjectFieldStart("half_lives");
            for (SignalKind kind : SignalKind.values()) {
                json.writeStringField(kind.wireName(), TimeArguments.describe(fit.timescales().get(kind.ordinal()).halfLife()));
            }
            json.writeEndObject();
            Fit.Timescale reach = fit.timescales().get(SignalKind.REACH.ordinal());
            json.writeNumberField("reach_recent_share", reach.recentShare());
            json.writeStringField("reach_recent_half_life", TimeArguments.describe(fit.parameters().recentHalfLife()));
            json.writeStringField("fitted_by", how);
            json.writeNumberField("margin_in_standard_errors", fit.margin());
            json.writeNumberField("spearman_lead", fit.spearmanLead());
            json.writeNumberField("ndcg@100_lead", fit.ndcgLead());
            json.writeNumberField("objective", fit.objective());
            json.writeNumberField("objective_with_previous_weights", fit.baseline());
            json.writeNumberField("weight_vectors_tried", fit.evaluated());
            json.writeArrayFieldStart("folds");
            for (Fit.FoldResult f : fit.folds()) {
                json.writeStartObject();
                json.writeStringField("split", TextOutput.time(f.splitMillis()));
                json.writeNumberField("accounts", f.accounts());
                json.writeNumberField("spearman", f.scores().spearman());
                json.writeNumberField("ndcg@100", f.scores().ndcgK2());
                json.writeNumberField("best_baseline_spearman", f.bestBaselineSpearman());
                json.writeNumberField("best_baseline_ndcg@100", f.bestBaselineNdcg());
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
        }
        out.write('\n');
    }
}
