package dev.renown.sources;

import dev.renown.core.event.AccountProfile;
import dev.renown.core.event.Interaction;
import dev.renown.core.event.InteractionSink;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Runs a reader on its own thread and hands what it finds to the sink on the calling thread, in
 * batches through a small bounded queue: decompression and parsing overlap with whatever the
 * sink does (interning, loading), and memory stays bounded however fast the reader is. The sink
 * sees interactions and profiles in the reader's order.
 */
public final class PipelinedReader {

    private static final int BATCH = 4096;
    /** Up to 64 × 4,096 interactions wait for the consumer: a few tens of MB at most. */
    private static final int QUEUED_BATCHES = 64;
    private static final Object[] END = new Object[0];

    private PipelinedReader() {
    }

    public static void read(InteractionReader reader, Input input, InteractionSink sink, Rejects rejects)
            throws IOException {
        BlockingQueue<Object[]> queue = new ArrayBlockingQueue<>(QUEUED_BATCHES);
        Throwable[] failure = new Throwable[1];
        Thread producer = new Thread(() -> {
            Batcher batcher = new Batcher(queue);
            try {
                reader.read(input, batcher, rejects);
            } catch (Stopped stopped) {
                return; // the consumer is gone: nobody waits for the rest
            } catch (Throwable t) {
                failure[0] = t;
            }
            try {
                batcher.flush(); // what was read before a failure still arrives, as it would unpipelined
                batcher.put(END);
            } catch (Stopped stopped) {
                // the consumer is gone
            }
        }, "renown-reader");
        producer.setDaemon(true);
        producer.start();
        try {
            for (Object[] batch; (batch = queue.take()) != END; ) {
                for (Object item : batch) {
                    if (item instanceof Interaction) {
                        sink.accept((Interaction) item);
                    } else if (item instanceof AccountProfile) {
                        sink.profile((AccountProfile) item);
                    } else {
                        break; // the unused tail of the last batch
                    }
                }
            }
            producer.join();
        } catch (RuntimeException | Error e) {
            producer.interrupt(); // the sink failed: stop the reader instead of leaving it blocked
            throw e;
        } catch (InterruptedException e) {
            producer.interrupt();
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while reading " + input.name());
        }
        if (failure[0] instanceof IOException) {
            throw (IOException) failure[0];
        }
        if (failure[0] instanceof RuntimeException) {
            throw (RuntimeException) failure[0];
        }
        if (failure[0] instanceof Error) {
            throw (Error) failure[0];
        }
    }

    /** Collects items into batches and queues them. */
    private static final class Batcher implements InteractionSink {
        private final BlockingQueue<Object[]> queue;
        private Object[] batch = new Object[BATCH];
        private int size;

        Batcher(BlockingQueue<Object[]> queue) {
            this.queue = queue;
        }

        @Override
        public void accept(Interaction interaction) {
            add(interaction);
        }

        @Override
        public void profile(AccountProfile profile) {
            add(profile);
        }

        private void add(Object item) {
            batch[size++] = item;
            if (size == BATCH) {
                flush();
            }
        }

        void flush() {
            if (size > 0) {
                put(batch);
                batch = new Object[BATCH];
                size = 0;
            }
        }

        void put(Object[] items) {
            try {
                queue.put(items);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new Stopped();
            }
        }
    }

    /**
     * Thrown on the reader's thread when the consumer interrupted it (its sink failed, or it was
     * interrupted itself): the reader unwinds and its thread ends quietly.
     */
    private static final class Stopped extends RuntimeException {
        Stopped() {
            super("reader stopped: the consumer is gone", null, false, false);
        }
    }
}
