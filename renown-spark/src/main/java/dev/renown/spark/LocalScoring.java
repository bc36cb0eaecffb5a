package dev.renown.spark;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import java.util.List;
import java.util.function.Consumer;

/**
 * One scoring run in a Spark session of its own, started and stopped here: what
 * {@code renown spark-score} calls. Its signature names no Spark type, so that callers compile
 * without Spark and need it only when they run.
 */
public final class LocalScoring {

    private LocalScoring() {
    }

    /**
     * Scores {@code inputs} on {@code master} ({@code local[*]}, or a cluster's URL).
     *
     * @param format  one of {@link InputFormats#NAMES}, or null to detect it from the first path
     * @param network network of the accounts when the records do not say
     */
    public static SparkScorer.Result score(String master, List<String> inputs, String format, String network,
                                           SparkScorer.Settings settings, Consumer<String> stage) {
        SparkSession spark = SparkScoreJob.configure(SparkSession.builder()
                .master(master).appName("renown spark-score").config("spark.ui.enabled", "false").getOrCreate());
        try {
            Dataset<Row> events = SparkInput.read(spark, inputs, format, network);
            return SparkScorer.score(events, recordCount(spark, inputs, format), settings, stage);
        } finally {
            spark.stop();
        }
    }

    /** Whether Spark is on the classpath. */
    public static boolean sparkPresent() {
        try {
            Class.forName("org.apache.spark.sql.SparkSession", false, LocalScoring.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /** Records read, before any is rejected, for the line formats; -1 for the others. */
    private static long recordCount(SparkSession spark, List<String> inputs, String format) {
        String f = format != null ? format : InputFormats.detect(inputs.get(0));
        return f.equals("snap-activity") || f.equals("ndjson")
                ? spark.read().text(inputs.toArray(new String[0])).count() : -1;
    }
}
