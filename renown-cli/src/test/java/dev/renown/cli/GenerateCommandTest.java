package dev.renown.cli;

import dev.renown.core.event.Interaction;
import dev.renown.sources.GenericNdjsonReader;
import dev.renown.sources.Input;
import dev.renown.sources.Rejects;
import dev.renown.store.ExportFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GenerateCommandTest {

    @TempDir
    Path dir;

    private int run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Renown.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        assertTrue(code != 0 || err.toString().isEmpty() || err.toString().contains("generate:"), err.toString());
        return code;
    }

    @Test
    void the_same_options_give_the_same_file_and_parquet_holds_the_same_interactions() throws Exception {
        Path a = dir.resolve("a.ndjson.gz");
        Path b = dir.resolve("b.ndjson.gz");
        Path p = dir.resolve("c.parquet");
        for (Path out : List.of(a, b, p)) {
            assertEquals(0, run("generate", "--interactions", "5k", "--accounts", "500", "--seed", "7", "--out",
                    out.toString(), "--quiet"));
        }
        assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b));
        List<Interaction> fromNdjson = new ArrayList<>();
        try (Rejects rejects = new Rejects(dir.resolve("rejects.ndjson"))) {
            new GenericNdjsonReader().read(new Input(a), new dev.renown.core.event.InteractionSink() {
                @Override
                public void accept(Interaction i) {
                    fromNdjson.add(i);
                }
            }, rejects);
            assertEquals(0, rejects.total());
        }
        List<Interaction> fromParquet = new ArrayList<>();
        assertEquals(5000, ExportFiles.readInteractions(p, new dev.renown.core.event.InteractionSink() {
            @Override
            public void accept(Interaction i) {
                fromParquet.add(i);
            }
        }));
        assertEquals(5000, fromNdjson.size());
        for (int i = 0; i < fromNdjson.size(); i++) {
            Interaction x = fromNdjson.get(i);
            Interaction y = fromParquet.get(i);
            assertEquals(List.of(x.eventId(), x.network(), x.kind(), x.actorId(), x.targetId(), x.timeMillis()),
                    List.of(y.eventId(), y.network(), y.kind(), y.actorId(), y.targetId(), y.timeMillis()));
            assertEquals(String.valueOf(x.postId()), String.valueOf(y.postId()));
            assertEquals(String.valueOf(x.targetPostId()), String.valueOf(y.targetPostId()));
        }
        assertTrue(Files.list(dir).noneMatch(f -> f.getFileName().toString().startsWith(".renown-generate")),
                "the temporary NDJSON is removed");
    }

    @Test
    void a_bad_output_name_or_missing_option_is_a_usage_error() {
        assertEquals(2, run("generate", "--interactions", "10", "--accounts", "10", "--out",
                dir.resolve("x.csv").toString()));
        assertEquals(2, run("generate", "--interactions", "10", "--out", dir.resolve("x.parquet").toString()));
    }
}
