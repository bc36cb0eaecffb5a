package dev.renown.cli;

import dev.renown.spark.InputFormats;
import dev.renown.spark.LocalScoring;
import dev.renown.spark.SparkScorer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code renown spark-score}: the same scores as {@code renown score}, computed by the Spark job
 * in local mode, and printed by the same code, so that the two can be compared line by line.
 *
 * <p>Spark is not in {@code renown.jar}, nor on this module's classpath: the {@code renown} launcher
 * puts Spark's jars on the classpath for this command only ({@code $SPARK_HOME/jars}, or those the
 * build resolved, listed in {@code renown-spark/target/spark-classpath.txt}).
 */
@Command(name = "spark-score", mixinStandardHelpOptions = true,
        description = {"Score the input with the Spark job in local mode (local[*]) and print what 'renown score' prints.",
            "Reads Parquet written by 'renown export', NDJSON (the export's columns or Renown's generic format), "
                    + "CSV with a header, or SNAP activity text; from any path Spark reads."})
final class SparkScoreCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = {"-i", "--input"}, paramLabel = "PATH", required = true,
            description = "Interactions to read (a file or directory); repeat for several.")
    List<String> inputs;

    @Option(names = {"-f", "--format"}, paramLabel = "FORMAT",
            description = "parquet, ndjson, csv or snap-activity. Detected from the name when omitted.")
    String format;

    @Option(names = "--network", paramLabel = "NAME",
            description = "Network of the accounts for records that do not say (default for SNAP: snap).")
    String network;

    @Option(names = "--master", paramLabel = "URL", defaultValue = "local[*]",
            description = "Spark master (default: ${DEFAULT-VALUE}).")
    String master;

    @Mixin
    ScoringOptions scoring = new ScoringOptions();

    @Mixin
    RankingOutput output = new RankingOutput();

    @Override
    public Integer call() throws Exception {
        output.check(spec.commandLine());
        if (format != null && !InputFormats.NAMES.contains(format)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "unknown format '" + format
                    + "'; use one of " + InputFormats.NAMES);
        }
        if (scoring.topic != null) {
            throw new Renown.UserError("spark-score does not take --topic yet", 2);
        }
        if (scoring.params != null && scoring.priors) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--params and --priors exclude each other");
        }
        if (!LocalScoring.sparkPresent()) {
            throw new Renown.UserError("spark-score needs Spark on the classpath: run it through the renown "
                    + "launcher, which adds $SPARK_HOME/jars or the Spark jars of the build", 1);
        }
        PrintWriter err = spec.commandLine().getErr();
        SparkScorer.Mode mode = scoring.params != null ? SparkScorer.Mode.GIVEN
                : scoring.priors ? SparkScorer.Mode.PRIORS : SparkScorer.Mode.CALIBRATE;
        SparkScorer.Settings settings = new SparkScorer.Settings(scoring.parameters(), mode,
                scoring.params == null ? "defaults" : "given in " + scoring.params,
                scoring.asOf == null ? null : scoring.asOf.toEpochMilli());
        long start = System.nanoTime();
        SparkScorer.Result r = LocalScoring.score(master, inputs, format, network, settings,
                stage -> err.printf(Locale.ROOT, "renown: spark: %.1f s: %s%n", (System.nanoTime() - start) / 1e9, stage));
        if (r.rejected() > 0) {
            err.printf(Locale.ROOT, "renown: %,d records could not be read and were left out%n", r.rejected());
        }
        if (r.duplicates() > 0) {
            err.printf(Locale.ROOT, "renown: %,d duplicate interactions (same event id) counted once%n", r.duplicates());
        }
        if (r.selfInteractions() > 0) {
            err.printf(Locale.ROOT, "renown: %,d self-interactions ignored%n", r.selfInteractions());
        }
        ScoringSetup.reportCalibration(r.calibration(), err);
        err.printf(Locale.ROOT, "renown: Spark (%s) read %,d records and scored %,d accounts in %.2f s%n", master,
                r.records(), r.board().size(), (System.nanoTime() - start) / 1e9);
        output.print(r.board(), spec.commandLine().getOut());
        return r.rejected() > 0 ? Renown.EXIT_REJECTS : 0;
    }
}
