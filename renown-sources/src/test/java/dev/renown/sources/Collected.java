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

    Reject onlyReject() {
        if (rejects.total() != 1) {
            throw new AssertionError("expected one reject, got " + rejects.total() + ": " + rejects.examples());
        }
        return rejects.examples().get(0);
    }
}
