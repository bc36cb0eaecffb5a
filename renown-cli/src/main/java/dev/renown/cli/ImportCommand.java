package dev.renown.cli;

import dev.renown.sources.TimeBound;
import dev.renown.store.IngestResult;
import dev.renown.store.Store;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code renown import}: loads interactions exported by {@code renown export}. */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = "Load interactions from a Parquet or CSV file written by renown export (from this or another "
                + "database); interactions already stored are not added again.")
final class ImportCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "A .parquet or .csv export of interactions.")
    Path file;

    @Mixin
    StoreOptions storeOptions = new StoreOptions();

    @CommandLine.Option(names = "--clock-skew", paramLabel = "DURATION", converter = TimeArguments.DurationConverter.class,
            description = "How far beyond this machine's clock an interaction may be dated (default: 1d); later ones "
                    + "are not imported (future-time).")
    Duration clockSkew;

    @Override
    public Integer call() throws Exception {
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString());
        }
        long[] future = {0};
        try (Store store = storeOptions.open()) {
            long run = store.startRun("import", file.toString(), null);
            IngestResult result;
            TimeBound bound = InputOptions.timeBound(clockSkew);
            String[] first = {null};
            try (Progress progress = new Progress(spec.commandLine().getErr(), () -> "importing " + file)) {
                result = ExportLoad.load(store, file, SourceKeys.of(file), run, bound, Store.DEFAULT_BATCH,
                        (row, field, reason, detail, record) -> {
                            if (future[0]++ == 0) {
                                first[0] = reason + ", the first: row " + row + ", " + field + ": " + detail;
                            }
                        });
            }
            String summary = String.format(Locale.ROOT, "%,d interactions read, %,d added, %,d already stored",
                    result.records(), result.inserted(), result.duplicates() + result.skipped())
                    + (future[0] == 0 ? "" : String.format(Locale.ROOT, ", %,d not imported (%s)", future[0], first[0]));
            store.finishRun(run, summary);
            spec.commandLine().getOut().println(file + ": " + summary);
        }
        spec.commandLine().getOut().flush();
        return future[0] > 0 ? Renown.EXIT_REJECTS : 0;
    }
}
