-- A person's score per day (issue 12), written beside the accounts' snapshots whenever persons are
-- linked: its combined score, rank among the persons, and the five signal values of the person
-- scored as one account (docs/scoring.md section 5a).
CREATE TABLE person_snapshots (
    day             DATE             NOT NULL,
    person          VARCHAR(256)     NOT NULL,
    score           DOUBLE PRECISION NOT NULL,
    score_rank      INTEGER          NOT NULL,
    reach           DOUBLE PRECISION NOT NULL,
    amplification   DOUBLE PRECISION NOT NULL,
    network_impact  DOUBLE PRECISION NOT NULL,
    conversation    DOUBLE PRECISION NOT NULL,
    outreach        DOUBLE PRECISION NOT NULL,
    run_id          BIGINT           NOT NULL
);
