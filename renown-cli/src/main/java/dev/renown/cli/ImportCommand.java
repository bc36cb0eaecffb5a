package dev.renown.cli;

import dev.renown.store.ExportFiles;
import dev.renown.store.IngestResult;
import dev.renown.store.IngestSession;
import dev.renown.store.Store;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
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

    @Override
    public Integer call() throws Exception {
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString());
        }
        try (Store store = storeOptions.open()) {
            long run = store.startRun("import", file.toString(), null);
            IngestResult result;
            try (IngestSession session = store.beginIngest(SourceKeys.of(file), file.toString(), run);
                 Progress progress = new Progress(spec.commandLine().getErr(), () -> "importing " + file)) {
                ExportFiles.readInteractions(file, session);
                result = session.finish();
            }
            String summary = String.format(Locale.ROOT, "%,d interactions read, %,d added, %,d already stored",
                    result.records(), result.inserted(), result.duplicates() + result.skipped());
            store.finishRun(run, summary);
            spec.commandLine().getOut().println(file + ": " + summary);
        }
        spec.commandLine().getOut().flush();
        return 0;
    }
}
