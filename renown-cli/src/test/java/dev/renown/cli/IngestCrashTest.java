package dev.renown.cli;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Kills the ingesting JVM — SIGKILL from outside ({@code kill -9}) and {@code Runtime.halt} from
 * inside — at several points of a file, ingests again until it completes, and checks that the
 * database holds exactly what one clean ingest holds: the same event keys, none lost, none twice.
 */
class IngestCrashTest {

    private static final int LINES = 150_000;
    private static final int BATCH = 10_000;

    @TempDir
    Path dir;

    /** The first 150,000 lines of the demo data, gzipped. */
    private Path slice() throws IOException {
        Path file = dir.resolve("slice.txt.gz");
        try (BufferedReader in = new BufferedReader(new InputStreamReader(new GZIPInputStream(
                Files.newInputStream(Path.of("../data/demo/higgs-activity_time.txt.gz"))), StandardCharsets.US_ASCII));
             BufferedWriter out = new BufferedWriter(new OutputStreamWriter(new GZIPOutputStream(
                     Files.newOutputStream(file)), StandardCharsets.US_ASCII))) {
            for (int i = 0; i < LINES; i++) {
                out.write(in.readLine());
                out.write('\n');
            }
        }
        return file;
    }

    private String childLog() {
        try {
            return java.nio.file.Files.readString(dir.resolve("child.log"));
        } catch (java.io.IOException e) {
            return "no child log: " + e;
        }
    }

    /** Runs {@code renown ingest} in a child JVM; kills it after {@code killAfterMillis} unless negative. */
    private int ingest(Path input, String db, long killAfterMillis, boolean halt) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path")));
        if (halt) {
            command.add("-Dtest.haltAfterMillis=" + killAfterMillis);
            command.add(HaltingRenown.class.getName());
        } else {
            command.add(Renown.class.getName());
        }
        command.addAll(List.of("ingest", "--input", input.toString(), "--db", db, "--batch", String.valueOf(BATCH),
                "--rejects", dir.resolve("rejects.ndjson").toString()));
        Process p = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("child.log").toFile()).start();
        if (!halt && killAfterMillis >= 0 && !p.waitFor(killAfterMillis, TimeUnit.MILLISECONDS)) {
            p.destroyForcibly(); // SIGKILL
        }
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "child finished");
        return p.exitValue();
    }

    /** {count, distinct keys, sum of keys mod 2^64, accounts, completed inputs}. */
    private static long[] fingerprint(String url) throws Exception {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            long[] f = new long[5];
            try (ResultSet r = s.executeQuery("SELECT COUNT(*), COUNT(DISTINCT event_key) FROM interactions")) {
                r.next();
                f[0] = r.getLong(1);
                f[1] = r.getLong(2);
            }
            try (ResultSet r = s.executeQuery("SELECT event_key FROM interactions")) {
                while (r.next()) {
                    f[2] += r.getLong(1);
                }
            }
            try (ResultSet r = s.executeQuery("SELECT COUNT(*), COUNT(DISTINCT network || ':' || account_id) FROM accounts")) {
                r.next();
                f[3] = r.getLong(1);
                assertEquals(r.getLong(1), r.getLong(2), "accounts are unique");
            }
            try (ResultSet r = s.executeQuery("SELECT COUNT(*) FROM ingest_progress WHERE completed")) {
                r.next();
                f[4] = r.getLong(1);
            }
            return f;
        }
    }

    /** Records committed so far, or -1 when the kill came before the schema existed. */
    private static long progress(String url) throws Exception {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT COALESCE(MAX(records_done), 0) FROM ingest_progress")) {
            r.next();
            return r.getLong(1);
        } catch (java.sql.SQLException e) {
            return -1;
        }
    }

    private void crashAndResume(String cleanUrl, String crashUrl, String crashJdbc) throws Exception {
        Path input = slice();
        // Both databases get their schema first, so that the clean run's time, which places the
        // kills, is the time of the same work as a crash run's (the migrations grow with the schema).
        dev.renown.store.Stores.open(cleanUrl, null, null).close();
        long started = System.nanoTime();
        assertEquals(0, ingest(input, cleanUrl, -1, false));
        long cleanMillis = (System.nanoTime() - started) / 1_000_000;
        long[] clean = fingerprint(cleanUrl);
        assertEquals(LINES, clean[0]);
        assertEquals(LINES, clean[1]);
        assertEquals(1, clean[4]);

        // The crash database gets its schema first: this test is about a file's ingest. A kill
        // inside PostgreSQL's first migration once left a primary key without its Flyway record
        // (an open problem, in the stop note of 2 Dec), which no kill point should depend on.
        dev.renown.store.Stores.open(crashJdbc, null, null).close();
        // Kill at several points, from outside and from inside, then let it finish. The points are
        // fractions of the clean run's time (JVM start included), so they fall inside the file on
        // a fast machine and a slow one alike.
        double[] fractions = {0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9};
        long[] kills = new long[fractions.length];
        for (int k = 0; k < kills.length; k++) {
            kills[k] = Math.round(cleanMillis * fractions[k]);
        }
        List<Long> points = new ArrayList<>();
        long before = 0; // latest kill that came before any commit
        long after = Math.round(cleanMillis * 1.5); // earliest kill that came too late
        for (int k = 0; k < kills.length; k++) {
            int code = ingest(input, crashJdbc, kills[k], k % 2 == 1);
            if (code != 0) {
                long p = progress(crashUrl);
                points.add(p);
                if (p <= 0) {
                    before = Math.max(before, kills[k]);
                }
            } else {
                after = Math.min(after, kills[k]);
            }
        }
        // On a loaded machine the file's batches can all fall between two kill points: then halve
        // the interval between the last kill before any commit and the first one too late.
        for (int extra = 0; extra < 6 && points.stream().noneMatch(p -> p > 0 && p < LINES); extra++) {
            long at = (before + after) / 2;
            int code = ingest(input, crashJdbc, at, extra % 2 == 1);
            if (code == 0) {
                after = at;
                continue;
            }
            long p = progress(crashUrl);
            points.add(p);
            if (p <= 0) {
                before = at;
            }
        }
        System.out.println(crashUrl + ": clean ingest " + cleanMillis + " ms; killed at " + java.util.Arrays.toString(kills)
                + " ms; records committed at each kill: " + points);
        assertEquals(0, ingest(input, crashJdbc, -1, false), () -> childLog());
        long[] recovered = fingerprint(crashUrl);
        assertEquals(clean[0], recovered[0], "interactions: 0 lost, 0 duplicated");
        assertEquals(clean[1], recovered[1], "distinct event keys");
        assertEquals(clean[2], recovered[2], "the same event keys");
        assertEquals(clean[3], recovered[3], "accounts");
        assertEquals(1, recovered[4], "the input is marked complete once");
        assertTrue(points.stream().anyMatch(p -> p > 0 && p < LINES),
                "at least one kill landed mid-file; progress at each kill: " + points);
    }

    @Test
    void duckdb_ingest_survives_being_killed_mid_file() throws Exception {
        String clean = "jdbc:duckdb:" + dir.resolve("clean.duckdb");
        String crash = "jdbc:duckdb:" + dir.resolve("crash.duckdb");
        crashAndResume(clean, crash, crash);
    }

    @Test
    void postgres_ingest_survives_being_killed_mid_file() throws Exception {
        try (EmbeddedPostgres server = EmbeddedPostgres.start()) {
            try (Connection c = server.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
                s.execute("CREATE DATABASE clean");
                s.execute("CREATE DATABASE crash");
            }
            String clean = server.getJdbcUrl("postgres", "clean");
            String crash = server.getJdbcUrl("postgres", "crash");
            crashAndResume(clean, crash, crash);
        }
    }

    /** {@code renown} that halts its own JVM after {@code test.haltAfterMillis}: a crash from inside. */
    public static final class HaltingRenown {
        public static void main(String[] args) throws Exception {
            long after = Long.getLong("test.haltAfterMillis");
            Thread killer = new Thread(() -> {
                try {
                    Thread.sleep(after);
                } catch (InterruptedException e) {
                    return;
                }
                Runtime.getRuntime().halt(137);
            });
            killer.setDaemon(true);
            killer.start();
            Renown.main(args);
        }
    }
}
