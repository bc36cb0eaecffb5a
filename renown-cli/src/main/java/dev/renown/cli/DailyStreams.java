package dev.renown.cli;

import dev.renown.store.Store;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What the daily cycle reads while it serves: the watched folders, read at each poll, and the
 * live streams of its configuration, each on its own thread into the same store, resuming from
 * its stored cursor. Closing stops the streams (each commits its last batch) and the folders.
 */
final class DailyStreams implements AutoCloseable {

    private final WatchedFolders folders;
    private final List<Follow> follows = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();

    DailyStreams(Store store, DailyConfig config, PrintWriter out, PrintWriter err) {
        this.folders = new WatchedFolders(store, config, out, err);
        for (int i = 0; i < config.follow().size(); i++) {
            DailyConfig.FollowSource source = config.follow().get(i);
            // Each stream its own rejects file: two writers to one file would overwrite each other.
            Path rejects = config.rejects().resolveSibling(stem(config.rejects()) + "-follow-" + (i + 1) + ".ndjson");
            Follow follow = new Follow(source.source(), source.options(), null, rejects, null, System::getenv, out, err);
            follows.add(follow);
            threads.add(new Thread(() -> {
                try {
                    follow.run(store, false);
                } catch (Exception e) {
                    synchronized (err) {
                        err.println("renown: the " + source.source() + " stream stopped: " + (e.getMessage() == null
                                ? e.getClass().getSimpleName() : e.getMessage()));
                        err.flush();
                    }
                }
            }, "renown-follow-" + source.source() + "-" + (i + 1)));
        }
    }

    private static String stem(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(".ndjson") ? name.substring(0, name.length() - ".ndjson".length()) : name;
    }

    /** The watched folders, to be read at each tick of the cycle. */
    WatchedFolders folders() {
        return folders;
    }

    /** Starts the live streams. */
    void start() {
        threads.forEach(Thread::start);
    }

    @Override
    public void close() {
        follows.forEach(Follow::stop);
        for (Thread t : threads) {
            try {
                t.join(15_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        try {
            folders.close();
        } catch (IOException e) {
            // the rejects file; nothing more to say at shutdown
        }
    }
}
