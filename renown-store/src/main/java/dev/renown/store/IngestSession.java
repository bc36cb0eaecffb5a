package dev.renown.store;

import dev.renown.core.event.InteractionSink;

/**
 * Receives the interactions of one input and commits them in batches, each batch in one
 * transaction together with the input's progress, so that a crash at any point loses nothing
 * committed and duplicates nothing on resume.
 */
public interface IngestSession extends InteractionSink, AutoCloseable {

    /** Records of this input committed before this session; they are skipped when they come again. */
    long resumedAt();

    /** Commits what is buffered and marks the input complete. */
    IngestResult finish();

    /** Abandons what is buffered (committed batches stay). */
    @Override
    void close();
}
