package dev.renown.cli;

import dev.renown.core.event.AccountProfile;
import dev.renown.core.event.EventTable;
import dev.renown.core.event.EventTableBuilder;
import dev.renown.core.event.Interaction;
import dev.renown.core.event.InteractionSink;
import dev.renown.sources.Formats;
import dev.renown.sources.Input;
import dev.renown.sources.InteractionReader;
import dev.renown.sources.PipelinedReader;
import dev.renown.sources.Reject;
import dev.renown.sources.Rejects;
import dev.renown.sources.TimeBound;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Where interactions come from: the {@code --input}, {@code --format} and related options. */
final class InputOptions {

    @Option(names = {"-i", "--input"}, paramLabel = "FILE", required = true,
            description = "Interaction file to read (gzip is recognised); repeat for several files.")
    List<Path> inputs = new ArrayList<>();

    @Option(names = {"-f", "--format"}, paramLabel = "FORMAT",
            description = "Input format: ${COMPLETION-CANDIDATES}. Detected from the file when omitted.",
            completionCandidates = FormatNames.class)
    String format;

    @Option(names = "--network", paramLabel = "NAME",
            description = "Network of the accounts for formats that do not say (default for SNAP: snap).")
    String network;

    @Option(names = "--rejects", paramLabel = "FILE", defaultValue = "renown-rejects.ndjson",
            description = "Where records that cannot be read are written, one JSON object each "
                    + "(default: ${DEFAULT-VALUE}, only created when a record is rejected).")
    Path rejectsFile;

    @Option(names = "--clock-skew", paramLabel = "DURATION", converter = TimeArguments.DurationConverter.class,
            description = "How far beyond this machine's clock an interaction may be dated (default: 1d); later ones "
                    + "are rejected as future-time. Nothing is too old.")
    java.time.Duration clockSkew;

    /** The latest time a record may carry: the clock plus {@code --clock-skew}. */
    static TimeBound timeBound(java.time.Duration clockSkew) {
        return clockSkew == null ? TimeBound.defaults() : TimeBound.of(clockSkew);
    }

    static final class FormatNames extends ArrayList<String> {
        FormatNames() {
            super(Formats.NAMES);
        }
    }

    /** What loading found. */
    record Loaded(EventTable table, Rejects rejects, long records) {
    }

    /** Reads every input into one table, showing progress on stderr for long reads. */
    Loaded load(PrintWriter err) throws IOException {
        return load(err, null);
    }

    /** As {@link #load(PrintWriter)}, the events' topics from {@code topics} (the hashtags when null). */
    Loaded load(PrintWriter err, dev.renown.core.event.TopicSource topics) throws IOException {
        if (format != null) {
            Formats.reader(format, network); // fail early on an unknown format name
        }
        List<Input> files = new ArrayList<>();
        for (Path path : inputs) {
            Input input = new Input(path).withTimeBound(timeBound(clockSkew));
            input.checkReadable();
            files.add(input);
        }
        EventTableBuilder builder = EventTableBuilder.withTopics(topics);
        long[] records = new long[1];
        InteractionSink counting = new InteractionSink() {
            @Override
            public void accept(Interaction interaction) {
                records[0]++;
                builder.accept(interaction);
            }

            @Override
            public void profile(AccountProfile profile) {
                builder.profile(profile);
            }
        };
        Rejects rejects = new Rejects(rejectsFile);
        try (rejects) {
            for (Input input : files) {
                String fmt = format != null ? format : Formats.detect(input);
                InteractionReader reader = Formats.reader(fmt, network);
                long size = input.size();
                try (Progress progress = new Progress(err, () -> String.format(Locale.ROOT,
                        "reading %s: %s%s, %,d interactions", input.name(), Progress.mb(input.bytesRead()),
                        size > 0 ? String.format(Locale.ROOT, " of %s (%d%%)", Progress.mb(size),
                                100 * input.bytesRead() / size) : "", records[0]))) {
                    PipelinedReader.read(reader, input, counting, rejects);
                }
            }
        }
        return new Loaded(builder.build(), rejects, records[0]);
    }

    /** Prints what was rejected, if anything, to stderr. */
    static void reportRejects(Rejects rejects, PrintWriter err) {
        if (rejects.total() == 0) {
            return;
        }
        StringBuilder reasons = new StringBuilder();
        for (Map.Entry<String, Long> e : rejects.countsByReason().entrySet()) {
            reasons.append(reasons.length() == 0 ? "" : ", ").append(e.getKey()).append(' ')
                    .append(String.format(Locale.ROOT, "%,d", e.getValue()));
        }
        err.printf(Locale.ROOT, "renown: %,d records rejected (%s); all of them are in %s%n", rejects.total(),
                reasons, rejects.file());
        for (Reject r : rejects.examples()) {
            err.println("  " + r.describe());
        }
        if (rejects.total() > rejects.examples().size()) {
            err.printf(Locale.ROOT, "  … and %,d more%n", rejects.total() - rejects.examples().size());
        }
    }
}
