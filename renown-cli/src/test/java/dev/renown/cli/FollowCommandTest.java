package dev.renown.cli;

import dev.renown.sources.live.JetstreamConnector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code renown ingest --follow} end to end: in this JVM, and in child JVMs for signals and the environment. */
@Timeout(120)
class FollowCommandTest {

    @TempDir
    Path dir;

    private String out;
    private String err;

    private int renown(String... args) {
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        int code = Renown.run(new PrintWriter(o, true), new PrintWriter(e, true), args);
        out = o.toString();
        err = e.toString();
        return code;
    }

    private String db() {
        return "jdbc:duckdb:" + dir.resolve("live.duckdb");
    }

    @Test
    void a_rejected_message_is_written_aside_and_the_exit_code_says_so() throws Exception {
        List<String> events = new java.util.ArrayList<>(LiveFixtures.jetstream(1));
        events.add(5, "{\"did\":\"did:plc:broken\",\"time_us\":");
        Path rejects = dir.resolve("rejects.ndjson");
        try (JetstreamReplay server = new JetstreamReplay(events, Map.of(), 0)) {
            int code = renown("ingest", "--follow", "bluesky", "--url", server.url().toString(), "--db", db(),
                    "--max-events", "19", "--rejects", rejects.toString());
            assertEquals(Renown.EXIT_REJECTS, code, err);
            assertTrue(out.contains("19 messages, 12 interactions read, 12 added, 0 already stored, 1 rejected"), out);
        }
        String rejected = Files.readString(rejects);
        assertTrue(rejected.contains("\"line\":6") && rejected.contains("invalid-json"), rejected);
        assertEquals(1, rejected.lines().count(), rejected);
    }

    @Test
    void follow_bluesky_stops_after_max_events_and_a_second_run_resumes_from_the_stored_cursor() throws Exception {
        List<String> events = LiveFixtures.jetstream(1);
        long last = LiveFixtures.timeUs(events.get(17));
        try (JetstreamReplay server = new JetstreamReplay(events, Map.of(), 0)) {
            int code = renown("ingest", "--follow", "bluesky", "--url", server.url().toString(), "--db", db(),
                    "--max-events", "18", "--rejects", dir.resolve("rejects.ndjson").toString());
            assertEquals(0, code, err);
            assertTrue(out.contains("18 messages, 12 interactions read, 12 added, 0 already stored, 0 rejected"), out);
            assertTrue(out.contains("cursor " + last), out);
            code = renown("ingest", "--follow", "bluesky", "--url", server.url().toString(), "--db", db(),
                    "--max-seconds", "1");
            assertEquals(0, code, err);
            assertTrue(err.contains("resuming bluesky-jetstream:127.0.0.1:" + server.url().getPort() + " from cursor " + last),
                    err);
            assertEquals(2, server.cursors.size());
            assertEquals(Long.toString(last - 5_000_000), server.cursors.get(1), "the stored cursor rewound 5 s");
            assertTrue(out.contains("12 interactions read, 0 added, 12 already stored"), "the replay adds nothing: " + out);
        }
        assertEquals(LiveFixtures.jetstreamIds(events), LiveFixtures.stored(dir.resolve("live.duckdb")).ids());
    }

    @Test
    void options_that_do_not_fit_the_stream_are_refused_with_exit_2() {
        assertEquals(2, renown("ingest", "--follow", "mastodon", "--db", db()));
        assertTrue(err.contains("--follow mastodon needs --url"), err);
        assertEquals(2, renown("ingest", "--follow", "bluesky", "--stream", "user", "--db", db()));
        assertEquals(2, renown("ingest", "--follow", "bluesky", "--input", "x.jsonl", "--db", db()));
        assertTrue(err.contains("mutually exclusive"), err);
        assertEquals(2, renown("ingest", "--input", "x.jsonl", "--max-events", "3", "--db", db()));
        assertTrue(err.contains("go with --follow"), err);
        assertEquals(2, renown("ingest", "--follow", "mastodon", "--url", "https://social.example", "--stream", "user",
                "--token-env", "RENOWN_TEST_VARIABLE_NOBODY_SETS", "--db", db()));
        assertTrue(err.contains("needs an access token: set the environment variable RENOWN_TEST_VARIABLE_NOBODY_SETS"),
                err);
        assertEquals(2, renown("ingest", "--follow", "twitter", "--db", db()));
        assertEquals(2, renown("ingest", "--follow", "bluesky", "--max-events", "0", "--db", db()));
    }

    /** A child JVM running renown with {@code env} added to its environment; stdout and stderr merged. */
    private static final class Child {
        final Process process;
        final List<String> lines = new ArrayList<>();
        final CountDownLatch seen = new CountDownLatch(1);
        final Thread reader;

        Child(Map<String, String> env, String waitFor, String... args) throws IOException {
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Drenown.progress.millis=100", "-cp", System.getProperty("java.class.path"), Renown.class.getName()));
            command.addAll(List.of(args));
            ProcessBuilder b = new ProcessBuilder(command).redirectErrorStream(true);
            b.environment().putAll(env);
            process = b.start();
            reader = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(),
                        StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = r.readLine()) != null) {
                        synchronized (lines) {
                            lines.add(line);
                        }
                        if (waitFor != null && line.contains(waitFor)) {
                            seen.countDown();
                        }
                    }
                } catch (IOException e) {
                    // the child ended
                }
            });
            reader.setDaemon(true);
            reader.start();
        }

        int exit() throws InterruptedException {
            assertTrue(process.waitFor(60, TimeUnit.SECONDS), "child finished");
            reader.join(10_000); // the last lines
            return process.exitValue();
        }

        String output() {
            synchronized (lines) {
                return String.join("\n", lines);
            }
        }
    }

    @Test
    void sigterm_stops_following_commits_what_was_read_and_exits_0() throws Exception {
        List<String> events = LiveFixtures.jetstream(1);
        Path db = dir.resolve("live.duckdb");
        String key;
        try (JetstreamReplay server = new JetstreamReplay(events, Map.of(), 0)) {
            key = JetstreamConnector.sourceKey(server.url());
            // Commits would wait an hour: whatever is stored was committed on the way out.
            Child child = new Child(Map.of(), "18 messages", "ingest", "--follow", "bluesky", "--url",
                    server.url().toString(), "--db", "jdbc:duckdb:" + db, "--commit-seconds", "3600", "--batch", "100000");
            assertTrue(child.seen.await(60, TimeUnit.SECONDS), "the child read the stream: " + child.output());
            // SIGTERM, through the handle: Process.destroy() would also close the pipe we read the output from.
            assertTrue(child.process.toHandle().destroy());
            assertEquals(0, child.exit(), child.output());
            assertTrue(child.output().contains("18 messages, 12 interactions read, 12 added"), child.output());
        }
        assertEquals(LiveFixtures.jetstreamIds(events), LiveFixtures.stored(db).ids());
        assertEquals(Long.toString(LiveFixtures.timeUs(events.get(17))), LiveFixtures.cursor(db, key));
    }

    @Test
    void the_mastodon_token_reaches_the_server_and_never_the_output() throws Exception {
        String token = "tok-R1ght-9f8e7d6c5b";
        String wrong = "tok-Wr0ng-1a2b3c4d5e";
        List<LiveFixtures.Status> statuses = LiveFixtures.mastodon(5);
        Path db = dir.resolve("live.duckdb");
        Path rejects = dir.resolve("rejects.ndjson");
        try (MastodonReplay server = new MastodonReplay(statuses, Map.of(), token, 1)) {
            // The first stream request is answered 503 with the Authorization header echoed in its body.
            Child child = new Child(Map.of("RENOWN_MASTODON_TOKEN", token), null, "ingest", "--follow", "mastodon",
                    "--url", server.url().toString(), "--stream", "user", "--max-events", "30", "--db",
                    "jdbc:duckdb:" + db, "--rejects", rejects.toString());
            assertEquals(0, child.exit(), child.output());
            String output = child.output();
            assertTrue(output.contains("answered HTTP 503") && output.contains("Bearer ***"), output);
            assertTrue(output.contains("30 messages"), output);
            assertFalse(output.contains(token), output);
            assertEquals(List.of("Bearer " + token), server.authorizations.stream().distinct().toList());
            Child refused = new Child(Map.of("MY_TOKEN", wrong), null, "ingest", "--follow", "mastodon", "--url",
                    server.url().toString(), "--stream", "user", "--token-env", "MY_TOKEN", "--db", "jdbc:duckdb:" + db,
                    "--rejects", rejects.toString());
            assertEquals(1, refused.exit(), refused.output());
            assertTrue(refused.output().contains("HTTP 401") && refused.output().contains("the access token was refused"),
                    refused.output());
            assertFalse(refused.output().contains(wrong), refused.output());
        }
        if (Files.exists(rejects)) {
            assertFalse(Files.readString(rejects).contains(token));
        }
        assertTrue(LiveFixtures.stored(db).rows() > 0);
    }
}
