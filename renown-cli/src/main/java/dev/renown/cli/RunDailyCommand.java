package dev.renown.cli;

import dev.renown.core.score.ScoringParameters;
import dev.renown.sources.ParameterFile;
import dev.renown.store.Backfill;
import dev.renown.store.DailyCycle;
import dev.renown.store.RunRecord;
import dev.renown.store.Store;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code renown run-daily}: one turn of the daily cycle for cron — read the watched folders, then
 * score every day that came due and has no snapshot yet ({@link DailyCycle}) — and exit.
 */
@Command(name = "run-daily", mixinStandardHelpOptions = true,
        description = {"One turn of the daily cycle, for cron: ingest the new files of the configured folders, then "
                + "score each day that came due (at the configured UTC time, default 00:00) and has no snapshot, "
                + "oldest first, the days missed included. Every day's run is recorded (renown serve shows them at "
                + "/api/v1/runs). Exit code 1 when a day failed; the days before it are kept.",
            "Live streams in the configuration are read by renown serve --daily, not here."})
final class RunDailyCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Parameters(paramLabel = "CONFIG", arity = "0..1",
            description = "The daily configuration (docs/daily.md); without it, the defaults: midnight UTC, no folder.")
    Path config;

    @Option(names = "--params", paramLabel = "FILE",
            description = "Signal weights and timescales (JSON, as written by renown fit) for every day, instead of "
                    + "the calibration in force on each day.")
    Path params;

    @Mixin
    StoreOptions storeOptions = new StoreOptions();

    @Mixin
    TopicOptions topics = new TopicOptions();

    @Override
    public Integer call() throws Exception {
        DailyConfig daily = config == null ? DailyConfig.defaults() : DailyConfig.read(config);
        ScoringParameters parameters = ScoringParameters.defaults();
        if (params != null) {
            parameters = ParameterFile.read(params, parameters);
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!daily.follow().isEmpty()) {
            err.println("renown: the configuration's " + daily.follow().size() + " live stream(s) are read by renown "
                    + "serve --daily, not by run-daily");
        }
        try (Store store = storeOptions.open(); WatchedFolders folders = new WatchedFolders(store, daily, out, err)) {
            folders.run();
            DailyCycle cycle = new DailyCycle(store, new Backfill(store, parameters, params != null,
                    topics.source(err)), daily.schedule(),
                    Clock.systemUTC(), params != null ? parameters.toString() : "calibration in force", m -> {
                        err.println("renown: " + m);
                        err.flush();
                    });
            List<RunRecord> runs;
            try (Progress progress = new Progress(err, () -> "daily cycle: scoring")) {
                runs = cycle.runDue(day -> { });
            }
            if (runs.isEmpty()) {
                out.println("No day due: the latest due day, " + DailyCycle.latestDue(java.time.Instant.now(),
                        daily.schedule().at()) + ", is scored (or there is no interaction yet).");
            }
            boolean failed = false;
            for (RunRecord r : runs) {
                out.println(r.day() + " " + r.status() + ": " + r.summary());
                failed |= RunRecord.FAILED.equals(r.status());
            }
            return failed ? 1 : 0;
        }
    }
}
