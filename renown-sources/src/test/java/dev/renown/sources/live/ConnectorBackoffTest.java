package dev.renown.sources.live;

import dev.renown.sources.Rejects;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A connector whose server refuses every connection (a closed loopback port) waits longer and
 * longer between attempts: the waits are recorded through an injected {@link Pause}, not timed.
 */
class ConnectorBackoffTest {

    private static final Backoff BACKOFF = new Backoff(Duration.ofMillis(100), Duration.ofMillis(1000), 0.5);
    private static final int ATTEMPTS = 7;

    private static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** Records each wait; stops the connector after {@link #ATTEMPTS} of them. */
    private static final class Recorder implements Pause {
        final List<Duration> waits = new ArrayList<>();
        LiveConnector connector;

        @Override
        public void pause(Duration delay) {
            waits.add(delay);
            if (waits.size() == ATTEMPTS) {
                connector.stop();
            }
        }
    }

    private static void assertGrowing(List<Duration> waits) {
        assertEquals(ATTEMPTS, waits.size());
        for (int i = 0; i < waits.size(); i++) {
            Duration ceiling = BACKOFF.ceiling(i + 1);
            Duration d = waits.get(i);
            assertTrue(d.compareTo(ceiling.dividedBy(2)) >= 0 && d.compareTo(ceiling) <= 0, "wait " + (i + 1) + ": " + d);
            if (i > 0 && BACKOFF.ceiling(i + 1).compareTo(BACKOFF.max()) < 0) {
                assertTrue(d.compareTo(waits.get(i - 1)) >= 0, "wait " + (i + 1) + " " + d + " after " + waits.get(i - 1));
            }
        }
        assertEquals(Duration.ofMillis(1000), BACKOFF.ceiling(ATTEMPTS), "the last waits are capped");
        assertTrue(waits.get(ATTEMPTS - 1).compareTo(BACKOFF.max()) <= 0);
    }

    @Test
    void jetstream_waits_longer_after_each_refused_connection_up_to_the_cap() throws Exception {
        Recorder pause = new Recorder();
        List<String> log = new ArrayList<>();
        MemorySink sink = new MemorySink(null);
        JetstreamConnector c = new JetstreamConnector(
                JetstreamConnector.Config.of(URI.create("ws://127.0.0.1:" + closedPort() + "/subscribe")),
                LiveOptions.DEFAULT.withBackoff(BACKOFF), sink, new Rejects(), log::add, pause, new SplittableRandom(3));
        pause.connector = c;
        c.run();
        assertGrowing(pause.waits);
        assertEquals(ATTEMPTS, c.stats().failedAttempts());
        assertEquals(0, c.stats().connections());
        for (int i = 0; i < ATTEMPTS; i++) {
            assertTrue(log.get(i).startsWith("cannot connect") && log.get(i).endsWith("(attempt " + (i + 1) + ")"), log.get(i));
        }
        assertEquals(List.of(), sink.commits, "nothing read, nothing committed");
    }

    @Test
    void mastodon_waits_longer_after_each_refused_connection_up_to_the_cap() throws Exception {
        Recorder pause = new Recorder();
        List<String> log = new ArrayList<>();
        MastodonConnector c = new MastodonConnector(
                MastodonConnector.Config.of(URI.create("http://127.0.0.1:" + closedPort()),
                        MastodonConnector.Stream.parse("public"), null),
                LiveOptions.DEFAULT.withBackoff(BACKOFF), new MemorySink(null), new Rejects(), log::add, pause,
                new SplittableRandom(4));
        pause.connector = c;
        c.run();
        assertGrowing(pause.waits);
        assertEquals(ATTEMPTS, log.size());
    }
}
