package dev.renown.spark;

import java.util.List;
import java.util.Locale;

/** The input formats of the Spark job, without Spark: callers check a format before Spark is loaded. */
public final class InputFormats {

    /** Formats {@link SparkInput#read} takes. */
    public static final List<String> NAMES = List.of("parquet", "ndjson", "csv", "snap-activity");

    private InputFormats() {
    }

    /** The format a path's name suggests: {@code .parquet} (or a directory), {@code .csv}, {@code .txt}, else NDJSON. */
    public static String detect(String path) {
        String name = path.toLowerCase(Locale.ROOT);
        name = name.endsWith(".gz") ? name.substring(0, name.length() - 3) : name;
        if (name.endsWith(".parquet") || name.endsWith("/") || !name.substring(name.lastIndexOf('/') + 1).contains(".")) {
            return "parquet";
        }
        if (name.endsWith(".csv")) {
            return "csv";
        }
        if (name.endsWith(".txt")) {
            return "snap-activity";
        }
        return "ndjson";
    }
}
