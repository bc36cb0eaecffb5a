package dev.renown.cli;

import dev.renown.core.event.EventTable;
import dev.renown.core.validation.Evaluation;
import dev.renown.core.validation.EvaluationReport;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code renown evaluate}: does the score predict what happens next, better than simple measures? */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = "Score accounts from the interactions before a split, then measure how well that "
                + "ranking predicts who gets engaged after it, against simple baselines.")
final class EvaluateCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.ArgGroup(exclusive = false, multiplicity = "1")
    InputOptions input = new InputOptions();

    @Mixin
    ScoringOptions scoring = new ScoringOptions();

    @Option(names = "--split", required = true, paramLabel = "TIME", converter = TimeArguments.InstantConverter.class,
            description = "Train on interactions strictly before this time, test from it.")
    Instant split;

    @Option(names = "--horizon", paramLabel = "DURATION", defaultValue = "7d",
            converter = TimeArguments.DurationConverter.class,
            description = "Length of the test period (default: ${DEFAULT-VALUE}).")
    Duration horizon;

    @Option(names = "--report", paramLabel = "FILE",
            description = "Also write the report to FILE: Markdown for .md, JSON for .json.")
    Path report;

    @Option(names = "--bootstrap", paramLabel = "N", defaultValue = "" + Evaluation.ROUNDS_DEFAULT,
            description = "Bootstrap resamples for the confidence intervals (default: ${DEFAULT-VALUE}; 0 for none).")
    int rounds;

    @Option(names = "--fit", description = "Fit the weights and timescales on the training period with --fit-folds "
            + "folds as long as the horizon (at most a (folds+1)-th of the training period), instead of "
            + "calibrating them as scoring does.")
    boolean fit;

    @Option(names = "--fit-folds", paramLabel = "N", defaultValue = "2",
            description = "Folds for --fit (default: ${DEFAULT-VALUE}).")
    int fitFolds;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "" + Evaluation.SEED_DEFAULT,
            description = "Seed of the bootstrap (default: ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public Integer call() throws Exception {
        if (scoring.asOf != null) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--as-of does not apply to evaluate: the split is the as-of time");
        }
        if (rounds < 0) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--bootstrap must be >= 0");
        }
        if (report != null && !(report.toString().endsWith(".md") || report.toString().endsWith(".json"))) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--report must end in .md or .json");
        }
        InputOptions.Loaded loaded = input.load(spec.commandLine().getErr());
        InputOptions.reportRejects(loaded.rejects(), spec.commandLine().getErr());
        EventTable table = loaded.table();
        long start = System.nanoTime();
        EvaluationReport result;
        try (Progress progress = new Progress(spec.commandLine().getErr(), () -> String.format(Locale.ROOT,
                "evaluating with %,d bootstrap rounds", rounds))) {
            Evaluation evaluation = new Evaluation(scoring.parameters(), rounds, seed);
            if (fit) {
                result = evaluation.fitAndRun(table, split.toEpochMilli(), horizon, fitFolds, 0.1).report();
            } else if (scoring.params != null) {
                result = evaluation.run(table, split.toEpochMilli(), horizon);
            } else if (scoring.priors) {
                result = new Evaluation(dev.renown.core.validation.Calibrator.priors(scoring.parameters()), rounds,
                        seed).run(table, split.toEpochMilli(), horizon);
            } else {
                result = evaluation.runCalibrated(table, split.toEpochMilli(), horizon, i -> { });
            }
        }
        spec.commandLine().getErr().printf(Locale.ROOT, "renown: evaluated %,d accounts in %.1f s%n", result.accounts(),
                (System.nanoTime() - start) / 1e9);
        if (result.accounts() == 0) {
            throw new Renown.UserError("no account is active before " + split + ": nothing to evaluate", 1);
        }
        String markdown = EvaluationOutput.markdown(result);
        spec.commandLine().getOut().print(markdown);
        spec.commandLine().getOut().flush();
        if (report != null) {
            if (report.toAbsolutePath().getParent() != null) {
                Files.createDirectories(report.toAbsolutePath().getParent());
            }
            try (Writer w = Files.newBufferedWriter(report, StandardCharsets.UTF_8)) {
                if (report.toString().endsWith(".json")) {
                    EvaluationOutput.json(result, w);
                } else {
                    w.write(markdown);
                }
            }
        }
        return loaded.rejects().total() > 0 ? Renown.EXIT_REJECTS : 0;
    }
}
