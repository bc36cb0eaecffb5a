package dev.renown.core.testing;

import dev.renown.core.event.EventTable;
import dev.renown.core.event.EventTableBuilder;
import dev.renown.core.event.Interaction;
import dev.renown.core.event.InteractionKind;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Small event tables for tests, written the way one would draw them. */
public final class Events {

    /** The instant tests score as of, unless they say otherwise. */
    public static final Instant T0 = Instant.parse("2024-05-01T12:00:00Z");

    private final List<Interaction> interactions = new ArrayList<>();
    private final String network;

    private Events(String network) {
        this.network = network;
    }

    public static Events events() {
        return new Events("test");
    }

    /** {@code actor} did {@code kind} to {@code target} at {@link #T0}. */
    public Events add(String actor, InteractionKind kind, String target) {
        return add(actor, kind, target, T0);
    }

    /** {@code actor} did {@code kind} to {@code target} {@code age} before {@link #T0}. */
    public Events add(String actor, InteractionKind kind, String target, Duration age) {
        return add(actor, kind, target, T0.minus(age));
    }

    public Events add(String actor, InteractionKind kind, String target, Instant time) {
        interactions.add(new Interaction(network + "-" + interactions.size(), network, kind, actor, target,
                time.toEpochMilli(), null, null, null, List.of()));
        return this;
    }

    /** An interaction carrying the actor's post id. */
    public Events addWithPost(String actor, InteractionKind kind, String target, Instant time, String postId) {
        interactions.add(new Interaction(network + "-" + interactions.size(), network, kind, actor, target,
                time.toEpochMilli(), postId, null, null, List.of()));
        return this;
    }

    public Events add(Interaction interaction) {
        interactions.add(interaction);
        return this;
    }

    public List<Interaction> list() {
        return List.copyOf(interactions);
    }

    public EventTable table() {
        return table(interactions);
    }

    public static EventTable table(List<Interaction> interactions) {
        EventTableBuilder builder = new EventTableBuilder();
        interactions.forEach(builder::accept);
        return builder.build();
    }
}
