package dev.renown.cli;

import dev.renown.core.score.ScoringParameters;
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

    @Option(names = "--topic", paramLabel = "HASHTAG",
            description = "Score only the interactions tagged with this hashtag: who is influential about it.")
    String topic;

    @Option(names = "--params", paramLabel = "FILE",
            description = "Signal weights from a file written by 'renown fit --out'.")
    Path params;

    @Option(names = "--threads", paramLabel = "N",
            description = "Threads for propagation (default: all processors).")
    Integer threads;

    ScoringParameters parameters() throws IOException {
        ScoringParameters p = ScoringParameters.defaults();
        if (params != null) {
            p = p.withSignalWeights(ParameterFile.readSignalWeights(params));
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
        return p;
    }
}
