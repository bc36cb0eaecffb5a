package dev.renown.cli;

import dev.renown.core.event.AccountProfile;
import dev.renown.core.event.Interaction;
import dev.renown.core.event.InteractionSink;
import dev.renown.sources.Formats;
import dev.renown.sources.Input;
import dev.renown.sources.InteractionReader;
import dev.renown.sources.PipelinedReader;
import dev.renown.sources.Rejects;
import dev.renown.store.IngestProgress;
import dev.renown.store.IngestResult;
import dev.renown.store.IngestSession;
import dev.renown.store.Store;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/** {@code renown ingest}: loads interaction files into the store, idempotently and resumably. */
@Command(name = "ingest", mixinStandardHelpOptions = true,
        description = "Load interaction files into the database. Each interaction is stored once (by event id); "
                + "an ingest that was stopped resumes after its last committed batch.")
final class IngestCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.ArgGroup(exclusive = false, multiplicity = "1")
    InputOptions input = new InputOptions();

    @Mixin
    StoreOptions storeOptions = new StoreOptions();

    @Option(names = "--batch", paramLabel = "N", defaultValue = "" + Store.DEFAULT_BATCH,
            description = "Interactions per committed batch (default: ${DEFAULT-VALUE}).")
    int batch;

    @Override
    public Integer call() throws Exception {
        if (batch < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--batch must be >= 1");
        }
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter out = spec.commandLine().getOut();
        for (Path path : input.inputs) {
            new Input(path).checkReadable();
        }
        // Opening the database (native library, migrations) takes about a second: it happens
        // while the first file is already being read.
        CompletableFuture<Store> opening = new CompletableFuture<>();
        Thread opener = new Thread(() -> {
            try {
                opening.complete(storeOptions.open());
            } catch (IOException | RuntimeException e) {
                opening.completeExceptionally(e);
            }
        }, "renown-open-store");
        opener.setDaemon(true);
        opener.start();
        Rejects rejects = new Rejects(input.rejectsFile);
        try (rejects) {
            for (Path path : input.inputs) {
                ingest(opening, path, rejects, out, err);
            }
            Store store = await(opening);
            try (store) {
                out.printf(Locale.ROOT, "%,d interactions in %s%n", store.interactionCount(), store.url());
            }
        } catch (RuntimeException e) {
            opening.thenAccept(Store::close);
            throw e;
        }
        InputOptions.reportRejects(rejects, err);
        out.flush();
        return rejects.total() > 0 ? Renown.EXIT_REJECTS : 0;
    }

    private static Store await(CompletableFuture<Store> opening) throws IOException {
        try {
            return opening.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof IOException) {
                throw (IOException) e.getCause();
            }
            if (e.getCause() instanceof RuntimeException) {
                throw (RuntimeException) e.getCause();
            }
            throw e;
        }
    }

    /** Thrown from the sink to stop reading a file that is already completely ingested. */
    private static final class AlreadyIngested extends RuntimeException {
        final IngestProgress progress;

        AlreadyIngested(IngestProgress progress) {
            super(null, null, false, false);
            this.progress = progress;
        }
    }

    /** Receives the reader's output; opens the ingest session when the first record arrives. */
    private final class SessionSink implements InteractionSink {
        final CompletableFuture<Store> opening;
        final Path path;
        final String key;
        final String format;
        Store store;
        IngestSession session;
        long run;
        long seen;

        SessionSink(CompletableFuture<Store> opening, Path path, String key, String format) {
            this.opening = opening;
            this.path = path;
            this.key = key;
            this.format = format;
        }

        IngestSession session() {
            if (session == null) {
                try {
                    store = await(opening);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                Optional<IngestProgress> before = store.progress(key);
                if (before.isPresent() && before.get().completed()) {
                    throw new AlreadyIngested(before.get());
                }
                run = store.startRun("ingest", path.toString(), "format=" + format + ", batch=" + batch);
                session = store.beginIngest(key, path.toString(), run, batch);
                if (session.resumedAt() > 0) {
                    spec.commandLine().getErr().printf(Locale.ROOT, "renown: resuming %s after %,d committed records%n",
                            path, session.resumedAt());
                }
            }
            return session;
        }

        @Override
        public void accept(Interaction i) {
            seen++;
            session().accept(i);
        }

        @Override
        public void profile(AccountProfile p) {
            session().profile(p);
        }
    }

    private void ingest(CompletableFuture<Store> opening, Path path, Rejects rejects, PrintWriter out, PrintWriter err)
            throws Exception {
        long start = System.nanoTime();
        Input in = new Input(path);
        String format = input.format != null ? input.format : Formats.detect(in);
        InteractionReader reader = Formats.reader(format, input.network);
        SessionSink sink = new SessionSink(opening, path, SourceKeys.of(path), format);
        long size = in.size();
        IngestResult result;
        try (Progress progress = new Progress(err, () -> String.format(Locale.ROOT,
                "ingesting %s: %s of %s (%d%%), %,d interactions", path, Progress.mb(in.bytesRead()),
                Progress.mb(size), size > 0 ? 100 * in.bytesRead() / size : 0, sink.seen))) {
            try {
                PipelinedReader.read(reader, in, sink, rejects);
                result = sink.session().finish();
            } catch (AlreadyIngested e) {
                out.printf(Locale.ROOT, "%s: already ingested (%,d records, run %d); nothing to do%n", path,
                        e.progress.recordsDone(), e.progress.runId());
                return;
            } finally {
                if (sink.session != null) {
                    sink.session.close();
                }
            }
        }
        String summary = String.format(Locale.ROOT, "%,d interactions read, %,d added, %,d already stored, "
                        + "%,d skipped (committed before), %,d profiles, in %.2f s", result.records(), result.inserted(),
                result.duplicates(), result.skipped(), result.profiles(), (System.nanoTime() - start) / 1e9);
        sink.store.finishRun(sink.run, summary);
        out.println(path + ": " + summary);
    }
}
