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
                + "millisecond, from that day's window only (default: every day of the stored interactions).")
final class BackfillCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    StoreOptions storeOptions = new StoreOptions();

    @Mixin
    ScoringOptions scoring = new ScoringOptions();

    @Option(names = "--from", paramLabel = "DAY", description = "First day (default: the first day with interactions).")
    LocalDate from;

    @Option(names = "--to", paramLabel = "DAY", description = "Last day, inclusive (default: the last day with interactions).")
    LocalDate to;

    @Option(names = "--missing-only", description = "Skip days that already have snapshots.")
    boolean missingOnly;

    @Override
    public Integer call() throws Exception {
        if (scoring.asOf != null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--as-of does not apply to backfill: "
                    + "each day is scored as of its end");
        }
        try (Store store = storeOptions.open()) {
            int days = run(store, from, to, missingOnly, scoring, spec.commandLine().getOut(),
                    spec.commandLine().getErr());
            spec.commandLine().getOut().printf(Locale.ROOT, "%d day(s) of snapshots written to %s%n", days, store.url());
        }
        spec.commandLine().getOut().flush();
        return 0;
    }

    /** Backfills the range (or every day of the stored interactions); returns days written. */
    static int run(Store store, LocalDate from, LocalDate to, boolean missingOnly, ScoringOptions scoring,
                   java.io.PrintWriter out, java.io.PrintWriter err) throws java.io.IOException {
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
        long run = store.startRun("backfill", start + ".." + end, scoring.parameters().toString());
        long t0 = System.nanoTime();
        int[] current = {0};
        long total = end.toEpochDay() - start.toEpochDay() + 1;
        int written;
        try (Progress progress = new Progress(err, () -> String.format(Locale.ROOT, "backfilling %s (%d of %d days)",
                start.plusDays(current[0]), current[0] + 1, total))) {
            ScoringParameters base = scoring.params != null || !scoring.priors ? scoring.parameters()
                    : dev.renown.core.validation.Calibrator.priors(scoring.parameters());
            written = new Backfill(store, base, scoring.params != null || scoring.priors)
                    .run(start, end, missingOnly, run, i -> current[0] = i);
        }
        store.finishRun(run, String.format(Locale.ROOT, "%d day(s) from %s to %s in %.1f s", written, start, end,
                (System.nanoTime() - t0) / 1e9));
        return written;
    }

    static LocalDate day(long millis) {
        return Instant.ofEpochMilli(millis).atZone(ZoneOffset.UTC).toLocalDate();
    }
}
