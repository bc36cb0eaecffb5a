package dev.renown.cli;

import dev.renown.core.event.EventTable;
import dev.renown.core.event.EventTableBuilder;
import dev.renown.core.score.ScoringParameters;
import dev.renown.core.validation.Calibrator;
import dev.renown.core.validation.Evaluation;
import dev.renown.core.validation.EvaluationReport;
import dev.renown.sources.Input;
import dev.renown.sources.Rejects;
import dev.renown.sources.SnapActivityReader;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Out of the box, the weights and timescales are calibrated on the data's own past, and
 * {@code renown evaluate} without {@code --params} evaluates exactly what {@code renown score}
 * would use on the training data.
 */
class CalibrationOutOfTheBoxTest {

    @Test
    void evaluate_uses_what_score_would_calibrate_on_the_training_data() throws IOException {
        EventTableBuilder builder = new EventTableBuilder();
        new SnapActivityReader().read(new Input(Path.of("../data/demo/higgs-activity_time.txt.gz")), builder,
                new Rejects());
        EventTable table = builder.build();
        long split = Instant.parse("2012-07-04T00:00:00Z").toEpochMilli();
        // What score does on the data before the split: as of its last instant, on that data alone.
        Calibrator.Calibration c = Calibrator.calibrate(table.before(split), split - 1, ScoringParameters.defaults(),
                i -> { });
        assertTrue(c.fitted(), c.reason());
        assertEquals(Duration.ofDays(1), c.horizon());
        // Three days of data: folds at 3 and 2 July; the one at 1 July has nothing before it.
        assertEquals(2, c.fit().folds().size());
        EvaluationReport report = new Evaluation(ScoringParameters.defaults(), 0, 1)
                .runCalibrated(table, split, Duration.ofDays(4), i -> { });
        assertEquals(Calibrator.encode(c.parameters()), Calibrator.encode(report.parameters()));
        assertEquals(c.reason(), report.chosen());
        // Decoding what is stored gives the same parameters back.
        assertEquals(Calibrator.encode(c.parameters()),
                Calibrator.encode(Calibrator.decode(Calibrator.encode(c.parameters()), ScoringParameters.defaults())));
    }
}
