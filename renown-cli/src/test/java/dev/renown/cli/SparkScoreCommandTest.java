package dev.renown.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code renown spark-score} prints what {@code renown score} prints, line for line (Spark in local mode). */
class SparkScoreCommandTest {

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
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String[] all = new String[args.length + 3];
        all[0] = command;
        System.arraycopy(args, 0, all, 1, args.length);
        all[args.length + 1] = "--rejects";
        all[args.length + 2] = dir.resolve("rejects.ndjson").toString();
        if (!(command.equals("score") || command.equals("ingest")) || !java.util.List.of(args).contains("--input")) {
            all = java.util.Arrays.copyOf(all, args.length + 1); // only score and ingest read files with renown's readers
        }
        int code = Renown.run(new PrintWriter(out), new PrintWriter(err), all);
        return new Run(code, out.toString(), err.toString());
    }
}
