-- How each run ended (issue 12's daily cycle): running, ok, failed or interrupted (a process that
-- stopped while the run was going); for a daily run, the day it scored and how many accounts and
-- interactions that day's snapshot covered. Runs recorded before this migration have no status:
-- read as ok when they finished, interrupted when they did not.
ALTER TABLE runs ADD COLUMN status VARCHAR(16);
ALTER TABLE runs ADD COLUMN day DATE;
ALTER TABLE runs ADD COLUMN accounts BIGINT;
ALTER TABLE runs ADD COLUMN interactions BIGINT;
