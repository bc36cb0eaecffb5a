package dev.renown.sources.live;

import java.time.Duration;

/**
 * Waits between reconnection attempts. Connectors wait on their stop signal, so that a stop
 * ends the wait; tests pass one that records the waits instead of sleeping.
 */
@FunctionalInterface
public interface Pause {

    void pause(Duration delay) throws InterruptedException;
}
