package dev.renown.spark;

import dev.renown.core.integrity.Defences;
import dev.renown.core.score.ScoreBoard;
import dev.renown.core.score.ScoringParameters;
import dev.renown.sources.Durations;
import dev.renown.sources.ParameterFile;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The Spark job: {@code spark-submit --class dev.renown.spark.SparkScoreJob renown-spark.jar
 * --input PATH --output PATH}. Reads interactions ({@link SparkInput}), scores them as
 * renown-core does ({@link SparkScorer}) and writes every account's score with each signal's
 * value and points ({@link ScoreTable}).
 */
public final class SparkScoreJob {

    static final String USAGE = String.join("\n",
            "Usage: spark-submit --class dev.renown.spark.SparkScoreJob renown-spark.jar --input PATH [--input PATH…]",
            "           [--output PATH.parquet|PATH.csv] [--jdbc URL --jdbc-table NAME]",
            "           [--format parquet|ndjson|csv|snap-activity] [--network NAME]",
            "           [--params FILE | --priors] [--window DURATION] [--defences LIST] [--as-of ISO-8601]",
            "Scores every account as 'renown score' does: out of the box the weights and timescales are",
            "calibrated on the data's own past; --params takes those 'renown fit --out' wrote, --priors the priors.");

    private SparkScoreJob() {
    }

    /** Parsed arguments. */
    record Arguments(List<String> inputs, String output, String jdbcUrl, String jdbcTable, String format,
                     String network, SparkScorer.Settings settings) {
    }

    public static void main(String[] args) throws IOException {
        Arguments a;
        try {
            a = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("renown-spark: " + e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
            return;
        }
        SparkSession spark = configure(SparkSession.builder().appName("renown-score").getOrCreate());
        try {
            SparkScorer.Result r = SparkScorer.score(SparkInput.read(spark, a.inputs(), a.format(), a.network()), -1,
                    a.settings(), stage -> System.err.println("renown-spark: " + stage));
            ScoreBoard board = r.board();
            System.err.printf(Locale.ROOT, "renown-spark: %,d records, %,d duplicates, %,d self-interactions; "
                    + "parameters %s; scored %,d accounts%n", r.records(), r.duplicates(), r.selfInteractions(),
                    r.calibration().reason(), board.size());
            Dataset<Row> scores = ScoreTable.of(spark, board);
            if (a.output() != null) {
                ScoreTable.write(scores, a.output());
            }
            if (a.jdbcUrl() != null) {
                ScoreTable.writeJdbc(scores, a.jdbcUrl(), a.jdbcTable());
            }
        } finally {
            spark.stop();
        }
    }

    /**
     * In local mode, unless set, as many shuffle partitions as twice the cores: Spark's default of
     * 200 made the Higgs demo data take minutes on two cores, mostly scheduling empty tasks.
     */
    public static SparkSession configure(SparkSession spark) {
        if (spark.sparkContext().isLocal() && !spark.sparkContext().getConf().contains("spark.sql.shuffle.partitions")) {
            spark.conf().set("spark.sql.shuffle.partitions", String.valueOf(2 * spark.sparkContext().defaultParallelism()));
        }
        return spark;
    }

    static Arguments parse(String[] args) throws IOException {
        List<String> inputs = new ArrayList<>();
        String output = null;
        String jdbcUrl = null;
        String jdbcTable = null;
        String format = null;
        String network = null;
        Path params = null;
        boolean priors = false;
        String window = null;
        String defences = null;
        Long asOf = null;
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            if (option.equals("--priors")) {
                priors = true;
                continue;
            }
            if (option.equals("-h") || option.equals("--help")) {
                throw new IllegalArgumentException("help");
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            String value = args[++i];
            switch (option) {
                case "--input", "-i" -> inputs.add(value);
                case "--output", "-o" -> output = value;
                case "--jdbc" -> jdbcUrl = value;
                case "--jdbc-table" -> jdbcTable = value;
                case "--format", "-f" -> format = value;
                case "--network" -> network = value;
                case "--params" -> params = Path.of(value);
                case "--window" -> window = value;
                case "--defences" -> defences = value;
                case "--as-of" -> asOf = Instant.parse(value).toEpochMilli();
                default -> throw new IllegalArgumentException("unknown option " + option);
            }
        }
        if (inputs.isEmpty()) {
            throw new IllegalArgumentException("--input is required");
        }
        if (output == null && jdbcUrl == null) {
            throw new IllegalArgumentException("give --output, --jdbc, or both");
        }
        if ((jdbcUrl == null) != (jdbcTable == null)) {
            throw new IllegalArgumentException("--jdbc and --jdbc-table go together");
        }
        if (format != null && !InputFormats.NAMES.contains(format)) {
            throw new IllegalArgumentException("unknown format '" + format + "'; use one of " + InputFormats.NAMES);
        }
        if (params != null && priors) {
            throw new IllegalArgumentException("--params and --priors exclude each other");
        }
        ScoringParameters p = ScoringParameters.defaults();
        if (params != null) {
            p = ParameterFile.read(params, p);
        }
        if (window != null) {
            p = p.withWindow(Durations.parse(window));
        }
        if (defences != null) {
            p = p.withDefences(Defences.parse(defences));
        }
        SparkScorer.Mode mode = params != null ? SparkScorer.Mode.GIVEN
                : priors ? SparkScorer.Mode.PRIORS : SparkScorer.Mode.CALIBRATE;
        return new Arguments(inputs, output, jdbcUrl, jdbcTable, format, network,
                new SparkScorer.Settings(p, mode, params == null ? "defaults" : "given in " + params, asOf));
    }
}
