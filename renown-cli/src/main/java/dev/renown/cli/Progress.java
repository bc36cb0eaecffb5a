package dev.renown.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Shows how a long operation is doing on stderr: nothing for the first second, then one update
 * per second rewritten in place on a terminal — or one line every ten seconds when stderr is a
 * file or a pipe — and a last line when it ends.
 */
final class Progress implements AutoCloseable {

    /** Period of the lines written to a file or a pipe; {@code -Drenown.progress.millis} sets another (tests). */
    private static final long LOG_PERIOD_MILLIS = Long.getLong("renown.progress.millis", 10_000);
    private static final long FIRST_REPORT_MILLIS = Math.min(1000, LOG_PERIOD_MILLIS);
    private static final long PERIOD_MILLIS = 1000;

    private final PrintWriter err;
    private final Supplier<String> status;
    private final Thread thread;
    private final boolean terminal = System.console() != null;
    private final long start = System.nanoTime();
    private volatile boolean done;
    private boolean printed;

    Progress(PrintWriter err, Supplier<String> status) {
        this.err = err;
        this.status = status;
        this.thread = new Thread(this::run, "renown-progress");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    private void run() {
        try {
            Thread.sleep(FIRST_REPORT_MILLIS);
            while (!done) {
                print(false);
                Thread.sleep(terminal ? PERIOD_MILLIS : LOG_PERIOD_MILLIS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private synchronized void print(boolean last) {
        if (done && !last) {
            return;
        }
        String line = String.format(Locale.ROOT, "%s (%.1f s)", status.get(), (System.nanoTime() - start) / 1e9);
        err.print(terminal ? "\r" + line + "\033[K" : line + "\n");
        if (last && terminal) {
            err.print("\n");
        }
        err.flush();
        printed = true;
    }

    @Override
    public void close() {
        done = true;
        thread.interrupt();
        synchronized (this) {
            if (printed) {
                print(true);
            }
        }
    }

    /** Megabytes with one decimal. */
    static String mb(long bytes) {
        return String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
    }
}
