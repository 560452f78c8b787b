-- HotSox's DRF surface as the original's clients see it (SPEC-hotsox.md § 1):
-- the user's Django flags, DRF authtoken keys, ids of judgements (SockLike)
-- and a chat message's seen date.
ALTER TABLE hotsox_users
    ADD COLUMN is_superuser BOOLEAN NOT NULL DEFAULT false,
    -- Django's: never set by a token login (only the original's web login did).
    ADD COLUMN last_login TIMESTAMPTZ;
-- Administrators made so far were made staff and superuser at once.
UPDATE hotsox_users SET is_superuser = true WHERE is_staff;

-- DRF's authtoken: one 40-hex key per user, made on the first django-token/
-- login and answered again on every later one (so it is kept as it is).
CREATE TABLE hotsox_auth_tokens (
    key CHAR(40) PRIMARY KEY,
    user_id BIGINT NOT NULL UNIQUE REFERENCES hotsox_users (id) ON DELETE CASCADE,
    created TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- A judgement is a SockLike row of the original, shown with its id.
ALTER TABLE hotsox_judgements ADD COLUMN id BIGSERIAL NOT NULL UNIQUE;

-- The API never sets it; the original's web chat did.
ALTER TABLE hotsox_chats ADD COLUMN seen_at TIMESTAMPTZ;
