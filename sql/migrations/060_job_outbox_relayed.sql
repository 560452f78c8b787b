-- An outbox row now stays until its job is finished (done, or moved to the
-- dead letters), not only until it reached the KeyDB stream: a KeyDB that
-- loses its data loses the stream, and the rows are what is left to relay the
-- unfinished jobs again. relayed_at: when the row went into the stream; NULL
-- while it still has to go (again).
ALTER TABLE job_outbox ADD COLUMN relayed_at TIMESTAMPTZ;

-- The relay looks only for rows not yet in the stream, oldest first.
CREATE INDEX job_outbox_unrelayed ON job_outbox (id) WHERE relayed_at IS NULL;
