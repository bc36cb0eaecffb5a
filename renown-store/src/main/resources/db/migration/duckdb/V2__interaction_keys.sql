-- DuckDB: the ingest keeps event keys and accounts unique (see JdbcIngestSession) without
-- indexes, which would slow bulk appends several times; time-range reads use DuckDB's zone
-- maps. Nothing to create: the version keeps both databases on the same migration number.
SELECT 1;
