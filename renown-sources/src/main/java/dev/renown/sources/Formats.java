package dev.renown.sources;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The formats Renown reads, by name, and detection of a file's format from its name and first
 * line.
 */
public final class Formats {

    /** Format names accepted by {@code --format}. */
    public static final List<String> NAMES = List.of("snap-activity", "ndjson", "csv");

    private static final Pattern SNAP_ACTIVITY = Pattern.compile("^\\S+[ \\t]+\\S+[ \\t]+\\d+[ \\t]+(RT|MT|RE)[ \\t]*$");

    private Formats() {
    }

    /**
     * The reader for a format name.
     *
     * @param network network for formats that do not name one (SNAP), or the default for
     *                generic records without a {@code network} field; null for the format's own default
     * @throws IllegalArgumentException for an unknown name, listing the known ones
     */
    public static InteractionReader reader(String format, String network) {
        switch (format.toLowerCase(Locale.ROOT)) {
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
                throw new IllegalArgumentException("unknown format '" + format + "'; known formats: "
                        + String.join(", ", NAMES));
        }
    }

    /**
     * Detects the format of a file: from its extension ({@code .ndjson}, {@code .jsonl},
     * {@code .json}, {@code .csv}, ignoring {@code .gz}), otherwise from its first non-blank line.
     *
     * @throws IOException when the file cannot be read or its format is not recognised
     */
    public static String detect(Input input) throws IOException {
        String name = input.path().getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".gz")) {
            name = name.substring(0, name.length() - 3);
        }
        if (name.endsWith(".ndjson") || name.endsWith(".jsonl") || name.endsWith(".json")) {
            return "ndjson";
        }
        if (name.endsWith(".csv")) {
            return "csv";
        }
        String first = firstLine(input);
        if (first == null) {
            throw new IOException(input.name() + ": file is empty; cannot detect its format");
        }
        if (first.startsWith("{")) {
            return "ndjson";
        }
        if (SNAP_ACTIVITY.matcher(first).matches()) {
            return "snap-activity";
        }
        String lower = first.toLowerCase(Locale.ROOT);
        if (lower.contains(",") && lower.contains("kind") && lower.contains("actor") && lower.contains("target")) {
            return "csv";
        }
        throw new IOException(input.name() + ": cannot detect the format from its first line; pass --format ("
                + String.join(", ", NAMES) + ")");
    }

    private static String firstLine(Input input) throws IOException {
        try (InputStream in = input.open()) {
            byte[] buf = new byte[4096];
            int n = in.readNBytes(buf, 0, buf.length);
            String head = new String(buf, 0, n, StandardCharsets.UTF_8);
            for (String line : head.split("\r?\n")) {
                String t = line.strip();
                if (!t.isEmpty() && !t.startsWith("#")) {
                    return t;
                }
            }
            return null;
        }
    }
}
