-- HotSox accounts, their socks and pictures (SPEC.md § HotSox). Choices are
-- stored as the numbers "1".."N" stand for; the API checks the same ranges,
-- the constraints keep anything else out whoever writes.
CREATE TABLE hotsox_users (
    id BIGSERIAL PRIMARY KEY,
    username VARCHAR(150) NOT NULL UNIQUE,
    email VARCHAR(254) NOT NULL,
    password_hash TEXT NOT NULL,
    first_name VARCHAR(150) NOT NULL DEFAULT '',
    last_name VARCHAR(150) NOT NULL DEFAULT '',
    info_about TEXT NOT NULL DEFAULT '',
    info_birthday DATE NOT NULL,
    info_gender SMALLINT NOT NULL CHECK (info_gender BETWEEN 1 AND 8),
    location_city VARCHAR(255) NOT NULL,
    location_latitude DOUBLE PRECISION CHECK (location_latitude BETWEEN -90 AND 90),
    location_longitude DOUBLE PRECISION CHECK (location_longitude BETWEEN -180 AND 180),
    notification BOOLEAN NOT NULL DEFAULT true,
    social_instagram VARCHAR(200),
    social_facebook VARCHAR(200),
    social_twitter VARCHAR(200),
    social_spotify VARCHAR(200),
    is_staff BOOLEAN NOT NULL DEFAULT false,
    is_active BOOLEAN NOT NULL DEFAULT true,
    -- Raised on a password change: every token issued before stops working.
    token_version BIGINT NOT NULL DEFAULT 0,
    date_joined TIMESTAMPTZ NOT NULL DEFAULT now()
);
-- Emails are unique whatever their case, as people type them.
CREATE UNIQUE INDEX hotsox_users_email_key ON hotsox_users (lower(email));
CREATE INDEX hotsox_users_date_joined ON hotsox_users (date_joined DESC, id DESC);

CREATE TABLE hotsox_socks (
    id BIGSERIAL PRIMARY KEY,
    owner_id BIGINT NOT NULL REFERENCES hotsox_users (id) ON DELETE CASCADE,
    info_joining_date DATE NOT NULL DEFAULT current_date,
    info_name VARCHAR(255) NOT NULL,
    info_about TEXT NOT NULL DEFAULT '',
    info_color SMALLINT NOT NULL CHECK (info_color BETWEEN 1 AND 10),
    info_fabric SMALLINT NOT NULL CHECK (info_fabric BETWEEN 1 AND 7),
    info_fabric_thickness SMALLINT NOT NULL CHECK (info_fabric_thickness BETWEEN 1 AND 7),
    info_brand SMALLINT NOT NULL CHECK (info_brand BETWEEN 1 AND 13),
    info_type SMALLINT NOT NULL CHECK (info_type BETWEEN 1 AND 9),
    info_size SMALLINT NOT NULL CHECK (info_size BETWEEN 1 AND 7),
    info_age SMALLINT NOT NULL CHECK (info_age >= 0),
    info_separation_date DATE NOT NULL,
    info_condition SMALLINT NOT NULL CHECK (info_condition BETWEEN 1 AND 12),
    info_holes SMALLINT NOT NULL CHECK (info_holes >= 0),
    info_kilometers SMALLINT NOT NULL CHECK (info_kilometers >= 0),
    info_inoutdoor SMALLINT NOT NULL CHECK (info_inoutdoor BETWEEN 1 AND 9),
    info_washed SMALLINT NOT NULL CHECK (info_washed >= 0),
    info_special VARCHAR(250) NOT NULL,
    -- Lets a picture name its sock and owner together (see hotsox_pictures).
    UNIQUE (id, owner_id)
);
CREATE INDEX hotsox_socks_owner ON hotsox_socks (owner_id, id DESC);

-- A user's picture (sock_id NULL) or a sock's. The composite key means a
-- picture can only hang on a sock of its own owner.
CREATE TABLE hotsox_pictures (
    id BIGSERIAL PRIMARY KEY,
    owner_id BIGINT NOT NULL REFERENCES hotsox_users (id) ON DELETE CASCADE,
    sock_id BIGINT,
    file_name VARCHAR(100) NOT NULL UNIQUE,
    size_bytes INTEGER NOT NULL CHECK (size_bytes > 0),
    uploaded_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    FOREIGN KEY (sock_id, owner_id) REFERENCES hotsox_socks (id, owner_id) ON DELETE CASCADE
);
CREATE INDEX hotsox_pictures_owner ON hotsox_pictures (owner_id) WHERE sock_id IS NULL;
CREATE INDEX hotsox_pictures_sock ON hotsox_pictures (sock_id) WHERE sock_id IS NOT NULL;
