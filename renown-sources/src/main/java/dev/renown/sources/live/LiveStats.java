package dev.renown.sources.live;

import java.util.concurrent.atomic.AtomicLong;

/**
 * What a connector has done so far, readable from any thread while it runs (for progress
 * reports and tests).
 */
public final class LiveStats {

    final AtomicLong received = new AtomicLong();
    final AtomicLong handled = new AtomicLong();
    final AtomicLong interactions = new AtomicLong();
    final AtomicLong commits = new AtomicLong();
    final AtomicLong connections = new AtomicLong();
    final AtomicLong failedAttempts = new AtomicLong();
    final AtomicLong queueFull = new AtomicLong();
    private volatile int maxQueued;
    private volatile String cursor;
    private volatile long cursorMillis = -1;
    private volatile boolean connected;

    /** Messages received from the stream (and timeline pages fetched), discarded ones included. */
    public long received() {
        return received.get();
    }

    /** Messages parsed and handed to the sink. */
    public long handled() {
        return handled.get();
    }

    /** Interactions handed to the sink (before the store drops duplicates). */
    public long interactions() {
        return interactions.get();
    }

    public long commits() {
        return commits.get();
    }

    /** Connections opened. */
    public long connections() {
        return connections.get();
    }

    /** Connection attempts that failed, and connections that ended without being asked to. */
    public long failedAttempts() {
        return failedAttempts.get();
    }

    /**
     * Times the connection found the queue full and had to wait for the writer. Flow control
     * keeps this at 0 on a WebSocket; on HTTP streams the wait is the backpressure.
     */
    public long queueFull() {
        return queueFull.get();
    }

    /** Most messages the queue held at once. */
    public int maxQueued() {
        return maxQueued;
    }

    /** The cursor of the last commit, or null before the first. */
    public String cursor() {
        return cursor;
    }

    /** The stream time the committed cursor stands for, in epoch milliseconds, or -1 if unknown. */
    public long cursorMillis() {
        return cursorMillis;
    }

    public boolean connected() {
        return connected;
    }

    void queued(int size) {
        if (size > maxQueued) {
            maxQueued = size;
        }
    }

    void committed(String c, long millis) {
        commits.incrementAndGet();
        cursor = c;
        cursorMillis = millis;
    }

    void connected(boolean c) {
        connected = c;
    }
}
