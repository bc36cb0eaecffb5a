package dev.renown.core.event;

/**
 * Receives what a reader finds: interactions, and profiles of the accounts involved.
 */
public interface InteractionSink {

    /** Receives one valid interaction. */
    void accept(Interaction interaction);

    /** Receives what a source tells about an account; ignored unless the sink keeps profiles. */
    default void profile(AccountProfile profile) {
    }
}
