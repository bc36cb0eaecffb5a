package dev.renown.sources;

import com.github.luben.zstd.ZstdOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FormatsTest {

    @TempDir
    Path dir;

    private static Path resource(String name) {
        try {
            return Path.of(FormatsTest.class.getResource("/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private String detect(String name, String content) throws IOException {
        return detect(name, content.getBytes(StandardCharsets.UTF_8));
    }

    private String detect(String name, byte[] content) throws IOException {
        Path file = dir.resolve(name);
        Files.write(file, content);
        return Formats.detect(new Input(file));
    }

    private static byte[] gzip(byte[] content) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream gz = new GZIPOutputStream(bytes)) {
            gz.write(content);
        }
        return bytes.toByteArray();
    }

    private static byte[] zstd(byte[] content) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZstdOutputStream z = new ZstdOutputStream(bytes)) {
            z.write(content);
        }
        return bytes.toByteArray();
    }

    /** The decompressed content of a sample. */
    private static byte[] plain(String resource) throws IOException {
        try (InputStream in = new Input(resource(resource)).open()) {
            return in.readAllBytes();
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            twitter-v2/2sets.jsonl.gz                               | twitter-v2
            twitter-v2/withheld.jsonl.gz                            | twitter-v2
            twitter-v2/streaming_output_with_error.jsonl.gz         | twitter-v2
            twitter-v2/two_tweets.jsonl.gz                          | twitter-v2
            twitter-v2/users.jsonl.gz                               | twitter-v2
            twitter-v2/quoted_edit.jsonl.gz                         | twitter-v2
            twitter-v1/lines.json.gz                                | twitter-v1
            twitter-v1/get_search_raw.json.gz                       | twitter-v1
            twitter-v1/get_mentions.json.gz                         | twitter-v1
            twitter-v1/get_user_timeline_count.json.gz              | twitter-v1
            twitter-v1/get_retweets.json.gz                         | twitter-v1
            twitter-v1/get_status_with_place.json.gz                | twitter-v1
            twitter-v1/friends_timeline-kesuke.json.gz              | twitter-v1
            twitter-v1/get_followers_0.json.gz                      | twitter-v1
            twitter-v1/get_follower_ids_1.json.gz                   | twitter-v1
            mastodon/home-timeline.json                             | mastodon
            mastodon/stream.jsonl                                   | mastodon
            bluesky/jetstream-sample.jsonl                          | bluesky-jetstream
            reddit/RC_2023-01.ndjson                                | reddit
            reddit/RC_2023-01.zst                                   | reddit
            reddit/RS_2023-01.ndjson                                | reddit
            reddit/RS_2023-01.zst                                   | reddit
            higgs/higgs-activity-first2000.txt                      | snap-activity
            snap-edgelist/higgs-retweet_network-first1000.edgelist.gz | snap-edgelist:repost
            snap-edgelist/higgs-mention_network-first1000.edgelist  | snap-edgelist:mention
            snap-edgelist/higgs-reply_network-first1000.edgelist    | snap-edgelist:reply
            generic/higgs-first100.ndjson                           | ndjson
            generic/higgs-first100.csv                              | csv
            """)
    void every_sample_is_detected_as_its_format(String sample, String format) throws IOException {
        assertEquals(format, Formats.detect(new Input(resource(sample))));
        assertEquals(format, Formats.reader(format, null).format(), "the detected name opens a reader");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            twitter-v2/2sets.jsonl.gz                  | twitter-v2
            twitter-v1/get_mentions.json.gz            | twitter-v1
            mastodon/home-timeline.json                | mastodon
            bluesky/jetstream-sample.jsonl             | bluesky-jetstream
            reddit/RC_2023-01.ndjson                   | reddit
            higgs/higgs-activity-first2000.txt         | snap-activity
            generic/higgs-first100.ndjson              | ndjson
            generic/higgs-first100.csv                 | csv
            """)
    void content_decides_whatever_the_name_and_compression(String sample, String format) throws IOException {
        byte[] content = plain(sample);
        assertEquals(format, detect("data", content), "no extension");
        assertEquals(format, detect("data.bin", content), "an unknown extension");
        assertEquals(format, detect("data.gz", gzip(content)), "gzip");
        assertEquals(format, detect("data.dat.zst", zstd(content)), "zstd");
        assertEquals(format, detect("data.zstd", zstd(content)), "zstd, long suffix");
        assertEquals(format, detect("data.txt", gzip(content)), "gzip under a name that does not say so");
    }

    @Test
    void gz_and_zst_suffixes_are_looked_through_for_the_extension_and_the_edge_kind() throws IOException {
        byte[] anything = "hello world\n".getBytes(StandardCharsets.UTF_8);
        assertEquals("csv", detect("events.csv.gz", gzip(anything)));
        assertEquals("csv", detect("events.CSV.ZST", zstd(anything)));
        assertEquals("ndjson", detect("events.ndjson.zst", zstd(anything)));
        assertEquals("ndjson", detect("events.jsonl.gz", gzip(anything)));
        byte[] edges = "1 2 3\n".getBytes(StandardCharsets.UTF_8);
        assertEquals("snap-edgelist:repost", detect("retweet-graph.txt.gz", gzip(edges)));
        assertEquals("snap-edgelist:mention", detect("mention_network.edgelist.zst", zstd(edges)));
        assertEquals("snap-edgelist:reply", detect("reply.txt", edges));
        assertEquals("snap-edgelist", detect("social_network.edgelist", edges));
    }

    @Test
    void pretty_printed_json_is_told_by_its_first_record() throws IOException {
        assertEquals("twitter-v2", detect("page.json", """
                {
                  "data": [
                    {
                      "id": "1500000000000000009",
                      "author_id": "1",
                      "text": "@cy"
                    }
                  ],
                  "meta": {"result_count": 1}
                }
                """));
        assertEquals("bluesky-jetstream", detect("event.json", """
                {
                  "did": "did:plc:a",
                  "time_us": 1725911162329308,
                  "kind": "commit"
                }
                """));
        assertEquals("reddit", detect("comment.json", """
                {
                    "id": "j3c0001",
                    "author": "bob",
                    "subreddit": "AskScience"
                }
                """));
        assertEquals("twitter-v1", detect("users.json", """
                {
                  "users": [
                    {"id_str": "1", "screen_name": "a"}
                  ],
                  "next_cursor": 0
                }
                """));
    }

    @Test
    void arrays_are_told_by_their_first_element() throws IOException {
        assertEquals("mastodon", detect("timeline.json",
                "[\n  {\"id\": \"1\", \"uri\": \"https://a.example/s/1\", \"account\": {\"acct\": \"x\"}},\n  {}\n]\n"));
        assertEquals("twitter-v1", detect("timeline.json",
                "[{\"id\": 1, \"text\": \"legacy\", \"user\": {\"id\": 2}}]"));
        assertEquals("twitter-v2", detect("tweets.json", "[{\"id\": \"1\", \"author_id\": \"2\", \"text\": \"t\"}]"));
        assertEquals("bluesky-jetstream", detect("events.json", "[{\"did\": \"did:plc:a\", \"kind\": \"identity\"}]"));
        assertEquals("ndjson", detect("events.json", "[{\"kind\": \"like\", \"actor\": \"a\", \"target\": \"b\"}]"));
        assertEquals("ndjson", detect("empty.json", "[]"));
    }

    @Test
    void a_byte_order_mark_and_leading_blank_lines_are_looked_past() throws IOException {
        assertEquals("bluesky-jetstream", detect("e", "\uFEFF\n\n  {\"did\":\"did:plc:a\",\"time_us\":1}\n"));
        assertEquals("csv", detect("e", "\uFEFFnetwork,kind,actor,target,time\n"));
        assertEquals("snap-activity", detect("e", "\uFEFF\n1 2 1341100972 RT\n"));
    }

    @Test
    void a_first_record_longer_than_the_sniff_window_is_told_by_the_members_seen() throws IOException {
        String text = "x".repeat(3 << 20);
        String page = "{\"data\":[{\"id\":\"1\",\"author_id\":\"2\",\"text\":\"" + text + "\"}]}\n";
        assertEquals("twitter-v2", detect("big.jsonl", page));
        String status = "{\"id\":\"1\",\"uri\":\"u\",\"account\":{\"acct\":\"a\"},\"content\":\"" + text + "\"}\n";
        assertEquals("mastodon", detect("big.jsonl", status));
    }

    @Test
    void comments_and_blank_lines_before_text_records_are_skipped() throws IOException {
        assertEquals("snap-activity", detect("a.txt", "# Higgs\n\n223789 213163 1341100972 MT\n"));
        assertEquals("snap-edgelist", detect("g.txt", "# Directed graph\n# FromNodeId\tToNodeId\n0\t1\n"));
        assertEquals("csv", detect("events", "\n  \nkind,actor,target,time,network\n"));
    }

    @Test
    void detects_by_extension_then_by_first_line() throws IOException {
        assertEquals("ndjson", detect("a.jsonl", "whatever"));
        assertEquals("csv", detect("a.CSV", "whatever"));
        assertEquals("ndjson", detect("a.txt", "\n{\"kind\":\"like\"}"));
        assertEquals("snap-activity", detect("higgs.txt", "223789 213163 1341100972 MT\n"));
        assertEquals("csv", detect("events", "network,kind,actor,target,time\n"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "\n\n  \n", "# only a comment\n"})
    void empty_files_get_a_clear_message(String content) {
        IOException e = assertThrows(IOException.class, () -> detect("empty.txt", content));
        assertTrue(e.getMessage().contains("empty.txt") && e.getMessage().contains("empty"), e.getMessage());
    }

    @Test
    void unknown_content_gets_a_clear_message() {
        IOException e = assertThrows(IOException.class, () -> detect("x.dat", "hello world\n"));
        assertTrue(e.getMessage().contains("x.dat") && e.getMessage().contains("--format"), e.getMessage());
    }

    @Test
    void readers_by_name() {
        assertInstanceOf(SnapActivityReader.class, Formats.reader("snap-activity", null));
        assertInstanceOf(GenericNdjsonReader.class, Formats.reader("NDJSON", "x"));
        assertInstanceOf(GenericCsvReader.class, Formats.reader("csv", null));
        for (String name : Formats.NAMES) {
            assertEquals(name, Formats.reader(name, null).format());
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Formats.reader("xml", null));
        assertTrue(e.getMessage().contains("snap-activity, ndjson, csv"), e.getMessage());
    }

    @Test
    void a_network_name_must_be_a_token_without_colons() {
        assertThrows(IllegalArgumentException.class, () -> Formats.reader("snap-activity", " "));
        assertThrows(IllegalArgumentException.class, () -> Formats.reader("csv", "a:b"));
        assertEquals("snap-activity", Formats.reader("snap-activity", "higgs").format());
    }

    @Test
    void missing_files_and_directories_are_named() {
        NoSuchFileException missing = assertThrows(NoSuchFileException.class,
                () -> new Input(dir.resolve("nope.txt")).checkReadable());
        assertTrue(missing.getFile().endsWith("nope.txt"));
        IOException directory = assertThrows(IOException.class, () -> new Input(dir).open());
        assertTrue(directory.getMessage().contains("directory"));
    }
}
