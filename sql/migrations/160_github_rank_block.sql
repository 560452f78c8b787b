-- How many ranks each element of github_users_term_counts' blocks covers.
-- Seeds before this migration counted blocks of 4,096 ranks; a seed now
-- writes the size it used, which grows with the table so that a term keeps
-- at most 1,024 blocks in each order.
ALTER TABLE github_users_meta ADD COLUMN rank_block INTEGER NOT NULL DEFAULT 4096;
