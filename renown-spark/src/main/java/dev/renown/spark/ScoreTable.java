package dev.renown.spark;

import dev.renown.core.score.ScoreBoard;
import dev.renown.core.score.SignalKind;
import dev.renown.core.event.AccountKey;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

/**
 * Every scored account as a row — rank, account, score, and each signal's value and points — and
 * where such rows go: Parquet, CSV, or a table over JDBC (PostgreSQL).
 */
public final class ScoreTable {

    private ScoreTable() {
    }

    /** {@code rank, network, account, score}, then {@code <signal>} and {@code <signal>_points} per signal. */
    public static StructType schema() {
        StructType t = new StructType()
                .add("rank", DataTypes.IntegerType, false)
                .add("network", DataTypes.StringType, false)
                .add("account", DataTypes.StringType, false)
                .add("score", DataTypes.DoubleType, false);
        for (SignalKind s : SignalKind.values()) {
            t = t.add(s.wireName(), DataTypes.DoubleType, false).add(s.wireName() + "_points", DataTypes.DoubleType, false);
        }
        return t;
    }

    /** The board's accounts, best first. */
    public static Dataset<Row> of(SparkSession spark, ScoreBoard board) {
        List<Row> rows = new ArrayList<>(board.size());
        SignalKind[] kinds = SignalKind.values();
        for (int i = 0; i < board.size(); i++) {
            int v = board.nodeAt(i);
            AccountKey key = board.table().accounts().key(board.graph().account(v));
            Object[] fields = new Object[4 + 2 * kinds.length];
            fields[0] = board.rank(v);
            fields[1] = key.network();
            fields[2] = key.id();
            fields[3] = board.score(v);
            for (SignalKind s : kinds) {
                fields[4 + 2 * s.ordinal()] = board.value(s, v);
                fields[5 + 2 * s.ordinal()] = board.points(s, v);
            }
            rows.add(RowFactory.create(fields));
        }
        return spark.createDataFrame(rows, schema());
    }

    /** Writes the scores to {@code path}: CSV with a header when it ends in {@code .csv}, else Parquet. */
    public static void write(Dataset<Row> scores, String path) {
        if (path.toLowerCase(Locale.ROOT).endsWith(".csv")) {
            scores.coalesce(1).write().mode(SaveMode.Overwrite).option("header", "true").csv(path);
        } else {
            scores.write().mode(SaveMode.Overwrite).parquet(path);
        }
    }

    /**
     * Writes the scores to a table over JDBC, replacing it ({@code jdbc:postgresql://host/db?user=…}; the
     * driver must be on the classpath, e.g. {@code spark-submit --packages org.postgresql:postgresql:42.7.14}).
     */
    public static void writeJdbc(Dataset<Row> scores, String url, String table) {
        scores.write().mode(SaveMode.Overwrite).jdbc(url, table, new Properties());
    }
}
