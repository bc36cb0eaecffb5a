package dev.renown.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The command line's bounds on time (issue 14, item 1): ingest, score and import reject
 * interactions dated beyond the clock plus {@code --clock-skew}, and a backfill refuses a range
 * longer than {@code --max-days} or writes the latest days of the data.
 */
class TimeBoundsCliTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        return Renown.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    private Path data(String... times) throws Exception {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < times.length; i++) {
            b.append("{\"network\":\"demo\",\"kind\":\"repost\",\"actor\":\"a").append(i).append("\",\"target\":\"b\",\"time\":\"")
                    .append(times[i]).append("\"}\n");
        }
        return Files.writeString(dir.resolve("data-" + times.length + ".ndjson"), b);
    }

    @Test
    void ingestAndScoreRejectTimesBeyondTheClockUnlessTheSkewAllowsThem() throws Exception {
        String inAYear = Instant.now().plus(365, ChronoUnit.DAYS).toString();
        Path file = data("2012-07-04T08:00:00Z", "9999-12-31T00:00:00Z", inAYear);
        String db = "jdbc:duckdb:" + dir.resolve("a.duckdb");
        assertEquals(Renown.EXIT_REJECTS, run("ingest", "--input", file.toString(), "--db", db,
                "--rejects", dir.resolve("rejects.ndjson").toString()));
        assertTrue(err.toString().contains("future-time 2"), err.toString());
        assertTrue(Files.readString(dir.resolve("rejects.ndjson")).contains("\"reason\":\"future-time\""));
        assertEquals(Renown.EXIT_REJECTS, run("score", "--input", file.toString(), "--rejects",
                dir.resolve("r2.ndjson").toString()));
        assertTrue(err.toString().contains("future-time 2"), err.toString());
        assertEquals(Renown.EXIT_REJECTS, run("score", "--input", file.toString(), "--clock-skew", "400d", "--rejects",
                dir.resolve("r3.ndjson").toString()));
        assertTrue(err.toString().contains("future-time 1"), "a year ahead is within 400 days: " + err);
    }

    @Test
    void backfillIsBoundedInDays() throws Exception {
        Path file = data("2024-01-01T12:00:00Z", "2024-01-20T12:00:00Z");
        String db = "jdbc:duckdb:" + dir.resolve("b.duckdb");
        assertEquals(0, run("ingest", "--input", file.toString(), "--db", db));
        assertEquals(2, run("backfill", "--db", db, "--from", "2024-01-01", "--to", "2024-01-20", "--max-days", "5"));
        assertTrue(err.toString().contains("is 20 days, more than --max-days 5"), err.toString());
        assertEquals(0, run("backfill", "--db", db, "--max-days", "5", "--priors"));
        assertTrue(err.toString().contains("the interactions span 20 days; writing the latest 5 (from 2024-01-16)"),
                err.toString());
        assertTrue(out.toString().startsWith("5 day(s) of snapshots written"), out.toString());
    }

    @Test
    void importLeavesOutTimesBeyondTheClock() throws Exception {
        Path file = data("2012-07-04T08:00:00Z");
        String db = "jdbc:duckdb:" + dir.resolve("c.duckdb");
        assertEquals(0, run("ingest", "--input", file.toString(), "--db", db));
        Path export = dir.resolve("i.csv");
        assertEquals(0, run("export", "interactions", "--to", export.toString(), "--db", db));
        // A second row, dated 9999-12-31, as if someone had edited the export.
        Files.writeString(export, Files.readString(export)
                + "demo/repost:z>b@253402214400000,demo,repost,z,b,253402214400000,,,,\n");
        String other = "jdbc:duckdb:" + dir.resolve("d.duckdb");
        assertEquals(Renown.EXIT_REJECTS, run("import", export.toString(), "--db", other));
        assertTrue(out.toString().contains("1 added") && out.toString().contains("1 not imported (future-time"),
                out.toString());
    }

    @Test
    void ingestOfAParquetExportLoadsInsideTheDatabaseAndRejectsTimesBeyondTheClock() throws Exception {
        Path file = data("2012-07-04T08:00:00Z", "2012-07-04T09:00:00Z");
        String db = "jdbc:duckdb:" + dir.resolve("e.duckdb");
        assertEquals(0, run("ingest", "--input", file.toString(), "--db", db));
        Path export = dir.resolve("i.parquet");
        assertEquals(0, run("export", "interactions", "--to", export.toString(), "--db", db));
        // The export and a third row dated 9999-12-31, as if someone had edited it.
        Path edited = dir.resolve("edited.parquet");
        try (java.sql.Connection duck = java.sql.DriverManager.getConnection("jdbc:duckdb:");
             java.sql.Statement s = duck.createStatement()) {
            s.execute("COPY (SELECT event_id, network, kind, actor, target, time_ms, post_id, target_post_id, hashtags, "
                    + "text FROM read_parquet('" + export + "') UNION ALL SELECT 'late', 'demo', 'repost', 'z', 'b', "
                    + "253402214400000, NULL, NULL, NULL, NULL) TO '" + edited + "' (FORMAT parquet)");
        }
        String other = "jdbc:duckdb:" + dir.resolve("f.duckdb");
        Path rejects = dir.resolve("parquet-rejects.ndjson");
        assertEquals(Renown.EXIT_REJECTS, run("ingest", "--input", edited.toString(), "--db", other,
                "--rejects", rejects.toString()));
        assertTrue(out.toString().contains("2 interactions read, 2 added, 0 already stored"), out.toString());
        assertTrue(err.toString().contains("future-time 1"), err.toString());
        String rejected = Files.readString(rejects);
        assertTrue(rejected.contains("\"line\":3") && rejected.contains("\"field\":\"time_ms\"")
                && rejected.contains("\"reason\":\"future-time\""), rejected);
        assertEquals(0, run("ingest", "--input", edited.toString(), "--db", other));
        assertTrue(out.toString().contains("already ingested (3 records"), out.toString());
        assertEquals(0, run("score", "--db", other, "--priors", "--top", "5"));
        assertTrue(out.toString().contains("3 accounts scored from 2 interactions"), out.toString());
    }
}
