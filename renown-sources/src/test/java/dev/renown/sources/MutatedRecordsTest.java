package dev.renown.sources;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Feeds each reader thousands of randomly mutated records: no exception escapes, and every
 * record is either read or rejected with a line number — nothing vanishes.
 */
class MutatedRecordsTest {

    private static final int RECORDS = 10_000;
    private static final String INSERTS = " ,:\"{}[]\\x0";

    @TempDir
    Path dir;

    private static byte[] mutate(byte[] valid, Random r) {
        byte[] b = valid.clone();
        int edits = 1 + r.nextInt(4);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < b.length; i++) {
            if (edits > 0 && r.nextInt(b.length) < 2) {
                edits--;
                switch (r.nextInt(4)) {
                    case 0: continue;                                   // delete
                    case 1: out.write(r.nextInt(256)); break;          // replace with any byte
                    case 2: out.write(b[i]); out.write(INSERTS.charAt(r.nextInt(INSERTS.length()))); continue; // insert
                    default: out.write(b[i]); out.write(b[i]); continue; // duplicate
                }
                continue;
            }
            out.write(b[i]);
        }
        byte[] result = out.toByteArray();
        for (int i = 0; i < result.length; i++) {
            if (result[i] == '\n' || result[i] == '\r') {
                result[i] = ' '; // one record per line, so counts can be checked
            }
        }
        return result;
    }

    private void check(InteractionReader reader, String name, String header, String valid, long seed)
            throws IOException {
        Random r = new Random(seed);
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        file.writeBytes(header.getBytes(StandardCharsets.UTF_8));
        int nonBlank = 0;
        for (int i = 0; i < RECORDS; i++) {
            byte[] line = r.nextInt(5) == 0 ? valid.getBytes(StandardCharsets.UTF_8)
                    : mutate(valid.getBytes(StandardCharsets.UTF_8), r);
            file.writeBytes(line);
            file.write('\n');
            String text = new String(line, StandardCharsets.ISO_8859_1);
            if (!text.isBlank() && !(name.endsWith(".txt") && text.startsWith("#"))) {
                nonBlank++;
            }
        }
        Collected c = Collected.read(reader, dir, name, file.toByteArray());
        // Duplicated and shortened quotes can merge CSV lines into one record, so for CSV only
        // "at least one outcome per record start" holds; for line formats it is exact.
        if (name.endsWith(".csv")) {
            assertTrue(c.interactions.size() + c.rejects.total() <= nonBlank, name);
            assertTrue(c.interactions.size() + c.rejects.total() > nonBlank / 2, name);
        } else {
            assertEquals(nonBlank, c.interactions.size() + c.rejects.total(), name);
        }
        assertTrue(c.interactions.size() >= RECORDS / 5, name + ": the unmutated records are read");
        for (Reject reject : c.rejects.examples()) {
            assertTrue(reject.line() >= 1 && reject.reason() != null && !reject.reason().isBlank(), reject.toString());
        }
    }

    @Test
    void snap_activity() throws IOException {
        check(new SnapActivityReader(), "m.txt", "", "223789 213163 1341100972 MT", 1);
    }

    @Test
    void ndjson() throws IOException {
        check(new GenericNdjsonReader(), "m.ndjson", "", "{\"id\":\"7\",\"network\":\"x\",\"kind\":\"reply\","
                + "\"actor\":\"a\",\"target\":\"b\",\"time\":\"2024-05-01T12:00:00Z\",\"hashtags\":[\"ai\"]}", 2);
    }

    @Test
    void csv() throws IOException {
        check(new GenericCsvReader(), "m.csv", "network,kind,actor,target,time,text\n",
                "x,reply,a,b,2024-05-01T12:00:00Z,\"hi, there\"", 3);
    }
}
