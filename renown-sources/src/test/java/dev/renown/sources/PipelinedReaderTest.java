package dev.renown.sources;

import dev.renown.core.event.AccountKey;
import dev.renown.core.event.AccountProfile;
import dev.renown.core.event.Interaction;
import dev.renown.core.event.InteractionKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PipelinedReaderTest {

    @TempDir
    Path dir;

    /** Emits n interactions with a profile after every 1000th. */
    private static InteractionReader emitting(int n) {
        return new InteractionReader() {
            @Override
            public String format() {
                return "test";
            }

            @Override
            public void read(Input input, dev.renown.core.event.InteractionSink sink, Rejects rejects) {
                for (int i = 0; i < n; i++) {
                    sink.accept(Interaction.of("x", InteractionKind.LIKE, "a" + i, "b", i));
                    if (i % 1000 == 0) {
                        sink.profile(AccountProfile.named(new AccountKey("x", "a" + i), "h" + i, null));
                    }
                }
            }
        };
    }

    @Test
    void hands_over_everything_in_order() throws IOException {
        Collected c = new Collected();
        PipelinedReader.read(emitting(50_001), new Input(dir.resolve("unused")), c, c.rejects);
        assertEquals(50_001, c.interactions.size());
        for (int i = 0; i < c.interactions.size(); i++) {
            assertEquals(i, c.interactions.get(i).timeMillis());
        }
        assertEquals(51, c.profiles.size());
        assertEquals("h50000", c.profiles.get(50).handle());
    }

    @Test
    void a_reader_failure_reaches_the_caller() {
        IOException failure = new IOException("disk on fire");
        InteractionReader failing = new InteractionReader() {
            @Override
            public String format() {
                return "test";
            }

            @Override
            public void read(Input input, dev.renown.core.event.InteractionSink sink, Rejects rejects)
                    throws IOException {
                for (int i = 0; i < 10_000; i++) {
                    sink.accept(Interaction.of("x", InteractionKind.LIKE, "a", "b", i));
                }
                throw failure;
            }
        };
        List<Interaction> seen = new ArrayList<>();
        IOException thrown = assertThrows(IOException.class, () -> PipelinedReader.read(failing,
                new Input(dir.resolve("unused")), seen::add, new Rejects()));
        assertSame(failure, thrown);
        assertEquals(10_000, seen.size());
    }

    @Test
    void a_sink_failure_stops_the_reader() {
        IllegalStateException boom = new IllegalStateException("sink full");
        IllegalStateException thrown = assertThrows(IllegalStateException.class,
                () -> PipelinedReader.read(emitting(1_000_000), new Input(dir.resolve("unused")), i -> {
                    if (i.timeMillis() == 5000) {
                        throw boom;
                    }
                }, new Rejects()));
        assertSame(boom, thrown);
    }

    @Test
    void a_reader_stopped_by_a_failing_sink_ends_without_an_uncaught_exception() throws InterruptedException {
        List<Throwable> uncaught = Collections.synchronizedList(new ArrayList<>());
        Thread.UncaughtExceptionHandler before = Thread.getDefaultUncaughtExceptionHandler();
        Thread.setDefaultUncaughtExceptionHandler((t, e) -> uncaught.add(e));
        try {
            for (int round = 0; round < 20; round++) {
                int stopAt = 1000 * round;
                assertThrows(IllegalStateException.class, () -> PipelinedReader.read(emitting(1_000_000),
                        new Input(dir.resolve("unused")), i -> {
                            if (i.timeMillis() == stopAt) {
                                throw new IllegalStateException("sink full");
                            }
                        }, new Rejects()));
            }
            // Wait for every reader thread to finish, then look at what escaped them.
            for (Thread t : Thread.getAllStackTraces().keySet()) {
                if (t.getName().equals("renown-reader")) {
                    t.join();
                }
            }
        } finally {
            Thread.setDefaultUncaughtExceptionHandler(before);
        }
        assertEquals(List.of(), uncaught);
    }
}
