-- Socks for the next-sock benchmark: :socks socks with a picture each, owned by
-- :socks / 100 users named bench_owner_<n> (their password hash can never
-- match: nobody logs in as them). Run as the schema owner; deterministic.
--   psql -v socks=100000 -f tools/bench/seed_hotsox.sql
\set ON_ERROR_STOP on
BEGIN;
DELETE FROM hotsox_users WHERE username LIKE 'bench\_owner\_%';
SELECT setseed(0.42);
INSERT INTO hotsox_users (username, email, password_hash, info_about, info_birthday, info_gender, location_city,
                          notification)
SELECT 'bench_owner_' || n, 'bench_owner_' || n || '@example.invalid', '!', md5(n::text) || ' likes socks',
       date '1980-01-01' + (n % 7000), 1 + n % 8, 'Benchtown', false
FROM generate_series(1, greatest(:socks / 100, 1)) AS n;
INSERT INTO hotsox_socks (owner_id, info_joining_date, info_name, info_color, info_fabric, info_fabric_thickness,
                          info_brand, info_type, info_size, info_age, info_separation_date, info_condition,
                          info_holes, info_kilometers, info_inoutdoor, info_washed, info_special)
SELECT u.id, date '2026-01-01' - (random() * 300)::int, 'bench sock ' || n, 1 + (random() * 9)::int,
       1 + (random() * 6)::int, 1 + (random() * 6)::int, 1 + (random() * 12)::int, 1 + (random() * 8)::int,
       1 + (random() * 6)::int, (random() * 25)::int, date '2025-06-01' - (random() * 300)::int,
       1 + (random() * 11)::int, (random() * 10)::int, (random() * 1000)::int, 1 + (random() * 8)::int,
       (random() * 7)::int, md5(n::text)
FROM generate_series(1, :socks) AS n
JOIN hotsox_users u ON u.username = 'bench_owner_' || (1 + n % greatest(:socks / 100, 1));
INSERT INTO hotsox_pictures (owner_id, sock_id, file_name, size_bytes)
SELECT s.owner_id, s.id, 'bench-' || s.id || '.png', 68
FROM hotsox_socks s JOIN hotsox_users u ON u.id = s.owner_id WHERE u.username LIKE 'bench\_owner\_%';
COMMIT;
ANALYZE hotsox_users;
ANALYZE hotsox_socks;
ANALYZE hotsox_pictures;
