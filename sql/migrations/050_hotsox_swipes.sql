-- HotSox swiping: what each sock thought of each other sock, the matches that
-- follow, and the chat and mail of matched users (SPEC.md § HotSox).

-- One judgement per (my sock, other sock); a dislike is stored too.
CREATE TABLE hotsox_judgements (
    sock_id BIGINT NOT NULL REFERENCES hotsox_socks (id) ON DELETE CASCADE,
    other_sock_id BIGINT NOT NULL REFERENCES hotsox_socks (id) ON DELETE CASCADE,
    liked BOOLEAN NOT NULL,
    judged_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (sock_id, other_sock_id)
);
-- "Did the other sock like mine?" reads the reverse direction.
CREATE INDEX hotsox_judgements_other ON hotsox_judgements (other_sock_id, sock_id) WHERE liked;

-- A match between two users, recorded once from the side that made it. An
-- unmatched match stays (unmatched = true): it keeps the two users apart.
CREATE TABLE hotsox_matches (
    id BIGSERIAL PRIMARY KEY,
    user_id BIGINT NOT NULL REFERENCES hotsox_users (id) ON DELETE CASCADE,
    other_user_id BIGINT NOT NULL REFERENCES hotsox_users (id) ON DELETE CASCADE,
    sock_id BIGINT REFERENCES hotsox_socks (id) ON DELETE SET NULL,
    other_sock_id BIGINT REFERENCES hotsox_socks (id) ON DELETE SET NULL,
    chatroom_uuid UUID NOT NULL UNIQUE DEFAULT gen_random_uuid(),
    unmatched BOOLEAN NOT NULL DEFAULT false,
    matched_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    CHECK (user_id <> other_user_id)
);
-- At most one match per pair of users, whichever side made it: the last
-- guard against two simultaneous reverse likes (the judge also locks both socks).
CREATE UNIQUE INDEX hotsox_matches_pair ON hotsox_matches (least(user_id, other_user_id), greatest(user_id, other_user_id));
CREATE INDEX hotsox_matches_other ON hotsox_matches (other_user_id);

CREATE TABLE hotsox_chats (
    id BIGSERIAL PRIMARY KEY,
    match_id BIGINT NOT NULL REFERENCES hotsox_matches (id) ON DELETE CASCADE,
    sender_id BIGINT NOT NULL REFERENCES hotsox_users (id) ON DELETE CASCADE,
    receiver_id BIGINT NOT NULL REFERENCES hotsox_users (id) ON DELETE CASCADE,
    message VARCHAR(2000) NOT NULL,
    sent_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX hotsox_chats_match ON hotsox_chats (match_id, id);
CREATE INDEX hotsox_chats_sender ON hotsox_chats (sender_id, id DESC);

CREATE TABLE hotsox_mails (
    id BIGSERIAL PRIMARY KEY,
    owner_id BIGINT NOT NULL REFERENCES hotsox_users (id) ON DELETE CASCADE,
    subject VARCHAR(255) NOT NULL,
    message VARCHAR(5000) NOT NULL,
    sent_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX hotsox_mails_owner ON hotsox_mails (owner_id, id DESC);

