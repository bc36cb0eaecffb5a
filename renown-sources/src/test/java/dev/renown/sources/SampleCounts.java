package dev.renown.sources;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.renown.core.event.Interaction;
import dev.renown.core.event.InteractionKind;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The counts that every {@code counts.jq} beside the test samples prints, computed from what a
 * reader produced, so that a test can compare the two. The jq scripts restate the mapping rules
 * of {@code docs/formats.md} without any of the Java code; their output is pasted into the tests
 * as it comes, and each sample's README gives the command that reproduces it.
 *
 * <p>Keys: {@code repost}, {@code quote}, {@code reply}, {@code mention}, {@code like},
 * {@code follow} (interactions of each kind), {@code actors} (distinct actor ids),
 * {@code events} (distinct event ids), {@code accounts} (distinct actors and targets),
 * {@code self} (self-interactions), {@code profiles}, {@code rejects} (in total),
 * {@code rejects.<reason>} and {@code skipped.<reason>}.
 */
final class SampleCounts {

    /** Keys every jq output must have. */
    static final List<String> REQUIRED = List.of("repost", "quote", "reply", "mention", "like", "follow", "actors",
            "rejects");

    private SampleCounts() {
    }

    /** All counts of a reader's output. */
    static Map<String, Long> of(Collected c) {
        Map<String, Long> m = new TreeMap<>();
        for (InteractionKind kind : InteractionKind.values()) {
            m.put(kind.wireName(), c.count(kind));
        }
        m.put("actors", c.distinctActors());
        m.put("events", c.distinctEventIds());
        m.put("accounts", c.interactions.stream().flatMap(i -> Stream.of(i.actorId(), i.targetId())).distinct().count());
        m.put("self", c.interactions.stream().filter(Interaction::isSelfInteraction).count());
        m.put("profiles", (long) c.profiles.size());
        m.put("rejects", c.rejects.total());
        c.rejects.countsByReason().forEach((reason, n) -> m.put("rejects." + reason, n));
        c.rejects.skippedByReason().forEach((reason, n) -> m.put("skipped." + reason, n));
        return m;
    }

    /** A flat JSON object of whole numbers, as jq prints it. */
    static Map<String, Long> parse(String json) {
        Map<String, Long> m = new TreeMap<>();
        try (JsonParser p = new JsonFactory().createParser(json)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalArgumentException("not a JSON object: " + json);
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String key = p.currentName();
                if (p.nextToken() != JsonToken.VALUE_NUMBER_INT) {
                    throw new IllegalArgumentException("'" + key + "' is not a whole number in " + json);
                }
                m.put(key, p.getLongValue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return m;
    }

    /**
     * Asserts that the reader's counts equal jq's for every key jq printed, that jq printed the
     * required keys, and that every reason the reader rejected for was counted by jq.
     */
    static void assertMatches(String jqOutput, Collected c) {
        Map<String, Long> expected = parse(jqOutput);
        for (String key : REQUIRED) {
            assertTrue(expected.containsKey(key), "jq output lacks '" + key + "': " + jqOutput);
        }
        Map<String, Long> all = of(c);
        for (String key : all.keySet()) {
            if (key.startsWith("rejects.")) {
                assertTrue(expected.containsKey(key), "rejected for a reason jq does not count: " + key + " = "
                        + all.get(key) + "; examples: " + c.rejects.examples());
            }
        }
        Map<String, Long> actual = new TreeMap<>();
        for (String key : expected.keySet()) {
            actual.put(key, all.getOrDefault(key, key.contains(".") ? 0L : null));
        }
        assertEquals(expected, actual, () -> "reader counts differ from jq's; rejects: " + c.rejects.examples());
    }
}
