package dev.renown.spark;

import dev.renown.core.event.EventTableBuilder;
import dev.renown.core.event.Interaction;
import dev.renown.core.event.InteractionKind;
import dev.renown.sources.Times;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

import static org.apache.spark.sql.functions.monotonically_increasing_id;

/**
 * Reads interactions into one normalised {@link Dataset} ({@link #SCHEMA}), from any path
 * Spark's Hadoop filesystems read (local, HDFS, S3):
 * <ul>
 *   <li>{@code parquet}: what {@code renown export --to FILE.parquet} writes ({@code event_key},
 *       {@code event_id}, {@code network}, {@code kind}, {@code actor}, {@code target}, {@code time_ms},
 *       {@code post_id}, …);</li>
 *   <li>{@code ndjson}: the same columns one JSON object a line, or Renown's generic NDJSON
 *       ({@code id}, {@code network}, {@code kind}, {@code actor}, {@code target}, {@code time} as
 *       ISO-8601 or seconds, {@code post}; docs/formats.md);</li>
 *   <li>{@code csv}: either layout with a header line;</li>
 *   <li>{@code snap-activity}: SNAP's {@code userA userB unix_seconds RT|MT|RE} lines (the Higgs data).</li>
 * </ul>
 * Event keys are those of renown-core: the export's {@code event_key}, else the 64-bit
 * {@link EventTableBuilder#fingerprint64 fingerprint} of the id the core's readers give the record
 * ({@code network/id}, or {@link Interaction#derivedId} from its content). {@code seq} is the
 * record's position in Spark's reading order, which for one file is the file's order: nodes are
 * numbered, and ties listed, in that order, as the core does in input order. Records that cannot
 * be read are dropped and counted by the caller (records read minus rows).
 */
public final class SparkInput {

    /** The normalised columns. {@code kind} is the {@link InteractionKind} ordinal. */
    public static final StructType SCHEMA = new StructType()
            .add("seq", DataTypes.LongType, false)
            .add("event_key", DataTypes.LongType, false)
            .add("network", DataTypes.StringType, false)
            .add("kind", DataTypes.IntegerType, false)
            .add("actor", DataTypes.StringType, false)
            .add("target", DataTypes.StringType, false)
            .add("time_ms", DataTypes.LongType, false)
            .add("post_id", DataTypes.StringType, true);

    private SparkInput() {
    }

    /**
     * The interactions of {@code paths}, normalised.
     *
     * @param format  one of {@link InputFormats#NAMES}, or null to {@link InputFormats#detect} it from the first path
     * @param network network of the accounts when the records do not say (SNAP: {@code snap})
     */
    public static Dataset<Row> read(SparkSession spark, List<String> paths, String format, String network) {
        String f = format != null ? format : InputFormats.detect(paths.get(0));
        String[] p = paths.toArray(new String[0]);
        Dataset<Row> raw;
        switch (f) {
            case "parquet": raw = spark.read().parquet(p); break;
            case "ndjson": raw = spark.read().json(p); break;
            case "csv": raw = spark.read().option("header", "true").csv(p); break;
            case "snap-activity": raw = spark.read().text(p); break;
            default: throw new IllegalArgumentException("unknown format '" + f + "'; use one of " + InputFormats.NAMES);
        }
        Dataset<Row> numbered = raw.withColumn("seq", monotonically_increasing_id());
        String defaultNetwork = network != null ? network : f.equals("snap-activity") ? "snap" : null;
        FlatMapFunction<Row, Row> normalise = f.equals("snap-activity")
                ? row -> snap(row, defaultNetwork)
                : new Records(Arrays.asList(raw.columns()), defaultNetwork)::normalise;
        return numbered.flatMap(normalise, Encoders.row(SCHEMA));
    }

    /** One SNAP activity line as a normalised row, as {@code SnapActivityReader} reads it. */
    private static Iterator<Row> snap(Row row, String network) {
        String line = row.getString(0);
        String[] f = line.trim().split("[ \t]+");
        if (f.length != 4 || f[0].isEmpty() || f[1].isEmpty() || !f[2].matches("\\d{1,12}")) {
            return Collections.emptyIterator();
        }
        InteractionKind kind;
        switch (f[3].toUpperCase(Locale.ROOT)) {
            case "RT": kind = InteractionKind.REPOST; break;
            case "MT": kind = InteractionKind.MENTION; break;
            case "RE": kind = InteractionKind.REPLY; break;
            default: return Collections.emptyIterator();
        }
        long millis = Long.parseLong(f[2]) * 1000;
        long key = EventTableBuilder.fingerprint64(Interaction.derivedId(network, kind, f[0], f[1], millis, null));
        return Collections.singletonList(RowFactory.create(row.getLong(1), key, network, kind.ordinal(), f[0], f[1],
                millis, null)).iterator();
    }

    /** Normalises records of the export layout or the generic one, whichever columns are there. */
    private static final class Records implements java.io.Serializable {
        private static final long serialVersionUID = 1L;
        private final List<String> columns;
        private final String defaultNetwork;

        Records(List<String> columns, String defaultNetwork) {
            this.columns = List.copyOf(columns);
            this.defaultNetwork = defaultNetwork;
        }

        Iterator<Row> normalise(Row row) {
            try {
                Row r = normalised(row);
                return r == null ? Collections.emptyIterator() : Collections.singletonList(r).iterator();
            } catch (IllegalArgumentException e) {
                return Collections.emptyIterator();
            }
        }

        private Row normalised(Row row) {
            String net = text(row, "network");
            net = net != null ? net.toLowerCase(Locale.ROOT) : defaultNetwork;
            String kindName = text(row, "kind");
            String actor = text(row, "actor");
            String target = text(row, "target");
            if (net == null || net.isBlank() || kindName == null || actor == null || actor.isBlank() || target == null
                    || target.isBlank()) {
                return null;
            }
            InteractionKind kind = InteractionKind.parse(kindName);
            long millis;
            Object ms = value(row, "time_ms");
            if (ms != null) {
                millis = ms instanceof Number ? ((Number) ms).longValue() : Long.parseLong(ms.toString().trim());
            } else {
                Object t = value(row, "time");
                if (t == null) {
                    return null;
                }
                millis = t instanceof Number
                        ? new BigDecimal(t.toString()).movePointRight(3).longValue()
                        : Times.millis(t.toString());
            }
            String post = text(row, "post_id");
            post = post != null ? post : text(row, "post");
            long key;
            Object k = value(row, "event_key");
            if (k != null) {
                key = k instanceof Number ? ((Number) k).longValue() : Long.parseLong(k.toString().trim());
            } else {
                String id = text(row, "event_id");
                if (id == null) {
                    String generic = text(row, "id");
                    id = generic != null ? net + "/" + generic
                            : Interaction.derivedId(net, kind, actor, target, millis, post);
                }
                key = EventTableBuilder.fingerprint64(id);
            }
            return RowFactory.create(row.getLong(row.fieldIndex("seq")), key, net, kind.ordinal(), actor, target,
                    millis, post);
        }

        private Object value(Row row, String column) {
            return columns.contains(column) ? row.get(row.fieldIndex(column)) : null;
        }

        private String text(Row row, String column) {
            Object v = value(row, column);
            return v == null ? null : v.toString();
        }
    }
}
