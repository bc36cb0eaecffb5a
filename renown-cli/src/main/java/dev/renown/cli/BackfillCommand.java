package dev.renown.cli;

import dev.renown.core.score.ScoringParameters;

import dev.renown.store.Backfill;
import dev.renown.store.Store;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.concurrent.Callable;

/** {@code renown backfill}: one snapshot per day, each from its own past. */
@Command(name = "backfill", mixinStandardHelpOptions = true,
        description = "Write one score snapshot per UTC day from --from to --to: each day's scores as of its last "
                + "millisecond, from that day's window only (default: every day of the stored interactions, at most "
                + "the latest --max-days). Ctrl+C stops it after the day being scored; the days written stay.")
final class BackfillCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    StoreOptions storeOptions = new StoreOptions();

    @Mixin
    ScoringOptions scoring = new ScoringOptions();

    @Mixin
    TopicOptions topics = new TopicOptions();

    @Option(names = "--from", paramLabel = "DAY", description = "First day (default: the first day with interactions).")
    LocalDate from;

    @Option(names = "--to", paramLabel = "DAY", description = "Last day, inclusive (default: the last day with interactions).")
    LocalDate to;

    @Option(names = "--missing-only", description = "Skip days that already have snapshots.")
    boolean missingOnly;

    @Option(names = "--max-days", paramLabel = "N", defaultValue = "" + Backfill.MAX_DAYS_DEFAULT,
            description = "Days one run writes at most (default: ${DEFAULT-VALUE}). Without --from, the latest ones; "
                    + "a longer --from..--to range is refused.")
    int maxDays;

    @Option(names = "--time-limit", paramLabel = "DURATION", converter = TimeArguments.DurationConverter.class,
            description = "Stop after this long (between two days; default: no limit).")
    java.time.Duration timeLimit;

    @Override
    public Integer call() throws Exception {
        if (scoring.asOf != null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--as-of does not apply to backfill: "
                    + "each day is scored as of its end");
        }
        if (maxDays < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--max-days must be >= 1");
        }
        Backfill.Control control = new Backfill.Control(maxDays, timeLimit);
        try (Store store = storeOptions.open();
             StopSignals signals = StopSignals.install(() -> control.cancel("stopped by a signal (Ctrl+C)"))) {
            int days = run(store, from, to, missingOnly, scoring, topics.source(spec.commandLine().getErr()), control,
                    spec.commandLine().getOut(), spec.commandLine().getErr());
            spec.commandLine().getOut().printf(Locale.ROOT, "%d day(s) of snapshots written to %s%s%n", days,
                    store.url(), control.stopReason().map(r -> "; " + r + ", the rest not written").orElse(""));
        }
        spec.commandLine().getOut().flush();
        return topics.problems > 0 ? Renown.EXIT_REJECTS : 0;
    }

    /** Backfills the range (or every day of the stored interactions, at most the latest 366); returns days written. */
    static int run(Store store, LocalDate from, LocalDate to, boolean missingOnly, ScoringOptions scoring,
                   java.io.PrintWriter out, java.io.PrintWriter err) throws java.io.IOException {
        return run(store, from, to, missingOnly, scoring, new Backfill.Control(Backfill.MAX_DAYS_DEFAULT, null), out, err);
    }

    /**
     * Backfills the range, or every day of the stored interactions — the latest {@link Backfill.Control#maxDays()}
     * of them when there are more and {@code from} is not given — within the control's bounds; returns days written.
     */
    static int run(Store store, LocalDate from, LocalDate to, boolean missingOnly, ScoringOptions scoring,
                   Backfill.Control control, java.io.PrintWriter out, java.io.PrintWriter err) throws java.io.IOException {
        return run(store, from, to, missingOnly, scoring, null, control, out, err);
    }

    /** As above, the events' topics — hence the stored topic scores — from {@code topics} (hashtags when null). */
    static int run(Store store, LocalDate from, LocalDate to, boolean missingOnly, ScoringOptions scoring,
                   dev.renown.core.event.TopicSource topics, Backfill.Control control, java.io.PrintWriter out,
                   java.io.PrintWriter err) throws java.io.IOException {
        OptionalLong first = store.firstInteractionMillis();
        OptionalLong last = store.lastInteractionMillis();
        if (first.isEmpty() || last.isEmpty()) {
            throw new Renown.UserError("no interactions in " + store.url() + " to backfill from", 1);
        }
        LocalDate start = from != null ? from : day(first.getAsLong());
        LocalDate end = to != null ? to : day(last.getAsLong());
        if (end.isBefore(start)) {
            throw new Renown.UserError("--to " + end + " is before --from " + start, 2);
        }
        long span = end.toEpochDay() - start.toEpochDay() + 1;
        if (span > control.maxDays()) {
            if (from != null) {
                throw new Renown.UserError("--from " + start + " --to " + end + " is " + span + " days, more than --max-days "
                        + control.maxDays() + ": give a shorter range or a larger --max-days", 2);
            }
            start = end.minusDays(control.maxDays() - 1);
            err.printf(Locale.ROOT, "renown: the interactions span %d days; writing the latest %d (from %s); "
                    + "--from and --max-days write earlier ones%n", span, control.maxDays(), start);
        }
        LocalDate firstDay = start;
        long run = store.startRun("backfill", firstDay + ".." + end, scoring.parameters().toString());
        long t0 = System.nanoTime();
        long total = end.toEpochDay() - firstDay.toEpochDay() + 1;
        int written;
        try (Progress progress = new Progress(err, () -> String.format(Locale.ROOT, "backfilling %s (%d of %d days)",
                control.day() != null ? control.day() : firstDay, Math.min(control.done() + 1, total), total))) {
            ScoringParameters base = scoring.params != null || !scoring.priors ? scoring.parameters()
                    : dev.renown.core.validation.Calibrator.priors(scoring.parameters());
            written = new Backfill(store, base, scoring.params != null || scoring.priors, topics)
                    .run(firstDay, end, missingOnly, run, control);
        }
        store.finishRun(run, String.format(Locale.ROOT, "%d day(s) from %s to %s in %.1f s%s", written, firstDay, end,
                (System.nanoTime() - t0) / 1e9, control.stopReason().map(r -> "; " + r).orElse("")));
        return written;
    }

    static LocalDate day(long millis) {
        return Instant.ofEpochMilli(millis).atZone(ZoneOffset.UTC).toLocalDate();
    }
}
