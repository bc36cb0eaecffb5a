package dev.renown.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.renown.core.event.AccountProfile;
import dev.renown.core.event.Interaction;
import dev.renown.core.event.InteractionSink;
import dev.renown.sources.JetstreamReader;
import dev.renown.sources.MastodonReader;
import dev.renown.sources.Rejects;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Streams for the live tests, built from the hand-written samples of renown-sources
 * ({@code bluesky/jetstream-sample.jsonl}, {@code mastodon/home-timeline.json} and
 * {@code stream.jsonl}): each sample event repeated in many variants that differ in their ids and
 * times, so that every variant is a distinct event, in the order a server would send them.
 */
final class LiveFixtures {

    static final Path SAMPLES = Path.of("../renown-sources/src/test/resources");
    /** First Jetstream time_us of the streams: 2024-09-09T19:43:20Z; events are 1 ms apart. */
    static final long T0_US = 1_725_911_000_000_000L;
    /** First Mastodon snowflake time: 2024-05-02T00:00:00Z; statuses are 1 ms apart. */
    static final long T0_MS = 1_714_608_000_000L;
    private static final Pattern TIME_US = Pattern.compile("\"time_us\":\\d+");
    private static final Pattern RKEY = Pattern.compile("\"rkey\":\"([^\"]+)\"");
    private static final ObjectMapper JSON = new ObjectMapper();

    private LiveFixtures() {
    }

    /** The 18 Jetstream sample events, {@code variants} times, with distinct rkeys and time_us 1 ms apart. */
    static List<String> jetstream(int variants) {
        List<String> sample = lines(SAMPLES.resolve("bluesky/jetstream-sample.jsonl"));
        List<String> events = new ArrayList<>(sample.size() * variants);
        for (int v = 0; v < variants; v++) {
            for (String line : sample) {
                String e = TIME_US.matcher(line).replaceFirst("\"time_us\":" + (T0_US + events.size() * 1000L));
                int variant = v;
                e = RKEY.matcher(e).replaceFirst(m -> Matcher.quoteReplacement("\"rkey\":\"" + m.group(1) + "v" + variant + "\""));
                events.add(e);
            }
        }
        return events;
    }

    /** The time_us of a Jetstream event line (-1 for a malformed one). */
    static long timeUs(String event) {
        Matcher m = TIME_US.matcher(event);
        return m.find() ? Long.parseLong(m.group().substring("\"time_us\":".length())) : -1;
    }

    /** The event ids the reader gives for these Jetstream events, read one message at a time. */
    static Set<String> jetstreamIds(List<String> events) {
        Ids ids = new Ids();
        JetstreamReader.Messages m = JetstreamReader.messages("expected", ids, new Rejects());
        try {
            for (int i = 0; i < events.size(); i++) {
                m.read(events.get(i), i + 1);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return ids.ids;
    }

    /** A Mastodon status and its id. */
    record Status(String id, String json) {
    }

    /**
     * The sample statuses that give their interactions on their own (not those replying to an
     * account seen only elsewhere), {@code variants} times, with snowflake ids 1 ms apart and
     * distinct URIs, oldest first.
     */
    static List<Status> mastodon(int variants) {
        List<ObjectNode> sample = new ArrayList<>();
        try {
            JsonNode page = JSON.readTree(SAMPLES.resolve("mastodon/home-timeline.json").toFile());
            for (int i = page.size() - 1; i >= 0; i--) {
                sample.add((ObjectNode) page.get(i));
            }
            for (String line : lines(SAMPLES.resolve("mastodon/stream.jsonl"))) {
                JsonNode message = JSON.readTree(line);
                if (message.get("event").asText().equals("update")) {
                    sample.add((ObjectNode) JSON.readTree(message.get("payload").asText()));
                }
            }
            sample.removeIf(s -> !selfContained(s.toString()));
            List<Status> statuses = new ArrayList<>(sample.size() * variants);
            for (int v = 0; v < variants; v++) {
                for (ObjectNode s : sample) {
                    ObjectNode copy = s.deepCopy();
                    String id = Long.toString((T0_MS + statuses.size()) << 16);
                    copy.put("id", id);
                    copy.put("uri", s.get("uri").asText() + "-v" + v);
                    statuses.add(new Status(id, copy.toString()));
                }
            }
            return statuses;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean selfContained(String status) {
        Rejects rejects = new Rejects();
        try {
            MastodonReader.messages("check", new Ids(), rejects).page(status, 1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rejects.total() == 0;
    }

    /** The event ids the reader gives for these statuses. */
    static Set<String> mastodonIds(List<Status> statuses) {
        Ids ids = new Ids();
        MastodonReader.Messages m = MastodonReader.messages("expected", ids, new Rejects());
        try {
            for (int i = 0; i < statuses.size(); i++) {
                m.page(statuses.get(i).json(), i + 1);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return ids.ids;
    }

    /** Every event id stored, with the count of rows (equal when nothing is stored twice). */
    record Stored(Set<String> ids, long rows) {
    }

    /** What a DuckDB store file holds; the store must be closed. */
    static Stored stored(Path db) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + db); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT event_id FROM interactions")) {
            Set<String> ids = new HashSet<>();
            long rows = 0;
            while (r.next()) {
                ids.add(r.getString(1));
                rows++;
            }
            return new Stored(ids, rows);
        }
    }

    /** The stream cursor a DuckDB store file holds for a key, or null; the store must be closed. */
    static String cursor(Path db, String key) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + db);
             java.sql.PreparedStatement p = c.prepareStatement("SELECT cursor_value FROM stream_cursors WHERE source_key = ?")) {
            p.setString(1, key);
            try (ResultSet r = p.executeQuery()) {
                return r.next() ? r.getString(1) : null;
            }
        }
    }

    private static List<String> lines(Path file) {
        try {
            List<String> lines = new ArrayList<>();
            for (String l : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (!l.isBlank()) {
                    lines.add(l);
                }
            }
            return lines;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final class Ids implements InteractionSink {
        final Set<String> ids = new HashSet<>();

        @Override
        public void accept(Interaction interaction) {
            ids.add(interaction.eventId());
        }

        @Override
        public void profile(AccountProfile profile) {
        }
    }
}
