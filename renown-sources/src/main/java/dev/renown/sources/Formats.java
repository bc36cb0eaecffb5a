package dev.renown.sources;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.renown.core.event.InteractionKind;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The formats Renown reads, by name, and detection of a file's format from its first record
 * and its name.
 */
public final class Formats {

    /** Format names accepted by {@code --format}. */
    public static final List<String> NAMES = List.of("snap-activity", "ndjson", "csv", "twitter-v2", "twitter-v1",
            "mastodon", "bluesky-jetstream", "reddit", "snap-edgelist");

    private static final Pattern SNAP_ACTIVITY = Pattern.compile("^\\S+[ \\t]+\\S+[ \\t]+\\d+[ \\t]+(RT|MT|RE)[ \\t]*$");
    private static final Pattern SNAP_EDGE = Pattern.compile("^\\d+[ \\t]+\\d+([ \\t]+\\d+(\\.0)?)?[ \\t]*$");
    /** How much of a file detection reads (decompressed). */
    private static final int SNIFF_BYTES = 1 << 20;

    private Formats() {
    }

    /**
     * The reader for a format name. {@code snap-edgelist} may name the kind of its edges after a
     * colon ({@code snap-edgelist:repost}); without it they are follows.
     *
     * @param network network for formats that do not name one (SNAP), or the default for
     *                generic records without a {@code network} field; null for the format's own default
     * @throws IllegalArgumentException for an unknown name, listing the known ones, or a network
     *                                  name that is blank or holds a ':'
     */
    public static InteractionReader reader(String format, String network) {
        if (network != null && (network.isBlank() || network.indexOf(':') >= 0)) {
            throw new IllegalArgumentException("network name must be non-blank and without ':', not '" + network + "'");
        }
        String name = format.toLowerCase(Locale.ROOT);
        if (name.startsWith("snap-edgelist")) {
            InteractionKind kind = InteractionKind.FOLLOW;
            if (name.startsWith("snap-edgelist:")) {
                kind = InteractionKind.parse(name.substring("snap-edgelist:".length()));
            } else if (!name.equals("snap-edgelist")) {
                throw unknown(format);
            }
            return new SnapEdgeListReader(network == null ? SnapActivityReader.DEFAULT_NETWORK : network, kind);
        }
        switch (name) {
            case "snap-activity":
            case "snap":
            case "higgs":
                return new SnapActivityReader(network == null ? SnapActivityReader.DEFAULT_NETWORK : network);
            case "ndjson":
            case "jsonl":
                return new GenericNdjsonReader(network);
            case "csv":
                return new GenericCsvReader(network);
            case "twitter-v2":
                return new TwitterV2Reader();
            case "twitter-v1":
            case "twitter-v1.1":
                return new TwitterV1Reader();
            case "mastodon":
                return new MastodonReader();
            case "reddit":
                return new RedditReader();
            case "bluesky-jetstream":
            case "jetstream":
                return new JetstreamReader();
            default:
                throw unknown(format);
        }
    }

    private static IllegalArgumentException unknown(String format) {
        return new IllegalArgumentException("unknown format '" + format + "'; known formats: "
                + String.join(", ", NAMES));
    }

    /**
     * Detects the format of a file (gzip or zstd compressed or not). A JSON file is told by the
     * members of its first record:
     * <ul>
     *   <li>{@code did} with {@code time_us} or {@code kind}: {@code bluesky-jetstream};</li>
     *   <li>{@code data}, {@code includes} or {@code matching_rules}, or a tweet with
     *   {@code author_id}: {@code twitter-v2};</li>
     *   <li>{@code id_str}, {@code screen_name}, {@code statuses}, an id list
     *   ({@code ids} with {@code next_cursor}) or a stream message ({@code delete},
     *   {@code limit}, …): {@code twitter-v1};</li>
     *   <li>{@code account} with {@code uri} or {@code reblog}, {@code acct}, or a streaming
     *   {@code event} with a {@code payload}: {@code mastodon};</li>
     *   <li>{@code subreddit} with {@code author}: {@code reddit};</li>
     *   <li>anything else: the generic {@code ndjson}.</li>
     * </ul>
     * For a JSON array the first element counts. Other files are told by their first line that
     * is neither blank nor a {@code #} comment: {@code snap-activity} ({@code a b seconds RT}),
     * a CSV header naming {@code kind}, {@code actor} and {@code target}, or numeric
     * {@code a b [weight]} for {@code snap-edgelist} (its kind taken from a name containing
     * {@code retweet}, {@code mention} or {@code reply}, follows otherwise); failing that the
     * extension decides ({@code .ndjson}, {@code .jsonl}, {@code .json}, {@code .csv}).
     *
     * @throws IOException when the file cannot be read or its format is not recognised
     */
    public static String detect(Input input) throws IOException {
        String name = input.path().getFileName().toString().toLowerCase(Locale.ROOT);
        for (String suffix : List.of(".gz", ".zst", ".zstd")) {
            if (name.endsWith(suffix)) {
                name = name.substring(0, name.length() - suffix.length());
            }
        }
        byte[] head;
        try (InputStream in = input.open()) {
            head = in.readNBytes(SNIFF_BYTES);
        }
        int i = 0;
        if (head.length >= 3 && (head[0] & 0xff) == 0xef && (head[1] & 0xff) == 0xbb && (head[2] & 0xff) == 0xbf) {
            i = 3; // a UTF-8 byte order mark
        }
        while (i < head.length && (head[i] == ' ' || head[i] == '\t' || head[i] == '\r' || head[i] == '\n')) {
            i++;
        }
        if (i < head.length && (head[i] == '{' || head[i] == '[')) {
            return detectJson(head, i);
        }
        if (name.endsWith(".ndjson") || name.endsWith(".jsonl") || name.endsWith(".json")) {
            return "ndjson";
        }
        if (name.endsWith(".csv")) {
            return "csv";
        }
        String first = firstLine(head);
        if (first == null) {
            throw new IOException(input.name() + ": file is empty; cannot detect its format");
        }
        if (SNAP_ACTIVITY.matcher(first).matches()) {
            return "snap-activity";
        }
        String lower = first.toLowerCase(Locale.ROOT);
        if (lower.contains(",") && lower.contains("kind") && lower.contains("actor") && lower.contains("target")) {
            return "csv";
        }
        if (SNAP_EDGE.matcher(first).matches()) {
            if (name.contains("retweet") || name.contains("repost")) {
                return "snap-edgelist:repost";
            }
            if (name.contains("mention")) {
                return "snap-edgelist:mention";
            }
            if (name.contains("reply")) {
                return "snap-edgelist:reply";
            }
            return "snap-edgelist";
        }
        throw new IOException(input.name() + ": cannot detect the format from its first line; pass --format ("
                + String.join(", ", NAMES) + ")");
    }

    /** Member names of the first JSON record, and of the first element under a list member. */
    private static String detectJson(byte[] head, int from) {
        Set<String> keys = new HashSet<>();
        Set<String> inner = new HashSet<>();
        try (JsonParser p = JsonRecords.JSON.createParser(head, from, head.length - from)) {
            JsonToken t = p.nextToken();
            if (t == JsonToken.START_ARRAY) {
                t = p.nextToken();
            }
            if (t == JsonToken.START_OBJECT) {
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String key = p.currentName();
                    keys.add(key);
                    JsonToken v = p.nextToken();
                    if (inner.isEmpty() && (key.equals("data") || key.equals("statuses") || key.equals("users"))) {
                        if (v == JsonToken.START_ARRAY) {
                            v = p.nextToken();
                        }
                        if (v == JsonToken.START_OBJECT) {
                            while (p.nextToken() == JsonToken.FIELD_NAME) {
                                inner.add(p.currentName());
                                p.nextToken();
                                p.skipChildren();
                            }
                        }
                        break; // the first element decides
                    } else {
                        p.skipChildren();
                    }
                }
            }
        } catch (IOException e) {
            // A record cut by the sniff window, or bad JSON: decide on the members seen so far.
        }
        if (keys.contains("did") && (keys.contains("time_us") || keys.contains("kind"))) {
            return "bluesky-jetstream";
        }
        if (keys.contains("data") || keys.contains("includes") || keys.contains("matching_rules")
                || (keys.contains("author_id") && !keys.contains("user"))) {
            return "twitter-v2";
        }
        if (keys.contains("subreddit") && keys.contains("author")) {
            return "reddit";
        }
        if ((keys.contains("account") && (keys.contains("uri") || keys.contains("reblog"))) || keys.contains("acct")
                || (keys.contains("event") && keys.contains("payload"))) {
            return "mastodon";
        }
        if (keys.contains("id_str") || keys.contains("screen_name") || keys.contains("statuses")
                || (keys.contains("ids") && keys.contains("next_cursor"))
                || (keys.contains("users") && keys.contains("next_cursor"))
                || keys.contains("delete") || keys.contains("limit") || inner.contains("id_str")
                || inner.contains("screen_name") || (keys.contains("user") && keys.contains("text"))) {
            return "twitter-v1";
        }
        return "ndjson";
    }

    private static String firstLine(byte[] head) {
        String text = new String(head, 0, Math.min(head.length, 1 << 16), StandardCharsets.UTF_8);
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        for (String line : text.split("\r?\n")) {
            String t = line.strip();
            if (!t.isEmpty() && !t.startsWith("#")) {
                return t;
            }
        }
        return null;
    }
}
