package dev.renown.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Topics end to end: hashtags in, per-topic leaders and an account's topics out. */
class TopicsCommandTest {

    @TempDir
    Path dir;

    private String run(int expectedCode, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Renown.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        assertEquals(expectedCode, code, err.toString());
        return out.toString();
    }

    @Test
    void each_hashtag_has_its_own_leaders() throws Exception {
        // Every hour for 4 days: 40 fans repost alice about #ai, 30 repost bob about #physics, and dave is
        // reposted by 5 fans about each topic.
        List<String> lines = new ArrayList<>();
        long t0 = 1_714_564_800L;
        int i = 0;
        for (String[] spec : new String[][] {{"alice", "ai", "40"}, {"bob", "physics", "30"}, {"dave", "ai", "5"},
            {"dave", "physics", "5"}}) {
            for (int f = 0; f < Integer.parseInt(spec[2]); f++) {
                lines.add(String.format(Locale.ROOT, "{\"network\":\"demo\",\"kind\":\"repost\",\"actor\":\"fan%d\","
                        + "\"target\":\"%s\",\"time\":%d,\"hashtags\":[\"#%s\"]}", f, spec[0], t0 + 3600L * i++, spec[1]));
            }
        }
        Path input = dir.resolve("tags.ndjson");
        Files.write(input, lines);
        String db = "jdbc:duckdb:" + dir.resolve("t.duckdb");
        run(0, "ingest", "--input", input.toString(), "--db", db);
        run(0, "backfill", "--db", db);
        String topics = run(0, "topics", "--db", db, "--top", "2");
        assertTrue(topics.indexOf("#ai") < topics.indexOf("#physics"), topics);
        String[] rows = topics.split("\n");
        assertTrue(rows[1].contains("demo:alice") && rows[1].trim().startsWith("1"), topics);
        assertTrue(rows[2].contains("demo:dave"), topics);
        assertTrue(rows[4].contains("demo:bob"), topics);
        String dave = run(0, "topics", "dave", "--db", db);
        assertTrue(dave.contains("#ai") && dave.contains("#physics") && dave.contains("rank 2"), dave);
        String physics = run(0, "score", "--input", input.toString(), "--topic", "#Physics", "--top", "2");
        assertTrue(physics.split("\n")[3].contains("bob"), physics); // after the header, parameters and column lines
        run(1, "score", "--input", input.toString(), "--topic", "cooking");
    }
}
