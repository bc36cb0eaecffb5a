package dev.renown.cli;

import dev.renown.core.event.EventTable;
import dev.renown.core.event.EventTableBuilder;
import dev.renown.core.score.ScoringParameters;
import dev.renown.core.validation.Fit;
import dev.renown.sources.Input;
import dev.renown.sources.Rejects;
import dev.renown.sources.SnapActivityReader;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/**
 * The shipped signal weights are what the documented fit produces, not numbers typed in:
 * rerunning {@code renown fit --input data/demo/higgs-activity_time.txt.gz --split 2012-07-04
 * --horizon 1d --folds 2} gives exactly {@link ScoringParameters#defaults()}'s weights and those of
 * {@code docs/default-weights.json}.
 */
class ShippedDefaultsTest {

    @Test
    void default_signal_weights_are_the_output_of_the_documented_fit() throws IOException {
        EventTableBuilder builder = new EventTableBuilder();
        new SnapActivityReader().read(new Input(Path.of("../data/demo/higgs-activity_time.txt.gz")), builder,
                new Rejects());
        EventTable table = builder.build();
        ScoringParameters defaults = ScoringParameters.defaults();
        Fit.Result fit = new Fit(defaults, 0.05).fit(table, Instant.parse("2012-07-04T00:00:00Z").toEpochMilli(),
                Duration.ofDays(1), 2);
        assertArrayEquals(fit.weights(), defaults.signalWeights(), 1e-12);
        assertArrayEquals(fit.weights(), ParameterFile.readSignalWeights(Path.of("../docs/default-weights.json")),
                1e-12);
    }
}
