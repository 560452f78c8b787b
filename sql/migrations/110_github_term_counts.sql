-- Exact counts of the short username searches (1 to 3 characters), written by
-- the seed together with the rows it loads (the table changes only then).
-- A short term matches too many rows for the trigram index to help (one or two
-- characters cannot use it at all), so counting it scanned up to the whole
-- table; there are few enough short terms to count them all in one pass.
CREATE TABLE github_users_term_counts (
    term TEXT PRIMARY KEY,  -- lower-cased, as searched: lower(username) LIKE '%term%'
    total BIGINT NOT NULL   -- rows whose username contains it, each row once
);
-- False until a seed has written the counts of the current rows: until then
-- (and for rows it could not count) the app counts with count(*).
ALTER TABLE github_users_meta ADD COLUMN term_counts_ready BOOLEAN NOT NULL DEFAULT FALSE;
