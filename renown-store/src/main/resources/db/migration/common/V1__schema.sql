-- Renown's store: the same schema on DuckDB and PostgreSQL (portable SQL only).

-- Accounts, one row per (network, id), with what sources told about them; the ingest keeps
-- (network, account_id) unique, PostgreSQL also enforces it (V2).
CREATE TABLE accounts (
    network       VARCHAR(64)  NOT NULL,
    account_id    VARCHAR(512) NOT NULL,
    handle        VARCHAR(512),
    display_name  VARCHAR(1024),
    followers     BIGINT,
    following     BIGINT,
    posts         BIGINT
);

-- Every interaction ever ingested, once: event_key is the 64-bit fingerprint of event_id. The
-- ingest keeps it unique; PostgreSQL also enforces it (V2), DuckDB does not index it, because
-- an ART index would slow bulk appends threefold.
CREATE TABLE interactions (
    event_key      BIGINT       NOT NULL,
    event_id       VARCHAR      NOT NULL,
    network        VARCHAR(64)  NOT NULL,
    kind           VARCHAR(16)  NOT NULL,
    actor          VARCHAR(512) NOT NULL,
    target         VARCHAR(512) NOT NULL,
    time_ms        BIGINT       NOT NULL,
    post_id        VARCHAR,
    target_post_id VARCHAR,
    hashtags       VARCHAR,
    text           VARCHAR
);

-- One row per account and day: the score as of the end of that UTC day, with its breakdown;
-- (day, network, account_id) is unique (PostgreSQL enforces it, V2; DuckDB writes a day at a time).
CREATE TABLE score_snapshots (
    day             DATE             NOT NULL,
    network         VARCHAR(64)      NOT NULL,
    account_id      VARCHAR(512)     NOT NULL,
    score           DOUBLE PRECISION NOT NULL,
    reach           DOUBLE PRECISION NOT NULL,
    amplification   DOUBLE PRECISION NOT NULL,
    network_impact  DOUBLE PRECISION NOT NULL,
    conversation    DOUBLE PRECISION NOT NULL,
    outreach        DOUBLE PRECISION NOT NULL,
    score_rank      INTEGER          NOT NULL,
    percentile      DOUBLE PRECISION NOT NULL,
    run_id          BIGINT           NOT NULL
);

-- Per-topic scores (hashtags), when the data has topics.
CREATE TABLE topic_scores (
    day         DATE             NOT NULL,
    topic       VARCHAR(256)     NOT NULL,
    network     VARCHAR(64)      NOT NULL,
    account_id  VARCHAR(512)     NOT NULL,
    score       DOUBLE PRECISION NOT NULL,
    score_rank  INTEGER          NOT NULL,
    run_id      BIGINT           NOT NULL
);

-- What ran: ingests, backfills, imports; with input, parameters, timing and counts.
CREATE SEQUENCE run_ids START 1;
CREATE TABLE runs (
    run_id       BIGINT       NOT NULL PRIMARY KEY,
    kind         VARCHAR(32)  NOT NULL,
    input        VARCHAR,
    parameters   VARCHAR,
    started_at   TIMESTAMP    NOT NULL,
    finished_at  TIMESTAMP,
    summary      VARCHAR
);

-- How far each input has been ingested, committed with each batch, so a stopped ingest resumes.
CREATE TABLE ingest_progress (
    source_key    VARCHAR(128) NOT NULL PRIMARY KEY,
    description   VARCHAR,
    records_done  BIGINT       NOT NULL,
    completed     BOOLEAN      NOT NULL,
    run_id        BIGINT
);
