package dev.renown.sources;

import dev.renown.core.event.InteractionSink;

import java.io.IOException;

/**
 * Turns one input in some format into validated interactions.
 *
 * <p>A reader never stops at a bad record: it reports it to the {@link Rejects} with its line,
 * field and reason, and goes on. It throws only when the input cannot be read at all.
 */
public interface InteractionReader {

    /** The format's name, as given to {@code --format}. */
    String format();

    void read(Input input, InteractionSink sink, Rejects rejects) throws IOException;
}
