-- Background jobs waiting to be moved into the KeyDB job stream. A handler
-- inserts its jobs in the transaction of its change, so a job exists exactly
-- when the change committed; `fcgi-app jobs` moves rows to the stream and
-- deletes them (at least once: a job may reach the stream twice, never zero times).
CREATE TABLE job_outbox (
    id BIGSERIAL PRIMARY KEY,
    kind TEXT NOT NULL,
    payload JSONB NOT NULL,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
