package dev.renown.cli;

import dev.renown.core.score.ScoringParameters;
import dev.renown.core.validation.Calibrator;
import dev.renown.store.Store;
import dev.renown.store.StoredCalibration;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code renown calibrations}: the record of the weights and timescales each day was scored with. */
@Command(name = "calibrations", mixinStandardHelpOptions = true,
        description = "List the calibrations stored in the database: from which day each was in force, whether it was "
                + "fitted on the data's own past or the documented priors, its weights and timescales, and why — "
                + "including what each refit replaced.")
final class CalibrationsCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    StoreOptions storeOptions = new StoreOptions();

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        try (Store store = storeOptions.open()) {
            List<StoredCalibration> all = store.calibrations();
            if (all.isEmpty()) {
                out.println("No calibration stored in " + store.url() + " yet: renown backfill makes them.");
            }
            for (StoredCalibration c : all) {
                out.printf("%s  %s%n    %s%n    %s%n", c.day(), c.fitted() ? "fitted" : "priors",
                        EvaluationOutput.describe(Calibrator.decode(c.parameters(), ScoringParameters.defaults())),
                        c.reason());
            }
        }
        out.flush();
        return 0;
    }
}
