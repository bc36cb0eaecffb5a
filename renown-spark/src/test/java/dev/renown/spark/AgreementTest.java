package dev.renown.spark;

import dev.renown.core.event.AccountKey;
import dev.renown.core.event.EventTable;
import dev.renown.core.event.EventTableBuilder;
import dev.renown.core.score.ScoreBoard;
import dev.renown.core.score.Scorer;
import dev.renown.core.score.ScoringParameters;
import dev.renown.core.score.SignalKind;
import dev.renown.core.validation.Calibrator;
import dev.renown.sources.GenericNdjsonReader;
import dev.renown.sources.Input;
import dev.renown.sources.InteractionReader;
import dev.renown.sources.Rejects;
import dev.renown.sources.SnapActivityReader;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Spark job in local mode and the core engine, on the same real data — the Higgs demo file —
 * scored in the same test: the same accounts, the same top 100 in the same order, every score
 * within 0.01 points and every signal within 1e-6 relative. Nothing here restates the score: both
 * sides call renown-core, so the test keeps its meaning when the score's definition changes.
 */
class AgreementTest {

    private static final Path HIGGS = Path.of("../data/demo/higgs-activity_time.txt.gz");
    private static final double POINTS = 0.01;
    private static final double RELATIVE = 1e-6;

    private static SparkSession spark;

    @BeforeAll
    static void start() {
        spark = LocalSpark.session(2);
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    /**
     * Out of the box: the weights and timescales {@code renown score} calibrates on the Higgs data,
     * calibrated once here by the core and given to both; that the Spark job's own calibration
     * sees the same interactions is {@link #the_driver_calibrates_on_the_cores_event_table}.
     */
    @Test
    void higgs_out_of_the_box_spark_agrees_with_the_core() throws IOException {
        EventTable table = read(HIGGS, new SnapActivityReader());
        long asOf = table.lastInteractionMillis();
        Calibrator.Calibration calibration = Calibrator.calibrate(table, asOf, ScoringParameters.defaults(), i -> { });
        long start = System.nanoTime();
        ScoreBoard core = new Scorer(calibration.parameters()).score(table, asOf);
        long coreNanos = System.nanoTime() - start;

        start = System.nanoTime();
        long[] at = {start};
        StringBuilder stages = new StringBuilder();
        SparkScorer.Result spark = SparkScorer.score(
                SparkInput.read(AgreementTest.spark, List.of(HIGGS.toString()), null, null), -1,
                new SparkScorer.Settings(calibration.parameters(), SparkScorer.Mode.GIVEN, calibration.reason(), null),
                stage -> {
                    long now = System.nanoTime();
                    stages.append(String.format(Locale.ROOT, " %.1f s, then %s", (now - at[0]) / 1e9, stage));
                    at[0] = now;
                });
        long sparkNanos = System.nanoTime() - start;
        System.out.printf(Locale.ROOT, "Higgs, %s: core %.1f s, Spark local[2] %.1f s (reading%s %.1f s)%n",
                calibration.reason(), coreNanos / 1e9, sparkNanos / 1e9, stages, (System.nanoTime() - at[0]) / 1e9);

        assertEquals(table.selfInteractions(), spark.selfInteractions());
        assertEquals(table.duplicatesSkipped(), spark.duplicates());
        assertAgree(core, spark.board(), 100);
    }

    @Test
    void the_driver_calibrates_on_the_cores_event_table() throws IOException {
        EventTable core = read(HIGGS, new SnapActivityReader());
        EventTable driver = SparkScorer.calibrationTable(
                SparkScorer.deduplicate(SparkInput.read(spark, List.of(HIGGS.toString()), null, null)),
                core.lastInteractionMillis(), ScoringParameters.defaults());
        assertEquals(core.size(), driver.size());
        assertEquals(core.accounts().size(), driver.accounts().size());
        for (int e = 0; e < core.size(); e++) {
            assertEquals(core.accounts().key(core.actor(e)), driver.accounts().key(driver.actor(e)), "event " + e);
            assertEquals(core.accounts().key(core.target(e)), driver.accounts().key(driver.target(e)), "event " + e);
            assertEquals(core.timeMillis(e), driver.timeMillis(e), "event " + e);
            assertEquals(core.kind(e), driver.kind(e), "event " + e);
        }
        for (int a = 0; a < core.accounts().size(); a++) {
            assertEquals(core.accounts().key(a), driver.accounts().key(a));
        }
    }

    /**
     * Generated interactions of all six kinds on two networks, with duplicate ids (the first
     * record wins), self-interactions, posts, events outside the window and a different half-life
     * for every signal, in Renown's generic NDJSON: read by the core's reader and by Spark's.
     */
    @Test
    void generated_ndjson_with_every_kind_duplicates_and_own_half_lives_agrees(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("generated.ndjson");
        Random r = new Random(11);
        String[] kinds = {"repost", "quote", "reply", "mention", "like", "follow"};
        long end = 1_700_000_000L;
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 20_000; i++) {
            int id = r.nextInt(10) == 0 && i > 0 ? r.nextInt(i) : i; // about one in ten repeats an earlier id
            String network = r.nextInt(5) == 0 ? "b" : "a";
            int actor = (int) Math.floor(Math.pow(r.nextDouble(), 3) * 800); // heavy-tailed activity
            int target = r.nextInt(20) == 0 ? actor : (int) Math.floor(Math.pow(r.nextDouble(), 4) * 800);
            long time = end - (long) (r.nextDouble() * 120 * 86_400); // part of it before a 90-day window
            text.append(String.format(Locale.ROOT,
                    "{\"id\":\"%d\",\"network\":\"%s\",\"kind\":\"%s\",\"actor\":\"u%d\",\"target\":\"u%d\","
                            + "\"time\":%d%s}%n",
                    id, network, kinds[r.nextInt(kinds.length)], actor, target, time,
                    r.nextInt(3) == 0 ? ",\"post\":\"p" + r.nextInt(3000) + "\"" : ""));
        }
        Files.writeString(file, text);
        ScoringParameters p = ScoringParameters.defaults()
                .withHalfLives(Duration.ofDays(10), Duration.ofDays(7), Duration.ofDays(20), Duration.ofDays(3),
                        Duration.ofDays(14))
                .withSignalWeights(0.3, 0.2, 0.2, 0.2, 0.1)
                .withRecentReach(0.25, Duration.ofHours(12));

        EventTable table = read(file, new GenericNdjsonReader());
        ScoreBoard core = new Scorer(p).score(table);
        SparkScorer.Result spark = SparkScorer.score(SparkInput.read(AgreementTest.spark, List.of(file.toString()),
                null, null), 20_000, new SparkScorer.Settings(p, SparkScorer.Mode.GIVEN, "test", null), stage -> { });
        assertTrue(table.duplicatesSkipped() > 1000);
        assertEquals(table.duplicatesSkipped(), spark.duplicates());
        assertEquals(table.selfInteractions(), spark.selfInteractions());
        assertEquals(0, spark.rejected());
        assertAgree(core, spark.board(), 100);
    }

    /** Same accounts, same top {@code top} in the same order, every score and signal within the bounds. */
    static void assertAgree(ScoreBoard core, ScoreBoard spark, int top) {
        assertEquals(core.asOfMillis(), spark.asOfMillis());
        assertEquals(core.size(), spark.size());
        assertEquals(core.graph().edgeCount(), spark.graph().edgeCount());
        assertEquals(core.graph().interactionCount(), spark.graph().interactionCount());
        for (int i = 0; i < Math.min(top, core.size()); i++) {
            assertEquals(key(core, core.nodeAt(i)), key(spark, spark.nodeAt(i)), "position " + (i + 1));
            assertEquals(core.rank(core.nodeAt(i)), spark.rank(spark.nodeAt(i)), "rank at position " + (i + 1));
        }
        Map<AccountKey, Integer> sparkNode = new HashMap<>();
        for (int v = 0; v < spark.size(); v++) {
            sparkNode.put(key(spark, v), v);
        }
        double maxPoints = 0;
        double[] maxRelative = new double[SignalKind.count()];
        for (int v = 0; v < core.size(); v++) {
            AccountKey account = key(core, v);
            Integer w = sparkNode.get(account);
            assertTrue(w != null, account + " scored by the core only");
            maxPoints = Math.max(maxPoints, Math.abs(core.score(v) - spark.score(w)));
            for (SignalKind s : SignalKind.values()) {
                double a = core.value(s, v);
                double b = spark.value(s, w);
                double relative = a == b ? 0 : Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b));
                maxRelative[s.ordinal()] = Math.max(maxRelative[s.ordinal()], relative);
            }
        }
        StringBuilder report = new StringBuilder(String.format(Locale.ROOT,
                "%,d accounts: max score difference %.3g points; max relative signal difference", core.size(),
                maxPoints));
        for (SignalKind s : SignalKind.values()) {
            report.append(String.format(Locale.ROOT, " %s %.3g", s.wireName(), maxRelative[s.ordinal()]));
        }
        System.out.println(report);
        assertTrue(maxPoints <= POINTS, report.toString());
        for (SignalKind s : SignalKind.values()) {
            assertTrue(maxRelative[s.ordinal()] <= RELATIVE, report.toString());
        }
    }

    static AccountKey key(ScoreBoard board, int v) {
        return board.table().accounts().key(board.graph().account(v));
    }

    static EventTable read(Path file, InteractionReader reader) throws IOException {
        EventTableBuilder builder = new EventTableBuilder();
        Rejects rejects = new Rejects();
        reader.read(new Input(file), builder, rejects);
        assertEquals(0, rejects.total());
        return builder.build();
    }
}
