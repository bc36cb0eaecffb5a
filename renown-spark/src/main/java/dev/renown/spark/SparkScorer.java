package dev.renown.spark;

import dev.renown.core.event.AccountKey;
import dev.renown.core.event.AccountProfile;
import dev.renown.core.event.EventTable;
import dev.renown.core.event.EventTableBuilder;
import dev.renown.core.event.InteractionKind;
import dev.renown.core.graph.InteractionGraph;
import dev.renown.core.graph.PairFold;
import dev.renown.core.score.ScoreBoard;
import dev.renown.core.score.Scorer;
import dev.renown.core.score.ScoringParameters;
import dev.renown.core.score.SignalKind;
import dev.renown.core.validation.Calibrator;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;

import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;

/**
 * Scores interactions read by {@link SparkInput} with exactly renown-core's definition
 * (docs/scoring.md), distributing what grows with the interactions and running the rest — the
 * core's own code — on the driver over the folded pair graph.
 *
 * <p>Distributed, in this order: deduplication by event key (the first record in reading order
 * wins, as in the core), the as-of instant, the window and self-interaction filter, the per-actor
 * per-day counts, each interaction's credits ({@link PairFold#credit}: the same functions the
 * core's builder calls), the fold of every (actor, target) pair into one edge (sums of credits,
 * first and last ages), each actor's distinct own posts, and each account's first appearance.
 * Driver: the pairs are collected ({@code 24} bytes a pair in the graph, plus the account keys) and
 * handed to {@link PairFold#assemble}; then {@link Scorer#score(EventTable, InteractionGraph)}
 * computes the integrity defences (they need the whole partner graph at once: one depth-first
 * search with low points), the five signals, network impact's propagation and the 1–100 score —
 * the same call the core's own runner makes, so a change to the score reaches both. Out of the
 * box, the calibration ({@link Calibrator}) runs on the driver too, over the interactions of its
 * folds (the window plus three horizons before it), which it re-scores many times.
 */
public final class SparkScorer {

    /** Three horizons of at most thirty days: how far before the window calibrating reads. */
    private static final long CALIBRATION_LOOKBACK_MILLIS = Calibrator.FOLDS * 30L * 86_400_000L;

    /** How the weights and timescales are chosen, as {@code renown score} does. */
    public enum Mode {
        /** The parameters as given (defaults, or {@code --params}). */
        GIVEN,
        /** The documented priors ({@code --priors}). */
        PRIORS,
        /** Calibrated on the data's own past (out of the box). */
        CALIBRATE
    }

    /**
     * @param parameters the base parameters: defaults with {@code --params}, {@code --window}, {@code --defences}
     * @param mode       how the weights and timescales are chosen
     * @param given      how {@link Mode#GIVEN} parameters were given, for the report
     * @param asOfMillis the as-of instant, or null for the last interaction between two different accounts
     */
    public record Settings(ScoringParameters parameters, Mode mode, String given, Long asOfMillis) {
    }

    /**
     * What a run found.
     *
     * @param records          rows read
     * @param rejected         records that could not be read
     * @param duplicates       records whose event key was seen before
     * @param selfInteractions interactions of an account with itself, ignored
     */
    public record Result(ScoreBoard board, Calibrator.Calibration calibration, long records, long rejected,
                         long duplicates, long selfInteractions) {
    }

    private SparkScorer() {
    }

    /**
     * Scores the interactions; {@code stage} hears which step is running.
     *
     * @param events  normalised interactions ({@link SparkInput#SCHEMA})
     * @param records how many records were read, or -1 if unknown (then no rejects are counted)
     */
    public static Result score(Dataset<Row> events, long records, Settings settings, Consumer<String> stage) {
        // 1. Deduplicate: per event key, the first record in reading order.
        stage.accept("deduplicating");
        Dataset<Row> unique = deduplicate(events).persist(StorageLevel.MEMORY_AND_DISK());
        long rows = events.count();
        long uniqueRows = unique.count();
        long self = unique.filter(col("actor").equalTo(col("target"))).count();

        // 2. As of the last interaction between two different accounts, unless given.
        long asOf;
        if (settings.asOfMillis() != null) {
            asOf = settings.asOfMillis();
        } else {
            Row last = unique.filter(col("actor").notEqual(col("target"))).agg(max("time_ms")).first();
            asOf = last.isNullAt(0) ? 0 : last.getLong(0);
        }

        // 3. The weights and timescales.
        Calibrator.Calibration calibration = calibration(unique, asOf, settings, stage);
        ScoringParameters p = calibration.parameters();

        // 4. Fold the window's interactions into pairs, accounts and posts.
        stage.accept("folding");
        Folded folded = fold(unique, asOf, p);

        // 5. On the driver: the core's graph, defences, signals and score.
        stage.accept("scoring");
        ScoreBoard board = new Scorer(p).score(folded.table, folded.graph);
        unique.unpersist();
        return new Result(board, calibration, rows, records < 0 ? 0 : records - rows, rows - uniqueRows, self);
    }

    /** Per event key, the first record in reading order (the least {@code seq}), as the core keeps the first. */
    static Dataset<Row> deduplicate(Dataset<Row> events) {
        return events.groupBy("event_key")
                .agg(min(struct("seq", "event_key", "network", "kind", "actor", "target", "time_ms", "post_id")).as("e"))
                .select("e.*");
    }

    private static Calibrator.Calibration calibration(Dataset<Row> unique, long asOf, Settings settings,
                                                      Consumer<String> stage) {
        ScoringParameters base = settings.parameters();
        switch (settings.mode()) {
            case GIVEN:
                return new Calibrator.Calibration(base, false, settings.given(), null, null);
            case PRIORS:
                return new Calibrator.Calibration(Calibrator.priors(base), false, "documented priors (--priors)",
                        null, null);
            default:
                stage.accept("calibrating weights and timescales on the data's own past (on the driver)");
                EventTable table = calibrationTable(unique, asOf, base);
                return Calibrator.calibrate(table, asOf, base, i -> { });
        }
    }

    /**
     * The interactions calibrating reads — the window and three horizons of thirty days before it,
     * as {@code renown score --db} loads them — as a core event table on the driver, in reading order.
     */
    static EventTable calibrationTable(Dataset<Row> unique, long asOf, ScoringParameters base) {
        long from = asOf - base.window().toMillis() - CALIBRATION_LOOKBACK_MILLIS;
        return driverTable(unique.filter(col("time_ms").gt(lit(from))));
    }

    /** The interactions as a core event table on the driver, in reading order. */
    private static EventTable driverTable(Dataset<Row> events) {
        EventTableBuilder b = new EventTableBuilder();
        Iterator<Row> rows = events.orderBy("seq").toLocalIterator();
        while (rows.hasNext()) {
            Row r = rows.next();
            b.add(r.getLong(1), r.getString(2), InteractionKind.ofOrdinal(r.getInt(3)), r.getString(4),
                    r.getString(5), r.getLong(6), r.isNullAt(7) ? null : r.getString(7), null, List.of());
        }
        return b.build();
    }

    /** The window folded: the accounts as a table without events, and the graph over them. */
    record Folded(EventTable table, InteractionGraph graph) {
    }

    private static final StructType CREDITS = new StructType()
            .add("network", DataTypes.StringType, false)
            .add("actor", DataTypes.StringType, false)
            .add("target", DataTypes.StringType, false)
            .add("influence", DataTypes.DoubleType, false)
            .add("amplification", DataTypes.DoubleType, false)
            .add("conversation", DataTypes.DoubleType, false)
            .add("age", DataTypes.IntegerType, false)
            .add("engagement_age", DataTypes.IntegerType, true)
            .add("post_key", DataTypes.StringType, true);

    /** The UTC day of an interaction, by the core's own function. */
    private static final org.apache.spark.sql.expressions.UserDefinedFunction DAY = org.apache.spark.sql.functions.udf(
            (org.apache.spark.sql.api.java.UDF1<Long, Long>) PairFold::day, DataTypes.LongType);

    static Folded fold(Dataset<Row> unique, long asOf, ScoringParameters p) {
        long windowStart = PairFold.windowStart(asOf, p.window().toMillis());
        Dataset<Row> window = unique
                .filter(col("time_ms").gt(lit(windowStart)).and(col("time_ms").leq(lit(asOf)))
                        .and(col("actor").notEqual(col("target"))))
                .withColumn("day", DAY.apply(col("time_ms")))
                .persist(StorageLevel.MEMORY_AND_DISK());
        long interactions = window.count();

        // n(actor, day), then each interaction's credits at each signal's half-life.
        Dataset<Row> days = window.groupBy("network", "actor", "day").agg(count(lit(1)).as("n"));
        double[] kindWeights = p.kindWeights();
        double influenceRate = PairFold.decayRate(p.halfLife(SignalKind.NETWORK_IMPACT).toMillis());
        double amplificationRate = PairFold.decayRate(p.halfLife(SignalKind.AMPLIFICATION).toMillis());
        double conversationRate = PairFold.decayRate(p.halfLife(SignalKind.CONVERSATION).toMillis());
        MapFunction<Row, Row> credit = r -> {
            int kind = r.getAs("kind");
            long time = r.getAs("time_ms");
            long n = r.getAs("n");
            long age = asOf - time;
            double w = kindWeights[kind];
            int seconds = PairFold.ageSeconds(age);
            String post = r.getAs("post_id");
            return RowFactory.create(r.getAs("network"), r.getAs("actor"), r.getAs("target"),
                    PairFold.credit(n, influenceRate, age) * w,
                    PairFold.isAmplification(kind) ? PairFold.credit(n, amplificationRate, age) * w : 0.0,
                    PairFold.isConversation(kind) ? PairFold.credit(n, conversationRate, age) * w : 0.0,
                    seconds, PairFold.isEngagement(kind) ? seconds : null,
                    !PairFold.authorsPost(kind) ? null : post != null ? "p" + post : "s" + PairFold.secondKey(time));
        };
        Dataset<Row> credits = window.join(days, scala(List.of("network", "actor", "day")))
                .map(credit, Encoders.row(CREDITS))
                .persist(StorageLevel.MEMORY_AND_DISK());

        // Per pair: one edge. Per actor: distinct own posts. Per account: first appearance.
        Dataset<Row> pairs = credits.groupBy("network", "actor", "target").agg(
                sum("influence"), sum("amplification"), sum("conversation"), max("age"), min("engagement_age"));
        Dataset<Row> posts = credits.filter(col("post_key").isNotNull()).select("network", "actor", "post_key")
                .distinct().groupBy("network", "actor").agg(count(lit(1)));
        Dataset<Row> first = window.select(col("network"), col("actor").as("account"), col("seq").multiply(2).as("pos"))
                .union(window.select(col("network"), col("target").as("account"),
                        col("seq").multiply(2).plus(1).as("pos")))
                .groupBy("network", "account").agg(min("pos").as("pos"));

        // Driver: accounts numbered in order of first appearance (sorted here: n longs, no distributed sort).
        List<AccountKey> keys = new java.util.ArrayList<>();
        long[] order = new long[1024];
        Iterator<Row> it = first.toLocalIterator();
        while (it.hasNext()) {
            Row r = it.next();
            if (keys.size() == order.length) {
                order = java.util.Arrays.copyOf(order, 2 * order.length);
            }
            order[keys.size()] = r.getLong(2);
            keys.add(new AccountKey(r.getString(0), r.getString(1)));
        }
        int n = keys.size();
        // Each account's first position is its own (one record, one role), so its rank among them is its node.
        long[] sorted = java.util.Arrays.copyOf(order, n);
        java.util.Arrays.sort(sorted);
        AccountKey[] byNode = new AccountKey[n];
        Map<AccountKey, Integer> node = new HashMap<>(2 * n);
        for (int i = 0; i < n; i++) {
            int v = java.util.Arrays.binarySearch(sorted, order[i]);
            byNode[v] = keys.get(i);
            node.put(keys.get(i), v);
        }
        keys = null;
        EventTableBuilder accounts = new EventTableBuilder();
        for (AccountKey key : byNode) {
            accounts.profile(new AccountProfile(key, null, null, AccountProfile.UNKNOWN, AccountProfile.UNKNOWN,
                    AccountProfile.UNKNOWN));
        }
        int[] ownPosts = new int[n];
        it = posts.toLocalIterator();
        while (it.hasNext()) {
            Row r = it.next();
            ownPosts[node.get(new AccountKey(r.getString(0), r.getString(1)))] = (int) r.getLong(2);
        }
        Edges e = new Edges();
        it = pairs.toLocalIterator();
        while (it.hasNext()) {
            Row r = it.next();
            e.add(node.get(new AccountKey(r.getString(0), r.getString(1))),
                    node.get(new AccountKey(r.getString(0), r.getString(2))),
                    r.isNullAt(7) ? -1 : r.getInt(7), r.getInt(6),
                    (float) r.getDouble(3), (float) r.getDouble(4), (float) r.getDouble(5));
        }
        credits.unpersist();
        window.unpersist();
        int[] account = new int[n];
        for (int v = 0; v < n; v++) {
            account[v] = v;
        }
        InteractionGraph graph = PairFold.assemble(account, e.source(), e.target(), e.last(), e.first(),
                e.influence(), e.amplification(), e.conversation(), ownPosts, windowStart, asOf,
                Math.toIntExact(interactions));
        return new Folded(accounts.build(), graph);
    }

    private static scala.collection.immutable.Seq<String> scala(List<String> columns) {
        return scala.jdk.javaapi.CollectionConverters.asScala(columns).toList();
    }

    /** Growable primitive columns of the collected pairs. */
    private static final class Edges {
        private int size;
        private int[] source = new int[1024];
        private int[] target = new int[1024];
        private int[] last = new int[1024];
        private int[] first = new int[1024];
        private float[] influence = new float[1024];
        private float[] amplification = new float[1024];
        private float[] conversation = new float[1024];

        void add(int s, int t, int l, int f, float inf, float amp, float conv) {
            if (size == source.length) {
                int c = 2 * size;
                source = java.util.Arrays.copyOf(source, c);
                target = java.util.Arrays.copyOf(target, c);
                last = java.util.Arrays.copyOf(last, c);
                first = java.util.Arrays.copyOf(first, c);
                influence = java.util.Arrays.copyOf(influence, c);
                amplification = java.util.Arrays.copyOf(amplification, c);
                conversation = java.util.Arrays.copyOf(conversation, c);
            }
            source[size] = s;
            target[size] = t;
            last[size] = l;
            first[size] = f;
            influence[size] = inf;
            amplification[size] = amp;
            conversation[size] = conv;
            size++;
        }

        int[] source() {
            return java.util.Arrays.copyOf(source, size);
        }

        int[] target() {
            return java.util.Arrays.copyOf(target, size);
        }

        int[] last() {
            return java.util.Arrays.copyOf(last, size);
        }

        int[] first() {
            return java.util.Arrays.copyOf(first, size);
        }

        float[] influence() {
            return java.util.Arrays.copyOf(influence, size);
        }

        float[] amplification() {
            return java.util.Arrays.copyOf(amplification, size);
        }

        float[] conversation() {
            return java.util.Arrays.copyOf(conversation, size);
        }
    }
}
