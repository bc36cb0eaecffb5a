package dev.renown.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.renown.sources.Input;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The parsing benchmarks' inputs: the real samples kept beside the readers' tests
 * ({@code renown-sources/src/test/resources}), repeated in memory until they reach
 * {@link #TARGET_BYTES}, each copy with its own ids so that no two copies give the same events.
 *
 * <p>JSON samples that are one document over many lines (pretty-printed API responses) are
 * first written compactly, one value per line, as a collector would store them; lines that are
 * not valid JSON (a cut-off stream message) are kept as they are. Copy {@code k} rewrites the ids
 * of each format: the first four digits of every number of eight digits or more become
 * {@code 1000 + k} (Twitter, Mastodon), a base-32 prefix in DIDs and record keys (Bluesky), a base-36 prefix in post ids
 * (Reddit), a multiple of a million added to user ids (SNAP, generic).
 */
public final class ParseInputs {

    /** Size of every input, uncompressed: at least 50 MB. */
    public static final int TARGET_BYTES = 64 << 20;
    /** Where the samples are, relative to the repository root (set {@code -Drenown.samples} to move it). */
    public static final String SAMPLES = "renown-sources/src/test/resources";

    private static final JsonFactory JSON = new JsonFactory();
    private static final Pattern LONG_NUMBER = Pattern.compile("\\d{8,}");
    private static final Pattern DID = Pattern.compile("did:plc:[a-z2-7]{4}");
    private static final Pattern RKEY = Pattern.compile("(\"rkey\":\"|app\\.bsky\\.[a-z.]+/)([a-z2-7]{4})");
    private static final Pattern REDDIT_ID = Pattern.compile("(\"(?:id|parent_id|link_id|name)\": \"(?:t[13]_)?)([0-9a-z]+\")");
    private static final Pattern FIRST_TWO_WORDS = Pattern.compile("^(\\d+)([ \\t,]+)(\\d+)");
    private static final Pattern CSV_IDS = Pattern.compile("^(higgs,[a-z]+,)(\\d+),(\\d+)");
    private static final Pattern JSON_IDS = Pattern.compile("\"(actor|target)\":\"(\\d+)\"");

    private ParseInputs() {
    }

    /** The sample files of a format and how copy {@code k} rewrites one of their lines. */
    private record Source(List<String> files, BiFunction<String, Integer, String> vary) {
    }

    private static Source source(String format) {
        switch (format) {
            case "twitter-v2":
                return new Source(List.of("twitter-v2/2sets.jsonl.gz", "twitter-v2/withheld.jsonl.gz",
                        "twitter-v2/streaming_output_with_error.jsonl.gz", "twitter-v2/two_tweets.jsonl.gz",
                        "twitter-v2/users.jsonl.gz", "twitter-v2/quoted_edit.jsonl.gz"), ParseInputs::numericIds);
            case "twitter-v1":
                return new Source(List.of("twitter-v1/lines.json.gz", "twitter-v1/get_search_raw.json.gz",
                        "twitter-v1/get_mentions.json.gz", "twitter-v1/get_user_timeline_count.json.gz",
                        "twitter-v1/get_retweets.json.gz", "twitter-v1/get_status_with_place.json.gz",
                        "twitter-v1/friends_timeline-kesuke.json.gz", "twitter-v1/get_followers_0.json.gz"),
                        ParseInputs::numericIds);
            case "mastodon":
                return new Source(List.of("mastodon/home-timeline.json", "mastodon/stream.jsonl"), ParseInputs::numericIds);
            case "bluesky-jetstream":
                return new Source(List.of("bluesky/jetstream-sample.jsonl"), (line, k) -> {
                    String prefix = base32(k, 4);
                    String dids = DID.matcher(line).replaceAll("did:plc:" + prefix);
                    return RKEY.matcher(dids).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + prefix));
                });
            case "reddit":
                // Submissions first, so that the comments' parents are in the same input.
                return new Source(List.of("reddit/RS_2023-01.ndjson", "reddit/RC_2023-01.ndjson"), (line, k) ->
                        REDDIT_ID.matcher(line).replaceAll(m -> Matcher.quoteReplacement(m.group(1)
                                + Integer.toString(k, 36) + "x" + m.group(2))));
            case "snap-activity":
                return new Source(List.of("higgs/higgs-activity-first2000.txt"), ParseInputs::firstTwoNumbers);
            case "snap-edgelist":
                return new Source(List.of("snap-edgelist/higgs-retweet_network-first1000.edgelist.gz",
                        "snap-edgelist/higgs-mention_network-first1000.edgelist",
                        "snap-edgelist/higgs-reply_network-first1000.edgelist"), ParseInputs::firstTwoNumbers);
            case "ndjson":
                return new Source(List.of("generic/higgs-first100.ndjson"), (line, k) ->
                        JSON_IDS.matcher(line).replaceAll(m -> "\"" + m.group(1) + "\":\"" + shift(m.group(2), k) + "\""));
            case "csv":
                return new Source(List.of("generic/higgs-first100.csv"), (line, k) -> {
                    Matcher m = CSV_IDS.matcher(line);
                    return m.find() ? m.group(1) + shift(m.group(2), k) + "," + shift(m.group(3), k)
                            + line.substring(m.end()) : line;
                });
            default:
                throw new IllegalArgumentException("no benchmark input for format " + format);
        }
    }

    /**
     * The input for a format, at least {@link #TARGET_BYTES} long, uncompressed, one record per
     * line; a CSV input has its header once, at the top.
     */
    public static byte[] build(String format) {
        Source source = source(format);
        Path dir = Path.of(System.getProperty("renown.samples", SAMPLES));
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException("samples not found at " + dir.toAbsolutePath()
                    + ": run from the repository root or set -Drenown.samples=DIR");
        }
        List<String> lines = new ArrayList<>();
        for (String file : source.files()) {
            lines.addAll(recordLines(dir.resolve(file)));
        }
        String header = null;
        if (format.equals("csv")) {
            header = lines.remove(0);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(TARGET_BYTES + (4 << 20));
        if (header != null) {
            out.writeBytes((header + "\n").getBytes(StandardCharsets.UTF_8));
        }
        for (int k = 0; out.size() < TARGET_BYTES; k++) {
            for (String line : lines) {
                out.writeBytes(source.vary().apply(line, k).getBytes(StandardCharsets.UTF_8));
                out.write('\n');
            }
        }
        return out.toByteArray();
    }

    /** The non-blank lines of a sample; a multi-line JSON document becomes one line per value. */
    static List<String> recordLines(Path file) {
        byte[] content;
        try (InputStream in = new Input(file).open()) {
            content = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String text = new String(content, StandardCharsets.UTF_8);
        List<String> lines = Stream.of(text.split("\n")).filter(l -> !l.isBlank()).toList();
        String first = lines.isEmpty() ? "" : lines.get(0).strip();
        if (!(first.startsWith("{") || first.startsWith("[")) || isJson(lines.get(0))) {
            return lines;
        }
        List<String> values = new ArrayList<>();
        try (JsonParser p = JSON.createParser(content)) {
            while (p.nextToken() != null) {
                StringWriter w = new StringWriter();
                try (JsonGenerator g = JSON.createGenerator(w)) {
                    g.copyCurrentStructure(p);
                }
                values.add(w.toString());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(file + " is neither JSON Lines nor one JSON document", e);
        }
        return values;
    }

    private static boolean isJson(String line) {
        try (JsonParser p = JSON.createParser(line)) {
            while (p.nextToken() != null) {
                if (p.currentToken() == JsonToken.START_OBJECT || p.currentToken() == JsonToken.START_ARRAY) {
                    p.skipChildren();
                }
            }
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Every number of eight digits or more, with its first four digits replaced by
     * {@code 1000 + k} (never a leading zero: unquoted numbers must stay valid JSON).
     */
    private static String numericIds(String line, int k) {
        String prefix = Integer.toString(1000 + k % 9000);
        return LONG_NUMBER.matcher(line).replaceAll(m -> prefix + m.group().substring(4));
    }

    private static String firstTwoNumbers(String line, int k) {
        Matcher m = FIRST_TWO_WORDS.matcher(line);
        return m.find() ? shift(m.group(1), k) + m.group(2) + shift(m.group(3), k) + line.substring(m.end()) : line;
    }

    private static String shift(String id, int k) {
        return Long.toString(Long.parseLong(id) + 1_000_000L * k);
    }

    private static String base32(int k, int width) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < width; i++) {
            int d = k & 31;
            s.append((char) (d < 26 ? 'a' + d : '2' + d - 26));
            k >>>= 5;
        }
        return s.toString();
    }
}
