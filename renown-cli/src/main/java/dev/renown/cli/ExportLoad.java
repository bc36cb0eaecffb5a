package dev.renown.cli;

import dev.renown.sources.TimeBound;
import dev.renown.store.ExportFiles;
import dev.renown.store.IngestResult;
import dev.renown.store.IngestSession;
import dev.renown.store.Store;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * Loads a file written by {@code renown export} (Parquet or CSV), for {@code ingest} and
 * {@code import}: inside the database when the store reads Parquet itself
 * ({@link Store#loadParquet}), otherwise record by record through an ingest session, where a
 * row dated beyond {@code bound} goes to {@code rejects} as the database would send it.
 */
final class ExportLoad {

    private ExportLoad() {
    }

    static IngestResult load(Store store, Path file, String sourceKey, long runId, TimeBound bound, int batch,
                             Store.RowRejects rejects) throws IOException {
        if (file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".parquet")) {
            Optional<IngestResult> loaded = store.loadParquet(file, sourceKey, runId, bound.latestMillis(), rejects);
            if (loaded.isPresent()) {
                return loaded.get();
            }
        }
        long[] row = {0};
        try (IngestSession session = store.beginIngest(sourceKey, file.toString(), runId, batch)) {
            ExportFiles.readInteractions(file, interaction -> {
                row[0]++;
                if (bound.allows(interaction.timeMillis())) {
                    session.accept(interaction);
                } else {
                    rejects.reject(row[0], "time_ms", TimeBound.REASON, bound.describe(interaction.timeMillis()),
                            interaction.eventId());
                }
            });
            return session.finish();
        }
    }
}
