package dev.renown.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code renown spark-score} prints what {@code renown score} prints, line for line (Spark in local
 * mode). Spark is not on this module's classpath: {@code spark-score} runs in a JVM of its own with
 * Spark's jars before the test classpath, as the {@code renown} launcher runs it.
 */
class SparkScoreCommandTest {

    private static final Path SPARK_CLASSPATH = Path.of("../renown-spark/target/spark-classpath.txt");

    private static final String GENERIC = "../renown-sources/src/test/resources/generic/higgs-first100.ndjson";

    @Test
    void spark_score_prints_the_same_table_as_score_out_of_the_box(@TempDir Path dir) {
        String[] common = {"--input", GENERIC, "--top", "30"};
        Run score = run(dir, "score", common);
        Run spark = run(dir, "spark-score", common);
        assertEquals(0, score.code, score.err);
        assertEquals(0, spark.code, spark.err);
        assertTrue(score.out.lines().count() > 20, score.out);
        assertEquals(score.out, spark.out);
    }

    @Test
    void spark_score_prints_the_same_json_as_score_with_priors_and_no_defences(@TempDir Path dir) {
        String[] common = {"--input", GENERIC, "--json", "--priors", "--defences", "none"};
        Run score = run(dir, "score", common);
        Run spark = run(dir, "spark-score", common);
        assertEquals(0, spark.code, spark.err);
        assertTrue(score.out.contains("\"scores\""), score.out);
        assertEquals(score.out, spark.out);
    }

    @Test
    void spark_score_of_what_export_wrote_matches_score_of_the_database(@TempDir Path dir) {
        String db = "jdbc:duckdb:" + dir.resolve("renown.duckdb");
        Path parquet = dir.resolve("interactions.parquet");
        assertEquals(0, run(dir, "ingest", "--input", GENERIC, "--db", db).code);
        Run export = run(dir, "export", "interactions", "--to", parquet.toString(), "--db", db);
        assertEquals(0, export.code, export.err);
        Run score = run(dir, "score", "--db", db, "--priors", "--top", "30");
        Run spark = run(dir, "spark-score", "--input", parquet.toString(), "--priors", "--top", "30");
        assertEquals(0, score.code, score.err);
        assertEquals(0, spark.code, spark.err);
        assertEquals(score.out, spark.out);
    }

    @Test
    void an_unknown_format_is_refused_before_spark_starts(@TempDir Path dir) {
        Run spark = run(dir, "spark-score", "--input", GENERIC, "--format", "xml");
        assertEquals(2, spark.code);
        assertTrue(spark.err.contains("unknown format 'xml'"), spark.err);
    }

    private record Run(int code, String out, String err) {
    }

    private static Run run(Path dir, String command, String... args) {
        if (command.equals("spark-score")) {
            return spark(dir, args);
        }
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        List<String> all = new ArrayList<>(List.of(command));
        all.addAll(List.of(args));
        if ((command.equals("score") || command.equals("ingest")) && all.contains("--input")) {
            all.addAll(List.of("--rejects", dir.resolve("rejects.ndjson").toString()));
        }
        int code = Renown.run(new PrintWriter(out), new PrintWriter(err), all.toArray(new String[0]));
        return new Run(code, out.toString(), err.toString());
    }

    /** {@code renown spark-score} in a JVM of its own, with Spark's jars first, as the launcher runs it. */
    private static Run spark(Path dir, String... args) {
        try {
            assertTrue(Files.exists(SPARK_CLASSPATH), SPARK_CLASSPATH + " is missing: build renown-spark first");
            String classpath = Files.readString(SPARK_CLASSPATH).trim() + File.pathSeparator
                    + System.getProperty("java.class.path");
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx2g",
                    "-Dslf4j.provider=org.apache.logging.slf4j.SLF4JServiceProvider", "-cp", classpath,
                    Renown.class.getName(), "spark-score"));
            command.addAll(List.of(args));
            Path out = dir.resolve("spark-out.txt");
            Path err = dir.resolve("spark-err.txt");
            Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            assertTrue(p.waitFor(5, TimeUnit.MINUTES), "spark-score did not finish in 5 minutes");
            return new Run(p.exitValue(), Files.readString(out), Files.readString(err));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
