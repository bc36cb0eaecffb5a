package dev.renown.sources.live;

import dev.renown.core.event.AccountProfile;
import dev.renown.core.event.Interaction;
import dev.renown.core.event.InteractionSink;

import java.io.IOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The writer half of a connector: a bounded queue that the connection fills, and one thread
 * that takes messages from it in order, parses each into the sink, and commits by count or by
 * time with the cursor that covers every message parsed so far. Because messages are parsed in
 * the order received and a commit covers all of them, the stored cursor always stands for a
 * prefix of the stream that is stored whole.
 */
final class LiveEngine {

    /** What kind of message the connection received. */
    enum Kind {
        /** A text message (WebSocket) or a server-sent event's data. */
        TEXT,
        /** A timeline page fetched to fill a gap. */
        PAGE,
        /** A message longer than the connector reads; rejected. */
        TOO_LONG,
        /** A binary WebSocket message; rejected. */
        BINARY
    }

    /**
     * One message.
     *
     * @param sequence number in the stream, from 1, across reconnections (rejects give it)
     * @param source   where it came from (the stream's URL), for rejects
     * @param name     the server-sent event's name, or null
     * @param text     the message, or its first characters for {@link Kind#TOO_LONG}
     */
    record Message(long sequence, String source, Kind kind, String name, String text) {
    }

    /** Parses messages for one source; called on the writer thread only. */
    interface Handler {
        void handle(Message m, InteractionSink sink) throws IOException;

        /** The cursor covering every message handled so far, or null. */
        String cursor();

        /** Stream time of that cursor in epoch milliseconds, or -1. */
        long cursorMillis();

        /** Hands skip counts to the rejects. */
        void flushSkips();
    }

    private static final Message END = new Message(0, null, Kind.TEXT, null, null);

    private final LiveOptions options;
    private final LiveSink sink;
    private final Handler handler;
    private final LiveStats stats;
    private final Runnable taken;
    private final Runnable stop;
    private final BlockingQueue<Message> queue;
    private final Thread thread;
    private final InteractionSink counting;
    private volatile Throwable failure;

    /**
     * @param taken        run after each message leaves the queue (a WebSocket grants one more)
     * @param stop  asks the connector to stop: run when {@link LiveOptions#maxMessages()}
     *              messages are handled, or when the sink fails
     */
    LiveEngine(LiveOptions options, LiveSink sink, Handler handler, LiveStats stats, Runnable taken, Runnable stop) {
        this.options = options;
        this.sink = sink;
        this.handler = handler;
        this.stats = stats;
        this.taken = taken;
        this.stop = stop;
        this.queue = new ArrayBlockingQueue<>(options.queueCapacity());
        this.thread = new Thread(this::loop, "renown-live-writer");
        this.thread.setDaemon(true);
        this.counting = new InteractionSink() {
            @Override
            public void accept(Interaction interaction) {
                stats.interactions.incrementAndGet();
                sink.accept(interaction);
            }

            @Override
            public void profile(AccountProfile profile) {
                sink.profile(profile);
            }
        };
    }

    void start() {
        thread.start();
    }

    /** Free places in the queue. */
    int remainingCapacity() {
        return queue.remainingCapacity();
    }

    /** Queues a message, waiting while the queue is full (counted in {@link LiveStats#queueFull()}). */
    void put(Message m) throws InterruptedException {
        stats.received.incrementAndGet();
        if (!queue.offer(m)) {
            stats.queueFull.incrementAndGet();
            while (!queue.offer(m, 100, TimeUnit.MILLISECONDS)) {
                if (!thread.isAlive()) {
                    return; // the writer failed; run() reports it
                }
            }
        }
        stats.queued(queue.size());
    }

    /** The writer's failure, if it stopped on one. */
    Throwable failure() {
        return failure;
    }

    /** Lets the writer parse and commit what is queued, then stops it. */
    void finish() throws InterruptedException {
        while (thread.isAlive() && !queue.offer(END, 100, TimeUnit.MILLISECONDS)) {
            // the writer is draining a full queue
        }
        thread.join();
    }

    private void loop() {
        long pending = 0;
        long deadline = 0;
        boolean limited = false;
        long intervalNanos = options.batchInterval().toNanos();
        try {
            while (true) {
                long wait = pending == 0 ? intervalNanos : deadline - System.nanoTime();
                Message m = wait > 0 ? queue.poll(wait, TimeUnit.NANOSECONDS) : queue.poll();
                if (m == END) {
                    break;
                }
                if (m != null) {
                    taken.run();
                    if (limited) {
                        continue; // past --max-events: not read, not covered by the cursor
                    }
                    handler.handle(m, counting);
                    stats.handled.incrementAndGet();
                    if (pending++ == 0) {
                        deadline = System.nanoTime() + intervalNanos;
                    }
                    if (options.maxMessages() > 0 && stats.handled.get() >= options.maxMessages()) {
                        limited = true;
                        commit();
                        pending = 0;
                        stop.run();
                        continue;
                    }
                }
                if (pending >= options.batchMessages() || (pending > 0 && System.nanoTime() - deadline >= 0)) {
                    commit();
                    pending = 0;
                }
            }
            if (pending > 0) {
                commit();
            }
        } catch (InterruptedException e) {
            failure = e;
        } catch (IOException | RuntimeException | Error e) {
            failure = e;
            stop.run();
        }
    }

    private void commit() {
        handler.flushSkips();
        String cursor = handler.cursor();
        sink.commit(cursor);
        stats.committed(cursor, handler.cursorMillis());
    }
}
