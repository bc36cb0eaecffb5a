package dev.renown.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code renown run-daily}: the cron form of the daily cycle, with its configuration file and a watched folder. */
class DailyCommandTest {

    @TempDir
    Path dir;

    record Result(int code, String out, String err) {
    }

    private static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Renown.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Result(code, out.toString(), err.toString());
    }

    /** Interactions at noon on the two days before today (UTC), and a line that cannot be read. */
    private Path inbox() throws Exception {
        Path inbox = Files.createDirectories(dir.resolve("inbox"));
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        StringBuilder lines = new StringBuilder();
        for (int d = 2; d >= 1; d--) {
            String noon = today.minusDays(d).atTime(12, 0).toInstant(ZoneOffset.UTC).toString();
            lines.append("{\"id\":\"r").append(d).append("\",\"network\":\"demo\",\"kind\":\"repost\",\"actor\":\"a")
                    .append(d).append("\",\"target\":\"star\",\"time\":\"").append(noon).append("\"}\n");
            lines.append("{\"id\":\"m").append(d).append("\",\"network\":\"demo\",\"kind\":\"reply\",\"actor\":\"b")
                    .append(d).append("\",\"target\":\"star\",\"time\":\"").append(noon).append("\"}\n");
        }
        lines.append("{\"network\":\"demo\",\"kind\":\"wave\",\"actor\":\"x\",\"target\":\"y\",\"time\":\"")
                .append(today.minusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC)).append("\"}\n");
        Path file = Files.writeString(inbox.resolve("day.ndjson"), lines);
        // Written a minute ago: settled, so the folder reads it.
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().minus(1, ChronoUnit.MINUTES)));
        Files.writeString(inbox.resolve("half-written.ndjson.part"), "{\"network\":");
        return inbox;
    }

    @Test
    void run_daily_ingests_the_watched_folder_and_scores_each_due_day_once() throws Exception {
        inbox();
        Path config = Files.writeString(dir.resolve("daily.json"),
                "{\"at\": \"00:00\", \"catch_up_days\": 3, \"watch\": [{\"folder\": \"inbox\"}], "
                        + "\"rejects\": \"rejects.ndjson\"}");
        String db = "jdbc:duckdb:" + dir.resolve("renown.duckdb");
        Result first = run("run-daily", config.toString(), "--db", db);
        assertEquals(0, first.code(), first.err());
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        // The first interaction's day and yesterday: two runs, oldest first, each with its counts.
        String[] lines = first.out().strip().split("\n");
        assertTrue(lines[0].contains("day.ndjson: 4 interactions read, 4 added"), first.out());
        assertTrue(lines[lines.length - 2].startsWith(today.minusDays(2) + " ok: " + today.minusDays(2)
                + " scored: 3 accounts from 2 interactions"), first.out());
        assertTrue(lines[lines.length - 1].startsWith(today.minusDays(1) + " ok: " + today.minusDays(1)
                + " scored: 5 accounts from 4 interactions"), first.out());
        assertTrue(first.err().contains("1 records rejected"), first.err());
        assertTrue(Files.readString(dir.resolve("rejects.ndjson")).contains("day.ndjson"));
        assertFalse(first.out().contains("half-written"), first.out());

        Result again = run("run-daily", config.toString(), "--db", db);
        assertEquals(0, again.code(), again.err());
        assertTrue(again.out().contains("No day due: the latest due day, " + today.minusDays(1) + ", is scored"),
                again.out());
        Result history = run("history", "star", "--db", db);
        assertEquals(0, history.code(), history.err());
        assertTrue(history.out().contains(today.minusDays(2).toString()), history.out());
        assertTrue(history.out().contains(today.minusDays(1).toString()), history.out());
    }

    @Test
    void a_bad_configuration_names_the_file_and_the_field() throws Exception {
        Path unknown = Files.writeString(dir.resolve("a.json"), "{\"at\": \"00:00\", \"colour\": \"red\"}");
        Result r = run("run-daily", unknown.toString(), "--db", "jdbc:duckdb:" + dir.resolve("x.duckdb"));
        assertEquals(2, r.code());
        assertTrue(r.err().contains(unknown + ": field 'colour': is not a field of the daily configuration"), r.err());

        Path badTime = Files.writeString(dir.resolve("b.json"), "{\"at\": \"25:00\"}");
        r = run("run-daily", badTime.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("field 'at': must be a UTC time of day such as 00:00 or 06:30, not '25:00'"), r.err());

        Path badWatch = Files.writeString(dir.resolve("c.json"), "{\"watch\": [{\"folder\": \"in\", \"format\": \"xml\"}]}");
        r = run("serve", "--daily", badWatch.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("field 'watch[0].format': must be one of"), r.err());

        Path notJson = Files.writeString(dir.resolve("d.json"), "{\n\"at\": }");
        r = run("run-daily", notJson.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains(notJson + ":2: not JSON"), r.err());

        r = run("run-daily", dir.resolve("missing.json").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("does not exist"), r.err());
    }
}
