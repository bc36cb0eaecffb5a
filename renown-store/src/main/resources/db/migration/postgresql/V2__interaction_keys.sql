-- PostgreSQL enforces what the ingest keeps unique, and indexes what queries look up.
ALTER TABLE interactions ADD PRIMARY KEY (event_key);
ALTER TABLE accounts ADD PRIMARY KEY (network, account_id);
ALTER TABLE score_snapshots ADD PRIMARY KEY (day, network, account_id);
ALTER TABLE topic_scores ADD PRIMARY KEY (day, topic, network, account_id);
CREATE INDEX interactions_time ON interactions (time_ms);
CREATE INDEX snapshots_account ON score_snapshots (network, account_id, day);
CREATE INDEX accounts_handle ON accounts (LOWER(handle));
