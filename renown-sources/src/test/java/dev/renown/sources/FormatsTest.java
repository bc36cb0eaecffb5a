package dev.renown.sources;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FormatsTest {

    @TempDir
    Path dir;

    private String detect(String name, String content) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, content);
        return Formats.detect(new Input(file));
    }

    @Test
    void detects_by_extension_then_by_first_line() throws IOException {
        assertEquals("ndjson", detect("a.jsonl", "whatever"));
        assertEquals("csv", detect("a.CSV", "whatever"));
        assertEquals("ndjson", detect("a.txt", "\n{\"kind\":\"like\"}"));
        assertEquals("snap-activity", detect("higgs.txt", "223789 213163 1341100972 MT\n"));
        assertEquals("csv", detect("events", "network,kind,actor,target,time\n"));
    }

    @Test
    void unknown_content_and_empty_files_get_a_clear_message() {
        IOException e = assertThrows(IOException.class, () -> detect("x.dat", "hello world\n"));
        assertTrue(e.getMessage().contains("x.dat") && e.getMessage().contains("--format"), e.getMessage());
        IOException empty = assertThrows(IOException.class, () -> detect("empty.txt", ""));
        assertTrue(empty.getMessage().contains("empty"), empty.getMessage());
    }

    @Test
    void readers_by_name() {
        assertInstanceOf(SnapActivityReader.class, Formats.reader("snap-activity", null));
        assertInstanceOf(GenericNdjsonReader.class, Formats.reader("NDJSON", "x"));
        assertInstanceOf(GenericCsvReader.class, Formats.reader("csv", null));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Formats.reader("xml", null));
        assertTrue(e.getMessage().contains("snap-activity, ndjson, csv"), e.getMessage());
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
