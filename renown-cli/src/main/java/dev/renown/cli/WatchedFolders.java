package dev.renown.cli;

import dev.renown.sources.Rejects;
import dev.renown.store.Store;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The daily cycle's watched folders: each poll ingests the files that appeared or changed in them
 * since the last, in name order, as {@code renown ingest} would (a file already ingested is
 * recognised by its content and skipped; one stopped half-way resumes).
 *
 * <p>A file is left for the next poll while it may still be being written: names starting with
 * a dot or ending in {@code .part} or {@code .tmp}, and files changed in the last
 * {@value #SETTLE_MILLIS} ms. Write a file under a temporary name and rename it when done.
 */
final class WatchedFolders implements Runnable, AutoCloseable {

    /** How long a file must be left unchanged before it is read. */
    static final long SETTLE_MILLIS = 2_000;

    private final Store store;
    private final List<DailyConfig.Watch> folders;
    private final java.time.Duration clockSkew;
    private final Rejects rejects;
    private final PrintWriter out;
    private final PrintWriter err;
    /** Files seen as path, size and modification time; a file that changes is read again. */
    private final Set<String> done = new HashSet<>();
    private long filesIngested;

    WatchedFolders(Store store, DailyConfig config, PrintWriter out, PrintWriter err) {
        this.store = store;
        this.folders = config.watch();
        this.clockSkew = config.clockSkew();
        this.rejects = new Rejects(config.rejects());
        this.out = out;
        this.err = err;
    }

    /** Files ingested (or found already ingested) so far. */
    synchronized long filesIngested() {
        return filesIngested;
    }

    @Override
    public synchronized void run() {
        long now = System.currentTimeMillis();
        for (DailyConfig.Watch watch : folders) {
            List<Path> files = new ArrayList<>();
            try (DirectoryStream<Path> dir = Files.newDirectoryStream(watch.folder())) {
                dir.forEach(files::add);
            } catch (IOException e) {
                say("cannot read the watched folder " + watch.folder() + ": " + e.getMessage());
                continue;
            }
            files.sort(null);
            for (Path file : files) {
                String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
                if (name.startsWith(".") || name.endsWith(".part") || name.endsWith(".tmp")) {
                    continue;
                }
                BasicFileAttributes attributes;
                try {
                    attributes = Files.readAttributes(file, BasicFileAttributes.class);
                } catch (IOException e) {
                    continue; // gone since the listing
                }
                long modified = attributes.lastModifiedTime().toMillis();
                String seen = file + "|" + attributes.size() + "|" + modified;
                if (!attributes.isRegularFile() || done.contains(seen) || now - modified < SETTLE_MILLIS) {
                    continue;
                }
                try {
                    long rejectedBefore = rejects.total();
                    IngestCommand.forFiles(watch.format(), watch.network(), clockSkew).ingest(store, file, rejects, out,
                            err);
                    filesIngested++;
                    if (rejects.total() > rejectedBefore) {
                        rejects.flush();
                        say(String.format(Locale.ROOT, "%s: %,d records rejected; they are in %s", file,
                                rejects.total() - rejectedBefore, rejects.file()));
                    }
                } catch (Exception e) {
                    say("cannot ingest " + file + ": " + (e.getMessage() == null ? e.getClass().getSimpleName()
                            : e.getMessage()) + "; it is read again when it changes");
                }
                done.add(seen);
                out.flush();
            }
        }
    }

    private void say(String message) {
        synchronized (err) {
            err.println("renown: " + message);
            err.flush();
        }
    }

    @Override
    public void close() throws IOException {
        rejects.close();
    }
}
