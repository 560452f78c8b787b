-- PhGen: a phrase is unique by the SHA-256 of its text, not by the text itself.
-- A B-tree entry holds at most 2704 bytes, so the primary key on the text made
-- PostgreSQL refuse a valid phrase of 1000 CJK characters (3000 bytes of UTF-8)
-- and the client got a 500 (issue 18 item 3). The digest is 32 bytes for any
-- phrase. id becomes the primary key (it was already unique and not null).
--
-- convert_to() is only STABLE (an encoding conversion could change), but from
-- the database's own encoding to UTF8 it is the identity here: the cluster is
-- UTF8 (deploy/postgres, tools/dev), so the digest of a text never changes and
-- the function may be IMMUTABLE, as an index expression must be.
DO $$
BEGIN
    IF current_setting('server_encoding') <> 'UTF8' THEN
        RAISE EXCEPTION 'phrase_digest needs a UTF8 database, not %', current_setting('server_encoding');
    END IF;
END
$$;
CREATE FUNCTION phrase_digest(phrase TEXT) RETURNS BYTEA
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $$ SELECT sha256(convert_to(phrase, 'UTF8')) $$;

CREATE UNIQUE INDEX phrases_phrase_digest ON phrases (phrase_digest(phrase));
ALTER TABLE phrases DROP CONSTRAINT phrases_pkey;
ALTER TABLE phrases ALTER COLUMN phrase SET NOT NULL;
ALTER TABLE phrases ADD CONSTRAINT phrases_pkey PRIMARY KEY (id);
ALTER TABLE phrases DROP CONSTRAINT phrases_id_key;
