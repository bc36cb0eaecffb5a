package dev.renown.sources;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.renown.core.event.AccountProfile;
import dev.renown.core.event.Interaction;
import dev.renown.core.event.InteractionKind;
import dev.renown.core.event.InteractionSink;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Feeds every reader, in one file per format, {@value #MUTATED} mutated records mixed with
 * {@value #VALID} valid ones, from a seeded generator, and checks that
 * <ol>
 *   <li>no exception escapes the reader;</li>
 *   <li>every reject names the file and a line of it (all of them, read back from the rejects
 *   file);</li>
 *   <li>every valid record gives exactly the interactions its template stands for, whatever
 *   surrounds it;</li>
 *   <li>nothing vanishes and nothing leaks between records: reading each record alone (a line;
 *   for CSV the lines one RFC 4180 record spans) gives the same interactions, rejects (with
 *   their lines shifted) and skips as reading the whole file, and every record alone gives at
 *   least one of them or a profile.</li>
 * </ol>
 * Mutations: truncation, byte flips, invalid JSON (structural characters inserted or removed),
 * missing fields, wrong types, unknown event kinds, huge lines (48 KB to 2 MB) and invalid UTF-8
 * (lone and overlong bytes, surrogates, code points beyond U+10FFFF).
 */
class MutatedRecordsTest {

    /** Mutated records per format. */
    static final int MUTATED = 10_000;
    /** Valid records per format, spread among the mutated ones. */
    static final int VALID = 2_500;
    /** One mutated record in this many is also made huge. */
    static final int HUGE_EVERY = 500;

    @TempDir
    Path dir;

    // ---- records and their templates ---------------------------------------------------------

    enum Shape { JSON, CSV, WORDS }

    /** A valid record, the interactions it stands for, and what structural mutations work on. */
    record Rec(String text, List<String> expected, String sibling) {
    }

    /** One format under test. */
    record Spec(String format, String fileName, String header, Shape shape, Supplier<InteractionReader> reader,
                Generator generator, List<String[]> kindSwaps) {
        @Override
        public String toString() {
            return format;
        }
    }

    interface Generator {
        Rec record(int n, Random r);
    }

    /** {@code eventId kind actor target}: what is compared of an expected interaction. */
    private static String act(String eventId, InteractionKind kind, String actor, String target) {
        return eventId + " " + kind.wireName() + " " + actor + " " + target;
    }

    private static String digits(Random r, int n) {
        StringBuilder s = new StringBuilder(n);
        s.append((char) ('1' + r.nextInt(9)));
        for (int i = 1; i < n; i++) {
            s.append((char) ('0' + r.nextInt(10)));
        }
        return s.toString();
    }

    private static String base36(Random r, int n) {
        StringBuilder s = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            s.append(Character.forDigit(r.nextInt(36), 36));
        }
        return s.toString();
    }

    private static String jsonString(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    static Stream<Spec> formats() {
        return Stream.of(
                new Spec("twitter-v2", "m.jsonl", "", Shape.JSON, TwitterV2Reader::new, (n, r) -> {
                    String t = String.valueOf(1_500_000_000_000_000_000L + n * 1000L + r.nextInt(1000));
                    String a = digits(r, 9);
                    String b = digits(r, 9);
                    String c = digits(r, 10);
                    String p = digits(r, 18);
                    String users = "\"users\":[{\"id\":\"" + a + "\",\"username\":\"ann" + n + "\",\"name\":\"Ann\","
                            + "\"public_metrics\":{\"followers_count\":10,\"following_count\":2,\"tweet_count\":30}}]";
                    if (n % 2 == 0) {
                        return new Rec("{\"data\":[{\"id\":\"" + t + "\",\"author_id\":\"" + a + "\",\"created_at\":"
                                + "\"2022-03-05T10:00:00.000Z\",\"text\":\"@bob @cy hi #Tag\",\"in_reply_to_user_id\":\"" + b
                                + "\",\"referenced_tweets\":[{\"type\":\"replied_to\",\"id\":\"" + p + "\"}],\"entities\":"
                                + "{\"mentions\":[{\"username\":\"bob\",\"id\":\"" + b + "\"},{\"username\":\"cy\",\"id\":\""
                                + c + "\"}],\"hashtags\":[{\"tag\":\"Tag\"}]}}],\"includes\":{" + users + "},"
                                + "\"meta\":{\"result_count\":1}}",
                                List.of(act("twitter/" + t + "/reply", InteractionKind.REPLY, a, b),
                                        act("twitter/" + t + "/mention/" + c, InteractionKind.MENTION, a, c)), null);
                    }
                    return new Rec("{\"data\":[{\"id\":\"" + t + "\",\"author_id\":\"" + a + "\",\"created_at\":"
                            + "\"2022-03-05T10:00:00.000Z\",\"text\":\"RT @bob: x\",\"referenced_tweets\":[{\"type\":"
                            + "\"retweeted\",\"id\":\"" + p + "\"}]}],\"includes\":{\"tweets\":[{\"id\":\"" + p
                            + "\",\"author_id\":\"" + b + "\",\"text\":\"x\"}]," + users + "}}",
                            List.of(act("twitter/" + t + "/repost", InteractionKind.REPOST, a, b)), null);
                }, List.of(new String[] {"\"replied_to\"", "\"liked\""}, new String[] {"\"retweeted\"", "\"favorited\""})),

                new Spec("twitter-v1", "m.jsonl", "", Shape.JSON, TwitterV1Reader::new, (n, r) -> {
                    String t = String.valueOf(970_000_000_000_000_000L + n * 1000L + r.nextInt(1000));
                    String a = digits(r, 9);
                    String b = digits(r, 9);
                    String c = digits(r, 10);
                    String d = digits(r, 8);
                    if (n % 2 == 0) {
                        return new Rec("{\"created_at\":\"Sat Mar 10 14:03:15 +0000 2018\",\"id_str\":\"" + t
                                + "\",\"text\":\"@b @c hi\",\"user\":{\"id_str\":\"" + a + "\",\"screen_name\":\"a\","
                                + "\"followers_count\":5,\"friends_count\":6,\"statuses_count\":7},\"in_reply_to_user_id_str\":\""
                                + b + "\",\"in_reply_to_status_id_str\":\"" + digits(r, 18) + "\",\"entities\":{\"user_mentions\":"
                                + "[{\"id_str\":\"" + b + "\",\"screen_name\":\"b\"},{\"id_str\":\"" + c + "\",\"screen_name\":"
                                + "\"c\"}],\"hashtags\":[{\"text\":\"x\"}]},\"quoted_status\":{\"id_str\":\"" + digits(r, 18)
                                + "\",\"text\":\"q\",\"user\":{\"id_str\":\"" + d + "\",\"screen_name\":\"d\"}}}",
                                List.of(act("twitter/" + t + "/reply", InteractionKind.REPLY, a, b),
                                        act("twitter/" + t + "/quote", InteractionKind.QUOTE, a, d),
                                        act("twitter/" + t + "/mention/" + c, InteractionKind.MENTION, a, c)), null);
                    }
                    return new Rec("{\"event\":\"favorite\",\"created_at\":\"Sat Mar 10 14:03:15 +0000 2018\",\"source\":"
                            + "{\"id_str\":\"" + a + "\",\"screen_name\":\"a\"},\"target\":{\"id_str\":\"" + b + "\","
                            + "\"screen_name\":\"b\"},\"target_object\":{\"id_str\":\"" + t + "\",\"text\":\"t\",\"user\":"
                            + "{\"id_str\":\"" + b + "\"}}}",
                            List.of(act("twitter/like/" + a + "/" + t, InteractionKind.LIKE, a, b)), null);
                }, List.of(new String[] {"\"favorite\"", "\"unfavorite\""}, new String[] {"\"statuses_count\"", "\"limit\""})),

                new Spec("mastodon", "m.jsonl", "", Shape.JSON, MastodonReader::new, (n, r) -> {
                    String s = digits(r, 18);
                    String x = digits(r, 15);
                    String y = digits(r, 15);
                    String z = digits(r, 15);
                    String account = "{\"id\":\"" + x + "\",\"username\":\"x" + n + "\",\"acct\":\"x" + n + "\",\"url\":"
                            + "\"https://a.example/@x" + n + "\",\"display_name\":\"X\",\"followers_count\":3,"
                            + "\"following_count\":4,\"statuses_count\":5}";
                    String actor = "x" + n + "@a.example";
                    String yAddr = "y" + n + "@b.example";
                    if (n % 2 == 0) {
                        String uri = "https://a.example/users/x" + n + "/statuses/" + s;
                        String zAddr = "z" + n + "@c.example";
                        return new Rec("{\"id\":\"" + s + "\",\"uri\":\"" + uri + "\",\"created_at\":\"2024-05-01T10:00:00.000Z\","
                                + "\"content\":\"<p>@y @z hi &amp; bye</p>\",\"in_reply_to_id\":\"" + digits(r, 18) + "\","
                                + "\"in_reply_to_account_id\":\"" + y + "\",\"account\":" + account + ",\"mentions\":[{\"id\":\""
                                + y + "\",\"username\":\"y\",\"acct\":\"" + yAddr + "\",\"url\":\"https://b.example/@y\"},"
                                + "{\"id\":\"" + z + "\",\"acct\":\"" + zAddr + "\"}],\"tags\":[{\"name\":\"Tag\"}]}",
                                List.of(act("mastodon/" + uri + "/reply", InteractionKind.REPLY, actor, yAddr),
                                        act("mastodon/" + uri + "/mention/" + zAddr, InteractionKind.MENTION, actor, zAddr)),
                                null);
                    }
                    String uri = "https://a.example/users/x" + n + "/statuses/" + s + "/activity";
                    String payload = "{\"id\":\"" + s + "\",\"uri\":\"" + uri + "\",\"created_at\":\"2024-05-01T10:00:00.000Z\","
                            + "\"account\":" + account + ",\"reblog\":{\"id\":\"" + digits(r, 18) + "\",\"uri\":"
                            + "\"https://b.example/users/y/statuses/" + digits(r, 18) + "\",\"created_at\":"
                            + "\"2024-05-01T09:00:00.000Z\",\"content\":\"<p>c</p>\",\"account\":{\"id\":\"" + y
                            + "\",\"acct\":\"" + yAddr + "\"}}}";
                    return new Rec("{\"stream\":[\"public\"],\"event\":\"update\",\"payload\":" + jsonString(payload) + "}",
                            List.of(act("mastodon/" + uri + "/repost", InteractionKind.REPOST, actor, yAddr)), null);
                }, List.of(new String[] {"\"update\"", "\"notification\""}, new String[] {"\"in_reply_to_account_id\"", "\"in_reply_to\""})),

                new Spec("bluesky-jetstream", "m.jsonl", "", Shape.JSON, JetstreamReader::new, (n, r) -> {
                    String a = "did:plc:" + base36(r, 24);
                    String b = "did:plc:" + base36(r, 24);
                    String k = base36(r, 13);
                    if (n % 2 == 0) {
                        return new Rec("{\"did\":\"" + a + "\",\"time_us\":1725911162329308,\"kind\":\"commit\",\"commit\":"
                                + "{\"rev\":\"3l3qo2vutsw2b\",\"operation\":\"create\",\"collection\":\"app.bsky.feed.like\","
                                + "\"rkey\":\"" + k + "\",\"record\":{\"$type\":\"app.bsky.feed.like\",\"subject\":{\"uri\":"
                                + "\"at://" + b + "/app.bsky.feed.post/3l3pte3p2e325\",\"cid\":\"bafyre\"},\"createdAt\":"
                                + "\"2024-09-09T19:46:02.102Z\"},\"cid\":\"bafyre\"}}",
                                List.of(act("bluesky/at://" + a + "/app.bsky.feed.like/" + k, InteractionKind.LIKE, a, b)),
                                null);
                    }
                    String c = "did:plc:" + base36(r, 24);
                    String uri = "at://" + a + "/app.bsky.feed.post/" + k;
                    return new Rec("{\"did\":\"" + a + "\",\"time_us\":1725911162329308,\"kind\":\"commit\",\"commit\":"
                            + "{\"operation\":\"create\",\"collection\":\"app.bsky.feed.post\",\"rkey\":\"" + k + "\","
                            + "\"record\":{\"$type\":\"app.bsky.feed.post\",\"text\":\"@c hi #tag\",\"createdAt\":"
                            + "\"2024-09-09T19:46:02.102Z\",\"reply\":{\"root\":{\"uri\":\"at://" + b + "/app.bsky.feed.post/r\","
                            + "\"cid\":\"x\"},\"parent\":{\"uri\":\"at://" + b + "/app.bsky.feed.post/p\",\"cid\":\"x\"}},"
                            + "\"facets\":[{\"index\":{\"byteStart\":0,\"byteEnd\":2},\"features\":[{\"$type\":"
                            + "\"app.bsky.richtext.facet#mention\",\"did\":\"" + c + "\"}]},{\"features\":[{\"$type\":"
                            + "\"app.bsky.richtext.facet#tag\",\"tag\":\"tag\"}]}]}}}",
                            List.of(act("bluesky/" + uri + "/reply", InteractionKind.REPLY, a, b),
                                    act("bluesky/" + uri + "/mention/" + c, InteractionKind.MENTION, a, c)), null);
                }, List.of(new String[] {"\"commit\"", "\"sync\""}, new String[] {"\"create\"", "\"move\""},
                        new String[] {"app.bsky.feed.like\"", "app.bsky.feed.poke\""})),

                new Spec("reddit", "RC_m.ndjson", "", Shape.JSON, RedditReader::new, (n, r) -> {
                    String c = base36(r, 7);
                    String p = base36(r, 7);
                    String author = "u" + n;
                    String op = "op" + n;
                    String friend = "friend" + n;
                    return new Rec("{\"id\":\"" + c + "\",\"author\":\"" + author + "\",\"parent_id\":\"t3_" + p + "\","
                            + "\"link_id\":\"t3_" + p + "\",\"subreddit\":\"AskScience\",\"body\":\"thanks u/" + friend + "!\","
                            + "\"created_utc\":1672531800,\"score\":3}",
                            List.of(act("reddit/t1_" + c + "/reply", InteractionKind.REPLY, author, op),
                                    act("reddit/t1_" + c + "/mention/" + friend, InteractionKind.MENTION, author, friend)),
                            "{\"id\":\"" + p + "\",\"name\":\"t3_" + p + "\",\"author\":\"" + op + "\",\"subreddit\":"
                                    + "\"AskScience\",\"title\":\"q\",\"selftext\":\"\",\"created_utc\":1672531200}");
                }, List.of(new String[] {"\"t3_", "\"t2_"}, new String[] {"\"parent_id\"", "\"title\""})),

                new Spec("snap-activity", "m.txt", "", Shape.WORDS, SnapActivityReader::new, (n, r) -> {
                    String a = digits(r, 6);
                    String b = digits(r, 6);
                    long t = 1_341_100_972L + n;
                    String[] types = {"RT", "MT", "RE"};
                    InteractionKind[] kinds = {InteractionKind.REPOST, InteractionKind.MENTION, InteractionKind.REPLY};
                    int k = r.nextInt(3);
                    return new Rec(a + " " + b + " " + t + " " + types[k],
                            List.of(act(Interaction.derivedId("snap", kinds[k], a, b, t * 1000, null), kinds[k], a, b)),
                            null);
                }, List.of(new String[] {" RT", " LK"}, new String[] {" MT", " MTX"}, new String[] {" RE", " R"})),

                new Spec("snap-edgelist", "m.edgelist", "", Shape.WORDS,
                        () -> new SnapEdgeListReader("snap", InteractionKind.FOLLOW), (n, r) -> {
                    String a = digits(r, 6);
                    String b = digits(r, 6);
                    int w = 1 + r.nextInt(3);
                    List<String> expected = new ArrayList<>();
                    for (int i = 1; i <= w; i++) {
                        expected.add(act("snap/follow:" + a + ">" + b + "#" + i, InteractionKind.FOLLOW, a, b));
                    }
                    return new Rec(a + "\t" + b + "\t" + w, expected, null);
                }, List.of()),

                new Spec("ndjson", "m.ndjson", "", Shape.JSON, GenericNdjsonReader::new, (n, r) -> {
                    String a = "a" + digits(r, 6);
                    String b = "b" + digits(r, 6);
                    if (n % 2 == 0) {
                        return new Rec("{\"id\":\"" + n + "\",\"network\":\"x\",\"kind\":\"reply\",\"actor\":\"" + a
                                + "\",\"target\":\"" + b + "\",\"time\":\"2024-05-01T12:00:00Z\",\"post\":\"p" + n + "\","
                                + "\"text\":\"hi\",\"hashtags\":[\"ai\",\"#ML\"],\"actor_handle\":\"ann\"}",
                                List.of(act("x/" + n, InteractionKind.REPLY, a, b)), null);
                    }
                    long seconds = 1_714_564_800L + n;
                    return new Rec("{\"network\":\"X\",\"kind\":\"retweet\",\"actor\":\"" + a + "\",\"target\":\"" + b
                            + "\",\"time\":" + seconds + ".5}",
                            List.of(act(Interaction.derivedId("x", InteractionKind.REPOST, a, b, seconds * 1000 + 500, null),
                                    InteractionKind.REPOST, a, b)), null);
                }, List.of(new String[] {"\"reply\"", "\"poke\""}, new String[] {"\"retweet\"", "\"sneeze\""})),

                new Spec("csv", "m.csv", "id,network,kind,actor,target,time,text,hashtags", Shape.CSV,
                        GenericCsvReader::new, (n, r) -> {
                    String a = "a" + digits(r, 6);
                    String b = "b" + digits(r, 6);
                    return new Rec(n + ",x,reply," + a + "," + b + ",2024-05-01T12:00:00Z,\"hi, \"\"you\"\"\",ai ml",
                            List.of(act("x/" + n, InteractionKind.REPLY, a, b)), null);
                }, List.of(new String[] {",reply,", ",poke,"}, new String[] {",x,", ",,"})));
    }

    // ---- mutations ---------------------------------------------------------------------------

    enum Op { TRUNCATE, FLIP, INVALID_JSON, MISSING_FIELD, WRONG_TYPE, UNKNOWN_KIND, BAD_UTF8 }

    private static final String STRUCTURAL = "{}[],:\"\\";
    /**
     * A value of some type, most likely not the one the field wants. Numbers and strings are
     * random, so that two mutated records do not come to share an id by chance (Mastodon
     * resolves reply targets through the whole file, by account id).
     */
    private static String otherType(Random r) {
        switch (r.nextInt(10)) {
            case 0: return (r.nextBoolean() ? "-" : "") + digits(r, 1 + r.nextInt(25));
            case 1: return digits(r, 1 + r.nextInt(5)) + "." + digits(r, 3) + "e" + (r.nextBoolean() ? "" : "-") + r.nextInt(400);
            case 2: return r.nextBoolean() ? "true" : "false";
            case 3: return "null";
            case 4: return "[]";
            case 5: return "{}";
            case 6: return "\"" + base36(r, 1 + r.nextInt(12)) + "\"";
            case 7: return "\"\"";
            case 8: return "[" + digits(r, 3) + ",{\"a\":" + digits(r, 2) + "}]";
            default: return "{\"x\":[null,\"" + base36(r, 4) + "\"]}";
        }
    }
    private static final String[] OTHER_WORDS = {"abc", "1.5", "-3", "0", "99999999999999", "", "x y", "\u00e9"};
    private static final byte[][] BAD_UTF8 = {{(byte) 0xff}, {(byte) 0xc3}, {(byte) 0x80}, {(byte) 0xc0, (byte) 0x80},
        {(byte) 0xed, (byte) 0xa0, (byte) 0x80}, {(byte) 0xf4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, {(byte) 0xe2, (byte) 0x82}};

    /** Byte ranges {nameStart, valueStart, valueEnd} of every object member of a valid JSON text. */
    private static List<int[]> members(byte[] json) {
        List<int[]> spans = new ArrayList<>();
        try (JsonParser p = new JsonFactory().createParser(json)) {
            while (p.nextToken() != null) {
                if (p.currentToken() == JsonToken.FIELD_NAME) {
                    int name = (int) p.currentTokenLocation().getByteOffset();
                    JsonToken v = p.nextToken();
                    int start = (int) p.currentTokenLocation().getByteOffset();
                    int end;
                    if (v == JsonToken.START_OBJECT || v == JsonToken.START_ARRAY) {
                        // the members inside are listed too: walk into them, end found by depth below
                        end = matching(json, start);
                    } else {
                        end = scalarEnd(json, start);
                    }
                    spans.add(new int[] {name, start, end});
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return spans;
    }

    private static int scalarEnd(byte[] b, int start) {
        if (b[start] == '"') {
            int i = start + 1;
            while (b[i] != '"') {
                i += b[i] == '\\' ? 2 : 1;
            }
            return i + 1;
        }
        int i = start;
        while (i < b.length && ",}] \t".indexOf(b[i]) < 0) {
            i++;
        }
        return i;
    }

    private static int matching(byte[] b, int start) {
        int depth = 0;
        int i = start;
        while (true) {
            byte c = b[i];
            if (c == '"') {
                i = scalarEnd(b, i);
                continue;
            }
            if (c == '{' || c == '[') {
                depth++;
            } else if (c == '}' || c == ']') {
                depth--;
                if (depth == 0) {
                    return i + 1;
                }
            }
            i++;
        }
    }

    private static byte[] splice(byte[] b, int from, int to, byte[] insert) {
        byte[] out = new byte[b.length - (to - from) + insert.length];
        System.arraycopy(b, 0, out, 0, from);
        System.arraycopy(insert, 0, out, from, insert.length);
        System.arraycopy(b, to, out, from + insert.length, b.length - to);
        return out;
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Applies structural mutations to the valid text, which they need to understand. */
    private static byte[] structural(Spec spec, Op op, byte[] b, Random r) {
        if (op == Op.UNKNOWN_KIND && !spec.kindSwaps().isEmpty()) {
            List<String[]> present = new ArrayList<>();
            String text = new String(b, StandardCharsets.UTF_8);
            for (String[] swap : spec.kindSwaps()) {
                if (text.contains(swap[0])) {
                    present.add(swap);
                }
            }
            if (!present.isEmpty()) {
                String[] swap = present.get(r.nextInt(present.size()));
                return utf8(text.replaceFirst(java.util.regex.Pattern.quote(swap[0]),
                        java.util.regex.Matcher.quoteReplacement(swap[1])));
            }
            op = Op.WRONG_TYPE;
        }
        switch (spec.shape()) {
            case JSON: {
                List<int[]> spans = members(b);
                int[] m = spans.get(r.nextInt(spans.size()));
                if (op == Op.MISSING_FIELD) {
                    int from = m[0];
                    int to = m[2];
                    if (to < b.length && b[to] == ',') {
                        to++;
                    } else if (from > 0 && b[from - 1] == ',') {
                        from--;
                    }
                    return splice(b, from, to, new byte[0]);
                }
                return splice(b, m[1], m[2], utf8(otherType(r)));
            }
            case CSV: {
                // Fields of the template: only the text field is quoted, and it holds a comma.
                List<String> fields = csvFields(new String(b, StandardCharsets.UTF_8));
                int i = r.nextInt(fields.size());
                if (op == Op.MISSING_FIELD) {
                    if (r.nextBoolean()) {
                        fields.remove(i);
                    } else {
                        fields.set(i, "");
                    }
                } else {
                    fields.set(i, OTHER_WORDS[r.nextInt(OTHER_WORDS.length)]);
                }
                return utf8(String.join(",", fields));
            }
            default: {
                List<String> words = new ArrayList<>(Arrays.asList(new String(b, StandardCharsets.UTF_8).split("[ \t]")));
                int i = r.nextInt(words.size());
                if (op == Op.MISSING_FIELD) {
                    words.remove(i);
                } else {
                    words.set(i, OTHER_WORDS[r.nextInt(OTHER_WORDS.length)]);
                }
                return utf8(String.join(" ", words));
            }
        }
    }

    /** Splits a template CSV line, keeping a quoted field quoted. */
    private static List<String> csvFields(String line) {
        List<String> fields = new ArrayList<>();
        int i = 0;
        while (i <= line.length()) {
            int end;
            if (i < line.length() && line.charAt(i) == '"') {
                end = i + 1;
                while (true) {
                    end = line.indexOf('"', end);
                    if (end + 1 < line.length() && line.charAt(end + 1) == '"') {
                        end += 2;
                    } else {
                        break;
                    }
                }
                end = line.indexOf(',', end);
            } else {
                end = line.indexOf(',', i);
            }
            if (end < 0) {
                end = line.length();
            }
            fields.add(line.substring(i, end));
            i = end + 1;
        }
        return fields;
    }

    private static byte[] byteLevel(Op op, byte[] b, Random r) {
        switch (op) {
            case TRUNCATE:
                return b.length < 2 ? b : Arrays.copyOf(b, 1 + r.nextInt(b.length - 1));
            case FLIP: {
                byte[] out = b.clone();
                for (int k = 1 + r.nextInt(4); k > 0; k--) {
                    int i = r.nextInt(out.length);
                    out[i] = r.nextBoolean() ? (byte) r.nextInt(256) : (byte) (out[i] ^ (1 << r.nextInt(8)));
                    if (out[i] == '\n') {
                        out[i] = ' ';
                    }
                }
                return out;
            }
            case INVALID_JSON: {
                if (r.nextBoolean()) {
                    byte c = (byte) STRUCTURAL.charAt(r.nextInt(STRUCTURAL.length()));
                    int i = r.nextInt(b.length + 1);
                    return splice(b, i, i, new byte[] {c});
                }
                List<Integer> structural = new ArrayList<>();
                for (int i = 0; i < b.length; i++) {
                    if (STRUCTURAL.indexOf(b[i]) >= 0) {
                        structural.add(i);
                    }
                }
                if (structural.isEmpty()) {
                    return b;
                }
                int i = structural.get(r.nextInt(structural.size()));
                return splice(b, i, i + 1, new byte[0]);
            }
            case BAD_UTF8: {
                int i = r.nextInt(b.length + 1);
                return splice(b, i, i, BAD_UTF8[r.nextInt(BAD_UTF8.length)]);
            }
            default:
                throw new IllegalArgumentException(op.toString());
        }
    }

    /** Makes a line huge: a long run of text inside its first string value, or its last field. */
    private static byte[] huge(Spec spec, byte[] b, Random r) {
        int size = (48 << 10) + r.nextInt(2 << 20);
        byte[] run = new byte[size];
        for (int i = 0; i < size; i++) {
            run[i] = (byte) ('a' + r.nextInt(26));
        }
        int at = b.length;
        if (spec.shape() == Shape.JSON) {
            String text = new String(b, StandardCharsets.ISO_8859_1);
            int quote = text.indexOf("\":\"");
            if (quote > 0) {
                at = quote + 3;
            }
        } else if (spec.shape() == Shape.CSV) {
            int quote = indexOf(b, (byte) '"');
            at = quote >= 0 ? quote + 1 : b.length;
        }
        return splice(b, at, at, run);
    }

    private static int indexOf(byte[] b, byte c) {
        for (int i = 0; i < b.length; i++) {
            if (b[i] == c) {
                return i;
            }
        }
        return -1;
    }

    private static byte[] mutate(Spec spec, Rec rec, Random r, Map<Op, Integer> used, boolean makeHuge) {
        byte[] b = utf8(rec.text());
        Op[] ops = Op.values();
        int count = 1 + (r.nextInt(4) == 0 ? 1 + r.nextInt(2) : 0);
        List<Op> chosen = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            chosen.add(ops[r.nextInt(ops.length)]);
        }
        // Structural mutations need the valid text: they go first.
        chosen.sort((x, y) -> Boolean.compare(isByteLevel(x), isByteLevel(y)));
        for (Op op : chosen) {
            used.merge(op, 1, Integer::sum);
            byte[] before = b;
            b = isByteLevel(op) ? byteLevel(op, b, r) : (isValidStructure(spec, b) ? structural(spec, op, b, r) : byteLevel(Op.FLIP, b, r));
            if (Arrays.equals(before, b)) {
                b = byteLevel(Op.FLIP, b, r);
            }
        }
        if (makeHuge) {
            b = huge(spec, b, r);
        }
        for (int i = 0; i < b.length; i++) {
            if (b[i] == '\n') {
                b[i] = ' '; // one record per line
            }
        }
        return b;
    }

    private static boolean isByteLevel(Op op) {
        return op == Op.TRUNCATE || op == Op.FLIP || op == Op.INVALID_JSON || op == Op.BAD_UTF8;
    }

    /** Whether structural mutations can still parse the text (a JSON text must still be valid). */
    private static boolean isValidStructure(Spec spec, byte[] b) {
        if (spec.shape() != Shape.JSON) {
            return true;
        }
        try (JsonParser p = new JsonFactory().createParser(b)) {
            while (p.nextToken() != null) {
                p.skipChildren();
            }
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    // ---- reading -----------------------------------------------------------------------------

    /** What a read gave: interactions as text, rejects as {@code line field reason}, skips, profiles. */
    record Outcome(List<String> interactions, List<String> rejects, Map<String, Long> skipped, long profiles) {
        long skippedTotal() {
            return skipped.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    private static String key(Interaction i) {
        return act(i.eventId(), i.kind(), i.actorId(), i.targetId()) + " " + i.timeMillis();
    }

    /**
     * Reads an input; every reject is read back from the rejects file, or, without one, taken
     * from the examples when they are all of them (the input is read again with a file if not).
     */
    private Outcome read(InteractionReader reader, Input input, Path rejectsFile, String source) {
        List<String> interactions = new ArrayList<>();
        long[] profiles = {0};
        InteractionSink sink = new InteractionSink() {
            @Override
            public void accept(Interaction interaction) {
                interactions.add(key(interaction));
            }

            @Override
            public void profile(AccountProfile profile) {
                profiles[0]++;
            }
        };
        try {
            if (rejectsFile != null) {
                Files.deleteIfExists(rejectsFile);
            }
            List<String> rejected = new ArrayList<>();
            Map<String, Long> skipped;
            long total;
            try (Rejects rejects = new Rejects(rejectsFile)) {
                try {
                    reader.read(input, sink, rejects);
                } catch (IOException | RuntimeException | Error e) {
                    throw new AssertionError(reader.format() + " threw reading " + input.name() + ": " + e, e);
                }
                skipped = rejects.skippedByReason();
                total = rejects.total();
                if (rejectsFile == null) {
                    if (rejects.total() > rejects.examples().size()) {
                        return read(reader, input, Files.createTempFile(dir, "rejects", ".ndjson"), source);
                    }
                    for (Reject r : rejects.examples()) {
                        assertEquals(source, r.source(), "every reject names the file: " + r);
                        rejected.add(r.line() + " " + r.field() + " " + r.reason());
                    }
                }
            }
            if (rejectsFile != null && Files.exists(rejectsFile)) {
                for (String line : Files.readAllLines(rejectsFile)) {
                    if (line.isBlank()) {
                        continue;
                    }
                    Map<String, String> r = flat(line);
                    assertEquals(source, r.get("source"), "every reject names the file: " + line);
                    rejected.add(r.get("line") + " " + r.get("field") + " " + r.get("reason"));
                }
            }
            assertEquals(total, rejected.size(), "every reject is reported");
            return new Outcome(interactions, rejected, skipped, profiles[0]);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, String> flat(String json) throws IOException {
        Map<String, String> m = new TreeMap<>();
        try (JsonParser p = new JsonFactory().createParser(json)) {
            p.nextToken();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String k = p.currentName();
                p.nextToken();
                m.put(k, p.getText());
            }
        }
        return m;
    }

    // ---- the test ----------------------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @MethodSource("formats")
    void ten_thousand_mutated_records_throw_nothing_lose_nothing_and_leave_valid_ones_alone(Spec spec) throws IOException {
        Random r = new Random(20_240_601L + spec.format().hashCode());
        int total = MUTATED + VALID;
        boolean[] valid = new boolean[total];
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < total; i++) {
            order.add(i);
        }
        Collections.shuffle(order, r);
        for (int i = 0; i < total; i++) {
            valid[i] = order.get(i) < VALID;
        }

        // Write the file: header (CSV), then one record per line.
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        ByteArrayOutputStream siblings = new ByteArrayOutputStream();
        List<byte[]> lines = new ArrayList<>();
        List<Rec> recs = new ArrayList<>();
        Map<Op, Integer> used = new EnumMap<>(Op.class);
        int huge = 0;
        if (!spec.header().isEmpty()) {
            lines.add(utf8(spec.header()));
        }
        for (int n = 0; n < total; n++) {
            Rec rec = spec.generator().record(n, r);
            recs.add(rec);
            boolean makeHuge = !valid[n] && r.nextInt(HUGE_EVERY) == 0;
            huge += makeHuge ? 1 : 0;
            lines.add(valid[n] ? utf8(rec.text()) : mutate(spec, rec, r, used, makeHuge));
            if (rec.sibling() != null) {
                siblings.writeBytes(utf8(rec.sibling()));
                siblings.write('\n');
            }
        }
        for (byte[] line : lines) {
            file.writeBytes(line);
            file.write('\n');
        }
        int first = spec.header().isEmpty() ? 1 : 2; // file line of record 0
        Path path = dir.resolve(spec.fileName());
        Files.write(path, file.toByteArray());
        if (siblings.size() > 0) {
            Files.write(dir.resolve(spec.fileName().replace("RC_", "RS_")), siblings.toByteArray());
        }

        // 1, 2: the whole file.
        InteractionReader reader = spec.reader().get();
        Outcome whole = read(reader, new Input(path), dir.resolve("rejects.ndjson"), path.toString());
        for (String reject : whole.rejects()) {
            long line = Long.parseLong(reject.substring(0, reject.indexOf(' ')));
            assertTrue(line >= 1 && line <= lines.size(), "reject at a line of the file: " + reject);
        }

        // 3: valid records give exactly their interactions.
        List<int[]> groups = spec.shape() == Shape.CSV ? csvGroups(lines, first) : lineGroups(lines, first);
        Map<Integer, int[]> groupAt = new TreeMap<>();
        groups.forEach(g -> groupAt.put(g[0], g));
        List<String> wholeActs = new ArrayList<>();
        for (String i : whole.interactions()) {
            wholeActs.add(i.substring(0, i.lastIndexOf(' ')));
        }
        Map<String, Integer> actCounts = counts(wholeActs);
        int validAlone = 0;
        for (int n = 0; n < total; n++) {
            int line = first + n;
            int[] g = groupAt.get(line);
            if (!valid[n] || g == null || g[1] != line) {
                continue; // swallowed by a CSV record still open from an earlier line
            }
            validAlone++;
            for (String expected : recs.get(n).expected()) {
                assertTrue(actCounts.getOrDefault(expected, 0) >= 1, spec + ": valid record at line " + line
                        + " gives " + expected);
            }
        }
        assertTrue(validAlone >= VALID * 9 / 10, spec + ": " + validAlone + " valid records stand alone");

        // 4: record by record, alone.
        List<String> interactions = new ArrayList<>();
        List<String> rejects = new ArrayList<>();
        Map<String, Long> skipped = new TreeMap<>();
        Path one = dir.resolve(spec.fileName().replace("m.", "one.").replace("RC_m", "RC_one"));
        for (int[] g : groups) {
            ByteArrayOutputStream alone = new ByteArrayOutputStream();
            if (!spec.header().isEmpty()) {
                alone.writeBytes(utf8(spec.header()));
                alone.write('\n');
            }
            for (int line = g[0]; line <= g[1]; line++) {
                alone.writeBytes(lines.get(line - 1));
                if (line < g[1]) {
                    alone.write('\n');
                }
            }
            Input input;
            if (siblings.size() > 0) {
                Files.write(one, alone.toByteArray());
                Files.writeString(dir.resolve(one.getFileName().toString().replace("RC_", "RS_")),
                        recs.get(g[0] - first).sibling() + "\n");
                input = new Input(one);
            } else {
                input = Input.of(one.toString(), alone.toByteArray());
            }
            Outcome o = read(reader, input, null, one.toString());
            int shift = g[0] - first;
            for (String reject : o.rejects()) {
                int space = reject.indexOf(' ');
                long line = Long.parseLong(reject.substring(0, space)) + shift;
                assertTrue(line >= g[0] && line <= g[1], spec + ": a record's reject is at one of its lines: " + reject
                        + " for lines " + g[0] + "-" + g[1]);
                rejects.add(line + reject.substring(space));
            }
            interactions.addAll(o.interactions());
            o.skipped().forEach((k, v) -> skipped.merge(k, v, Long::sum));
            boolean comment = spec.shape() == Shape.WORDS && lines.get(g[0] - 1).length > 0
                    && lines.get(g[0] - 1)[0] == '#';
            if (!comment && !isBlank(lines.get(g[0] - 1))) {
                assertTrue(o.interactions().size() + o.rejects().size() + o.skippedTotal() + o.profiles() >= 1,
                        () -> spec + ": record at line " + g[0] + " vanished: "
                                + new String(lines.get(g[0] - 1), StandardCharsets.UTF_8));
            }
        }
        assertEquals(sorted(interactions), sorted(whole.interactions()), () -> spec + ": the same interactions alone and together; "
                + "only alone: " + minus(interactions, whole.interactions()) + "; only together: "
                + minus(whole.interactions(), interactions));
        assertEquals(sorted(rejects), sorted(whole.rejects()), spec + ": the same rejects alone and together");
        assertEquals(skipped, whole.skipped(), spec + ": the same skips alone and together");

        int mutated = total - VALID;
        assertTrue(mutated >= MUTATED);
        Map<String, Long> reasons = new TreeMap<>();
        for (String reject : whole.rejects()) {
            reasons.merge(reject.substring(reject.lastIndexOf(' ') + 1), 1L, Long::sum);
        }
        System.out.printf(Locale.ROOT, "%s: %,d records (%,d mutated, %,d huge; mutations %s), %,d interactions, "
                        + "%,d rejects %s, %,d skipped %s, %,d CSV records spanning lines%n", spec, total, mutated, huge,
                used, whole.interactions().size(), whole.rejects().size(), reasons, whole.skippedTotal(),
                whole.skipped(), groups.stream().filter(g -> g[1] > g[0]).count());
    }

    /** Blank as the line scanner sees it: spaces and tabs only, once a final '\r' is dropped. */
    private static boolean isBlank(byte[] line) {
        int length = line.length > 0 && line[line.length - 1] == '\r' ? line.length - 1 : line.length;
        for (int i = 0; i < length; i++) {
            if (line[i] != ' ' && line[i] != '\t') {
                return false;
            }
        }
        return true;
    }

    private static List<String> sorted(List<String> list) {
        List<String> copy = new ArrayList<>(list);
        Collections.sort(copy);
        return copy;
    }

    /** What {@code a} holds more often than {@code b}. */
    private static List<String> minus(List<String> a, List<String> b) {
        Map<String, Integer> left = counts(a);
        b.forEach(x -> left.computeIfPresent(x, (k, v) -> v == 1 ? null : v - 1));
        List<String> out = new ArrayList<>();
        left.forEach((k, v) -> out.add(v + " x " + k));
        return out;
    }

    private static Map<String, Integer> counts(List<String> list) {
        Map<String, Integer> m = new java.util.HashMap<>();
        for (String s : list) {
            m.merge(s, 1, Integer::sum);
        }
        return m;
    }

    /** Each line from {@code first} on is one record, {first line, last line}. */
    private static List<int[]> lineGroups(List<byte[]> lines, int first) {
        List<int[]> groups = new ArrayList<>();
        for (int line = first; line <= lines.size(); line++) {
            groups.add(new int[] {line, line});
        }
        return groups;
    }

    /**
     * The lines each CSV record spans, by RFC 4180: a quote opens a quoted field only at the
     * start of a field; inside one a doubled quote is a quote; a record whose quoted field is
     * still open at the end of a line goes on to the next, unless it grew beyond the reader's
     * limit or meets a line too long to buffer. A naive reference for the reader's own grouping.
     */
    private static List<int[]> csvGroups(List<byte[]> lines, int first) {
        int max = GenericCsvReader.MAX_RECORD_BYTES;
        List<int[]> groups = new ArrayList<>();
        int start = -1;
        long size = 0;
        boolean quoted = false;
        for (int line = first; line <= lines.size(); line++) {
            byte[] b = lines.get(line - 1);
            int length = b.length > 0 && b[b.length - 1] == '\r' ? b.length - 1 : b.length;
            if (b.length >= max) {
                groups.add(new int[] {start >= 0 ? start : line, line});
                start = -1;
                quoted = false;
                continue;
            }
            if (start < 0) {
                if (isBlank(Arrays.copyOf(b, length))) {
                    continue;
                }
                start = line;
                size = 0;
            } else {
                size++;
            }
            size += length;
            boolean fieldStart = true;
            for (int i = 0; i < length; i++) {
                byte c = b[i];
                if (quoted) {
                    if (c == '"') {
                        if (i + 1 < length && b[i + 1] == '"') {
                            i++;
                        } else {
                            quoted = false;
                        }
                    }
                } else if (c == ',') {
                    fieldStart = true;
                } else {
                    if (c == '"' && fieldStart) {
                        quoted = true;
                    }
                    fieldStart = false;
                }
            }
            if (quoted && size <= max) {
                continue;
            }
            groups.add(new int[] {start, line});
            start = -1;
            quoted = false;
        }
        if (start >= 0) {
            groups.add(new int[] {start, lines.size()});
        }
        return groups;
    }
}
