-- PhGen: the phrases the "current phrase" is drawn from.
-- The id is unique and indexed so a random pick is an index probe, not a scan.
CREATE TABLE phrases (
    id SERIAL UNIQUE,
    phrase TEXT PRIMARY KEY
);

INSERT INTO phrases (phrase) VALUES
    ('Hello DB 1!'),
    ('Hello DB 2!'),
    ('Hello DB 3!'),
    ('Hello DB 4!'),
    ('Hello DB 5!');
