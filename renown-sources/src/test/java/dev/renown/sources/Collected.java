package dev.renown.sources;

import dev.renown.core.event.AccountProfile;
import dev.renown.core.event.Interaction;
import dev.renown.core.event.InteractionSink;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** What a reader produced, for assertions. */
final class Collected implements InteractionSink {

    final List<Interaction> interactions = new ArrayList<>();
    final List<AccountProfile> profiles = new ArrayList<>();
    final Rejects rejects = new Rejects();

    @Override
    public void accept(Interaction interaction) {
        interactions.add(interaction);
    }

    @Override
    public void profile(AccountProfile profile) {
        profiles.add(profile);
    }

    static Collected read(InteractionReader reader, Path file) throws IOException {
        Collected c = new Collected();
        reader.read(new Input(file), c, c.rejects);
        return c;
    }

    static Collected read(InteractionReader reader, Path dir, String name, String content) throws IOException {
        return read(reader, dir, name, content.getBytes(StandardCharsets.UTF_8));
    }

    static Collected read(InteractionReader reader, Path dir, String name, byte[] content) throws IOException {
        Path file = dir.resolve(name);
        Files.write(file, content);
        return read(reader, file);
    }

    /** The first {@code lines} lines of the Higgs activity sample, as the SNAP reader reads them (network higgs). */
    static Collected higgsHead(Path dir, int lines) throws IOException {
        return read(new SnapActivityReader("higgs"), dir, "higgs-head.txt", String.join("\n",
                Files.readAllLines(Path.of("src/test/resources/higgs/higgs-activity-first2000.txt")).subList(0, lines)));
    }

    /** Interactions of one kind. */
    long count(dev.renown.core.event.InteractionKind kind) {
        return interactions.stream().filter(i -> i.kind() == kind).count();
    }

    /** Distinct actors of the interactions read. */
    long distinctActors() {
        return interactions.stream().map(Interaction::actorId).distinct().count();
    }

    /** Distinct event ids: equal to the number of interactions when no act is emitted twice. */
    long distinctEventIds() {
        return interactions.stream().map(Interaction::eventId).distinct().count();
    }

    /** The interaction with this event id. */
    Interaction event(String eventId) {
        return interactions.stream().filter(i -> i.eventId().equals(eventId)).findFirst()
                .orElseThrow(() -> new AssertionError("no event " + eventId + " among " + interactions.size()));
    }

    /** Reads a test resource. */
    static Collected resource(InteractionReader reader, String name) throws IOException {
        try {
            return read(reader, Path.of(Collected.class.getResource("/" + name).toURI()));
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    Reject onlyReject() {
        if (rejects.total() != 1) {
            throw new AssertionError("expected one reject, got " + rejects.total() + ": " + rejects.examples());
        }
        return rejects.examples().get(0);
    }
}
