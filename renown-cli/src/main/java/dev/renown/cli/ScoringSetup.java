package dev.renown.cli;

import dev.renown.core.event.EventTable;
import dev.renown.core.graph.InteractionGraph;
import dev.renown.core.score.ScoreBoard;
import dev.renown.core.score.Scorer;
import dev.renown.core.score.ScoringParameters;
import dev.renown.core.validation.Calibrator;
import dev.renown.store.Store;
import picocli.CommandLine.Mixin;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Loads interactions — from input files, or from the store when no file is given — and scores
 * them, reporting what was skipped; shared by the scoring commands.
 */
final class ScoringSetup {

    @Mixin
    ScoringOptions scoring = new ScoringOptions();

    @Mixin
    StoreOptions store = new StoreOptions();

    @Mixin
    TopicOptions topics = new TopicOptions();

    /** The scores, how their parameters were chosen, and the exit code the load calls for. */
    record Scored(ScoreBoard board, Calibrator.Calibration calibration, int exitCode) {
    }

    Scored load(InputOptions input, PrintWriter err) throws IOException {
        return load(input, err, true);
    }

    /**
     * Loads and scores; with {@code keepEvents} false the board keeps only the accounts of the
     * events it was scored from (enough for rankings, not for explanations), and the events are
     * let go as soon as they are folded into the graph, before the signals are computed.
     */
    Scored load(InputOptions input, PrintWriter err, boolean keepEvents) throws IOException {
        return load(input, err, keepEvents, scoring.topic);
    }

    /**
     * As {@link #load(InputOptions, PrintWriter, boolean)}, scoring only the interactions tagged
     * with {@code topic}, or all of them when it is null, whatever {@code --topic} says
     * ({@code renown find} ranks by topic but needs every interaction for audiences and overlaps).
     */
    Scored load(InputOptions input, PrintWriter err, boolean keepEvents, String topic) throws IOException {
        if (input == null || input.inputs.isEmpty()) {
            return loadStore(err, keepEvents, topic);
        }
        long start = System.nanoTime();
        dev.renown.core.event.TopicSource source = topics.source(err);
        InputOptions.Loaded loaded = input.load(err, source);
        long loadedAt = System.nanoTime();
        dev.renown.sources.Rejects rejects = loaded.rejects();
        long records = loaded.records();
        InputOptions.reportRejects(rejects, err);
        long lastOfAll = loaded.table().lastInteractionMillis();
        EventTable table = onTopic(loaded.table(), topic);
        loaded = null;
        if (table.duplicatesSkipped() > 0) {
            err.printf(Locale.ROOT, "renown: %,d duplicate interactions (same event id) counted once%n",
                    table.duplicatesSkipped());
        }
        int self = table.selfInteractions();
        if (self > 0) {
            err.printf(Locale.ROOT, "renown: %,d self-interactions ignored%n", self);
        }
        long asOf = scoring.asOf != null ? scoring.asOf.toEpochMilli() : lastOfAll == Long.MIN_VALUE ? 0 : lastOfAll;
        Calibrator.Calibration calibration = scoring.calibrated(table, asOf,
                CalibrationCache.key(input.inputs, input.format, input.network,
                        topic == null ? null : topic + "|topics=" + topics.describe()), err);
        reportCalibration(calibration, err);
        AtomicReference<EventTable> handedOver = new AtomicReference<>(table);
        table = null;
        ScoreBoard board = score(new Scorer(calibration.parameters()), handedOver, asOf, keepEvents, err);
        long scoredAt = System.nanoTime();
        err.printf(Locale.ROOT, "renown: read %,d interactions in %.2f s, scored %,d accounts in %.2f s, "
                        + "peak heap %,d MB%n", records, (loadedAt - start) / 1e9, board.size(),
                (scoredAt - loadedAt) / 1e9, peakHeapBytes() >> 20);
        if (board.size() == 0) {
            err.println("renown: no interactions between two different accounts in the window; nothing to score");
        }
        return new Scored(board, calibration, rejects.total() > 0 || topics.problems > 0 ? Renown.EXIT_REJECTS : 0);
    }

    /**
     * Scores the handed-over table as of {@code asOf}, showing progress. Without
     * {@code keepEvents} the board is given only the table's accounts once its graph is built,
     * and the events can be collected then: the caller hands over its last reference in
     * {@code handedOver}, which this empties (a local variable of the caller's would keep them
     * alive: the frame of a method run once is interpreted, and holds its locals until they are
     * overwritten).
     */
    private static ScoreBoard score(Scorer scorer, AtomicReference<EventTable> handedOver, long asOf,
                                    boolean keepEvents, PrintWriter err) {
        EventTable table = handedOver.getAndSet(null);
        int events = table.size();
        try (Progress progress = new Progress(err, () -> "scoring " + String.format(Locale.ROOT, "%,d", events)
                + " interactions")) {
            if (keepEvents) {
                return scorer.score(table, asOf);
            }
            InteractionGraph graph = scorer.fold(table, asOf);
            table = table.accountsOnly();
            return scorer.score(table, graph);
        }
    }

    /** The interactions tagged with {@code name}, or all of them when it is null. */
    private EventTable onTopic(EventTable table, String name) {
        if (name == null) {
            return table;
        }
        int topic = table.topicIndex(name);
        if (topic < 0) {
            throw new Renown.UserError(topics.hashtagsOnly()
                    ? "no interaction is tagged #" + (name.startsWith("#") ? name.substring(1) : name)
                    : "no interaction has the topic '" + name + "'", 1);
        }
        return table.withTopic(topic);
    }

    /**
     * Scores the interactions in the store, in the window before the as-of time, with the
     * calibration stored for that day (written by backfill), or calibrated now when there is none.
     */
    private Scored loadStore(PrintWriter err, boolean keepEvents, String topic) throws IOException {
        long start = System.nanoTime();
        ScoringParameters parameters = scoring.parameters();
        dev.renown.core.event.TopicSource source = topics.source(err);
        EventTable table;
        long asOf;
        String url;
        Calibrator.Calibration calibration;
        try (Store s = store.open()) {
            url = s.url();
            OptionalLong last = s.lastInteractionMillis();
            if (last.isEmpty()) {
                throw new Renown.UserError("no interactions in " + s.url() + "; load some with renown ingest, "
                        + "or score a file with --input", 1);
            }
            asOf = scoring.asOf != null ? scoring.asOf.toEpochMilli() : last.getAsLong();
            java.time.LocalDate day = java.time.Instant.ofEpochMilli(asOf).atZone(java.time.ZoneOffset.UTC).toLocalDate();
            java.util.Optional<dev.renown.store.StoredCalibration> stored = scoring.params == null && !scoring.priors
                    ? s.calibration(day) : java.util.Optional.empty();
            // Calibrating reads folds reaching back up to three horizons before the window.
            long from = asOf - parameters.window().toMillis() - (stored.isPresent() || scoring.params != null
                    || scoring.priors ? 0 : Calibrator.FOLDS * 30L * 86_400_000L);
            try (Progress progress = new Progress(err, () -> "reading interactions from " + url)) {
                table = onTopic(s.load(from, asOf, source), topic);
            }
            calibration = stored.isPresent()
                    ? new Calibrator.Calibration(Calibrator.decode(stored.get().parameters(), parameters),
                            stored.get().fitted(), "in force since " + stored.get().day() + ", " + stored.get().reason(),
                            null, null)
                    : scoring.calibrated(table, asOf, err);
        }
        reportCalibration(calibration, err);
        long loadedAt = System.nanoTime();
        int events = table.size();
        AtomicReference<EventTable> handedOver = new AtomicReference<>(table);
        table = null;
        ScoreBoard board = score(new Scorer(calibration.parameters()), handedOver, asOf, keepEvents, err);
        err.printf(Locale.ROOT, "renown: read %,d interactions from %s in %.2f s, scored %,d accounts in %.2f s, "
                        + "peak heap %,d MB%n", events, url, (loadedAt - start) / 1e9, board.size(),
                (System.nanoTime() - loadedAt) / 1e9, peakHeapBytes() >> 20);
        if (board.size() == 0) {
            err.println("renown: no interactions between two different accounts in the window; nothing to score");
        }
        return new Scored(board, calibration, topics.problems > 0 ? Renown.EXIT_REJECTS : 0);
    }

    /** Says on stderr which weights and timescales score, and why. */
    static void reportCalibration(Calibrator.Calibration c, PrintWriter err) {
        err.println("renown: parameters " + c.reason() + ": " + EvaluationOutput.describe(c.parameters()));
    }

    /** The sum of the heap pools' peak usage so far: an upper bound of the peak heap in use. */
    static long peakHeapBytes() {
        long peak = 0;
        for (java.lang.management.MemoryPoolMXBean pool : java.lang.management.ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == java.lang.management.MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak;
    }
}
