package dev.renown.cli;

import dev.renown.core.event.AccountProfile;
import dev.renown.core.event.Interaction;
import dev.renown.core.event.InteractionSink;
import dev.renown.sources.Formats;
import dev.renown.sources.Input;
import dev.renown.sources.InteractionReader;
import dev.renown.sources.PipelinedReader;
import dev.renown.sources.Rejects;
import dev.renown.sources.TimeBound;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;

/**
 * {@code renown ingest}: loads interaction files into the store, idempotently and resumably, or
 * follows a live stream ({@code --follow}, see {@link Follow}).
 */
@Command(name = "ingest", mixinStandardHelpOptions = true,
        description = {"Load interaction files into the database. Each interaction is stored once (by event id); "
                + "an ingest that was stopped resumes after its last committed batch.",
            "With --follow, read a live stream (Bluesky Jetstream, Mastodon streaming) until Ctrl+C or SIGTERM, "
                + "committing each batch with the stream's cursor; a restart resumes from it."})
final class IngestCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.ArgGroup(exclusive = true, multiplicity = "1")
    Sources sources = new Sources();

    /** Files, or one live stream. */
    static final class Sources {
        @Option(names = {"-i", "--input"}, paramLabel = "FILE",
                description = "Interaction file to read (gzip and zstd are recognised); repeat for several files.")
        List<Path> inputs = new ArrayList<>();

        @Option(names = "--follow", paramLabel = "SOURCE",
                description = "Follow a live stream instead of reading files: ${COMPLETION-CANDIDATES}.")
        Follow.Source follow;
    }

    @Option(names = {"-f", "--format"}, paramLabel = "FORMAT",
            description = "Input format: ${COMPLETION-CANDIDATES}. Detected from the file when omitted.",
            completionCandidates = InputOptions.FormatNames.class)
    String format;

    @Option(names = "--network", paramLabel = "NAME",
            description = "Network of the accounts for formats that do not say (default for SNAP: snap).")
    String network;

    @Option(names = "--rejects", paramLabel = "FILE", defaultValue = "renown-rejects.ndjson",
            description = "Where records that cannot be read are written, one JSON object each, with their file and "
                    + "line, or stream URL and message number (default: ${DEFAULT-VALUE}, only created when a record "
                    + "is rejected).")
    Path rejectsFile;

    @Mixin
    StoreOptions storeOptions = new StoreOptions();

    @Mixin
    FollowOptions follow = new FollowOptions();

    @Option(names = "--clock-skew", paramLabel = "DURATION", converter = TimeArguments.DurationConverter.class,
            description = "How far beyond this machine's clock an interaction may be dated (default: 1d); later ones "
                    + "are rejected as future-time. Nothing is too old: historical data loads as it is.")
    java.time.Duration clockSkew;

    @Option(names = "--batch", paramLabel = "N",
            description = "Interactions per committed batch for files (default: " + Store.DEFAULT_BATCH
                    + "); with --follow, messages per commit (default: 1000).")
    Integer batch;

    /** Environment lookup, for the Mastodon token. */
    Function<String, String> env = System::getenv;

    @Override
    public Integer call() throws Exception {
        if (batch != null && batch < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--batch must be >= 1");
        }
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter out = spec.commandLine().getOut();
        if (sources.follow != null) {
            if (format != null || network != null) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "--format and --network are for files; a live stream has its own format");
            }
            return new Follow(sources.follow, follow, storeOptions, rejectsFile, batch, env, out, err).run();
        }
        if (follow.any()) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--url, --collections, --stream, --streaming-url, --token-env, --max-events, --max-seconds, "
                            + "--rewind and --commit-seconds go with --follow");
        }
        for (Path path : sources.inputs) {
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
        Rejects rejects = new Rejects(rejectsFile);
        try (rejects) {
            for (Path path : sources.inputs) {
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

        final PrintWriter err;

        SessionSink(CompletableFuture<Store> opening, Path path, String key, String format, PrintWriter err) {
            this.err = err;
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
                int size = batch != null ? batch : Store.DEFAULT_BATCH;
                run = store.startRun("ingest", path.toString(), "format=" + format + ", batch=" + size);
                session = store.beginIngest(key, path.toString(), run, size);
                if (session.resumedAt() > 0) {
                    err.printf(Locale.ROOT, "renown: resuming %s after %,d committed records%n",
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

    /**
     * An ingest of files into an open store, as {@code renown ingest --input} does it, for the
     * daily cycle's watched folders.
     *
     * @param format the files' format, or null to detect each
     * @param network the accounts' network for formats that do not say, or null
     */
    static IngestCommand forFiles(String format, String network, java.time.Duration clockSkew) {
        IngestCommand command = new IngestCommand();
        command.format = format;
        command.network = network;
        command.clockSkew = clockSkew;
        return command;
    }

    /** Ingests one file into {@code store} (resuming, or nothing when it is already in), as {@link #call()} does. */
    void ingest(Store store, Path path, Rejects rejects, PrintWriter out, PrintWriter err) throws Exception {
        new Input(path).checkReadable();
        ingest(CompletableFuture.completedFuture(store), path, rejects, out, err);
    }

    private void ingest(CompletableFuture<Store> opening, Path path, Rejects rejects, PrintWriter out, PrintWriter err)
            throws Exception {
        if (path.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".parquet") && format == null) {
            ingestParquet(opening, path, rejects, out, err);
            return;
        }
        long start = System.nanoTime();
        Input in = new Input(path).withTimeBound(InputOptions.timeBound(clockSkew));
        String format = this.format != null ? this.format : Formats.detect(in);
        InteractionReader reader = Formats.reader(format, network);
        SessionSink sink = new SessionSink(opening, path, SourceKeys.of(path), format, err);
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

    /**
     * A Parquet file with the columns {@code renown export} writes ({@code renown generate} writes
     * them too): loaded inside the database when it reads Parquet itself ({@link Store#loadParquet}),
     * otherwise through an ingest session like any other file.
     */
    private void ingestParquet(CompletableFuture<Store> opening, Path path, Rejects rejects, PrintWriter out,
                               PrintWriter err) throws Exception {
        long start = System.nanoTime();
        Store store = await(opening);
        String key = SourceKeys.of(path);
        Optional<IngestProgress> before = store.progress(key);
        if (before.isPresent() && before.get().completed()) {
            out.printf(Locale.ROOT, "%s: already ingested (%,d records, run %d); nothing to do%n", path,
                    before.get().recordsDone(), before.get().runId());
            return;
        }
        long run = store.startRun("ingest", path.toString(), "format=parquet");
        TimeBound bound = InputOptions.timeBound(clockSkew);
        IngestResult result;
        try (Progress progress = new Progress(err, () -> "ingesting " + path)) {
            result = ExportLoad.load(store, path, key, run, bound, batch != null ? batch : Store.DEFAULT_BATCH,
                    (row, field, reason, detail, record) -> rejects.add(path.toString(), row, field, reason, detail,
                            record));
        }
        String summary = String.format(Locale.ROOT, "%,d interactions read, %,d added, %,d already stored, "
                        + "%,d skipped (committed before), %,d profiles, in %.2f s", result.records(), result.inserted(),
                result.duplicates(), result.skipped(), result.profiles(), (System.nanoTime() - start) / 1e9);
        store.finishRun(run, summary);
        out.println(path + ": " + summary);
    }
}
