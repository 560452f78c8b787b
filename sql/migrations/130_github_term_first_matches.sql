-- Where each short term's first matches lie, written by the seed with the
-- counts: the id_rank of the first 100 rows holding the term in id order, and
-- the type_rank of the first 100 in (type, id) order, ascending (all of them
-- when fewer match). A page among them is a fetch of its rows by rank: walking
-- the rows in order to find the page read ~25 × rows / matches rows (60,000 for
-- a term in 1 row of 2,400), fetching every match by trigram one block per match.
ALTER TABLE github_users_term_counts
    ADD COLUMN first_id_ranks INTEGER[] NOT NULL DEFAULT '{}',
    ADD COLUMN first_type_ranks INTEGER[] NOT NULL DEFAULT '{}';
