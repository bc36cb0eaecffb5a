package dev.renown.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.renown.core.event.EventTable;
import dev.renown.store.Store;
import dev.renown.store.Stores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The database commands end to end on the demo data: ingest, score from the store, backfill the
 * seven days, history, export and import.
 */
class StoreCommandsTest {

    private static final String DEMO = "../data/demo/higgs-activity_time.txt.gz";

    @TempDir
    Path dir;

    record Result(int code, String out, String err) {
    }

    private Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Renown.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Result(code, out.toString(), err.toString());
    }

    @Test
    void the_seven_higgs_days_end_to_end() throws Exception {
        String db = "jdbc:duckdb:" + dir.resolve("renown.duckdb");
        Result ingest = run("ingest", "--input", DEMO, "--db", db);
        assertEquals(0, ingest.code(), ingest.err());
        assertTrue(ingest.out().contains("563,069 interactions read, 563,069 added"), ingest.out());
        Result again = run("ingest", "--input", DEMO, "--db", db);
        assertTrue(again.out().contains("already ingested (563,069 records"), again.out());

        // Scores from the store equal scores from the file.
        Result fromStore = run("score", "--db", db, "--json", "--top", "5");
        Result fromFile = run("score", "--input", DEMO, "--json", "--top", "5");
        ObjectMapper json = new ObjectMapper();
        JsonNode a = json.readTree(fromStore.out()).get("scores");
        JsonNode b = json.readTree(fromFile.out()).get("scores");
        for (int i = 0; i < 5; i++) {
            assertEquals(b.get(i).get("account").asText(), a.get(i).get("account").asText());
            assertEquals(b.get(i).get("score").asDouble(), a.get(i).get("score").asDouble(), 1e-9);
        }
        Result asOf = run("score", "--db", db, "--as-of", "2012-07-04", "--top", "1");
        assertTrue(asOf.out().contains("as of 2012-07-04T00:00:00Z"), asOf.out());

        Result backfill = run("backfill", "--db", db);
        assertEquals(0, backfill.code(), backfill.err());
        assertTrue(backfill.out().contains("7 day(s) of snapshots written"), backfill.out());
        try (Store store = Stores.open(db, null, null)) {
            assertEquals(7, store.snapshotDays().size());
            // Every account active on 1 July has a snapshot on each of the 7 days; each account has one
            // snapshot per day from its first day on (the 90-day window keeps it).
            EventTable table = store.load(Long.MIN_VALUE, Long.MAX_VALUE);
            Map<String, LocalDate> first = new HashMap<>();
            for (int e = 0; e < table.size(); e++) {
                if (table.isSelfInteraction(e)) {
                    continue;
                }
                LocalDate day = BackfillCommand.day(table.timeMillis(e));
                first.merge(table.accounts().id(table.actor(e)), day, (x, y) -> x.isBefore(y) ? x : y);
                first.merge(table.accounts().id(table.target(e)), day, (x, y) -> x.isBefore(y) ? x : y);
            }
            long expected = first.values().stream().mapToLong(d -> LocalDate.of(2012, 7, 7).toEpochDay()
                    - d.toEpochDay() + 1).sum();
            long stored = 0;
            for (LocalDate d : store.snapshotDays()) {
                stored += store.snapshotCount(d);
            }
            assertEquals(expected, stored);
            long fromDayOne = first.values().stream().filter(d -> d.equals(LocalDate.of(2012, 7, 1))).count();
            // Beside the open store, in this JVM, DuckDB wants a connection configured as the store's (streamed results).
            java.util.Properties streamed = new java.util.Properties();
            streamed.setProperty("jdbc_stream_results", "true");
            try (Connection c = DriverManager.getConnection(db, streamed); Statement s = c.createStatement();
                 ResultSet r = s.executeQuery("SELECT COUNT(*) FROM (SELECT network, account_id FROM score_snapshots "
                         + "GROUP BY network, account_id HAVING COUNT(*) = 7)")) {
                r.next();
                assertEquals(fromDayOne, r.getLong(1));
            }
        }

        Result history = run("history", "88", "--db", db);
        assertEquals(0, history.code(), history.err());
        assertTrue(history.out().contains("2012-07-07"), history.out());
        assertEquals(9, history.out().split("\n").length, history.out()); // title, header, 7 days
        Result historyJson = run("history", "snap:88", "--db", db, "--json");
        JsonNode h = json.readTree(historyJson.out()).get("history");
        assertEquals(7, h.size());
        assertEquals(h.get(6).get("score").asDouble() - h.get(5).get("score").asDouble(),
                h.get(6).at("/delta/day").asDouble(), 1e-9);
        assertTrue(h.get(0).at("/delta/day").isNull());

        Path parquet = dir.resolve("interactions.parquet");
        Result export = run("export", "interactions", "--to", parquet.toString(), "--db", db);
        assertTrue(export.out().contains("563,069 rows written"), export.out());
        Result scores = run("export", "scores", "--to", dir.resolve("scores.csv").toString(), "--db", db);
        assertEquals(0, scores.code(), scores.err());
        assertTrue(Files.size(dir.resolve("scores.csv")) > 0);
        String other = "jdbc:duckdb:" + dir.resolve("other.duckdb");
        Result imported = run("import", parquet.toString(), "--db", other);
        assertTrue(imported.out().contains("563,069 interactions read, 563,069 added"), imported.out());

        Result unknown = run("history", "no-such-account", "--db", db);
        assertEquals(1, unknown.code());
        Result badDb = run("score", "--db", "jdbc:mysql://localhost/x");
        assertEquals(2, badDb.code());
        assertTrue(badDb.err().contains("unsupported database URL"), badDb.err());
    }
}
