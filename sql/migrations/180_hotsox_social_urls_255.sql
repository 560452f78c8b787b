-- SPEC-hotsox.md § 1.4: a social URL may have 255 characters (Django's
-- URLField is VARCHAR(200) by default; the contract's limit is the one kept).
ALTER TABLE hotsox_users
    ALTER COLUMN social_instagram TYPE VARCHAR(255),
    ALTER COLUMN social_facebook TYPE VARCHAR(255),
    ALTER COLUMN social_twitter TYPE VARCHAR(255),
    ALTER COLUMN social_spotify TYPE VARCHAR(255);
