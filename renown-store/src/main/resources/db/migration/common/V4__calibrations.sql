-- The weights and timescales each day's scores were computed with, and how they were chosen:
-- fitted on the data's own past (rolling folds) or the documented priors. A day uses the latest
-- calibration on or before it; a new row is written only when a calibration is (re)made, so the
-- table is the record of every refit, including those that moved the weights.
CREATE TABLE calibrations (
    day         DATE         NOT NULL PRIMARY KEY,
    fitted      BOOLEAN      NOT NULL,
    parameters  VARCHAR      NOT NULL,
    reason      VARCHAR      NOT NULL,
    run_id      BIGINT,
    created_at  TIMESTAMP    NOT NULL
);
