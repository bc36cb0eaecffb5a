-- DuckDB: the ingest keeps event keys and accounts unique (see JdbcIngestSession), and
-- snapshots are written a whole day at a time, without indexes: an ART index would slow bulk
-- appends and whole-day replacements many times over. Time-range and day reads use DuckDB's
-- zone maps. Nothing to create: the version keeps both databases on the same migration number.
SELECT 1;
