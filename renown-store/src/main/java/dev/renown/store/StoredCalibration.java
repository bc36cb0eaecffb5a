package dev.renown.store;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A calibration as stored: the weights and timescales scores were computed with from {@code day}
 * on, until the next one.
 *
 * @param day        the day it was made for (as of the end of that day)
 * @param fitted     fitted on the data's own past, or the documented priors
 * @param parameters the weights and timescales, as {@link dev.renown.core.validation.Calibrator#encode} writes them
 * @param reason     how they were chosen, in one sentence
 * @param runId      the run that made it
 * @param createdAt  when
 */
public record StoredCalibration(LocalDate day, boolean fitted, String parameters, String reason, long runId,
                                Instant createdAt) {
}
