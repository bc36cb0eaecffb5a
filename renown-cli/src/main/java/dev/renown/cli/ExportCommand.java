package dev.renown.cli;

import dev.renown.store.Store;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code renown export}: interactions or snapshots to Parquet or CSV. */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Write the stored interactions or score snapshots to a Parquet or CSV file (by the "
                + "file's extension): the interchange format of renown import and the Spark runner.")
final class ExportCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "WHAT", description = "interactions or scores")
    String what;

    @Option(names = "--to", required = true, paramLabel = "FILE", description = "Output file: .parquet or .csv.")
    Path to;

    @Mixin
    StoreOptions storeOptions = new StoreOptions();

    @Override
    public Integer call() throws Exception {
        Store.Table table;
        switch (what.toLowerCase(Locale.ROOT)) {
            case "interactions": table = Store.Table.INTERACTIONS; break;
            case "scores": case "snapshots": table = Store.Table.SNAPSHOTS; break;
            default: throw new CommandLine.ParameterException(spec.commandLine(),
                    "WHAT must be interactions or scores, not '" + what + "'");
        }
        String name = to.getFileName().toString().toLowerCase(Locale.ROOT);
        if (!name.endsWith(".parquet") && !name.endsWith(".csv")) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--to must end in .parquet or .csv");
        }
        try (Store store = storeOptions.open()) {
            long rows;
            try (Progress progress = new Progress(spec.commandLine().getErr(), () -> "exporting " + what + " to " + to)) {
                rows = store.export(table, to);
            }
            spec.commandLine().getOut().printf(Locale.ROOT, "%,d rows written to %s%n", rows, to);
        }
        spec.commandLine().getOut().flush();
        return 0;
    }
}
