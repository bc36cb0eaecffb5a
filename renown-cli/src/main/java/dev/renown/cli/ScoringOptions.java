package dev.renown.cli;

import dev.renown.sources.ParameterFile;
import dev.renown.core.integrity.Defences;
import dev.renown.core.event.EventTable;
import dev.renown.core.score.ScoringParameters;
import dev.renown.core.validation.Calibrator;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/** The options that change how scores are computed. */
final class ScoringOptions {

    @Option(names = "--as-of", paramLabel = "TIME", converter = TimeArguments.InstantConverter.class,
            description = "Score as of this time (2012-07-04, 2012-07-04T12:00:00Z or Unix seconds); "
                    + "only interactions up to it count. Default: the last interaction in the input.")
    Instant asOf;

    @Option(names = "--window", paramLabel = "DURATION", converter = TimeArguments.DurationConverter.class,
            description = "How far back from the as-of time interactions count (default: 90d).")
    Duration window;

    @Option(names = "--half-life", paramLabel = "DURATION", converter = TimeArguments.DurationConverter.class,
            description = "Age at which an interaction counts half (default: 30d).")
    Duration halfLife;

    @Option(names = "--topic", paramLabel = "TOPIC",
            description = "Score only the interactions with this topic: who is influential about it. A hashtag, or "
                    + "with --topics content / --taxonomy a content key or taxonomy topic.")
    String topic;

    @Option(names = "--params", paramLabel = "FILE",
            description = "Signal weights and timescales from a file written by 'renown fit --out', instead of "
                    + "calibrating them on the data.")
    Path params;

    @Option(names = "--recalibrate",
            description = "Calibrate again even when a calibration of the same input files, as-of time and "
                    + "options is cached (in renown-data/calibrations).")
    boolean recalibrate;

    @Option(names = "--priors",
            description = "Score with the documented prior weights and timescales instead of calibrating them "
                    + "on the data's own past.")
    boolean priors;

    @Option(names = "--defences", paramLabel = "LIST",
            description = "Integrity defences: all (default), none, or a comma-separated list of "
                    + "closed-clusters, bursts, devoted.")
    String defences;

    @Option(names = "--threads", paramLabel = "N",
            description = "Threads for propagation (default: all processors).")
    Integer threads;

    /**
     * The parameters to score {@code table} as of {@code asOfMillis} with, and how they were chosen:
     * from {@code --params}, the priors with {@code --priors}, or calibrated on the table's own past.
     */
    Calibrator.Calibration calibrated(EventTable table, long asOfMillis, java.io.PrintWriter err) throws IOException {
        return calibrated(table, asOfMillis, null, err);
    }

    /**
     * As {@link #calibrated(EventTable, long, java.io.PrintWriter)}; with a {@code cacheKey} (what
     * identifies the input: its files, sizes and modification times), a calibration made before for
     * the same key, as-of time and options is read back instead of fitted again.
     */
    Calibrator.Calibration calibrated(EventTable table, long asOfMillis, String cacheKey, java.io.PrintWriter err)
            throws IOException {
        ScoringParameters base = parameters();
        if (params != null) {
            return new Calibrator.Calibration(base, false, "given in " + params, null, null);
        }
        if (priors) {
            return new Calibrator.Calibration(Calibrator.priors(base), false, "documented priors (--priors)", null,
                    null);
        }
        Path cached = cacheKey == null ? null : CalibrationCache.file(cacheKey + "|" + asOfMillis + "|" + base);
        if (cached != null && !recalibrate) {
            java.util.Optional<Calibrator.Calibration> hit = CalibrationCache.read(cached, base);
            if (hit.isPresent()) {
                return hit.get();
            }
        }
        int[] stage = {0};
        Calibrator.Calibration c;
        try (Progress progress = new Progress(err, () -> stage[0] < Calibrator.FOLDS
                ? "calibrating weights and timescales on the data's own past: fold " + (stage[0] + 1)
                : "calibrating weights and timescales on the data's own past: searching")) {
            c = Calibrator.calibrate(table, asOfMillis, base, i -> stage[0] = i);
        }
        if (cached != null) {
            CalibrationCache.write(cached, c);
        }
        return c;
    }

    ScoringParameters parameters() throws IOException {
        ScoringParameters p = ScoringParameters.defaults();
        if (params != null) {
            p = ParameterFile.read(params, p);
        }
        if (window != null) {
            p = p.withWindow(window);
        }
        if (halfLife != null) {
            p = p.withHalfLife(halfLife);
        }
        if (threads != null) {
            p = p.withThreads(threads);
        }
        if (defences != null) {
            p = p.withDefences(Defences.parse(defences));
        }
        return p;
    }
}
