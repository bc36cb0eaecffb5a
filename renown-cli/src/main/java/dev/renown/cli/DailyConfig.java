package dev.renown.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import dev.renown.store.DailyCycle;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The daily cycle's configuration file ({@code renown serve --daily FILE}, {@code renown
 * run-daily --config FILE}), documented in docs/daily.md. Every field is optional:
 *
 * <pre>{@code
 * {
 *   "at": "00:00",              // UTC time of day at which the day before is scored
 *   "catch_up_days": 31,        // most missed days scored after a stop
 *   "retry_minutes": 60,        // a failed day is tried again after this
 *   "poll_seconds": 60,         // how often the folders are read and the clock looked at
 *   "clock_skew": "1d",         // how far in the future an interaction may be dated
 *   "rejects": "renown-rejects.ndjson",
 *   "watch": [ {"folder": "inbox", "format": "twitter-v2", "network": null} ],
 *   "follow": [ {"source": "bluesky", "url": "wss://…", "collections": ["app.bsky.feed.post"]},
 *               {"source": "mastodon", "url": "https://…", "stream": "public", "token_env": "RENOWN_MASTODON_TOKEN"} ]
 * }
 * }</pre>
 *
 * Relative paths are read from the file's folder. A field the file does not know, or a value of
 * the wrong kind, is an error naming the file and the field.
 */
record DailyConfig(DailyCycle.Schedule schedule, Duration poll, Duration clockSkew, Path rejects, List<Watch> watch,
                   List<FollowSource> follow) {

    /** A folder whose new files are ingested at every poll. */
    record Watch(Path folder, String format, String network) {
    }

    /** A live stream read for as long as the server runs. */
    record FollowSource(Follow.Source source, FollowOptions options) {
    }

    static final Duration POLL_DEFAULT = Duration.ofSeconds(60);

    private static final Set<String> FIELDS = Set.of("at", "catch_up_days", "retry_minutes", "poll_seconds",
            "clock_skew", "rejects", "watch", "follow");
    private static final Set<String> WATCH_FIELDS = Set.of("folder", "format", "network");
    private static final Set<String> FOLLOW_FIELDS = Set.of("source", "url", "collections", "stream", "streaming_url",
            "token_env", "rewind_seconds", "commit_seconds");

    /** The defaults: midnight UTC, nothing watched or followed, rejects beside the working directory. */
    static DailyConfig defaults() {
        return new DailyConfig(DailyCycle.Schedule.DEFAULT, POLL_DEFAULT, null, Path.of("renown-rejects.ndjson"),
                List.of(), List.of());
    }

    /** Reads and checks a configuration file; a {@link Renown.UserError} (exit 2) says what is wrong and where. */
    static DailyConfig read(Path file) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(Files.readString(file));
        } catch (NoSuchFileException e) {
            throw new Renown.UserError("the daily configuration " + file + " does not exist", 2);
        } catch (JsonProcessingException e) {
            throw new Renown.UserError(file + ":" + e.getLocation().getLineNr() + ": not JSON: "
                    + e.getOriginalMessage(), 2);
        } catch (IOException e) {
            throw new Renown.UserError("cannot read the daily configuration " + file + ": " + e.getMessage(), 2);
        }
        Reader r = new Reader(file);
        if (root == null || !root.isObject()) {
            throw r.error("", "must be a JSON object");
        }
        r.known(root, FIELDS, "");
        DailyCycle.Schedule d = DailyCycle.Schedule.DEFAULT;
        LocalTime at = d.at();
        if (root.hasNonNull("at")) {
            String text = r.text(root, "at");
            try {
                at = LocalTime.parse(text);
            } catch (DateTimeParseException e) {
                throw r.error("at", "must be a UTC time of day such as 00:00 or 06:30, not '" + text + "'");
            }
        }
        int catchUp = r.integer(root, "catch_up_days", d.catchUpDays(), 1, dev.renown.store.Backfill.MAX_DAYS_DEFAULT);
        int retry = r.integer(root, "retry_minutes", (int) d.retryAfter().toMinutes(), 0, 7 * 24 * 60);
        int poll = r.integer(root, "poll_seconds", (int) POLL_DEFAULT.toSeconds(), 1, 24 * 3600);
        Duration skew = null;
        if (root.hasNonNull("clock_skew")) {
            String text = r.text(root, "clock_skew");
            try {
                skew = TimeArguments.parseDuration(text);
            } catch (IllegalArgumentException e) {
                throw r.error("clock_skew", "must be a duration such as 1d or 6h, not '" + text + "'");
            }
        }
        Path base = file.toAbsolutePath().getParent();
        Path rejects = root.hasNonNull("rejects") ? base.resolve(r.text(root, "rejects"))
                : base.resolve("renown-rejects.ndjson");
        List<Watch> watch = new ArrayList<>();
        for (JsonNode w : r.array(root, "watch")) {
            String at0 = "watch[" + watch.size() + "]";
            if (!w.isObject()) {
                throw r.error(at0, "must be an object with a folder");
            }
            r.known(w, WATCH_FIELDS, at0 + ".");
            if (!w.hasNonNull("folder")) {
                throw r.error(at0 + ".folder", "is required");
            }
            Path folder = base.resolve(r.text(w, "folder", at0 + ".folder"));
            String format = w.hasNonNull("format") ? r.text(w, "format", at0 + ".format") : null;
            if (format != null && !dev.renown.sources.Formats.NAMES.contains(format)) {
                throw r.error(at0 + ".format", "must be one of " + dev.renown.sources.Formats.NAMES + ", not '"
                        + format + "'");
            }
            String network = w.hasNonNull("network") ? r.text(w, "network", at0 + ".network") : null;
            watch.add(new Watch(folder, format, network));
        }
        List<FollowSource> follow = new ArrayList<>();
        for (JsonNode f : r.array(root, "follow")) {
            String at0 = "follow[" + follow.size() + "]";
            if (!f.isObject()) {
                throw r.error(at0, "must be an object with a source");
            }
            r.known(f, FOLLOW_FIELDS, at0 + ".");
            String source = f.hasNonNull("source") ? r.text(f, "source", at0 + ".source") : null;
            Follow.Source s;
            try {
                s = Follow.Source.valueOf(source == null ? "" : source);
            } catch (IllegalArgumentException e) {
                throw r.error(at0 + ".source", "must be bluesky or mastodon" + (source == null ? "" : ", not '"
                        + source + "'"));
            }
            FollowOptions o = new FollowOptions();
            o.url = f.hasNonNull("url") ? r.uri(f, "url", at0 + ".url") : null;
            o.streamingUrl = f.hasNonNull("streaming_url") ? r.uri(f, "streaming_url", at0 + ".streaming_url") : null;
            o.stream = f.hasNonNull("stream") ? r.text(f, "stream", at0 + ".stream") : null;
            o.tokenEnv = f.hasNonNull("token_env") ? r.text(f, "token_env", at0 + ".token_env") : null;
            if (f.hasNonNull("collections")) {
                List<String> collections = new ArrayList<>();
                for (JsonNode c : r.array(f, "collections")) {
                    if (!c.isTextual()) {
                        throw r.error(at0 + ".collections", "must be a list of collection names");
                    }
                    collections.add(c.asText());
                }
                o.collections = collections;
            }
            if (f.hasNonNull("rewind_seconds")) {
                o.rewindSeconds = (double) r.integer(f, "rewind_seconds", 0, 0, 86_400);
            }
            if (f.hasNonNull("commit_seconds")) {
                o.commitSeconds = (double) r.integer(f, "commit_seconds", 1, 1, 3600);
            }
            follow.add(new FollowSource(s, o));
        }
        return new DailyConfig(new DailyCycle.Schedule(at, catchUp, Duration.ofMinutes(retry)),
                Duration.ofSeconds(poll), skew, rejects, List.copyOf(watch), List.copyOf(follow));
    }

    /** Reads fields, naming the file and the field in every error. */
    private record Reader(Path file) {

        Renown.UserError error(String field, String why) {
            return new Renown.UserError(file + (field.isEmpty() ? "" : ": field '" + field + "'") + ": " + why, 2);
        }

        void known(JsonNode object, Set<String> fields, String prefix) {
            for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                if (!fields.contains(name)) {
                    throw error(prefix + name, "is not a field of the daily configuration; the fields are "
                            + new java.util.TreeSet<>(fields));
                }
            }
        }

        String text(JsonNode object, String name) {
            return text(object, name, name);
        }

        String text(JsonNode object, String name, String field) {
            JsonNode v = object.get(name);
            if (!v.isTextual() || v.asText().isBlank()) {
                throw error(field, "must be a non-empty string");
            }
            return v.asText();
        }

        int integer(JsonNode object, String name, int otherwise, int min, int max) {
            JsonNode v = object.get(name);
            if (v == null || v.isNull()) {
                return otherwise;
            }
            if (!v.isIntegralNumber() || v.asLong() < min || v.asLong() > max) {
                throw error(name, String.format(Locale.ROOT, "must be a whole number from %d to %d, not %s", min, max, v));
            }
            return v.asInt();
        }

        Iterable<JsonNode> array(JsonNode object, String name) {
            JsonNode v = object.get(name);
            if (v == null || v.isNull()) {
                return List.of();
            }
            if (v.getNodeType() != JsonNodeType.ARRAY) {
                throw error(name, "must be a list");
            }
            return v;
        }

        URI uri(JsonNode object, String name, String field) {
            String text = text(object, name, field);
            try {
                return new URI(text);
            } catch (URISyntaxException e) {
                throw error(field, "is not a URL: " + e.getMessage());
            }
        }
    }
}
