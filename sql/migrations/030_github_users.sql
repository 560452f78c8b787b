-- GitHub users: seeded profiles (fcgi-app seed github), browsed page by page.
-- The seed is the only writer, so it stores each row's position in both
-- orders (id_rank, type_rank): any page, however deep, is an index range scan.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE TABLE github_users (
    id BIGINT PRIMARY KEY,
    username TEXT NOT NULL,
    image_url TEXT NOT NULL,
    type TEXT NOT NULL,
    profile_url TEXT NOT NULL,
    id_rank BIGINT NOT NULL,
    type_rank BIGINT NOT NULL
);
CREATE UNIQUE INDEX github_users_id_rank ON github_users (id_rank);
CREATE UNIQUE INDEX github_users_type_rank ON github_users (type_rank);
CREATE INDEX github_users_type_id ON github_users (type, id);
-- Case-insensitive substring search: lower(username) LIKE '%ab%'.
CREATE INDEX github_users_username_trgm ON github_users USING gin (lower(username) gin_trgm_ops);

-- The exact row count, kept by the seed, so an unfiltered page never counts rows.
CREATE TABLE github_users_meta (
    singleton BOOLEAN PRIMARY KEY DEFAULT TRUE CHECK (singleton),
    total BIGINT NOT NULL
);
INSERT INTO github_users_meta (total) VALUES (0);
