-- Where each live stream stands: the cursor (Jetstream's time_us, a Mastodon status id) that
-- covers the last batch committed from it, written in the same transaction as that batch, so a
-- connector restarted at any point resumes from exactly what is stored.
CREATE TABLE stream_cursors (
    source_key    VARCHAR(128) NOT NULL PRIMARY KEY,
    cursor_value  VARCHAR(256) NOT NULL,
    run_id        BIGINT,
    updated_at    TIMESTAMP    NOT NULL
);
