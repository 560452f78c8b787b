-- For each 1- or 2-character term, how many of its matches rank at most
-- k * 4096 in id order and in (type, id) order (element k + 1, the first 0):
-- a walk to a deep page of such a term starts at most one block before it.
-- Empty until the next seed.
ALTER TABLE github_users_term_counts
    ADD COLUMN id_blocks INTEGER[] NOT NULL DEFAULT '{}',
    ADD COLUMN type_blocks INTEGER[] NOT NULL DEFAULT '{}';
